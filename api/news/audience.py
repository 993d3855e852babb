"""Who a post is for, as SQL: one predicate over posts (the feed) and one over users (stats).

Stores and regions are a union; roles narrow. A post with no stores and no regions is for every
store; with no roles, for every role. Both sides are resolved with EXISTS / IN over the small
audience tables, never by loading users into Python.
"""

from datetime import datetime

from sqlalchemy import ColumnElement, and_, exists, false, not_, or_, select, true
from sqlmodel import col

from api.news.models import (
    NewsAudienceRegion,
    NewsAudienceRole,
    NewsAudienceStore,
    NewsPost,
    PostStatus,
)
from api.org.models import Store, User


def post_is_for(user: User) -> ColumnElement[bool]:
    """Posts whose audience includes this user.

    The user's region is looked up inside the same statement (no extra round trip).
    """
    region_id = (
        select(col(Store.region_id)).where(col(Store.id) == user.store_id).scalar_subquery()
        if user.store_id is not None
        else None
    )
    post_id = col(NewsPost.id)
    in_store = (
        exists().where(
            col(NewsAudienceStore.post_id) == post_id,
            col(NewsAudienceStore.store_id) == user.store_id,
        )
        if user.store_id is not None
        else false()
    )
    in_region = (
        exists().where(
            col(NewsAudienceRegion.post_id) == post_id,
            col(NewsAudienceRegion.region_id) == region_id,
        )
        if region_id is not None
        else false()
    )
    has_role = exists().where(
        col(NewsAudienceRole.post_id) == post_id, col(NewsAudienceRole.role) == user.role
    )
    return and_(
        or_(not_(col(NewsPost.has_place_filter)), in_store, in_region),
        or_(not_(col(NewsPost.has_role_filter)), has_role),
    )


def is_live(at: datetime) -> ColumnElement[bool]:
    """Published, and not yet expired."""
    return and_(
        col(NewsPost.status) == PostStatus.PUBLISHED,
        col(NewsPost.published_at) <= at,
        or_(col(NewsPost.expires_at).is_(None), col(NewsPost.expires_at) > at),
    )


def user_is_in(post: NewsPost) -> ColumnElement[bool]:
    """Active users in this post's audience (query joins org_user to org_store by store_id)."""
    place: ColumnElement[bool] = true()
    if post.has_place_filter:
        stores = select(col(NewsAudienceStore.store_id)).where(
            col(NewsAudienceStore.post_id) == post.id
        )
        regions = select(col(NewsAudienceRegion.region_id)).where(
            col(NewsAudienceRegion.post_id) == post.id
        )
        place = or_(col(User.store_id).in_(stores), col(Store.region_id).in_(regions))
    role: ColumnElement[bool] = true()
    if post.has_role_filter:
        roles = select(col(NewsAudienceRole.role)).where(col(NewsAudienceRole.post_id) == post.id)
        role = col(User.role).in_(roles)
    return and_(col(User.is_active), place, role)
