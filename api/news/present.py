"""Turning posts into what the API returns, for a whole page at once.

Every per-post detail (author, read/ack marks, counts, reactions, translations, audience) is
fetched with one query per kind for the page, not one per post.
"""

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import func
from sqlmodel import Session, col, select

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
from api.org.models import User


def reactions_of(session: Session, *, post_id: int, user: User) -> ReactionsPublic:
    counts = session.exec(
        select(NewsReaction.kind, func.count())
        .where(NewsReaction.post_id == post_id)
        .group_by(col(NewsReaction.kind))
    ).all()
    mine = session.exec(
        select(NewsReaction.kind).where(
            NewsReaction.post_id == post_id, NewsReaction.user_id == user.id
        )
    ).all()
    return ReactionsPublic(
        reactions={ReactionKind(kind): n for kind, n in counts},
        my_reactions=sorted(ReactionKind(kind) for kind in mine),
    )


def audiences_of(session: Session, post_ids: Sequence[int]) -> dict[int, AudiencePublic]:
    """Each post's audience lists, read from the three audience tables in three queries."""
    lists: dict[int, dict[str, list[object]]] = defaultdict(
        lambda: {"store_ids": [], "region_ids": [], "roles": []}
    )
    for model, column, field in (
        (NewsAudienceStore, NewsAudienceStore.store_id, "store_ids"),
        (NewsAudienceRegion, NewsAudienceRegion.region_id, "region_ids"),
        (NewsAudienceRole, NewsAudienceRole.role, "roles"),
    ):
        rows = session.exec(select(model.post_id, column).where(col(model.post_id).in_(post_ids)))
        for post_id, value in rows.all():
            lists[post_id][field].append(value)
    return {
        post_id: AudiencePublic.model_validate(
            {field: sorted(values) for field, values in lists[post_id].items()}
        )
        for post_id in post_ids
    }


def posts_public(
    session: Session, posts: Sequence[NewsPost], *, viewer: User
) -> list[NewsPostPublic]:
    ids = [post.id for post in posts if post.id is not None]
    if not ids:
        return []

    authors = {
        user.id: user
        for user in session.exec(
            select(User).where(col(User.id).in_({post.author_id for post in posts}))
        ).all()
    }
    read = set(
        session.exec(
            select(NewsRead.post_id).where(
                col(NewsRead.post_id).in_(ids), NewsRead.user_id == viewer.id
            )
        ).all()
    )
    acked = set(
        session.exec(
            select(NewsAck.post_id).where(
                col(NewsAck.post_id).in_(ids), NewsAck.user_id == viewer.id
            )
        ).all()
    )
    comments = dict(
        session.exec(
            select(NewsComment.post_id, func.count())
            .where(col(NewsComment.post_id).in_(ids))
            .group_by(col(NewsComment.post_id))
        ).all()
    )
    reactions: dict[int, dict[ReactionKind, int]] = defaultdict(dict)
    for post_id, kind, count in session.exec(
        select(NewsReaction.post_id, NewsReaction.kind, func.count())
        .where(col(NewsReaction.post_id).in_(ids))
        .group_by(col(NewsReaction.post_id), col(NewsReaction.kind))
    ).all():
        reactions[post_id][ReactionKind(kind)] = count
    mine: dict[int, list[ReactionKind]] = defaultdict(list)
    for post_id, kind in session.exec(
        select(NewsReaction.post_id, NewsReaction.kind).where(
            col(NewsReaction.post_id).in_(ids), NewsReaction.user_id == viewer.id
        )
    ).all():
        mine[post_id].append(ReactionKind(kind))
    translations: dict[int, dict[str, NewsTranslation]] = defaultdict(dict)
    for translation in session.exec(
        select(NewsTranslation).where(col(NewsTranslation.post_id).in_(ids))
    ).all():
        translations[translation.post_id][str(translation.locale)] = translation
    audiences = audiences_of(session, ids)

    result = []
    for post in posts:
        assert post.id is not None
        author = authors.get(post.author_id)
        shown = translations[post.id].get(str(viewer.locale))
        result.append(
            NewsPostPublic.model_validate(
                {
                    "id": post.id,
                    "status": post.status,
                    "title": shown.title if shown else post.title,
                    "body": shown.body if shown else post.body,
                    "body_html": shown.body_html if shown else post.body_html,
                    "locale": shown.locale if shown else post.locale,
                    "author": AuthorPublic(id=post.author_id, name=author.name if author else ""),
                    "audience": audiences[post.id],
                    "published_at": post.published_at,
                    "publish_at": post.publish_at,
                    "expires_at": post.expires_at,
                    "must_read": post.is_must_read,
                    "urgency": post.urgency,
                    "pinned": post.is_pinned,
                    "read": post.id in read,
                    "acknowledged": post.id in acked,
                    "comment_count": comments.get(post.id, 0),
                    "reactions": reactions[post.id],
                    "my_reactions": sorted(mine[post.id]),
                    "translations": sorted({str(post.locale), *translations[post.id]}),
                }
            )
        )
    return result
