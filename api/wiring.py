"""How one process is put together: its settings, its database, its live broker, and what
happens to work a transaction leaves for after its commit.

Nothing here is a module global written from outside: `main.create_app` builds one `Wiring`
per app (app.state.wiring), and job workers build one per process (`for_jobs`). Sessions get
it when they are made (`Wiring.session`, and api.db.get_session for requests), so a second app
in the same process, as in the tests, never inherits another's broker or settings.
"""

import threading
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import Session

from api.common import after_commit
from api.config import Settings, bind_settings, get_settings
from api.db import for_reading, get_engine
from api.live import service as live_service
from api.live.broker import Broker, make_broker
from api.live.events import Kind
from api.news import live as news_live
from api.notifications import delivery
from api.notifications import tasks as notification_tasks


@dataclass(frozen=True)
class Wiring:
    settings: Settings
    engine: Engine
    broker: Broker
    # Per channel (api.common.after_commit), what a committed transaction's work goes to.
    handlers: after_commit.Handlers
    # Per kind of live event, who may hear of it.
    audiences: live_service.Audiences

    def bind(self, session: Session) -> Session:
        bind_settings(session, self.settings)
        return after_commit.bind(session, self.handlers)

    def session(self, *, reading: bool = False) -> Session:
        """A session on this process's database, bound to this wiring."""
        return self.bind(Session(for_reading(self.engine) if reading else self.engine))


def build(settings: Settings, engine: Engine) -> Wiring:
    broker = make_broker(redis_url=settings.redis_url, channel=settings.live_channel)
    return Wiring(
        settings=settings,
        engine=engine,
        broker=broker,
        handlers={
            live_service.CHANNEL: live_service.publisher(broker),
            delivery.CHANNEL: notification_tasks.dispatch_all,
        },
        audiences={Kind.NEWS: news_live.receivers},
    )


_for_jobs: Wiring | None = None
_for_jobs_lock = threading.Lock()


def for_jobs() -> Wiring:
    """The job worker's wiring, from the process's settings and engine (a worker serves one
    deployment; with WINKELPRAAT_REDIS_URL its live events reach every API process). Built
    once, and again only if those are replaced (tests point them at another database)."""
    global _for_jobs
    settings, engine = get_settings(), get_engine()
    with _for_jobs_lock:
        if (
            _for_jobs is None
            or _for_jobs.settings is not settings
            or _for_jobs.engine is not engine
        ):
            _for_jobs = build(settings, engine)
        return _for_jobs
