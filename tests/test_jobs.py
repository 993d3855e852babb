"""The job queue runs for real: SqliteHuey in-process, RedisHuey against the local Redis."""

import uuid
from datetime import timedelta
from pathlib import Path

import pytest
import redis
from huey import RedisHuey, SqliteHuey
from sqlmodel import Session, select

from api.auth import service as auth_service
from api.auth.models import AuthFailure, Login, RefreshToken
from api.common.clock import now
from api.config import Settings
from api.jobs import make_huey, start_embedded_consumer
from tests.conftest import World

REDIS_URL = "redis://127.0.0.1:6379/15"


def _run_through_consumer(queue: object) -> int:
    @queue.task()  # type: ignore[attr-defined]
    def add(a: int, b: int) -> int:
        return a + b

    consumer = start_embedded_consumer(queue, workers=1)
    try:
        return int(add(2, 3).get(blocking=True, timeout=10))
    finally:
        consumer.stop(graceful=True)


def test_embedded_queue_is_a_sqlite_file_under_var(tmp_path: Path) -> None:
    queue = make_huey(Settings(env="test", var_dir=tmp_path), name=f"t{uuid.uuid4().hex}")
    assert isinstance(queue, SqliteHuey)
    assert _run_through_consumer(queue) == 5
    assert (tmp_path / "jobs.db").exists()


def test_redis_url_selects_redis_and_jobs_run_through_it(tmp_path: Path) -> None:
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.fail("Redis must run at 127.0.0.1:6379 (.ci/run starts it)")
    name = f"t{uuid.uuid4().hex}"
    queue = make_huey(Settings(env="test", var_dir=tmp_path, redis_url=REDIS_URL), name=name)
    assert isinstance(queue, RedisHuey)
    try:
        assert _run_through_consumer(queue) == 5
    finally:
        queue.storage.flush_all()


def test_purge_removes_old_failures_and_expired_refresh_tokens(
    session: Session, world: World
) -> None:
    old = AuthFailure(username="x", ip="1.2.3.4", failed_at=now() - timedelta(hours=2))
    recent = AuthFailure(username="x", ip="1.2.3.4")
    login = Login(user_id=world.users["staff"].id)
    session.add_all([old, recent, login])
    session.flush()
    session.add_all(
        [
            RefreshToken(
                login_id=login.id, token_hash="a" * 64, expires_at=now() - timedelta(days=2)
            ),
            RefreshToken(
                login_id=login.id, token_hash="b" * 64, expires_at=now() + timedelta(days=2)
            ),
        ]
    )
    session.flush()
    removed = auth_service.purge_expired(session, failures_older_than=timedelta(hours=1))
    assert removed == 2
    assert [f.id for f in session.exec(select(AuthFailure)).all()] == [recent.id]
    assert [t.token_hash for t in session.exec(select(RefreshToken)).all()] == ["b" * 64]
