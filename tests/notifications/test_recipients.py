"""load_delivery_facts: what the rule needs about many people, in a fixed number of queries."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import event
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from api.notifications.models import Category, OffShift, Urgency
from api.notifications.preferences import NotificationPreference
from api.notifications.recipients import DEFAULT_TIMEZONE, load_delivery_facts
from api.notifications.rule import Action, Facts, Preferences, QuietHours, Reason, decide
from api.org.models import Role, User
from tests.conftest import World
from tests.factories import make_store, make_user
from tests.shifts.conftest import add_shift, utc

AT = datetime(2026, 12, 1, 11, 0, tzinfo=UTC)  # Tuesday 12:00 in Amsterdam


@contextmanager
def counted_queries(session: Session) -> Iterator[list[str]]:
    statements: list[str] = []
    connection = session.connection()

    def count(*args: Any) -> None:
        statements.append(args[2])

    event.listen(connection, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(connection, "before_cursor_execute", count)


def test_facts_for_a_mixed_audience(session: Session, world: World) -> None:
    staff, colleague, staff_b = (world.users[name] for name in ("staff", "colleague", "staff_b"))
    new_york = make_store(session, region=world.region, timezone="America/New_York")
    clerk = make_user(session, role=Role.STAFF, store=new_york)
    gone = make_user(session, role=Role.STAFF, store=world.store_a, is_active=False)
    # staff: on shift now (two shifts back to back: the later end counts), and one tomorrow.
    add_shift(session, user=staff, starts="2026-12-01T08:00+01:00", ends="2026-12-01T12:00+01:00")
    add_shift(session, user=staff, starts="2026-12-01T12:00+01:00", ends="2026-12-01T13:00+01:00")
    add_shift(session, user=staff, starts="2026-12-02T09:00+01:00", ends="2026-12-02T17:00+01:00")
    # colleague: a shift that ended, and the next one in three days (a later one too).
    add_shift(
        session, user=colleague, starts="2026-12-01T06:00+01:00", ends="2026-12-01T11:00+01:00"
    )
    add_shift(
        session, user=colleague, starts="2026-12-04T13:00+01:00", ends="2026-12-04T21:00+01:00"
    )
    add_shift(
        session, user=colleague, starts="2026-12-05T13:00+01:00", ends="2026-12-05T21:00+01:00"
    )
    # staff_b: only a shift beyond the two-week horizon; their own preferences.
    add_shift(session, user=staff_b, starts="2026-12-20T09:00+01:00", ends="2026-12-20T17:00+01:00")
    session.add(
        NotificationPreference(
            user_id=staff_b.id,
            quiet_start_minute=22 * 60,
            quiet_end_minute=6 * 60 + 30,
            off_shift=OffShift.DELIVER,
            muted_categories=["qa"],
        )
    )
    add_shift(session, user=gone, starts="2026-12-01T08:00+01:00", ends="2026-12-01T17:00+01:00")
    session.flush()
    hq = world.users["hq"]
    ids = [u.id for u in (staff, colleague, staff_b, clerk, gone, hq) if u.id is not None]

    with counted_queries(session) as queries:
        facts = load_delivery_facts(session, ids, at=AT)

    assert len(queries) == 3
    assert facts == {
        staff.id: Facts(
            timezone="Europe/Amsterdam",
            shift_ends_at=utc("2026-12-01T13:00+01:00"),
            next_shift_starts_at=utc("2026-12-02T09:00+01:00"),
        ),
        colleague.id: Facts(
            timezone="Europe/Amsterdam", next_shift_starts_at=utc("2026-12-04T13:00+01:00")
        ),
        staff_b.id: Facts(
            timezone="Europe/Amsterdam",
            preferences=Preferences(
                quiet_hours=QuietHours(start=time(22, 0), end=time(6, 30)),
                off_shift=OffShift.DELIVER,
                muted=frozenset({Category.QA}),
            ),
        ),
        clerk.id: Facts(timezone="America/New_York"),
        hq.id: Facts(timezone=DEFAULT_TIMEZONE),
    }


def test_the_number_of_queries_does_not_grow_with_the_audience(
    session: Session, world: World
) -> None:
    people = [make_user(session, role=Role.STAFF, store=world.store_a) for _ in range(40)]
    for person in people[::2]:
        add_shift(
            session, user=person, starts="2026-12-01T09:00+01:00", ends="2026-12-01T17:00+01:00"
        )
    ids = [person.id for person in people if person.id is not None]

    with counted_queries(session) as few:
        load_delivery_facts(session, ids[:2], at=AT)
    with counted_queries(session) as many:
        facts = load_delivery_facts(session, ids, at=AT)

    assert len(few) == len(many) == 3
    assert sum(1 for f in facts.values() if f.shift_ends_at is not None) == 20


def test_an_audience_can_be_a_query(session: Session, world: World) -> None:
    audience = sa_select(col(User.id)).where(col(User.store_id) == world.store_b.id)

    facts = load_delivery_facts(session, audience, at=AT)

    assert set(facts) == {world.users["staff_b"].id, world.users["manager_b"].id}
    assert load_delivery_facts(session, [], at=AT) == {}


def test_facts_feed_the_rule(session: Session, world: World) -> None:
    """On shift pushes now; off shift holds until the next shift minus the lead."""
    staff, colleague = world.users["staff"], world.users["colleague"]
    add_shift(session, user=staff, starts="2026-12-01T09:00+01:00", ends="2026-12-01T17:00+01:00")
    add_shift(
        session, user=colleague, starts="2026-12-02T09:00+01:00", ends="2026-12-02T17:00+01:00"
    )
    facts = load_delivery_facts(session, [staff.id or 0, colleague.id or 0], at=AT)

    def rule(user: User) -> tuple[Action, Reason, datetime | None]:
        assert user.id is not None
        decision = decide(
            now=AT,
            urgency=Urgency.NORMAL,
            category=Category.NEWS,
            facts=facts[user.id],
            lead=timedelta(minutes=15),
        )
        return decision.action, decision.reason, decision.release_at

    assert rule(staff) == (Action.PUSH, Reason.ON_SHIFT, None)
    assert rule(colleague) == (Action.HOLD, Reason.UNTIL_SHIFT, utc("2026-12-02T08:45+01:00"))
