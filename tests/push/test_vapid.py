"""The VAPID key is made once and kept, can come from a setting, and signs one JWT per push
service until shortly before it expires."""

from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from fastapi.testclient import TestClient
from jose import jwt
from pydantic import SecretStr, ValidationError

from api.config import EXAMPLE_VAPID_SUBJECT, Settings
from api.main import create_app
from api.push import base64url, vapid
from api.push.subscriptions import endpoint_problem
from api.push.vapid import VapidKey, VapidSigner
from tests.conftest import MovableClock
from tests.push.conftest import SUBJECT


def _public_point(public_key: str) -> ec.EllipticCurvePublicKey:
    return ec.EllipticCurvePublicKey.from_encoded_point(
        ec.SECP256R1(), base64url.decode(public_key)
    )


def test_a_key_is_generated_once_into_var_and_kept(tmp_path: Path) -> None:
    first = vapid.load_key(var_dir=tmp_path, configured=None)
    key_file = tmp_path / "vapid_private.pem"
    assert key_file.read_text().startswith("-----BEGIN PRIVATE KEY-----")
    assert key_file.stat().st_mode & 0o077 == 0
    assert vapid.load_key(var_dir=tmp_path, configured=None).public_key == first.public_key
    assert [p.name for p in tmp_path.iterdir()] == ["vapid_private.pem"]  # no temporary left


def test_a_second_process_creating_the_key_keeps_the_first(tmp_path: Path) -> None:
    key_file = tmp_path / "vapid_private.pem"
    vapid._create_key_file(key_file)
    written = key_file.read_bytes()
    vapid._create_key_file(key_file)  # lost the race: must not replace the key devices use
    assert key_file.read_bytes() == written


def test_the_public_key_is_an_uncompressed_p256_point_in_base64url(tmp_path: Path) -> None:
    key = vapid.load_key(var_dir=tmp_path, configured=None)
    raw = base64url.decode(key.public_key)
    assert "=" not in key.public_key and len(raw) == 65 and raw[0] == 0x04
    _public_point(key.public_key)  # on the curve
    assert repr(key) == f"VapidKey(public_key={key.public_key!r})"  # nothing private in logs


def test_a_configured_pem_key_wins_and_nothing_is_written(tmp_path: Path) -> None:
    private = ec.generate_private_key(ec.SECP256R1())
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    key = vapid.load_key(var_dir=tmp_path, configured=pem)
    assert key.public_key == VapidKey(private).public_key
    assert not (tmp_path / "vapid_private.pem").exists()


def test_a_configured_raw_base64url_key_works_like_web_push_generate_vapid_keys(
    tmp_path: Path,
) -> None:
    private = ec.generate_private_key(ec.SECP256R1())
    raw = base64url.encode(private.private_numbers().private_value.to_bytes(32, "big"))
    assert vapid.load_key(var_dir=tmp_path, configured=raw).public_key == (
        VapidKey(private).public_key
    )


@pytest.mark.parametrize(
    "configured",
    ["not a key", "c2hvcnQ", "-----BEGIN PRIVATE KEY-----\nxx\n-----END PRIVATE KEY-----"],
)
def test_a_bad_configured_key_is_refused_without_echoing_it(
    tmp_path: Path, configured: str
) -> None:
    with pytest.raises(ValueError, match="WINKELPRAAT_VAPID_PRIVATE_KEY") as refused:
        vapid.load_key(var_dir=tmp_path, configured=configured)
    assert configured not in str(refused.value)


def test_get_key_serves_the_configured_key_without_sign_in(settings: Settings) -> None:
    private = ec.generate_private_key(ec.SECP256R1())
    raw = base64url.encode(private.private_numbers().private_value.to_bytes(32, "big"))
    configured = settings.model_copy(update={"vapid_private_key": SecretStr(raw)})
    with TestClient(create_app(configured)) as client:
        response = client.get("/api/v1/push/key")
    assert response.status_code == 200
    assert response.json() == {"public_key": VapidKey(private).public_key}


def test_get_key_is_stable_across_requests(client: TestClient, settings: Settings) -> None:
    first = client.get("/api/v1/push/key").json()["public_key"]
    assert client.get("/api/v1/push/key").json()["public_key"] == first
    assert vapid.load_key(var_dir=settings.var_dir, configured=None).public_key == first


def test_production_refuses_the_example_vapid_subject() -> None:
    with pytest.raises(ValidationError, match="WINKELPRAAT_VAPID_SUBJECT"):
        Settings(env="production", secret_key="r" * 40, vapid_subject=EXAMPLE_VAPID_SUBJECT)
    Settings(env="production", secret_key="r" * 40, vapid_subject="https://praat.example.nl")


@pytest.mark.parametrize("subject", ["", "ops@example.nl", "mailto:", "http://example.nl"])
def test_the_vapid_subject_must_be_a_mailto_or_https_contact(subject: str) -> None:
    with pytest.raises(ValidationError):
        Settings(vapid_subject=subject)


def _claims(header: str, key: VapidKey) -> dict[str, object]:
    token = header.removeprefix("vapid t=").split(",")[0]
    public_pem = _public_point(key.public_key).public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    claims: dict[str, object] = jwt.decode(
        token, public_pem.decode(), algorithms=["ES256"], options={"verify_aud": False}
    )
    return claims


def test_one_jwt_per_push_service_origin(vapid_key: VapidKey, signer: VapidSigner) -> None:
    fcm = signer.authorization("https://fcm.googleapis.com/fcm/send/one")
    assert signer.authorization("https://fcm.googleapis.com:443/fcm/send/two") == fcm
    mozilla = signer.authorization("https://updates.push.services.mozilla.com/wpush/v2/x")
    assert signer.signatures == 2
    assert mozilla.endswith(f", k={vapid_key.public_key}")
    assert _claims(fcm, vapid_key)["aud"] == "https://fcm.googleapis.com"
    assert _claims(mozilla, vapid_key)["aud"] == "https://updates.push.services.mozilla.com"
    assert _claims(fcm, vapid_key)["sub"] == SUBJECT


def test_what_settings_and_subscriptions_accept_is_signed(vapid_key: VapidKey) -> None:
    # py_vapid's Vapid02.sign() would refuse both: an https contact with a path (RFC 8292
    # section 2.1 allows it) and a push service at the IPv6 loopback (subscriptions.py does).
    subject = "https://praat.example.nl/contact"
    Settings(vapid_subject=subject)
    assert endpoint_problem("http://[::1]:8123/push/x", "::1") is None
    header = VapidSigner(vapid_key, subject=subject).authorization("http://[::1]:8123/push/x")
    assert _claims(header, vapid_key) | {"exp": 0} == {
        "aud": "http://[::1]:8123",
        "sub": subject,
        "exp": 0,
    }


def test_a_jwt_is_reused_until_an_hour_before_it_expires(
    vapid_key: VapidKey, signer: VapidSigner, frozen_clock: MovableClock
) -> None:
    endpoint = "http://127.0.0.1:8123/push/abc"
    first = signer.authorization(endpoint)
    assert _claims(first, vapid_key)["exp"] == int(frozen_clock.current.timestamp()) + 12 * 3600
    frozen_clock.advance(hours=10, minutes=59)
    assert signer.authorization(endpoint) == first
    frozen_clock.advance(minutes=2)
    assert signer.authorization(endpoint) != first
    assert signer.signatures == 2
