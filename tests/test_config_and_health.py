"""Settings refuse unsafe production values; health reports the database."""

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from api.config import EXAMPLE_SECRET_KEY, Settings
from api.main import create_app


@pytest.mark.parametrize("secret", ["", EXAMPLE_SECRET_KEY, "short"])
def test_production_refuses_a_missing_example_or_short_secret(secret: str) -> None:
    with pytest.raises(ValidationError):
        Settings(env="production", secret_key=secret)


def test_production_accepts_a_real_secret() -> None:
    settings = Settings(env="production", secret_key="r" * 40, vapid_subject="mailto:ops@shop.nl")
    assert settings.signing_key == "r" * 40


def test_dev_generates_a_secret_once_and_keeps_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    first = Settings(env="dev", var_dir=tmp_path).signing_key
    assert len(first) >= 40
    assert Settings(env="dev", var_dir=tmp_path).signing_key == first
    assert (tmp_path / "secret.key").stat().st_mode & 0o077 == 0


def test_database_urls_get_the_psycopg_driver() -> None:
    assert (
        Settings(database_url="postgres://u@h/db").sqlalchemy_url == "postgresql+psycopg://u@h/db"
    )
    assert (
        Settings(database_url="postgresql://u@h/db").sqlalchemy_url == "postgresql+psycopg://u@h/db"
    )


def test_health_is_ok_with_a_database(client: TestClient) -> None:
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_health_is_503_when_the_database_is_down(tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(
        env="test",
        var_dir=tmp_path,
        secret_key="x" * 40,
        migrate_on_start=False,
        jobs_in_process=False,
        database_url="postgresql://postgres@127.0.0.1:1/nothing",
    )
    response = TestClient(create_app(settings)).get("/api/health")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unavailable"}
