"""Loading a post the caller may see (404 otherwise: existence never leaks across stores)."""

from typing import Annotated

from fastapi import Depends

from api import policy
from api.auth.deps import CurrentUser
from api.common.schemas import IdPath
from api.db import SessionDep
from api.errors import NotFound
from api.news import service as news_service
from api.news.models import NewsPost


def get_visible_post(post_id: IdPath, session: SessionDep, user: CurrentUser) -> NewsPost:
    post = session.get(NewsPost, post_id)
    if post is None or not news_service.is_visible(
        session, post=post, user=user, may_manage=policy.can_manage_post(user, post.author_id)
    ):
        raise NotFound("News item not found")
    return post


VisiblePost = Annotated[NewsPost, Depends(get_visible_post)]
