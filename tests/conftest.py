"""Every test runs against SQLite and against a throwaway PostgreSQL database.

Each database is migrated once with Alembic (the real schema, not create_all). Every test runs
inside an outer transaction that is rolled back; the app's own commits become savepoints.
"""

import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

# Before anything imports api.config: keep test files out of the project's var/.
_TEST_VAR = Path(tempfile.mkdtemp(prefix="winkelpraat-test-"))
os.environ["WINKELPRAAT_VAR_DIR"] = str(_TEST_VAR)
os.environ["WINKELPRAAT_ENV"] = "test"
os.environ.pop("WINKELPRAAT_DATABASE_URL", None)
os.environ.pop("WINKELPRAAT_REDIS_URL", None)

import pytest  # noqa: E402
from fastapi import FastAPI, Request  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from sqlalchemy import Engine  # noqa: E402
from sqlmodel import Session  # noqa: E402

from api.bootstrap import migrate  # noqa: E402
from api.common import clock  # noqa: E402
from api.config import Settings, get_settings  # noqa: E402
from api.db import get_engine, get_session, make_engine  # noqa: E402
from api.main import create_app  # noqa: E402
from tests.support import clock_shift  # noqa: E402
from tests.support.app_settings import app_settings  # noqa: E402
from tests.support.databases import throwaway_postgres  # noqa: E402

TEST_SECRET = "test-secret-key-that-is-long-enough-for-hs256-0123456789"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--clock-shift-days",
        type=int,
        default=0,
        help="run with the wall clock this many days ahead (tests/support/clock_shift.py)",
    )


def pytest_configure(config: pytest.Config) -> None:
    clock_shift.start(config.getoption("--clock-shift-days"))


def pytest_report_header(config: pytest.Config) -> str:
    days = clock_shift.shift_days()
    return f"clock: {days} days ahead of the real date" if days else "clock: the real date"


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{_TEST_VAR / f'test-{uuid.uuid4().hex[:8]}.db'}"
    else:
        with throwaway_postgres() as url:
            yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of its own, for tests that migrate or commit for real."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / f'{uuid.uuid4().hex}.db'}"
    else:
        with throwaway_postgres() as url:
            yield url


@pytest.fixture
def live_database(fresh_database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The app and the job consumer share one real, committed database (no test transaction),
    through the process-wide settings and engine, as `make run` has them."""
    monkeypatch.setenv("WINKELPRAAT_DATABASE_URL", fresh_database_url)
    get_settings.cache_clear()
    get_engine.cache_clear()
    migrate(fresh_database_url)
    yield fresh_database_url
    get_engine().dispose()
    get_settings.cache_clear()
    get_engine.cache_clear()


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    migrate(database_url)
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    connection = engine.connect()
    outer = connection.begin()
    session = Session(bind=connection, join_transaction_mode="create_savepoint")
    try:
        yield session
    finally:
        session.close()
        outer.rollback()
        connection.close()


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return app_settings(
        database_url, tmp_path, secret_key=TEST_SECRET, public_url="https://winkelpraat.example"
    )


@pytest.fixture
def app(settings: Settings, session: Session) -> Iterator[FastAPI]:
    app = create_app(settings)

    # The app is read from the request, never captured: FastAPI caches dependency callables
    # for the whole process, and a closure over `app` would keep every test's app alive.
    def _test_session(request: Request) -> Iterator[Session]:
        # What the test set up counts as committed (it stays inside the outer transaction), so
        # a failing request rolls back only its own work, as it would in production.
        session.commit()
        request.app.state.wiring.bind(session)
        try:
            yield session
        except Exception:
            session.rollback()
            raise

    app.dependency_overrides[get_session] = _test_session
    yield app
    app.state.engine.dispose()


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def frozen_clock() -> Iterator["MovableClock"]:
    moving = MovableClock()
    clock.set_clock(moving)
    yield moving
    clock.set_clock(None)


class MovableClock:
    """A clock that stands still until a test moves it."""

    def __init__(self) -> None:
        from datetime import UTC, datetime

        self.current = datetime.now(UTC)

    def __call__(self):  # type: ignore[no-untyped-def]
        return self.current

    def advance(self, **delta: float) -> None:
        from datetime import timedelta

        self.current += timedelta(**delta)


class World:
    """Two stores in one region, with an account of every role (managers and staff in store A,
    a colleague in A and staff and a manager in store B)."""

    def __init__(self, session: Session) -> None:
        from api.org.models import Role
        from tests.factories import make_region, make_store, make_user, token_for

        self.session = session
        self.region = make_region(session)
        self.store_a = make_store(session, region=self.region)
        self.store_b = make_store(session, region=self.region)
        self.users = {
            "staff": make_user(session, role=Role.STAFF, store=self.store_a),
            "colleague": make_user(session, role=Role.STAFF, store=self.store_a),
            "manager": make_user(session, role=Role.STORE_MANAGER, store=self.store_a),
            "staff_b": make_user(session, role=Role.STAFF, store=self.store_b),
            "manager_b": make_user(session, role=Role.STORE_MANAGER, store=self.store_b),
            "hq": make_user(session, role=Role.HQ),
            "admin": make_user(session, role=Role.ADMIN),
        }
        self._token_for = token_for

    def headers(self, name: str) -> dict[str, str]:
        if name == "anonymous":
            return {}
        token = self._token_for(self.session, self.users[name], key=TEST_SECRET)
        return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def world(session: Session) -> World:
    return World(session)
