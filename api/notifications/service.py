"""notify(): the one call every feature makes to tell people something.

It writes an inbox row for every recipient in one INSERT ... SELECT, whatever the audience
size, with the title and body in each recipient's language. Deactivated people get nothing.
Whether and when a push goes out is decided right after, per person, by the delivery rule
(delivery.plan); the pushes themselves are jobs, queued once the caller's transaction commits.
"""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, case, func, insert, literal, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from api.common.clock import now
from api.common.pagination import PageParams, paginate_by_id
from api.config import settings_of
from api.db import UTCDateTime
from api.errors import NotFound
from api.notifications import delivery, preferences
from api.notifications.messages import Message
from api.notifications.models import Notification, Urgency
from api.notifications.recipients import id_set
from api.notifications.schemas import PreferencesIn, PreferencesPublic
from api.org.models import Locale, User


def notify(
    session: Session,
    *,
    recipients: Select[Any] | Sequence[int],
    message: Message,
    urgency: Urgency = Urgency.NORMAL,
) -> int:
    """Put `message` in the inbox of every active recipient (flush only); returns how many."""
    wanted = id_set(recipients)
    if wanted is None:
        return 0
    in_their_language = {
        field: case(
            *((col(User.locale) == locale, literal(pick(locale))) for locale in Locale),
            else_=literal(pick(Locale.NL)),
        )
        for field, pick in (("title", message.title_in), ("body", message.body_in))
    }
    rows = sa_select(
        col(User.id),
        literal(message.kind),
        literal(message.category.value),
        literal(urgency.value),
        in_their_language["title"],
        in_their_language["body"],
        literal(message.url),
        literal(now(), UTCDateTime()),
        literal(message.subject),
        literal(message.needs_ack),
    ).where(col(User.id).in_(wanted), col(User.is_active).is_(True))
    columns = ["user_id", "kind", "category", "urgency", "title", "body", "url", "created_at"]
    written = session.execute(
        insert(Notification)
        .from_select([*columns, "subject", "needs_ack"], rows)
        .returning(col(Notification.id), col(Notification.user_id))
    ).all()
    planned = delivery.plan(
        session,
        [(notification_id, user_id) for notification_id, user_id in written],
        urgency=urgency,
        category=message.category,
        lead=delivery.lead_of(settings_of(session)),
    )
    delivery.after_commit(session, planned)
    return len(written)


def resolve(session: Session, *, user_id: int, subject: str) -> None:
    """The person did what a must-read asked (acknowledged it): stop repeating it (flush)."""
    session.execute(
        update(Notification)
        .where(
            col(Notification.user_id) == user_id,
            col(Notification.subject) == subject,
            col(Notification.resolved_at).is_(None),
        )
        .values(resolved_at=now())
    )
    session.flush()


def replan_for(session: Session, *, user_ids: Sequence[int]) -> None:
    """Shifts or preferences of these people changed: decide again for what is held (flush);
    the new release jobs are queued when the caller commits. Whatever changes shifts or
    preferences calls this, bulk changes included."""
    planned = delivery.replan(
        session, user_ids=user_ids, lead=delivery.lead_of(settings_of(session))
    )
    delivery.after_commit(session, planned)


def list_inbox(
    session: Session, *, user: User, page: PageParams, unread_only: bool = False
) -> tuple[Sequence[Notification], str | None]:
    """Newest first."""
    statement = select(Notification).where(col(Notification.user_id) == user.id)
    if unread_only:
        statement = statement.where(col(Notification.read_at).is_(None))
    return paginate_by_id(session, statement, Notification.id, page, newest_first=True)


def unread_count(session: Session, *, user: User) -> int:
    statement = sa_select(func.count()).where(
        col(Notification.user_id) == user.id, col(Notification.read_at).is_(None)
    )
    return int(session.execute(statement).scalar_one())


def mark_read(session: Session, *, user: User, notification_id: int) -> None:
    item = session.get(Notification, notification_id)
    if item is None or item.user_id != user.id:
        raise NotFound("Notification not found")
    if item.read_at is None:
        item.read_at = now()
        session.add(item)
    session.commit()


def mark_all_read(session: Session, *, user: User) -> None:
    session.execute(
        update(Notification)
        .where(col(Notification.user_id) == user.id, col(Notification.read_at).is_(None))
        .values(read_at=now())
    )
    session.commit()


def save_preferences(session: Session, *, user: User, data: PreferencesIn) -> PreferencesPublic:
    """Replace the person's notification preferences, and decide again for what is held."""
    assert user.id is not None
    saved = preferences.store_preferences(session, user=user, data=data)
    replan_for(session, user_ids=[user.id])
    session.commit()
    return saved
