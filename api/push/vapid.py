"""The server's VAPID identity (RFC 8292): one P-256 key pair, and the Authorization header
signed with it (by py_vapid, pywebpush's own VAPID library) for each push service."""

import os
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import jwt as vapid_jwt  # type: ignore[import-untyped]
from yarl import URL

from api.common import clock
from api.push import base64url

KEY_FILE = "vapid_private.pem"


class VapidKey:
    """The application server key pair; `public_key` is the browser's applicationServerKey."""

    def __init__(self, private_key: ec.EllipticCurvePrivateKey) -> None:
        if not isinstance(private_key.curve, ec.SECP256R1):
            raise ValueError("a VAPID key must be on the P-256 curve")
        self.private_key = private_key
        self.public_key = base64url.encode(
            private_key.public_key().public_bytes(
                serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
            )
        )

    def __repr__(self) -> str:
        return f"VapidKey(public_key={self.public_key!r})"

    def private_pem(self) -> bytes:
        return self.private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )


def parse_private_key(text: str) -> VapidKey:
    """A PEM private key, or the base64url raw 32-byte scalar that `web-push generate-vapid-keys`
    prints."""
    text = text.strip()
    try:
        if text.startswith("-----BEGIN"):
            key = serialization.load_pem_private_key(text.encode(), password=None)
        else:
            raw = base64url.decode(text)
            if len(raw) != 32:
                raise ValueError("a raw key is 32 bytes")
            key = ec.derive_private_key(int.from_bytes(raw, "big"), ec.SECP256R1())
    except (ValueError, TypeError) as exc:
        # Never echo the value: it is the secret.
        raise ValueError(
            "WINKELPRAAT_VAPID_PRIVATE_KEY is neither a PEM nor a base64url raw P-256 private key"
        ) from exc
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise ValueError("WINKELPRAAT_VAPID_PRIVATE_KEY is not an elliptic-curve key")
    return VapidKey(key)


def load_key(*, var_dir: Path, configured: str | None) -> VapidKey:
    """The configured key, else the one kept in var/, generated the first time it is needed."""
    if configured:
        return parse_private_key(configured)
    path = var_dir / KEY_FILE
    if not path.exists():
        _create_key_file(path)
    return parse_private_key(path.read_text())


def _create_key_file(path: Path) -> None:
    # API workers and job workers share var/ and may all start at once: write the key to a
    # private temporary file and link it into place, so the first complete file wins and every
    # process signs with the same key (browsers subscribed with it; a new key orphans them all).
    path.parent.mkdir(parents=True, exist_ok=True)
    key = VapidKey(ec.generate_private_key(ec.SECP256R1()))
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".vapid-")  # mode 0600
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(key.private_pem())
        os.link(temporary, path)
    except FileExistsError:
        pass
    finally:
        os.unlink(temporary)


@lru_cache(maxsize=8)
def shared_key(var_dir: Path, configured: str | None) -> VapidKey:
    """load_key, once per process."""
    return load_key(var_dir=var_dir, configured=configured)


def origin_of(endpoint: str) -> str:
    """scheme://host[:port] of a push endpoint: the JWT's audience (RFC 8292 section 2)."""
    return str(URL(endpoint).origin())


class VapidSigner:
    """Authorization headers per push-service origin, each signed once and reused until shortly
    before it expires: a fan-out to 10,000 phones at four push services signs four times."""

    def __init__(
        self,
        key: VapidKey,
        *,
        subject: str,
        lifetime: timedelta = timedelta(hours=12),
        renew_before: timedelta = timedelta(hours=1),
        wall_clock: Callable[[], datetime] | None = None,
    ) -> None:
        # Push services refuse an `exp` more than 24 hours ahead (RFC 8292 section 2).
        assert timedelta(0) < renew_before < lifetime <= timedelta(hours=24)
        self._key = key
        self._subject = subject
        self._lifetime = lifetime
        self._renew_before = renew_before
        self._headers: dict[str, tuple[str, float]] = {}
        # Push services check `exp` against their own clock; tests that move the app's clock
        # around hand in the real one here.
        self._wall_clock = wall_clock or clock.now
        self.signatures = 0

    def authorization(self, endpoint: str) -> str:
        """The `Authorization: vapid t=..., k=...` value for this endpoint's push service."""
        origin = origin_of(endpoint)
        now = self._wall_clock().timestamp()
        cached = self._headers.get(origin)
        if cached and cached[1] - self._renew_before.total_seconds() > now:
            return cached[0]
        expires = int(now + self._lifetime.total_seconds())
        # A fresh dict every time: pywebpush's webpush() writes `aud` into the caller's claims
        # dict, which is how one push service's audience ends up in every other service's token.
        claims = {"aud": origin, "exp": expires, "sub": self._subject}
        # py_vapid's ES256 signing itself, not Vapid02.sign(): that first matches `sub` and `aud`
        # against patterns stricter than RFC 8292 and than what Settings and subscriptions.py
        # accept (an https contact with a path, a push service at [::1]), and its exception
        # would end a whole fan-out at send time for what was accepted at start-up.
        token: str = vapid_jwt.sign(claims, self._key.private_key)
        header = f"vapid t={token}, k={self._key.public_key}"
        self._headers[origin] = (header, expires)
        self.signatures += 1
        return header
