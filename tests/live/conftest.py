"""A real uvicorn server on a thread (streams are not buffered, as in the ASGI test transport),
and a store A / store B world committed to a real database."""

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from sqlmodel import Session

from api.db import make_engine
from api.live.hub import Hub
from api.main import create_app
from api.org.models import Role, User
from tests.conftest import TEST_SECRET
from tests.factories import make_region, make_store, make_user, token_for
from tests.live.sse import EventStream
from tests.support.app_settings import app_settings
from tests.support.live_server import free_port

REDIS_URL = "redis://127.0.0.1:6379/0"


def unique_channel() -> str:
    """Other test runs share this Redis, and pub/sub channels are global: one channel each."""
    return f"winkelpraat-test:live:{uuid.uuid4().hex}"


@dataclass
class Running:
    url: str
    app: FastAPI

    @property
    def hub(self) -> Hub:
        hub: Hub = self.app.state.live
        return hub

    def stream(self, token: str | None, **params: object) -> EventStream:
        return EventStream(self.url, token, **params)

    def wait_for_streams(self, user_id: int, count: int, timeout: float = 5) -> None:
        deadline = time.monotonic() + timeout
        while self.hub.open_streams(user_id) != count:
            assert time.monotonic() < deadline, f"{self.hub.open_streams(user_id)} != {count}"
            time.sleep(0.02)


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., Running]]:
    """Start the app on a free port: serve(database_url, redis_url=..., live_channel=...)."""
    servers: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(database_url: str, **overrides: object) -> Running:
        settings = app_settings(database_url, tmp_path, secret_key=TEST_SECRET, **overrides)
        app = create_app(settings)
        port = free_port()
        config = uvicorn.Config(
            app, host="127.0.0.1", port=port, log_level="warning", timeout_graceful_shutdown=2
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not server.started:
            assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
            time.sleep(0.02)
        servers.append((server, thread))
        return Running(url=f"http://127.0.0.1:{port}", app=app)

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(10)


@dataclass
class People:
    database_url: str
    store_a: int
    store_b: int
    staff_a: User
    staff_b: User
    hq: User
    tokens: dict[str, str]

    def session(self) -> Session:
        return Session(make_engine(self.database_url))


@pytest.fixture
def people(live_database: str) -> People:
    """Committed for real: the server's own sessions must see them."""
    engine = make_engine(live_database)
    with Session(engine, expire_on_commit=False) as session:
        region = make_region(session)
        store_a, store_b = make_store(session, region=region), make_store(session, region=region)
        staff_a = make_user(session, role=Role.STAFF, store=store_a)
        staff_b = make_user(session, role=Role.STAFF, store=store_b)
        hq = make_user(session, role=Role.HQ)
        tokens = {
            name: token_for(session, user, key=TEST_SECRET)
            for name, user in (("staff_a", staff_a), ("staff_b", staff_b), ("hq", hq))
        }
        session.commit()
        assert store_a.id is not None and store_b.id is not None
        result = People(live_database, store_a.id, store_b.id, staff_a, staff_b, hq, tokens)
    engine.dispose()
    return result
