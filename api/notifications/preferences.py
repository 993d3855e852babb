"""Each person's delivery preferences: quiet hours, off-shift hold/deliver, categories.

One row per person, written the first time they save; until then the defaults apply (quiet hours
21:00-08:00 in their store's time zone, hold off shift, every category on). Categories are stored
as the ones switched *off*, so a category added later starts switched on for everyone.
"""

from datetime import datetime, time

from sqlalchemy import JSON, Column, SmallInteger
from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, Session, SQLModel

from api.common.clock import now
from api.db import UTCDateTime, str_enum
from api.notifications.models import Category, OffShift
from api.notifications.rule import Preferences, QuietHours
from api.notifications.schemas import PreferencesIn, PreferencesPublic
from api.notifications.schemas import QuietHours as QuietHoursSchema
from api.org.models import User


class NotificationPreference(SQLModel, table=True):
    __tablename__ = "notification_preference"

    user_id: int = Field(foreign_key="org_user.id", primary_key=True, ondelete="CASCADE")
    # Minutes after local midnight: plain integers compare the same on both databases.
    quiet_start_minute: int = Field(default=21 * 60, sa_type=SmallInteger)
    quiet_end_minute: int = Field(default=8 * 60, sa_type=SmallInteger)
    off_shift: OffShift = Field(default=OffShift.HOLD, sa_type=str_enum(OffShift))
    muted_categories: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    updated_at: datetime = Field(default_factory=now, sa_type=UTCDateTime)


def _minute_of(hour_minute: str) -> int:
    hours, minutes = hour_minute.split(":")
    return int(hours) * 60 + int(minutes)


def _time_of(minute: int) -> time:
    return time(minute // 60, minute % 60)


def as_rule_preferences(row: NotificationPreference | None) -> Preferences:
    """What the delivery rule reads; the defaults when the person never saved any."""
    if row is None:
        return Preferences()
    known = {category.value for category in Category}
    return Preferences(
        quiet_hours=QuietHours(
            start=_time_of(row.quiet_start_minute), end=_time_of(row.quiet_end_minute)
        ),
        off_shift=row.off_shift,
        muted=frozenset(Category(name) for name in row.muted_categories if name in known),
    )


def _public(preferences: Preferences) -> PreferencesPublic:
    quiet = preferences.quiet_hours
    return PreferencesPublic(
        quiet_hours=QuietHoursSchema(
            start=quiet.start.strftime("%H:%M"), end=quiet.end.strftime("%H:%M")
        ),
        off_shift=preferences.off_shift,
        categories={category: category not in preferences.muted for category in Category},
    )


def read_preferences(session: Session, *, user: User) -> PreferencesPublic:
    """The person's preferences, or the defaults."""
    return _public(as_rule_preferences(session.get(NotificationPreference, user.id)))


def store_preferences(session: Session, *, user: User, data: PreferencesIn) -> PreferencesPublic:
    """Replace the person's preferences (creating their row the first time); flush only:
    notifications.service.save_preferences also plans again what is held for them."""
    assert user.id is not None
    row = session.get(NotificationPreference, user.id)
    if row is None:
        row = _apply(NotificationPreference(user_id=user.id), data)
        try:
            with session.begin_nested():
                session.add(row)
                session.flush()
        except IntegrityError:
            # The same person saved from two devices at once: the other insert won; update it.
            row = session.get(NotificationPreference, user.id, populate_existing=True)
            assert row is not None
    session.add(_apply(row, data))
    session.flush()
    return _public(as_rule_preferences(row))


def _apply(row: NotificationPreference, data: PreferencesIn) -> NotificationPreference:
    row.quiet_start_minute = _minute_of(data.quiet_hours.start)
    row.quiet_end_minute = _minute_of(data.quiet_hours.end)
    row.off_shift = data.off_shift
    # A category left out is on: PUT replaces, and "on" is every category's default.
    row.muted_categories = sorted(
        category.value for category, enabled in data.categories.items() if not enabled
    )
    row.updated_at = now()
    return row
