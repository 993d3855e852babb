"""Invite codes: short enough to type from a poster, too many to guess.

Ten characters of Crockford's base32 give 50 bits; together with the failure limit on joining,
guessing a live code is out of reach. The alphabet has no I, L, O or U, and typing is forgiving:
case, spaces and dashes are ignored and I/L/O read as 1/1/0.
"""

import io
import secrets

import segno

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 10
_READS_AS = str.maketrans({"I": "1", "L": "1", "O": "0"})


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(typed: str) -> str:
    """The stored form of what someone typed (may still be no valid code)."""
    return "".join(ch for ch in typed.upper() if ch.isalnum()).translate(_READS_AS)


def display(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"


def qr_svg(url: str) -> str:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=4, border=2, xmldecl=False)
    return buffer.getvalue().decode()
