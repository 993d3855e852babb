"""Publishing, scheduling, editing and reading store news."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, delete, false, or_, true
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from api.audit import service as audit_service
from api.common import after_commit, idempotency
from api.common.clock import now
from api.common.pagination import (
    cursor_fields,
    cursor_flag,
    cursor_id,
    cursor_time,
    pack_cursor,
)
from api.common.schemas import from_row
from api.common.text import markdown
from api.db import insert_once
from api.errors import InvalidField, NotFound
from api.news import live as news_live
from api.news import present, visibility
from api.news.models import (
    NewsAck,
    NewsAudienceRegion,
    NewsAudienceRole,
    NewsAudienceStore,
    NewsPost,
    NewsRead,
    NewsTranslation,
    PostStatus,
    Urgency,
)
from api.news.schemas import (
    Audience,
    NewsPostCreate,
    NewsPostSource,
    NewsPostUpdate,
    TranslationIn,
    TranslationOut,
)
from api.notifications import messages
from api.notifications import service as notifications_service
from api.org.models import Locale, Region, Store, User

RESOURCE = "news_post"
# The after-commit channel of publication times (api.wiring: a job at each, news/tasks.py).
PUBLISH_AT = "news.publish_at"


@dataclass(frozen=True)
class FeedFilter:
    unread: bool = False
    must_read: bool = False


def _check_audience_exists(session: Session, data: Audience) -> None:
    """Unknown store or region ids are a 422 naming the first one, before anything is written."""
    for ids, model, field in (
        (data.store_ids, Store, "store_ids"),
        (data.region_ids, Region, "region_ids"),
    ):
        wanted = set(ids)
        if not wanted:
            continue
        found = set(session.exec(select(model.id).where(col(model.id).in_(wanted))).all())
        missing = sorted(wanted - found)
        if missing:
            raise InvalidField(("body", "audience", field), f"Unknown id {missing[0]}")


def _replace_audience(session: Session, post: NewsPost, data: Audience) -> None:
    assert post.id is not None
    for model in (NewsAudienceStore, NewsAudienceRegion, NewsAudienceRole):
        session.execute(delete(model).where(col(model.post_id) == post.id))
    session.add_all(NewsAudienceStore(post_id=post.id, store_id=s) for s in set(data.store_ids))
    session.add_all(NewsAudienceRegion(post_id=post.id, region_id=r) for r in set(data.region_ids))
    session.add_all(NewsAudienceRole(post_id=post.id, role=r) for r in set(data.roles))
    post.has_place_filter = bool(data.store_ids or data.region_ids)
    post.has_role_filter = bool(data.roles)


def _replace_translations(
    session: Session, post: NewsPost, translations: dict[Locale, TranslationIn]
) -> None:
    assert post.id is not None
    session.execute(delete(NewsTranslation).where(col(NewsTranslation.post_id) == post.id))
    session.add_all(
        NewsTranslation(
            post_id=post.id,
            locale=locale,
            title=item.title,
            body=item.body,
            body_html=markdown.render(item.body),
        )
        for locale, item in translations.items()
        if locale != post.locale
    )


def _translations_in(session: Session, post: NewsPost) -> dict[Locale, TranslationIn]:
    rows = session.exec(select(NewsTranslation).where(NewsTranslation.post_id == post.id)).all()
    return {row.locale: TranslationIn(title=row.title, body=row.body) for row in rows}


def source_of(session: Session, *, post: NewsPost) -> NewsPostSource:
    """The post as its editor wrote it: original language and all translations."""
    assert post.id is not None
    return from_row(
        NewsPostSource,
        post,
        audience=present.audiences_of(session, [post.id])[post.id],
        translations={
            locale: TranslationOut(title=item.title, body=item.body)
            for locale, item in _translations_in(session, post).items()
        },
    )


def _apply_schedule(
    session: Session, post: NewsPost, *, draft: bool, publish_at: datetime | None
) -> None:
    """Set status from draft/publish_at: later is scheduled (with a job at that time, queued
    once this commits), otherwise published now."""
    current = now()
    post.publish_at = publish_at
    if draft:
        post.status, post.published_at = PostStatus.DRAFT, None
    elif publish_at is not None and publish_at > current:
        post.status, post.published_at = PostStatus.SCHEDULED, None
        after_commit.defer(session, PUBLISH_AT, publish_at)
    elif post.status != PostStatus.PUBLISHED:
        post.status, post.published_at = PostStatus.PUBLISHED, current


def _announce(session: Session, post: NewsPost) -> None:
    """Tell the audience (not the author) that a post went out, in their language (flush)."""
    assert post.id is not None
    titles = {post.locale: post.title} | {
        locale: item.title for locale, item in _translations_in(session, post).items()
    }
    audience_ids = (
        sa_select(col(User.id))
        .outerjoin(Store, col(Store.id) == col(User.store_id))
        .where(visibility.audience_members(post), col(User.id) != post.author_id)
    )
    notifications_service.notify(
        session,
        recipients=audience_ids,
        message=messages.news_published(post_id=post.id, titles=titles, must_read=post.must_read),
        urgency=post.urgency,
    )
    # Open feeds show it at once; published only after the commit (see live.service).
    news_live.published(session, post_id=post.id)


# Request fields that are not stored as they come: rows of their own (audience,
# translations), the audit's (urgent_reason), and the schedule, which decides the status.
_NOT_COPIED = {"audience", "translations", "urgent_reason", "draft", "publish_at"}
# On an edit, a change of urgency is audited first (see update).
_NOT_COPIED_ON_EDIT = _NOT_COPIED | {"urgency"}


def _clearable(name: str) -> bool:
    """A field an edit may set to null: one the post may hold empty (expires_at)."""
    field = NewsPost.model_fields[name]
    return not field.is_required() and field.default is None


def _check_expiry(post: NewsPost) -> None:
    starts = post.publish_at or post.published_at
    if post.expires_at is not None and starts is not None and post.expires_at <= starts:
        raise InvalidField(("body", "expires_at"), "expires_at must be after publish_at")
    if post.expires_at is not None and post.expires_at <= now() and post.status != PostStatus.DRAFT:
        raise InvalidField(("body", "expires_at"), "expires_at must be in the future")


def _audit_urgent(session: Session, *, actor: User, post: NewsPost, reason: str) -> None:
    assert actor.id is not None and post.id is not None
    audit_service.record(
        session,
        actor_id=actor.id,
        action="news.urgent",
        subject_type=RESOURCE,
        subject_id=post.id,
        reason=reason,
        details={"title": post.title},
    )


def publish(
    session: Session, *, author: User, data: NewsPostCreate, idempotency_key: str | None
) -> NewsPost:
    """Create a post: published now, scheduled for publish_at, or kept as a draft."""
    assert author.id is not None
    author_id = author.id

    def create() -> int:
        if data.urgency == Urgency.URGENT and not data.urgent_reason:
            raise InvalidField(("body", "urgent_reason"), "urgent posts need an urgent_reason")
        _check_audience_exists(session, data.audience)
        # Every field the post and the request share by name is copied as it came.
        post = NewsPost.model_validate(
            data.model_dump(exclude=_NOT_COPIED),
            update={
                "author_id": author_id,
                "body_html": markdown.render(data.body),
                "status": PostStatus.DRAFT,
            },
        )
        _apply_schedule(session, post, draft=data.draft, publish_at=data.publish_at)
        _check_expiry(post)
        session.add(post)
        session.flush()
        assert post.id is not None
        _replace_audience(session, post, data.audience)
        _replace_translations(session, post, data.translations)
        if data.urgency == Urgency.URGENT and data.urgent_reason:
            _audit_urgent(session, actor=author, post=post, reason=data.urgent_reason)
        session.flush()
        if post.status == PostStatus.PUBLISHED:
            _announce(session, post)
        return post.id

    return idempotency.create_once(
        session,
        user_id=author_id,
        key=idempotency_key,
        resource_type=RESOURCE,
        request=data,
        create=create,
        load=lambda post_id: get_post(session, post_id),
        # An author manages (so sees) their own post in every state.
        still_theirs=lambda post: post.author_id == author_id,
    )


def update(session: Session, *, post: NewsPost, editor: User, data: NewsPostUpdate) -> NewsPost:
    """Apply an edit; what is not sent stays as it was."""
    fields = data.model_fields_set
    if data.audience is not None:
        _check_audience_exists(session, data.audience)
        _replace_audience(session, post, data.audience)
    for name, value in data.model_dump(exclude_unset=True, exclude=_NOT_COPIED_ON_EDIT).items():
        if value is not None or _clearable(name):  # null clears only what may be empty
            setattr(post, name, value)
    if data.body is not None:
        post.body_html = markdown.render(data.body)
    if data.urgency is not None and data.urgency != post.urgency:
        if data.urgency == Urgency.URGENT:
            if not data.urgent_reason:
                raise InvalidField(("body", "urgent_reason"), "urgent posts need an urgent_reason")
            _audit_urgent(session, actor=editor, post=post, reason=data.urgent_reason)
        post.urgency = data.urgency
    was_published = post.status == PostStatus.PUBLISHED
    if "draft" in fields or "publish_at" in fields:
        draft = data.draft if data.draft is not None else post.status == PostStatus.DRAFT
        publish_at = data.publish_at if "publish_at" in fields else post.publish_at
        if post.status == PostStatus.PUBLISHED and not draft:
            publish_at = post.publish_at  # already out: the moment it went out stays
        _apply_schedule(session, post, draft=draft, publish_at=publish_at)
    if data.translations is not None or data.locale is not None:
        kept = (
            data.translations if data.translations is not None else _translations_in(session, post)
        )
        if post.locale in kept:
            raise InvalidField(
                ("body", "translations"),
                "translations must be in another language than the post itself",
            )
        _replace_translations(session, post, kept)
    _check_expiry(post)
    post.updated_at = now()
    session.add(post)
    if post.status == PostStatus.PUBLISHED and not was_published:
        session.flush()
        _announce(session, post)
    session.commit()
    session.refresh(post)
    return post


def delete_post(session: Session, *, post: NewsPost) -> None:
    session.delete(post)
    session.commit()


def get_post(session: Session, post_id: int) -> NewsPost:
    post = session.get(NewsPost, post_id)
    if post is None:
        raise NotFound("News item not found")
    return post


def _feed_cursor(post: NewsPost) -> str:
    assert post.published_at is not None
    return pack_cursor([int(post.pinned), post.published_at.isoformat(), post.id])


def _after_cursor(cursor: str) -> ColumnElement[bool]:
    """Rows after the cursor in (pinned desc, published_at desc, id desc) order."""
    pinned, published_at, post_id = cursor_fields(cursor, cursor_flag, cursor_time, cursor_id)
    pinned_col, published_col, id_col = (
        col(NewsPost.pinned),
        col(NewsPost.published_at),
        col(NewsPost.id),
    )
    same_pin = pinned_col == bool(pinned)
    return or_(
        and_(pinned_col.is_(False), true() if pinned else false()),
        and_(same_pin, published_col < published_at),
        and_(same_pin, published_col == published_at, id_col < post_id),
    )


def list_feed_for(
    session: Session, *, user: User, limit: int, cursor: str | None, filters: FeedFilter
) -> tuple[Sequence[NewsPost], str | None]:
    """The caller's feed: live posts for them (and their own), pinned first, newest first."""
    assert user.id is not None
    statement = select(NewsPost).where(visibility.in_feed_of(user))
    if filters.unread:
        statement = statement.where(
            ~select(NewsRead.post_id)
            .where(NewsRead.post_id == NewsPost.id, NewsRead.user_id == user.id)
            .exists()
        )
    if filters.must_read:
        statement = statement.where(col(NewsPost.must_read))
    if cursor:
        statement = statement.where(_after_cursor(cursor))
    statement = statement.order_by(
        col(NewsPost.pinned).desc(), col(NewsPost.published_at).desc(), col(NewsPost.id).desc()
    ).limit(limit + 1)
    posts = session.exec(statement).all()
    if len(posts) <= limit:
        return posts, None
    return posts[:limit], _feed_cursor(posts[limit - 1])


def mark_read(session: Session, *, post: NewsPost, user: User) -> None:
    assert post.id is not None and user.id is not None
    insert_once(session, NewsRead(post_id=post.id, user_id=user.id))
    session.commit()


def acknowledge(session: Session, *, post: NewsPost, user: User) -> None:
    """ "I have read this" on a must-read item; it counts as read too."""
    assert post.id is not None and user.id is not None
    insert_once(session, NewsRead(post_id=post.id, user_id=user.id))
    insert_once(session, NewsAck(post_id=post.id, user_id=user.id))
    # Acknowledged: summaries stop repeating it.
    notifications_service.resolve(session, user_id=user.id, subject=f"news_post:{post.id}")
    session.commit()


def publish_due(session: Session) -> list[int]:
    """Publish every scheduled post whose time has come (the job queue calls this)."""
    due = session.exec(
        select(NewsPost).where(
            NewsPost.status == PostStatus.SCHEDULED, col(NewsPost.publish_at) <= now()
        )
    ).all()
    for post in due:
        post.status = PostStatus.PUBLISHED
        post.published_at = post.publish_at
        session.add(post)
        session.flush()
        _announce(session, post)
    session.commit()
    return [post.id for post in due if post.id is not None]
