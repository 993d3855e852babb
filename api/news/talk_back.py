"""Comments and reactions: staff talking back to headquarters."""

from collections.abc import Sequence

from sqlmodel import Session, select

from api.common import idempotency
from api.common.clock import now
from api.common.pagination import PageParams, paginate_by_id
from api.db import insert_once
from api.errors import NotFound
from api.news.models import NewsComment, NewsPost, NewsReaction, ReactionKind
from api.org import service as org_service
from api.org.models import User

RESOURCE = "news_comment"


def list_comments(
    session: Session, *, post: NewsPost, page: PageParams
) -> tuple[Sequence[NewsComment], str | None]:
    """Oldest first, as a conversation reads."""
    statement = select(NewsComment).where(NewsComment.post_id == post.id)
    return paginate_by_id(session, statement, NewsComment.id, page)


def add_comment(
    session: Session, *, post: NewsPost, author: User, body: str, idempotency_key: str | None
) -> NewsComment:
    assert post.id is not None and author.id is not None
    post_id, author_id = post.id, author.id

    def create() -> int:
        comment = NewsComment(post_id=post_id, author_id=author_id, body=body)
        session.add(comment)
        session.flush()
        assert comment.id is not None
        return comment.id

    return idempotency.create_once(
        session,
        user_id=author_id,
        key=idempotency_key,
        resource_type=RESOURCE,
        request=(post_id, body),
        create=create,
        load=lambda comment_id: get_comment(session, post=post, comment_id=comment_id),
        # The post was checked visible on the way in; get_comment keeps to that post.
        still_theirs=lambda comment: comment.author_id == author_id,
    )


def get_comment(session: Session, *, post: NewsPost, comment_id: int) -> NewsComment:
    comment = session.get(NewsComment, comment_id)
    if comment is None or comment.post_id != post.id:
        raise NotFound("Comment not found")
    return comment


def edit_comment(session: Session, *, comment: NewsComment, body: str) -> NewsComment:
    comment.body = body
    comment.edited_at = now()
    session.add(comment)
    session.commit()
    session.refresh(comment)
    return comment


def delete_comment(session: Session, *, comment: NewsComment) -> None:
    session.delete(comment)
    session.commit()


def authors_of(session: Session, comments: Sequence[NewsComment]) -> dict[int, User]:
    return org_service.users_by_id(session, (comment.author_id for comment in comments))


def react(session: Session, *, post: NewsPost, user: User, kind: ReactionKind) -> None:
    """Add a reaction; adding one that is already there changes nothing."""
    assert post.id is not None and user.id is not None
    insert_once(session, NewsReaction(post_id=post.id, user_id=user.id, kind=kind))
    session.commit()


def unreact(session: Session, *, post: NewsPost, user: User, kind: ReactionKind) -> None:
    reaction = session.get(NewsReaction, (post.id, user.id, kind))
    if reaction is not None:
        session.delete(reaction)
    session.commit()
