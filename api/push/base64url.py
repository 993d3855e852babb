"""Unpadded base64url (RFC 4648 section 5): how Web Push writes every key and token."""

import base64
import binascii
import re

_ALPHABET = re.compile(r"[A-Za-z0-9_-]+={0,2}")


def encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def decode(text: str) -> bytes:
    """Padded or not; ValueError for anything else, standard base64's + and / included
    (urlsafe_b64decode would quietly drop characters it does not know)."""
    if not _ALPHABET.fullmatch(text):
        raise ValueError("is not base64url")
    stripped = text.rstrip("=")
    try:
        return base64.urlsafe_b64decode(stripped + "=" * (-len(stripped) % 4))
    except binascii.Error as exc:
        raise ValueError("is not base64url") from exc
