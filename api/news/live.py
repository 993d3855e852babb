"""News on open screens: a post going out is announced live to the people whose feed has it."""

from collections.abc import Sequence

from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from api.live import service as live_service
from api.live.events import Kind, LiveEvent
from api.news import visibility
from api.news.models import NewsPost
from api.org.models import Store, User


def published(session: Session, *, post_id: int) -> None:
    """A post went live (now or on schedule): open feeds may show it (after commit)."""
    live_service.announce_after_commit(session, LiveEvent(kind=Kind.NEWS, subject_id=post_id))


def receivers(session: Session, post_id: int, user_ids: Sequence[int]) -> set[int]:
    """An event puts the post on top of an open feed: it goes to the people whose feed has
    it (visibility.feed_readers)."""
    post = session.get(NewsPost, post_id)
    if post is None:
        return set()
    return set(
        session.execute(
            sa_select(col(User.id))
            .outerjoin(Store, col(Store.id) == col(User.store_id))
            .where(col(User.id).in_(user_ids), visibility.feed_readers(post))
        ).scalars()
    )
