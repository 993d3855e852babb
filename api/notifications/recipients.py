"""What the delivery rule needs to know about many people, read in three queries.

For a whole audience at once (a post to every store): each active person's store time zone and
preferences (one query), whether they are on shift now (one), and when their next shift starts
within the rule's horizon (one). No query per person, whatever the audience size.
"""

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from api.notifications import preferences
from api.notifications.preferences import NotificationPreference
from api.notifications.rule import SHIFT_HORIZON, Facts
from api.org.models import Store, User
from api.shifts.models import MAX_SHIFT_LENGTH, Shift

# People without a home store (HQ, admins) keep quiet hours in the chain's home time zone.
DEFAULT_TIMEZONE = "Europe/Amsterdam"


def id_set(user_ids: Select[Any] | Collection[int]) -> Select[Any] | set[int] | None:
    """What `column.in_()` takes for people given as a SELECT of one id column or as ids;
    None when there is nobody."""
    if isinstance(user_ids, Select):
        return sa_select(user_ids.subquery().c[0])
    return set(user_ids) or None


def load_delivery_facts(
    session: Session, user_ids: Select[Any] | Collection[int], *, at: datetime
) -> dict[int, Facts]:
    """The rule's facts at `at` for every *active* person among `user_ids` (a collection of
    ids, or a SELECT of one id column); deactivated and unknown people are left out."""
    wanted = id_set(user_ids)
    if wanted is None:
        return {}
    people = col(Shift.user_id).in_(wanted)
    users = col(User.id).in_(wanted)

    on_shift_until = dict(
        session.execute(
            sa_select(col(Shift.user_id), func.max(col(Shift.ends_at)))
            .where(
                people,
                col(Shift.starts_at) <= at,
                col(Shift.ends_at) > at,
                # No shift is longer than this: the (user_id, starts_at) index stops early.
                col(Shift.starts_at) > at - MAX_SHIFT_LENGTH,
            )
            .group_by(col(Shift.user_id))
        ).all()
    )
    next_start = dict(
        session.execute(
            sa_select(col(Shift.user_id), func.min(col(Shift.starts_at)))
            .where(people, col(Shift.starts_at) > at, col(Shift.starts_at) <= at + SHIFT_HORIZON)
            .group_by(col(Shift.user_id))
        ).all()
    )
    rows = session.execute(
        sa_select(col(User.id), col(Store.timezone), NotificationPreference)
        .outerjoin(Store, col(Store.id) == col(User.store_id))
        .outerjoin(NotificationPreference, col(NotificationPreference.user_id) == col(User.id))
        .where(users, col(User.is_active).is_(True))
    ).all()
    return {
        user_id: Facts(
            timezone=timezone or DEFAULT_TIMEZONE,
            preferences=preferences.as_rule_preferences(preference),
            shift_ends_at=on_shift_until.get(user_id),
            next_shift_starts_at=next_start.get(user_id),
        )
        for user_id, timezone, preference in rows
    }
