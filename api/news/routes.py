from typing import Annotated

from fastapi import APIRouter, Query, Response

from api import policy
from api.auth.deps import CurrentUser
from api.common.idempotency import IdempotencyKey
from api.common.pagination import Limit, Page, PageDep
from api.common.schemas import IdPath
from api.db import SessionDep
from api.errors import error_responses
from api.news import present, stats, talk_back
from api.news import service as news_service
from api.news.deps import VisiblePost
from api.news.models import NewsComment, NewsPost, ReactionKind
from api.news.schemas import (
    AuthorPublic,
    CommentCreate,
    CommentPublic,
    NewsPostCreate,
    NewsPostPublic,
    NewsPostSource,
    NewsPostUpdate,
    NewsStats,
    ReactionsPublic,
)
from api.org.models import User

router = APIRouter(prefix="/news", tags=["news"], responses=error_responses(401, 404))


def _one(session: SessionDep, post: NewsPost, viewer: User) -> NewsPostPublic:
    return present.posts_public(session, [post], viewer=viewer)[0]


@router.post("", status_code=201, response_model=NewsPostPublic, responses=error_responses(403))
def create_post(
    data: NewsPostCreate, session: SessionDep, user: CurrentUser, key: IdempotencyKey = None
) -> NewsPostPublic:
    """Publish, schedule or draft a post for an audience."""
    policy.ensure_can_publish(
        user, store_ids=data.audience.store_ids, region_ids=data.audience.region_ids
    )
    post = news_service.publish(session, author=user, data=data, idempotency_key=key)
    return _one(session, post, user)


@router.get("", response_model=Page[NewsPostPublic])
def read_feed(
    session: SessionDep,
    user: CurrentUser,
    limit: Limit = 20,
    cursor: Annotated[
        str | None, Query(max_length=300, description="next_cursor of the previous page")
    ] = None,
    unread: bool = False,
    must_read: bool = False,
) -> Page[NewsPostPublic]:
    """Your feed: live posts for you, pinned first, then newest."""
    posts, next_cursor = news_service.list_feed_for(
        session,
        user=user,
        limit=limit,
        cursor=cursor,
        filters=news_service.FeedFilter(unread=unread, must_read=must_read),
    )
    return Page(items=present.posts_public(session, posts, viewer=user), next_cursor=next_cursor)


@router.get("/{post_id}", response_model=NewsPostPublic)
def read_post(post: VisiblePost, session: SessionDep, user: CurrentUser) -> NewsPostPublic:
    """Open one post."""
    return _one(session, post, user)


@router.get("/{post_id}/source", response_model=NewsPostSource, responses=error_responses(403))
def read_source(post: VisiblePost, session: SessionDep, user: CurrentUser) -> NewsPostSource:
    """Open a post for editing: original language and text, and every translation."""
    policy.ensure_can_manage_post(user, post.author_id)
    return news_service.source_of(session, post=post)


@router.patch("/{post_id}", response_model=NewsPostPublic, responses=error_responses(403))
def edit_post(
    post: VisiblePost, data: NewsPostUpdate, session: SessionDep, user: CurrentUser
) -> NewsPostPublic:
    """Edit a post (author, HQ, admin)."""
    policy.ensure_can_manage_post(user, post.author_id)
    if data.audience is not None:
        policy.ensure_can_publish(
            user, store_ids=data.audience.store_ids, region_ids=data.audience.region_ids
        )
    post = news_service.update(session, post=post, editor=user, data=data)
    return _one(session, post, user)


@router.delete("/{post_id}", status_code=204, responses=error_responses(403))
def delete_post(post: VisiblePost, session: SessionDep, user: CurrentUser) -> Response:
    """Delete a post with its comments, reactions and read marks (author, HQ, admin)."""
    policy.ensure_can_manage_post(user, post.author_id)
    news_service.delete_post(session, post=post)
    return Response(status_code=204)


@router.post("/{post_id}/read", status_code=204)
def mark_read(post: VisiblePost, session: SessionDep, user: CurrentUser) -> Response:
    """Mark a post as read."""
    news_service.mark_read(session, post=post, user=user)
    return Response(status_code=204)


@router.post("/{post_id}/ack", status_code=204)
def acknowledge(post: VisiblePost, session: SessionDep, user: CurrentUser) -> Response:
    """Confirm you have read a must-read post (marks it read too)."""
    news_service.acknowledge(session, post=post, user=user)
    return Response(status_code=204)


@router.get("/{post_id}/stats", response_model=NewsStats, responses=error_responses(403))
def read_stats(post: VisiblePost, session: SessionDep, user: CurrentUser) -> NewsStats:
    """Audience size, read and acknowledged, per store (a store manager sees their store)."""
    store_filter = policy.stats_store_filter(user, author_id=post.author_id)
    return stats.stats_for(session, post=post, store_id=store_filter)


def _comments_public(session: SessionDep, comments: list[NewsComment]) -> list[CommentPublic]:
    authors = talk_back.authors_of(session, comments)
    return [
        CommentPublic(
            id=comment.id or 0,
            post_id=comment.post_id,
            author=AuthorPublic(
                id=comment.author_id,
                name=authors[comment.author_id].name if comment.author_id in authors else "",
            ),
            body=comment.body,
            created_at=comment.created_at,
            edited_at=comment.edited_at,
        )
        for comment in comments
    ]


@router.get("/{post_id}/comments", response_model=Page[CommentPublic])
def list_comments(post: VisiblePost, session: SessionDep, page: PageDep) -> Page[CommentPublic]:
    """Read the comments on a post, oldest first."""
    comments, next_cursor = talk_back.list_comments(session, post=post, page=page)
    return Page(items=_comments_public(session, list(comments)), next_cursor=next_cursor)


@router.post("/{post_id}/comments", status_code=201, response_model=CommentPublic)
def add_comment(
    post: VisiblePost,
    data: CommentCreate,
    session: SessionDep,
    user: CurrentUser,
    key: IdempotencyKey = None,
) -> CommentPublic:
    """Comment on a post."""
    comment = talk_back.add_comment(
        session, post=post, author=user, body=data.body, idempotency_key=key
    )
    return _comments_public(session, [comment])[0]


@router.patch(
    "/{post_id}/comments/{comment_id}",
    response_model=CommentPublic,
    responses=error_responses(403),
)
def edit_comment(
    post: VisiblePost,
    comment_id: IdPath,
    data: CommentCreate,
    session: SessionDep,
    user: CurrentUser,
) -> CommentPublic:
    """Edit a comment (its writer, HQ, admin)."""
    comment = talk_back.get_comment(session, post=post, comment_id=comment_id)
    policy.ensure_can_moderate_comment(user, comment_author_id=comment.author_id)
    return _comments_public(
        session, [talk_back.edit_comment(session, comment=comment, body=data.body)]
    )[0]


@router.delete("/{post_id}/comments/{comment_id}", status_code=204, responses=error_responses(403))
def delete_comment(
    post: VisiblePost, comment_id: IdPath, session: SessionDep, user: CurrentUser
) -> Response:
    """Delete a comment (its writer, HQ, admin)."""
    comment = talk_back.get_comment(session, post=post, comment_id=comment_id)
    policy.ensure_can_moderate_comment(user, comment_author_id=comment.author_id)
    talk_back.delete_comment(session, comment=comment)
    return Response(status_code=204)


@router.put("/{post_id}/reactions/{kind}", response_model=ReactionsPublic)
def add_reaction(
    post: VisiblePost, kind: ReactionKind, session: SessionDep, user: CurrentUser
) -> ReactionsPublic:
    """React to a post (adding the same reaction twice changes nothing)."""
    talk_back.react(session, post=post, user=user, kind=kind)
    assert post.id is not None
    return present.reactions_of(session, post_id=post.id, user=user)


@router.delete("/{post_id}/reactions/{kind}", response_model=ReactionsPublic)
def remove_reaction(
    post: VisiblePost, kind: ReactionKind, session: SessionDep, user: CurrentUser
) -> ReactionsPublic:
    """Take a reaction back."""
    talk_back.unreact(session, post=post, user=user, kind=kind)
    assert post.id is not None
    return present.reactions_of(session, post_id=post.id, user=user)
