"""Announcing changes once they are committed, and deciding who may hear about them."""

import logging
from collections.abc import Collection

from sqlalchemy import and_, event, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from api.common.clock import now
from api.live.broker import Broker, make_broker
from api.live.events import Kind, LiveEvent
from api.news import audience
from api.news.models import NewsPost
from api.org.models import Store, User

log = logging.getLogger(__name__)

# Bounded IN lists: a process with many open streams asks in slices.
IDS_PER_QUERY = 1000

# Installed by main.create_app; a process without an app (`winkelpraat worker`) builds one from
# its settings on first use, which with WINKELPRAAT_REDIS_URL reaches every API process.
_broker: Broker | None = None


def install(broker: Broker | None) -> None:
    global _broker
    _broker = broker


def _current_broker() -> Broker:
    global _broker
    if _broker is None:
        from api.config import get_settings

        settings = get_settings()
        _broker = make_broker(redis_url=settings.redis_url, channel=settings.live_channel)
    return _broker


def announce_after_commit(session: Session, live_event: LiveEvent) -> None:
    """Publish `live_event` when (and only if) this session's transaction commits, so a
    listener never hears of a post it cannot load yet, nor of one that was rolled back."""
    pending: list[LiveEvent] = session.info.setdefault("live_pending", [])
    pending.append(live_event)
    if not session.info.get("live_listening"):
        session.info["live_listening"] = True
        event.listen(session, "after_commit", _publish_pending)
        event.listen(session, "after_rollback", _forget_pending)


def _publish_pending(session: Session) -> None:
    # SQLAlchemy also fires after_commit when a SAVEPOINT is released (begin_nested, as in
    # idempotency.remember): the outer transaction is still open then, nothing is visible yet.
    if session.in_nested_transaction():
        return
    pending: list[LiveEvent] = session.info.pop("live_pending", [])
    if not pending:
        return
    broker = _current_broker()
    for live_event in pending:
        broker.publish(live_event)


def _forget_pending(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a SAVEPOINT rolled back; the transaction that announced goes on
    session.info.pop("live_pending", None)


def news_published(session: Session, *, post_id: int) -> None:
    """A post went live (now or on schedule): its audience may show it (after commit)."""
    announce_after_commit(session, LiveEvent(kind=Kind.NEWS, subject_id=post_id))


def receivers_among(session: Session, live_event: LiveEvent, user_ids: Collection[int]) -> set[int]:
    """Which of these (connected) people may see what `live_event` is about.

    The feed's own rule, decided in SQL against the current state: a post that is live, for
    an active user in its audience (the author sees their own post too). Someone moved to
    another store or deactivated since they connected hears nothing more about the old one.
    """
    if live_event.kind is not Kind.NEWS or not user_ids:
        return set()
    post = session.exec(
        select(NewsPost).where(NewsPost.id == live_event.subject_id, audience.is_live(now()))
    ).first()
    if post is None:
        return set()
    ids = list(user_ids)
    found: set[int] = set()
    for start in range(0, len(ids), IDS_PER_QUERY):
        batch = ids[start : start + IDS_PER_QUERY]
        found.update(
            session.execute(
                sa_select(col(User.id))
                .outerjoin(Store, col(Store.id) == col(User.store_id))
                .where(
                    col(User.id).in_(batch),
                    or_(
                        audience.user_is_in(post),
                        and_(col(User.is_active), col(User.id) == post.author_id),
                    ),
                )
            ).scalars()
        )
    return found
