from datetime import UTC, datetime
from typing import Any

import pytest
from sqlmodel import Session, col, select

from api.shifts.models import Shift
from tests.conftest import MovableClock

# Monday 30 November 2026, 12:00 in Amsterdam: a fixed week with no clock change in it, for the
# week views and imports. Safe on any real date because everything reads the frozen app clock
# (tokens too); `make test` proves it by running the suite with the wall clock 400 days ahead.
NOW = datetime(2026, 11, 30, 11, 0, tzinfo=UTC)


@pytest.fixture
def clock(frozen_clock: MovableClock) -> MovableClock:
    frozen_clock.current = NOW
    return frozen_clock


def stored_shifts(session: Session) -> list[Shift]:
    session.expire_all()
    return list(session.exec(select(Shift).order_by(col(Shift.starts_at), col(Shift.id))))


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def add_shift(session: Session, *, user: Any, starts: str, ends: str) -> Shift:
    shift = Shift(user_id=user.id, store_id=user.store_id, starts_at=utc(starts), ends_at=utc(ends))
    session.add(shift)
    session.flush()
    return shift
