"""The shift-aware delivery rule as a table: one line per situation, times in the store's zone.

The clock is an argument: `now` in each line is all the rule knows about time. Unless a line says
otherwise: Europe/Amsterdam, default preferences (quiet 21:00-08:00, hold), a 15-minute lead,
a normal news item. 2026-03-29 and 2026-10-25 are the nights the Dutch clocks change.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

import pytest

from api.notifications.models import Category, OffShift, Urgency
from api.notifications.rule import (
    SHIFT_HORIZON,
    Action,
    Facts,
    Preferences,
    QuietHours,
    Reason,
    decide,
)

PUSH, HOLD, INBOX = Action.PUSH, Action.HOLD, Action.INBOX_ONLY


@dataclass(frozen=True)
class Line:
    id: str
    now: str
    action: Action
    reason: Reason
    release: str | None = None
    shift_ends: str | None = None
    next_shift: str | None = None
    zone: str = "Europe/Amsterdam"
    quiet: tuple[str, str] = ("21:00", "08:00")
    off_shift: OffShift = OffShift.HOLD
    muted: tuple[Category, ...] = ()
    urgency: Urgency = Urgency.NORMAL
    category: Category = Category.NEWS
    lead_minutes: int = 15


LINES = [
    # 1. Urgent: at once, to everyone, whatever else is true.
    Line("urgent off shift in quiet hours", "2026-12-01T23:00+01:00", PUSH, Reason.URGENT,
         urgency=Urgency.URGENT),
    Line("urgent beats a switched-off category", "2026-12-01T14:00+01:00", PUSH, Reason.URGENT,
         urgency=Urgency.URGENT, muted=(Category.NEWS,)),
    # A switched-off category is never pushed (the inbox still has it).
    Line("category off, even on shift", "2026-12-01T10:00+01:00", INBOX, Reason.MUTED,
         shift_ends="2026-12-01T17:00+01:00", muted=(Category.NEWS,)),
    Line("another category off does not matter", "2026-12-01T10:00+01:00", PUSH,
         Reason.ON_SHIFT, shift_ends="2026-12-01T17:00+01:00", muted=(Category.QA,)),
    # 2. On shift, or within the lead before one: at once.
    Line("on shift", "2026-12-01T10:00+01:00", PUSH, Reason.ON_SHIFT,
         shift_ends="2026-12-01T17:00+01:00"),
    Line("low urgency on shift", "2026-12-01T10:00+01:00", PUSH, Reason.ON_SHIFT,
         shift_ends="2026-12-01T17:00+01:00", urgency=Urgency.LOW),
    Line("night shift wins over quiet hours", "2026-12-01T23:30+01:00", PUSH, Reason.ON_SHIFT,
         shift_ends="2026-12-02T06:00+01:00"),
    Line("shift ended this very moment", "2026-12-01T17:00+01:00", HOLD, Reason.UNTIL_QUIET_END,
         "2026-12-02T08:00+01:00", shift_ends="2026-12-01T17:00+01:00"),
    Line("ten minutes before a shift", "2026-12-01T08:50+01:00", PUSH, Reason.PRE_SHIFT,
         next_shift="2026-12-01T09:00+01:00"),
    Line("exactly the lead before a shift", "2026-12-01T08:45+01:00", PUSH, Reason.PRE_SHIFT,
         next_shift="2026-12-01T09:00+01:00"),
    Line("a minute before the lead", "2026-12-01T08:44+01:00", HOLD, Reason.UNTIL_SHIFT,
         "2026-12-01T08:45+01:00", next_shift="2026-12-01T09:00+01:00"),
    Line("within the lead before a night shift, in quiet hours", "2026-12-01T21:50+01:00",
         PUSH, Reason.PRE_SHIFT, next_shift="2026-12-01T22:00+01:00"),
    Line("longer lead", "2026-12-01T08:20+01:00", PUSH, Reason.PRE_SHIFT,
         next_shift="2026-12-01T09:00+01:00", lead_minutes=45),
    # 3. Off shift: held for the next shift start minus the lead ...
    Line("off shift, next shift tomorrow", "2026-12-01T14:00+01:00", HOLD, Reason.UNTIL_SHIFT,
         "2026-12-02T08:45+01:00", next_shift="2026-12-02T09:00+01:00"),
    Line("off shift on a day off, next shift in four days", "2026-12-01T11:00+01:00", HOLD,
         Reason.UNTIL_SHIFT, "2026-12-05T12:45+01:00", next_shift="2026-12-05T13:00+01:00"),
    Line("release before a night shift may be inside quiet hours", "2026-12-01T14:00+01:00",
         HOLD, Reason.UNTIL_SHIFT, "2026-12-01T21:45+01:00",
         next_shift="2026-12-01T22:00+01:00"),
    # ... or, with no known shift, at the end of quiet hours (the current ones, or the next).
    Line("no shift, in quiet hours before midnight", "2026-12-01T23:00+01:00", HOLD,
         Reason.UNTIL_QUIET_END, "2026-12-02T08:00+01:00"),
    Line("no shift, in quiet hours after midnight", "2026-12-02T03:00+01:00", HOLD,
         Reason.UNTIL_QUIET_END, "2026-12-02T08:00+01:00"),
    Line("no shift, in the afternoon: end of tonight's quiet hours", "2026-12-01T14:00+01:00",
         HOLD, Reason.UNTIL_QUIET_END, "2026-12-02T08:00+01:00"),
    Line("no shift, the minute quiet hours end: the next ones", "2026-12-01T08:00+01:00", HOLD,
         Reason.UNTIL_QUIET_END, "2026-12-02T08:00+01:00"),
    Line("a shift beyond the horizon is not known", "2026-12-01T14:00+01:00", HOLD,
         Reason.UNTIL_QUIET_END, "2026-12-02T08:00+01:00",
         next_shift="2026-12-16T09:00+01:00"),
    # Quiet hours that do not wrap midnight, and ones that do with other times.
    Line("daytime quiet hours, inside", "2026-12-01T14:00+01:00", HOLD, Reason.UNTIL_QUIET_END,
         "2026-12-01T15:00+01:00", quiet=("13:00", "15:00"), off_shift=OffShift.DELIVER),
    Line("daytime quiet hours, outside", "2026-12-01T16:00+01:00", PUSH,
         Reason.OFF_SHIFT_DELIVER, quiet=("13:00", "15:00"), off_shift=OffShift.DELIVER),
    Line("quiet hours 23:00-06:30, at 23:00 exactly", "2026-12-01T23:00+01:00", HOLD,
         Reason.UNTIL_QUIET_END, "2026-12-02T06:30+01:00", quiet=("23:00", "06:30"),
         off_shift=OffShift.DELIVER),
    Line("quiet hours 23:00-06:30, at 22:59", "2026-12-01T22:59+01:00", PUSH,
         Reason.OFF_SHIFT_DELIVER, quiet=("23:00", "06:30"), off_shift=OffShift.DELIVER),
    # Opting in to off-shift pushes: outside quiet hours at once; inside, until they end (or
    # the shift, when that comes first).
    Line("deliver, off shift, afternoon", "2026-12-01T14:00+01:00", PUSH,
         Reason.OFF_SHIFT_DELIVER, off_shift=OffShift.DELIVER),
    Line("deliver, off shift, in quiet hours", "2026-12-01T23:00+01:00", HOLD,
         Reason.UNTIL_QUIET_END, "2026-12-02T08:00+01:00", off_shift=OffShift.DELIVER),
    Line("deliver, in quiet hours, an early shift first", "2026-12-02T05:00+01:00", HOLD,
         Reason.UNTIL_SHIFT, "2026-12-02T05:45+01:00", next_shift="2026-12-02T06:00+01:00",
         off_shift=OffShift.DELIVER),
    Line("deliver, in quiet hours, the shift later", "2026-12-01T23:00+01:00", HOLD,
         Reason.UNTIL_QUIET_END, "2026-12-02T08:00+01:00",
         next_shift="2026-12-02T14:00+01:00", off_shift=OffShift.DELIVER),
    Line("hold, in quiet hours, the shift later: waits for the shift", "2026-12-01T23:00+01:00",
         HOLD, Reason.UNTIL_SHIFT, "2026-12-02T13:45+01:00",
         next_shift="2026-12-02T14:00+01:00"),
    # Other time zones: quiet hours are the store's wall clock.
    Line("New York store, night", "2026-12-01T23:00-05:00", HOLD, Reason.UNTIL_QUIET_END,
         "2026-12-02T08:00-05:00", zone="America/New_York"),
    Line("Kolkata store (+05:30), night", "2026-12-01T22:00+05:30", HOLD,
         Reason.UNTIL_QUIET_END, "2026-12-02T08:00+05:30", zone="Asia/Kolkata"),
    Line("London 20:30 is not quiet yet", "2026-12-01T20:30+00:00", PUSH,
         Reason.OFF_SHIFT_DELIVER, zone="Europe/London", off_shift=OffShift.DELIVER),
    Line("the same moment in Amsterdam is", "2026-12-01T20:30+00:00", HOLD,
         Reason.UNTIL_QUIET_END, "2026-12-02T08:00+01:00", off_shift=OffShift.DELIVER),
    Line("Sydney (summer time), night", "2026-12-01T22:00+11:00", HOLD,
         Reason.UNTIL_QUIET_END, "2026-12-02T08:00+11:00", zone="Australia/Sydney"),
    # Daylight saving time: local wall-clock times, whatever the offset does overnight.
    Line("clocks go forward overnight: 08:00 summer time", "2026-03-28T22:00+01:00", HOLD,
         Reason.UNTIL_QUIET_END, "2026-03-29T08:00+02:00"),
    Line("clocks go back overnight: 08:00 winter time", "2026-10-24T22:00+02:00", HOLD,
         Reason.UNTIL_QUIET_END, "2026-10-25T08:00+01:00"),
    Line("quiet hours end at a skipped time: when the clocks jump", "2026-03-28T23:00+01:00",
         HOLD, Reason.UNTIL_QUIET_END, "2026-03-29T03:00+02:00", quiet=("22:00", "02:30")),
    Line("quiet hours end at a repeated time: its first occurrence", "2026-10-24T23:00+02:00",
         HOLD, Reason.UNTIL_QUIET_END, "2026-10-25T02:30+02:00", quiet=("22:00", "02:30")),
    Line("New York clocks go forward (a week before Europe)", "2026-03-07T23:00-05:00", HOLD,
         Reason.UNTIL_QUIET_END, "2026-03-08T08:00-04:00", zone="America/New_York"),
    Line("shift across the clock change, on it", "2026-10-25T02:30+01:00", PUSH,
         Reason.ON_SHIFT, shift_ends="2026-10-25T06:00+01:00"),
]  # fmt: skip


def _at(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _time(text: str) -> time:
    return time.fromisoformat(text)


@pytest.mark.parametrize("line", LINES, ids=lambda line: line.id)
def test_delivery_rule(line: Line) -> None:
    now = _at(line.now)
    assert now is not None
    facts = Facts(
        timezone=line.zone,
        preferences=Preferences(
            quiet_hours=QuietHours(start=_time(line.quiet[0]), end=_time(line.quiet[1])),
            off_shift=line.off_shift,
            muted=frozenset(line.muted),
        ),
        shift_ends_at=_at(line.shift_ends),
        next_shift_starts_at=_at(line.next_shift),
    )

    decision = decide(
        now=now,
        urgency=line.urgency,
        category=line.category,
        facts=facts,
        lead=timedelta(minutes=line.lead_minutes),
    )

    assert (decision.action, decision.reason) == (line.action, line.reason)
    assert decision.release_at == _at(line.release)
    if decision.release_at is not None:
        assert decision.release_at > now
        assert decision.release_at.utcoffset() == timedelta(0)  # UTC, ready to schedule


def test_the_horizon_is_two_weeks() -> None:
    """A shift 13 days ahead is the release; one 15 days ahead is not known."""
    assert timedelta(days=13) < SHIFT_HORIZON < timedelta(days=15)


@pytest.mark.parametrize(
    ("start", "end", "moment", "quiet"),
    [
        ("21:00", "08:00", "21:00", True),
        ("21:00", "08:00", "00:00", True),
        ("21:00", "08:00", "07:59", True),
        ("21:00", "08:00", "08:00", False),
        ("21:00", "08:00", "20:59", False),
        ("13:00", "15:00", "13:00", True),
        ("13:00", "15:00", "15:00", False),
        ("13:00", "15:00", "03:00", False),
    ],
    ids=lambda value: str(value),
)
def test_quiet_hours_are_start_inclusive_and_end_exclusive(
    start: str, end: str, moment: str, quiet: bool
) -> None:
    assert QuietHours(start=_time(start), end=_time(end)).contains(_time(moment)) is quiet


def test_quiet_hours_that_start_and_end_at_once_are_refused() -> None:
    with pytest.raises(ValueError, match="different start and end"):
        QuietHours(start=time(8), end=time(8))


def test_a_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        decide(
            now=datetime(2026, 12, 1, 12),
            urgency=Urgency.NORMAL,
            category=Category.NEWS,
            facts=Facts(timezone="Europe/Amsterdam"),
            lead=timedelta(minutes=15),
        )


def test_the_lead_setting_cannot_be_negative() -> None:
    from pydantic import ValidationError

    from api.config import Settings

    assert Settings(preshift_lead_minutes=0).preshift_lead_minutes == 0
    with pytest.raises(ValidationError, match="between 0 and 1440"):
        Settings(preshift_lead_minutes=-5)
