"""How one process is put together: its settings, its database, its live broker, its job
queue, and what happens to work a transaction leaves for after its commit.

Nothing here is a module global: `main.create_app` builds one `Wiring` per app
(app.state.wiring) and `winkelpraat worker` one for its process. Sessions get it when they are
made (`Wiring.session`, and api.db.get_session for requests), and the jobs registered on its
queue open their sessions through it, so a second app in the same process, as in the tests,
never inherits another's broker, queue or settings.
"""

from dataclasses import dataclass
from typing import Any

from huey import Huey
from sqlalchemy import Engine
from sqlmodel import Session

from api.auth import service as auth_service
from api.auth import tasks as auth_tasks
from api.common import after_commit
from api.config import Settings, bind_settings
from api.jobs import make_huey
from api.live import service as live_service
from api.live.broker import Broker, make_broker
from api.live.events import Kind
from api.news import live as news_live
from api.news import service as news_service
from api.news import tasks as news_tasks
from api.notifications import delivery
from api.notifications import tasks as notification_tasks


@dataclass(frozen=True)
class Wiring:
    settings: Settings
    engine: Engine
    broker: Broker
    queue: Huey
    # Per channel (api.common.after_commit), what a committed transaction's work goes to.
    handlers: after_commit.Handlers
    # Per kind of live event, who may hear of it.
    audiences: live_service.Audiences
    # The jobs registered on `queue`, by domain (for tests and tools that run one by hand).
    jobs: dict[str, Any]

    def bind(self, session: Session) -> Session:
        bind_settings(session, self.settings)
        return after_commit.bind(session, self.handlers)

    def session(self) -> Session:
        """A session on this process's database, bound to this wiring."""
        return self.bind(Session(self.engine))


def build(settings: Settings, engine: Engine) -> Wiring:
    broker = make_broker(redis_url=settings.redis_url, channel=settings.live_channel)
    handlers: dict[str, after_commit.Handler] = {
        live_service.CHANNEL: live_service.publisher(broker),
        # Whoever's logins all ended is told on their open streams, which then end.
        auth_service.SIGNED_OUT: live_service.signed_out_publisher(broker),
    }
    jobs: dict[str, Any] = {}
    wiring = Wiring(
        settings=settings,
        engine=engine,
        broker=broker,
        queue=make_huey(settings),
        handlers=handlers,
        audiences={Kind.NEWS: news_live.receivers},
        jobs=jobs,
    )
    jobs["news"] = news = news_tasks.register(wiring.queue, wiring.session)
    jobs["notifications"] = notifications = notification_tasks.register(
        wiring.queue, engine=engine, settings=settings
    )
    auth_tasks.register(wiring.queue, wiring.session, settings)
    handlers[news_service.PUBLISH_AT] = news.schedule
    handlers[delivery.CHANNEL] = notifications.dispatch_all
    return wiring
