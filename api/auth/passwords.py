"""Argon2 password hashing."""

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()

# Verified against when the username does not exist, so a wrong username takes as long as a
# wrong password and response times do not reveal which accounts exist.
_DUMMY_HASH = _hasher.hash("winkelpraat-dummy-password")


# Accounts made from a CSV file have no password until their sign-in code is used. What they
# get instead is no Argon2 hash at all, so no password can ever match it.
_UNUSABLE = "!"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def unusable_password() -> str:
    """A password hash no password matches (and unique, so no two accounts share one)."""
    return _UNUSABLE + secrets.token_urlsafe(24)


def verify_password(password: str, password_hash: str | None) -> bool:
    if password_hash is not None and password_hash.startswith(_UNUSABLE):
        password_hash = None  # still verified against the dummy, so it takes as long
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)
