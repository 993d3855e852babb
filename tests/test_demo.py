"""The demo data looks right on any day: seeded today, or seeded long ago and run again."""

from datetime import date, timedelta

from sqlmodel import Session, col, select

from api import demo
from api.auth.models import Invite
from api.news.models import NewsPost
from api.org import service as org_service
from api.shifts.models import Shift
from tests.conftest import MovableClock


def _shift_days_from_today(session: Session, username: str, today: date) -> list[date]:
    person = org_service.find_user_by_username(session, username)
    assert person is not None
    starts = session.exec(
        select(Shift.starts_at).where(Shift.user_id == person.id).order_by(col(Shift.starts_at))
    ).all()
    days = [start.astimezone(demo.DEMO_TIMEZONE).date() for start in starts]
    return [day for day in days if day >= today]


def _expected_days(today: date) -> list[date]:
    return [today + timedelta(days=n) for n in range(demo.SHIFT_DAYS)]


def test_a_fresh_demo_has_shifts_from_today_and_a_post_scheduled_for_tomorrow(
    session: Session, frozen_clock: MovableClock
) -> None:
    assert demo.seed(session) is True
    today = frozen_clock.current.astimezone(demo.DEMO_TIMEZONE).date()
    for username, _hour in demo.SHIFT_STARTS:
        assert _shift_days_from_today(session, username, today) == _expected_days(today)
    scheduled = session.exec(
        select(NewsPost).where(col(NewsPost.publish_at) > frozen_clock.current)
    ).all()
    assert len(scheduled) == 1
    local = scheduled[0].publish_at.astimezone(demo.DEMO_TIMEZONE)  # type: ignore[union-attr]
    assert local.date() == today + timedelta(days=1)


def test_a_demo_seeded_long_ago_is_brought_up_to_today(
    session: Session, frozen_clock: MovableClock
) -> None:
    demo.seed(session)
    frozen_clock.advance(days=400)
    today = frozen_clock.current.astimezone(demo.DEMO_TIMEZONE).date()

    assert demo.seed(session) is False

    for username, _hour in demo.SHIFT_STARTS:
        assert _shift_days_from_today(session, username, today) == _expected_days(today)
    invite = session.exec(select(Invite)).one()
    assert invite.expires_at > frozen_clock.current + timedelta(days=300)
    assert invite.revoked_at is None and invite.use_count < invite.max_uses


def test_seeding_twice_on_one_day_adds_nothing(
    session: Session, frozen_clock: MovableClock
) -> None:
    # Late morning in Amsterdam, so three hours later is still the same day whenever this runs.
    frozen_clock.current = frozen_clock.current.replace(hour=10, minute=0)
    demo.seed(session)
    count = len(session.exec(select(Shift.id)).all())
    frozen_clock.advance(hours=3)
    demo.seed(session)
    assert len(session.exec(select(Shift.id)).all()) == count == 3 * demo.SHIFT_DAYS
