"""Held notifications follow shifts and preferences: when someone's shifts or preferences
change, what is held for them is decided again before the change commits (a new earlier shift
releases it sooner; a cancelled one moves it to the end of quiet hours).

Shifts know nothing of notifications (imports go the other way), so this listens to the
session: the user ids of inserted, changed or deleted shifts and preference rows are collected
while flushing, and re-planned in `before_commit`, inside the same transaction.
"""

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Mapper, object_session
from sqlmodel import Session

from api.notifications.preferences import NotificationPreference
from api.shifts.models import Shift

_KEY = "notifications_replan_users"


def _remember(_mapper: Mapper[Any], _connection: Any, row: Shift | NotificationPreference) -> None:
    session = object_session(row)
    if session is not None:
        session.info.setdefault(_KEY, set()).add(row.user_id)


def _replan_before_commit(session: Session) -> None:
    # commit() flushes after this hook: flush first, so this transaction's changes are seen.
    session.flush()
    users: set[int] = session.info.pop(_KEY, set())
    if users:
        from api.notifications import service

        service.replan_for(session, user_ids=sorted(users))


for _model in (Shift, NotificationPreference):
    for _event in ("after_insert", "after_update", "after_delete"):
        event.listen(_model, _event, _remember)
event.listen(Session, "before_commit", _replan_before_commit)
