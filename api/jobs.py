"""The job queue: SqliteHuey embedded (a file under var/), RedisHuey with WINKELPRAAT_REDIS_URL.

Tasks live in their domain (`api/<domain>/tasks.py`) and register on `huey` below. In the
embedded default the consumer runs inside the API process (see main.py); in production it is
`winkelpraat worker`.
"""

import importlib
import logging
from datetime import timedelta

from huey import Huey, RedisHuey, SqliteHuey, crontab
from huey.consumer import Consumer
from sqlmodel import Session

from api.config import Settings, get_settings

log = logging.getLogger(__name__)


def make_huey(settings: Settings, *, name: str = "winkelpraat") -> Huey:
    if settings.redis_url:
        return RedisHuey(name, url=settings.redis_url)
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(name, filename=str(settings.var_dir / "jobs.db"))


huey = make_huey(get_settings())

# Modules whose tasks the consumer must know; each registers on `huey` when imported.
TASK_MODULES = ("api.news.tasks", "api.notifications.tasks")


def load_tasks() -> None:
    for module in TASK_MODULES:
        importlib.import_module(module)


class EmbeddedConsumer(Consumer):  # type: ignore[misc]
    """A consumer running on threads inside the web process.

    Huey's own consumer installs signal handlers; inside uvicorn those belong to uvicorn.
    """

    def _set_signal_handlers(self) -> None:
        pass


def start_embedded_consumer(queue: Huey, *, workers: int = 2) -> EmbeddedConsumer:
    load_tasks()
    consumer = EmbeddedConsumer(queue, workers=workers, worker_type="thread", periodic=True)
    consumer.start()
    return consumer


@huey.periodic_task(crontab(minute="17"))  # type: ignore[untyped-decorator]
def purge_expired_auth_rows() -> int:
    """Hourly housekeeping: old failure counts and long-expired refresh tokens."""
    from api.auth import service as auth_service
    from api.db import get_engine

    settings = get_settings()
    with Session(get_engine()) as session:
        removed = auth_service.purge_expired(
            session,
            failures_older_than=timedelta(minutes=settings.login_failure_window_minutes) * 4,
        )
    log.info("purged %d expired auth rows", removed)
    return removed
