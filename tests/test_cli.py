"""The winkelpraat command: migrate, seed-demo, create-admin, openapi."""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session, func, select

from api import cli
from api.config import get_settings
from api.db import get_engine, make_engine
from api.demo import ACCOUNTS, DEMO_PASSWORD
from api.main import create_app
from api.news.models import NewsPost
from api.org.models import Region, Role, Store, User

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def cli_database(fresh_database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("WINKELPRAAT_DATABASE_URL", fresh_database_url)
    get_settings.cache_clear()
    get_engine.cache_clear()
    yield fresh_database_url
    get_engine().dispose()
    get_settings.cache_clear()
    get_engine.cache_clear()


def _count(url: str, model: type) -> int:
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            return session.exec(select(func.count()).select_from(model)).one()
    finally:
        engine.dispose()


def test_seed_demo_creates_every_role_once(
    cli_database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    cli.main(["migrate"])
    cli.main(["seed-demo"])
    cli.main(["seed-demo"])
    output = capsys.readouterr().out
    assert "Demo data already present." in output and DEMO_PASSWORD in output
    assert "UTR-01: START-UTR01\n" in output
    assert (_count(cli_database, Region), _count(cli_database, Store)) == (2, 4)
    assert _count(cli_database, User) == len(ACCOUNTS)
    assert _count(cli_database, NewsPost) == 4
    engine = make_engine(cli_database)
    with Session(engine) as session:
        roles = set(session.exec(select(User.role)).all())
    engine.dispose()
    assert roles == set(Role)


def test_seed_demo_respects_demo_data_false(
    cli_database: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WINKELPRAAT_DEMO_DATA", "false")
    get_settings.cache_clear()
    cli.main(["migrate"])
    cli.main(["seed-demo"])
    assert "nothing seeded" in capsys.readouterr().out
    assert _count(cli_database, Region) == 0


def test_create_admin_from_environment_is_idempotent(
    cli_database: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WINKELPRAAT_ADMIN_USERNAME", "Boss")
    monkeypatch.setenv("WINKELPRAAT_ADMIN_PASSWORD", "a-long-password")
    get_settings.cache_clear()
    cli.main(["migrate"])
    cli.main(["create-admin"])
    cli.main(["create-admin"])
    assert "already exists" in capsys.readouterr().out
    engine = make_engine(cli_database)
    with Session(engine) as session:
        admins = session.exec(select(User).where(User.role == Role.ADMIN)).all()
    engine.dispose()
    assert [a.username for a in admins] == ["boss"]


def test_create_admin_refuses_a_short_password(
    cli_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WINKELPRAAT_ADMIN_PASSWORD", "short")
    get_settings.cache_clear()
    cli.main(["migrate"])
    with pytest.raises(SystemExit):
        cli.main(["create-admin", "--username", "boss"])
    assert _count(cli_database, User) == 0


def test_the_pwa_types_come_from_the_current_openapi() -> None:
    """pwa/openapi.json (from which src/api/schema.d.ts is generated) must match the API."""
    committed = json.loads((ROOT / "pwa" / "openapi.json").read_text())
    assert committed == create_app().openapi(), "run `make openapi` and commit the result"


def test_migrate_on_a_fresh_checkout_creates_the_var_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    var = tmp_path / "not" / "there" / "yet"
    monkeypatch.setenv("WINKELPRAAT_VAR_DIR", str(var))
    monkeypatch.delenv("WINKELPRAAT_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    get_engine.cache_clear()
    try:
        cli.main(["migrate"])
    finally:
        get_settings.cache_clear()
        get_engine.cache_clear()
    assert (var / "winkelpraat.db").is_file()
