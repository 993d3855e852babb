"""Turning posts into what the API returns, for a whole page at once.

A page takes three statements whatever its size: one row of facts per post (author, the
reader's read/ack marks, comment count, the reader's translation), one for reactions, and one
UNION ALL for the list-valued facts (audience stores, regions and roles, available languages).
Round trips, not rows, are what a feed request pays for.
"""

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import String, and_, case, cast, exists, func, literal, union_all
from sqlalchemy import select as sa_select
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from api.common.schemas import from_row
from api.news.models import (
    NewsAck,
    NewsAudienceRegion,
    NewsAudienceRole,
    NewsAudienceStore,
    NewsComment,
    NewsPost,
    NewsReaction,
    NewsRead,
    NewsTranslation,
    ReactionKind,
)
from api.news.schemas import AudiencePublic, AuthorPublic, NewsPostPublic, ReactionsPublic
from api.org.models import Locale, Role, User

LIST_FIELDS = ("store_ids", "region_ids", "roles", "locales")


def reactions_of(session: Session, *, post_id: int, user: User) -> ReactionsPublic:
    counts, mine = _reactions(session, [post_id], user)
    return ReactionsPublic(reactions=counts[post_id], my_reactions=sorted(mine[post_id]))


def _reactions(
    session: Session, post_ids: Sequence[int], viewer: User
) -> tuple[dict[int, dict[ReactionKind, int]], dict[int, list[ReactionKind]]]:
    counts: dict[int, dict[ReactionKind, int]] = defaultdict(dict)
    mine: dict[int, list[ReactionKind]] = defaultdict(list)
    rows = session.exec(
        select(
            NewsReaction.post_id,
            NewsReaction.kind,
            func.count(),
            func.max(case((col(NewsReaction.user_id) == viewer.id, 1), else_=0)),
        )
        .where(col(NewsReaction.post_id).in_(post_ids))
        .group_by(col(NewsReaction.post_id), col(NewsReaction.kind))
    )
    for post_id, kind, count, is_mine in rows.all():
        counts[post_id][ReactionKind(kind)] = count
        if is_mine:
            mine[post_id].append(ReactionKind(kind))
    return counts, mine


def _lists(session: Session, post_ids: Sequence[int]) -> dict[int, dict[str, list[str]]]:
    """Audience stores, regions and roles and translation languages, in one statement."""
    parts = [
        select(col(model.post_id), literal(field), cast(column, String)).where(
            col(model.post_id).in_(post_ids)
        )
        for model, column, field in (
            (NewsAudienceStore, NewsAudienceStore.store_id, "store_ids"),
            (NewsAudienceRegion, NewsAudienceRegion.region_id, "region_ids"),
            (NewsAudienceRole, NewsAudienceRole.role, "roles"),
            (NewsTranslation, NewsTranslation.locale, "locales"),
        )
    ]
    lists: dict[int, dict[str, list[str]]] = defaultdict(lambda: {f: [] for f in LIST_FIELDS})
    for post_id, field, value in session.execute(union_all(*parts)).all():
        lists[post_id][field].append(value)
    return lists


def _audience(lists: dict[str, list[str]]) -> AudiencePublic:
    return AudiencePublic(
        store_ids=sorted(int(v) for v in lists["store_ids"]),
        region_ids=sorted(int(v) for v in lists["region_ids"]),
        roles=sorted(Role(v) for v in lists["roles"]),
    )


def audiences_of(session: Session, post_ids: Sequence[int]) -> dict[int, AudiencePublic]:
    lists = _lists(session, post_ids)
    return {post_id: _audience(lists[post_id]) for post_id in post_ids}


def posts_public(
    session: Session, posts: Sequence[NewsPost], *, viewer: User
) -> list[NewsPostPublic]:
    ids = [post.id for post in posts if post.id is not None]
    if not ids:
        return []
    shown = aliased(NewsTranslation)
    post_id = col(NewsPost.id)
    on_reader_language = and_(
        shown.post_id == post_id,  # type: ignore[arg-type]
        shown.locale == viewer.locale,  # type: ignore[arg-type]
    )
    columns: list[Any] = [
        post_id,
        col(User.name).label("author_name"),
        exists()
        .where(col(NewsRead.post_id) == post_id, col(NewsRead.user_id) == viewer.id)
        .label("is_read"),
        exists()
        .where(col(NewsAck.post_id) == post_id, col(NewsAck.user_id) == viewer.id)
        .label("is_acked"),
        select(func.count())
        .where(col(NewsComment.post_id) == post_id)
        .scalar_subquery()
        .label("comments"),
        shown.title,
        shown.body,
        shown.body_html,
        shown.locale,
    ]
    facts = {
        row.id: row
        for row in session.execute(
            sa_select(*columns)
            .outerjoin(User, col(User.id) == col(NewsPost.author_id))
            .outerjoin(shown, on_reader_language)
            .where(post_id.in_(ids))
        ).all()
    }
    counts, mine = _reactions(session, ids, viewer)
    lists = _lists(session, ids)

    result = []
    for post in posts:
        assert post.id is not None
        row = facts[post.id]
        # In the reader's language where a translation exists.
        shown_text = (
            {"title": row.title, "body": row.body, "body_html": row.body_html, "locale": row.locale}
            if row.locale is not None
            else {}
        )
        result.append(
            from_row(
                NewsPostPublic,
                post,
                **shown_text,
                author=AuthorPublic(id=post.author_id, name=row.author_name or ""),
                audience=_audience(lists[post.id]),
                read=bool(row.is_read),
                acknowledged=bool(row.is_acked),
                comment_count=row.comments,
                reactions=counts[post.id],
                my_reactions=sorted(mine[post.id]),
                translations=sorted(Locale(v) for v in {post.locale, *lists[post.id]["locales"]}),
            )
        )
    return result
