"""Loading a post the caller may see (404 otherwise: existence never leaks across stores)."""

from typing import Annotated

from fastapi import Depends

from api.auth.deps import CurrentUser
from api.common.schemas import IdPath
from api.db import SessionDep
from api.errors import NotFound
from api.news import visibility
from api.news.models import NewsPost


def get_visible_post(post_id: IdPath, session: SessionDep, user: CurrentUser) -> NewsPost:
    post = session.get(NewsPost, post_id)
    if post is None or not visibility.may_open(session, user=user, post=post):
        raise NotFound("News item not found")
    return post


VisiblePost = Annotated[NewsPost, Depends(get_visible_post)]
