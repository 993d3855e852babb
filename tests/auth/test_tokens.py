"""Access tokens: only our own, unexpired, HS256-signed tokens are accepted."""

import base64
import json
from datetime import timedelta

import pytest
from jose import jwt

from api.auth.tokens import (
    ALGORITHM,
    InvalidToken,
    create_access_token,
    decode_access_token,
    hash_refresh_token,
    new_refresh_token,
)

KEY = "k" * 48


def _b64(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def test_round_trip_gives_user_and_login() -> None:
    token = create_access_token(user_id=7, login_id=3, key=KEY, lifetime=timedelta(minutes=5))
    claims = decode_access_token(token, key=KEY)
    assert (claims.user_id, claims.login_id) == (7, 3)


def test_expired_token_is_refused(frozen_clock) -> None:  # type: ignore[no-untyped-def]
    token = create_access_token(user_id=7, login_id=3, key=KEY, lifetime=timedelta(minutes=5))
    frozen_clock.advance(minutes=5, seconds=1)
    with pytest.raises(InvalidToken):
        decode_access_token(token, key=KEY)


def test_expiry_follows_the_app_clock_not_the_wall_clock(frozen_clock) -> None:  # type: ignore[no-untyped-def]
    # A test that freezes the clock a year back must still be able to sign people in: the
    # token's expiry is compared with api.common.clock, never with the machine's date.
    frozen_clock.current -= timedelta(days=365)
    token = create_access_token(user_id=7, login_id=3, key=KEY, lifetime=timedelta(minutes=5))
    assert decode_access_token(token, key=KEY).user_id == 7
    frozen_clock.advance(minutes=5)
    with pytest.raises(InvalidToken, match="expired"):
        decode_access_token(token, key=KEY)


def test_token_without_expiry_is_refused() -> None:
    claims = {"iss": "winkelpraat", "sub": "7", "sid": 3, "typ": "access"}
    with pytest.raises(InvalidToken, match="no expiry"):
        decode_access_token(jwt.encode(claims, KEY, algorithm=ALGORITHM), key=KEY)


def test_token_signed_with_another_key_is_refused() -> None:
    token = create_access_token(user_id=7, login_id=3, key="x" * 48, lifetime=timedelta(minutes=5))
    with pytest.raises(InvalidToken):
        decode_access_token(token, key=KEY)


def test_tampered_payload_is_refused() -> None:
    token = create_access_token(user_id=7, login_id=3, key=KEY, lifetime=timedelta(minutes=5))
    header, _payload, signature = token.split(".")
    forged = _b64({"iss": "winkelpraat", "sub": "1", "sid": 3, "typ": "access", "exp": 2**40})
    with pytest.raises(InvalidToken):
        decode_access_token(f"{header}.{forged}.{signature}", key=KEY)


def test_alg_none_is_refused() -> None:
    claims = {"iss": "winkelpraat", "sub": "7", "sid": 3, "typ": "access", "exp": 2**40}
    unsigned = f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(claims)}."
    with pytest.raises(InvalidToken):
        decode_access_token(unsigned, key=KEY)


@pytest.mark.parametrize("algorithm", ["HS384", "HS512"])
def test_other_algorithms_signed_with_the_right_key_are_refused(algorithm: str) -> None:
    claims = {"iss": "winkelpraat", "sub": "7", "sid": 3, "typ": "access", "exp": 2**40}
    token = jwt.encode(claims, KEY, algorithm=algorithm)
    with pytest.raises(InvalidToken):
        decode_access_token(token, key=KEY)


def test_token_from_another_issuer_is_refused() -> None:
    claims = {"iss": "elsewhere", "sub": "7", "sid": 3, "typ": "access", "exp": 2**40}
    with pytest.raises(InvalidToken):
        decode_access_token(jwt.encode(claims, KEY, algorithm=ALGORITHM), key=KEY)


def test_token_without_login_id_is_refused() -> None:
    claims = {"iss": "winkelpraat", "sub": "7", "typ": "access", "exp": 2**40}
    with pytest.raises(InvalidToken):
        decode_access_token(jwt.encode(claims, KEY, algorithm=ALGORITHM), key=KEY)


@pytest.mark.parametrize("garbage", ["", "abc", "a.b.c", "Bearer x"])
def test_garbage_is_refused(garbage: str) -> None:
    with pytest.raises(InvalidToken):
        decode_access_token(garbage, key=KEY)


def test_refresh_tokens_are_random_and_stored_as_hashes() -> None:
    first, second = new_refresh_token(), new_refresh_token()
    assert first != second and len(first) >= 43
    assert hash_refresh_token(first) != first and len(hash_refresh_token(first)) == 64
