"""The job queue: SqliteHuey embedded (a file under var/), RedisHuey with WINKELPRAAT_REDIS_URL.

Each process makes its own queue (api.wiring), and the jobs of each domain
(`api/<domain>/tasks.py`) register on it there: nothing is built when a module is imported.
In the embedded default the consumer runs inside the API process (see main.py); in production
it is `winkelpraat worker`.
"""

from huey import Huey, RedisHuey, SqliteHuey
from huey.consumer import Consumer

from api.config import Settings


def make_huey(settings: Settings, *, name: str = "winkelpraat") -> Huey:
    if settings.redis_url:
        return RedisHuey(name, url=settings.redis_url)
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(name, filename=str(settings.var_dir / "jobs.db"))


class EmbeddedConsumer(Consumer):  # type: ignore[misc]
    """A consumer running on threads inside the web process.

    Huey's own consumer installs signal handlers; inside uvicorn those belong to uvicorn.
    """

    def _set_signal_handlers(self) -> None:
        pass


def start_embedded_consumer(queue: Huey, *, workers: int = 2) -> EmbeddedConsumer:
    consumer = EmbeddedConsumer(queue, workers=workers, worker_type="thread", periodic=True)
    consumer.start()
    return consumer
