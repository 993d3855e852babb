"""A request that meets a SQLite lock runs once more with the same body; nothing else is retried."""

from typing import Any

import pytest
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient
from sqlalchemy.exc import OperationalError

from api.common.lock_retry import RetryOnLockMiddleware
from api.db import RETRYING_AFTER_LOCK


def _app(failures: list[Exception]) -> tuple[FastAPI, list[dict[str, Any]]]:
    """An app whose endpoint raises the given errors, one per call, then answers."""
    app = FastAPI()
    seen: list[dict[str, Any]] = []

    @app.post("/things")
    async def make_thing(request: Request) -> dict[str, Any]:
        body = await request.json()
        seen.append({"body": body, "retry": getattr(request.state, RETRYING_AFTER_LOCK, False)})
        if failures:
            raise failures.pop(0)
        return {"made": body["name"]}

    app.add_middleware(RetryOnLockMiddleware)
    return app, seen


def _locked() -> OperationalError:
    return OperationalError("INSERT INTO thing", {}, Exception("database is locked"))


def test_a_locked_request_runs_once_more_with_the_same_body_and_writing(
    caplog: pytest.LogCaptureFixture,
) -> None:
    app, seen = _app([_locked()])
    with caplog.at_level("WARNING", logger="api.common.lock_retry"):
        response = TestClient(app).post("/things", json={"name": "kassabon"})
    # Said in the log, without the path: paths carry invite codes (/join/CODE).
    assert [r.getMessage() for r in caplog.records] == [
        "sqlite: a POST request met a lock; running it once more"
    ]
    assert response.status_code == 200
    assert response.json() == {"made": "kassabon"}
    assert seen == [
        {"body": {"name": "kassabon"}, "retry": False},
        {"body": {"name": "kassabon"}, "retry": True},
    ]


def test_a_request_runs_again_only_once() -> None:
    app, seen = _app([_locked(), _locked()])
    with pytest.raises(OperationalError):
        TestClient(app).post("/things", json={"name": "x"})
    assert len(seen) == 2


def test_other_database_errors_are_not_retried() -> None:
    broken = OperationalError("SELECT 1", {}, Exception("no such table: thing"))
    app, seen = _app([broken])
    assert (
        TestClient(app, raise_server_exceptions=False).post("/things", json={}).status_code == 500
    )
    assert len(seen) == 1
