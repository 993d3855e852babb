"""What a push subscription must look like before the server will ever POST to it: an endpoint at
an allowed push service, and keys that can really encrypt (RFC 8291)."""

from cryptography.hazmat.primitives.asymmetric import ec
from yarl import URL

from api.push import base64url

# Plain http is only for a push service on this machine (tests, demos), and only when listed.
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def parse_allowed_hosts(setting: str) -> frozenset[str]:
    """WINKELPRAAT_PUSH_ALLOWED_HOSTS: comma-separated hosts, `*.example.com` for subdomains."""
    return frozenset(
        host.strip().strip("[]").lower() for host in setting.split(",") if host.strip()
    )


def _host_allowed(host: str, allowed: frozenset[str]) -> bool:
    if host in allowed:
        return True
    # "*.notify.windows.com" covers wns2-par02p.notify.windows.com, never notify.windows.com.
    return any(
        entry.startswith("*.") and host.endswith(entry[1:]) and len(host) > len(entry) - 1
        for entry in allowed
    )


def endpoint_problem(endpoint: str, allowed_hosts: str) -> str | None:
    """Why the server must not deliver to this endpoint, or None when it may.

    The server POSTs to whatever endpoint a client registers; without this check any account
    could aim those requests at internal hosts (SSRF). The URL is parsed with yarl, the parser
    aiohttp uses to connect, so the host checked is the host reached.
    """
    try:
        url = URL(endpoint)
    except ValueError:
        return "is not a valid URL"
    if url.scheme not in ("https", "http") or not url.raw_host:
        return "must be an https URL"
    if url.raw_user is not None or url.raw_password is not None:
        return "must not contain a user name or password"
    host = url.raw_host.lower()
    allowed = parse_allowed_hosts(allowed_hosts)
    if not _host_allowed(host, allowed):
        return f"{host} is not an allowed push service"
    if url.scheme == "http" and not (host in LOOPBACK_HOSTS and host in allowed):
        return "must be an https URL"
    # Push services listen on 443; another port on an allowed host is no push service of theirs.
    if url.scheme == "https" and url.explicit_port not in (None, 443):
        return "must use the https port (443)"
    return None


def check_p256dh(value: str) -> str:
    """The browser's ECDH public key: an uncompressed P-256 point (65 bytes), normalised to
    unpadded base64url."""
    raw = base64url.decode(value)
    if len(raw) != 65 or raw[0] != 0x04:
        raise ValueError("must be an uncompressed P-256 public key (65 bytes, base64url)")
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)
    except ValueError as exc:
        raise ValueError("is not a point on the P-256 curve") from exc
    return base64url.encode(raw)


def check_auth(value: str) -> str:
    """The browser's authentication secret: exactly 16 bytes (RFC 8291 section 3.2)."""
    raw = base64url.decode(value)
    if len(raw) != 16:
        raise ValueError("must be 16 bytes, base64url")
    return base64url.encode(raw)
