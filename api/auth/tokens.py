"""Access tokens (short-lived JWTs, HS256 pinned) and opaque refresh tokens."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from jose import JWTError, jwt

from api.common.clock import now

ALGORITHM = "HS256"
ISSUER = "winkelpraat"


class InvalidToken(Exception):
    """The token is malformed, forged, expired or signed with anything but HS256."""


@dataclass(frozen=True)
class AccessClaims:
    user_id: int
    login_id: int


def create_access_token(*, user_id: int, login_id: int, key: str, lifetime: timedelta) -> str:
    issued = now()
    claims = {
        "iss": ISSUER,
        "sub": str(user_id),
        "sid": login_id,
        "typ": "access",
        "iat": int(issued.timestamp()),
        "exp": int((issued + lifetime).timestamp()),
    }
    return jwt.encode(claims, key, algorithm=ALGORITHM)


def decode_access_token(token: str, *, key: str, at: datetime | None = None) -> AccessClaims:
    """Verify signature, algorithm, issuer and expiry; anything off raises InvalidToken."""
    try:
        # Checked before verifying so "none" and algorithm switches never reach a verifier.
        if jwt.get_unverified_header(token).get("alg") != ALGORITHM:
            raise InvalidToken("unexpected algorithm")
        claims = jwt.decode(
            token,
            key,
            algorithms=[ALGORITHM],
            issuer=ISSUER,
            # No "require_exp": python-jose turns a required claim's verification back on, and
            # then compares exp with the wall clock. Expiry is ours to check, below.
            options={"verify_exp": False, "require_sub": True},
        )
    except JWTError as exc:
        raise InvalidToken(str(exc)) from exc
    # Expiry is checked against the app's clock (api.common.clock), which tests can move.
    exp = claims.get("exp")
    if not isinstance(exp, int):
        raise InvalidToken("no expiry")
    if exp <= (at or now()).timestamp():
        raise InvalidToken("expired")
    sub, sid = claims.get("sub"), claims.get("sid")
    if claims.get("typ") != "access" or not isinstance(sid, int) or not str(sub).isdigit():
        raise InvalidToken("not an access token")
    return AccessClaims(user_id=int(str(sub)), login_id=sid)


def new_refresh_token() -> str:
    return secrets.token_urlsafe(32)


def hash_refresh_token(token: str) -> str:
    # 256 random bits need no salt or slow hash: SHA-256 keeps the database copy useless.
    return hashlib.sha256(token.encode()).hexdigest()
