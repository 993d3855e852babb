"""Read and acknowledgement rates per store, counted in one grouped query."""

from sqlalchemy import and_, func
from sqlmodel import Session, col, select

from api.news import visibility
from api.news.models import NewsAck, NewsPost, NewsRead
from api.news.schemas import Counts, NewsStats, StoreStats
from api.org.models import Store, User


def stats_for(session: Session, *, post: NewsPost, store_id: int | None) -> NewsStats:
    """Audience size, read and acknowledged, overall and per store (or for one store)."""
    statement = (
        select(
            User.store_id,
            func.count(col(User.id)),
            func.count(col(NewsRead.user_id)),
            func.count(col(NewsAck.user_id)),
        )
        .select_from(User)
        .outerjoin(Store, col(Store.id) == col(User.store_id))
        .outerjoin(
            NewsRead, and_(col(NewsRead.user_id) == col(User.id), col(NewsRead.post_id) == post.id)
        )
        .outerjoin(
            NewsAck, and_(col(NewsAck.user_id) == col(User.id), col(NewsAck.post_id) == post.id)
        )
        .where(visibility.audience_members(post))
        .group_by(col(User.store_id))
    )
    if store_id is not None:
        statement = statement.where(User.store_id == store_id)
    rows = session.exec(statement).all()
    without_store = next(
        (
            Counts(audience=size, read=read, acknowledged=acked)
            for row_store, size, read, acked in rows
            if row_store is None
        ),
        Counts(audience=0, read=0, acknowledged=0),
    )
    by_store = [
        StoreStats(store_id=row_store, audience=size, read=read, acknowledged=acked)
        for row_store, size, read, acked in rows
        if row_store is not None
    ]
    by_store.sort(key=lambda row: row.store_id)
    return NewsStats(
        audience_size=sum(row[1] for row in rows),
        read=sum(row[2] for row in rows),
        acknowledged=sum(row[3] for row in rows),
        by_store=by_store,
        without_store=without_store,
    )
