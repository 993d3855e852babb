"""Who may see a news post: the one definition every reader of news uses.

Two rules, the second inside the first:
- **May open** (opening it, search, comments, reactions): whoever manages the post (its author,
  head office, admins) in any state; anyone else while it is live and they are in its audience.
- **In the feed** (the feed, live updates, the "new post" notification): live, and for the
  person's audience, plus their own posts. Head office may open every post, but its feed shows
  only what is addressed to it: publishers read the chain's news as their staff do, not every
  store's posts at once (README, "Who sees a news post").

Each rule is written once, as SQL over posts or over people; the one-post answer (`may_open`)
runs that same SQL for that row, so the answer for one post and for a list can never disagree.
The audience itself (stores, regions, roles) is in `audience.py`.
"""

from sqlalchemy import ColumnElement, and_, exists, false, or_, true
from sqlmodel import Session, col, select

from api import policy
from api.common.clock import now
from api.news import audience
from api.news.models import NewsPost
from api.org.models import User


def managed_by(user: User) -> ColumnElement[bool]:
    """Posts this user may manage in any state (the rule of policy.can_manage_post, as SQL)."""
    if policy.is_chain_wide(user):
        return true()
    return col(NewsPost.author_id) == user.id if user.id is not None else false()


def live() -> ColumnElement[bool]:
    """Published and not expired, now."""
    return audience.is_live(now())


def opens_for(user: User) -> ColumnElement[bool]:
    """Posts this user may open."""
    return or_(managed_by(user), and_(live(), audience.post_is_for(user)))


def searchable_by(user: User) -> ColumnElement[bool]:
    """What search finds: the posts the user may open that are out (no drafts, nothing expired)."""
    return and_(live(), opens_for(user))


def in_feed_of(user: User) -> ColumnElement[bool]:
    """The user's feed: live posts for their audience, and their own live posts."""
    own = col(NewsPost.author_id) == user.id if user.id is not None else false()
    return and_(live(), or_(audience.post_is_for(user), own))


def may_open(session: Session, *, user: User, post: NewsPost) -> bool:
    """`opens_for` for one post."""
    if policy.can_manage_post(user, post.author_id):
        return True  # no query needed: the first half of opens_for, in Python
    found = session.exec(select(NewsPost.id).where(NewsPost.id == post.id, opens_for(user)))
    return found.first() is not None


def feed_readers(post: NewsPost) -> ColumnElement[bool]:
    """People whose feed has this post now: `in_feed_of` seen from the post's side.

    For a query over org_user outer-joined to org_store (the audience needs the store's region).
    Deactivated people have no feed.
    """
    is_out = exists().where(col(NewsPost.id) == post.id, live())
    own = and_(col(User.is_active), col(User.id) == post.author_id)
    return and_(is_out, or_(audience.user_is_in(post), own))


def audience_members(post: NewsPost) -> ColumnElement[bool]:
    """Active people the post is addressed to (who are told it was published, and whose
    reading counts in its read rate), over org_user outer-joined to org_store."""
    return audience.user_is_in(post)
