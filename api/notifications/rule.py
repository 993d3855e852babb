"""The shift-aware delivery rule (../shared/API.md, "Shift-aware delivery"), as a pure function.

`decide()` answers, for one person and one notification: push now, hold until a release time,
or never push (inbox only). It reads no clock and no database: everything it needs arrives as
arguments, so the table of cases in tests/notifications/test_rule.py is the whole truth.

The choices the API text leaves open, made here once:
- Urgent beats everything, a switched-off category included: urgent is accountable (a reason is
  kept) and exists for what everyone must know now.
- A switched-off category is never pushed; the inbox still shows it.
- Being on shift, or within the pre-shift lead before one, wins over quiet hours (night shifts).
- Held items go out at the next shift start minus the lead, even when that moment is inside quiet
  hours: by then the person is (nearly) at work. Only shifts starting within SHIFT_HORIZON count
  as "known"; with none, items go out at the end of quiet hours: the current quiet period when it
  is quiet now, otherwise the next one (held at 15:00 means "tomorrow at 08:00", not "at once").
- `off_shift: "deliver"` pushes off shift outside quiet hours; inside them it holds until the
  earlier of "quiet hours end" and "next shift start minus lead": the person asked for off-shift
  pushes, so there is no reason to keep them waiting for a shift.
- Quiet hours are wall-clock times in the store's time zone, computed in local time and converted
  to UTC, so they follow daylight saving time. A release at a wall time that does not exist
  (clocks jump forward) happens at the first moment after the gap; a wall time that happens twice
  (clocks go back) releases at its first occurrence that is still ahead.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from api.notifications.models import Category, OffShift, Urgency

# How far ahead a planned shift counts as "the next shift". Items held longer than this wait
# for the end of quiet hours instead: a summary two weeks late would be news nobody needs.
SHIFT_HORIZON = timedelta(days=14)


@dataclass(frozen=True)
class QuietHours:
    """[start, end) in local wall-clock time; start > end wraps midnight (21:00-08:00)."""

    start: time
    end: time

    def __post_init__(self) -> None:
        if self.start == self.end:
            raise ValueError("quiet hours need different start and end times")

    def contains(self, moment: time) -> bool:
        moment = moment.replace(tzinfo=None, fold=0)
        if self.start < self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end


DEFAULT_QUIET_HOURS = QuietHours(start=time(21, 0), end=time(8, 0))


@dataclass(frozen=True)
class Preferences:
    quiet_hours: QuietHours = DEFAULT_QUIET_HOURS
    off_shift: OffShift = OffShift.HOLD
    muted: frozenset[Category] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Facts:
    """What the rule needs to know about one person (see recipients.load_delivery_facts)."""

    timezone: str
    preferences: Preferences = field(default_factory=Preferences)
    # The end of the shift the person is on at the time the facts were read (None: off shift).
    shift_ends_at: datetime | None = None
    # The start of their next shift, if one is planned.
    next_shift_starts_at: datetime | None = None


class Action(StrEnum):
    PUSH = "push"
    HOLD = "hold"
    INBOX_ONLY = "inbox_only"


class Reason(StrEnum):
    """Why: kept with the decision for diagnostics and for readable tests."""

    URGENT = "urgent"
    MUTED = "category_off"
    ON_SHIFT = "on_shift"
    PRE_SHIFT = "pre_shift"
    OFF_SHIFT_DELIVER = "off_shift_deliver"
    UNTIL_SHIFT = "until_next_shift"
    UNTIL_QUIET_END = "until_quiet_hours_end"


@dataclass(frozen=True)
class Decision:
    action: Action
    reason: Reason
    # When a held item goes out (UTC); only for HOLD.
    release_at: datetime | None = None


def decide(
    *,
    now: datetime,
    urgency: Urgency,
    category: Category,
    facts: Facts,
    lead: timedelta,
) -> Decision:
    """Push now, hold until `release_at`, or leave it in the inbox only."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    if urgency is Urgency.URGENT:
        return Decision(Action.PUSH, Reason.URGENT)
    preferences = facts.preferences
    if category in preferences.muted:
        return Decision(Action.INBOX_ONLY, Reason.MUTED)
    if facts.shift_ends_at is not None and now < facts.shift_ends_at:
        return Decision(Action.PUSH, Reason.ON_SHIFT)
    next_start = facts.next_shift_starts_at
    if next_start is not None and not now < next_start <= now + SHIFT_HORIZON:
        next_start = None  # already started (so over: we are not on it) or too far ahead
    if next_start is not None and next_start - lead <= now:
        return Decision(Action.PUSH, Reason.PRE_SHIFT)

    zone = ZoneInfo(facts.timezone)
    quiet = preferences.quiet_hours
    is_quiet = quiet.contains(now.astimezone(zone).time())
    if preferences.off_shift is OffShift.DELIVER and not is_quiet:
        return Decision(Action.PUSH, Reason.OFF_SHIFT_DELIVER)
    quiet_end = next_wall_time(quiet.end, after=now, zone=zone)
    if next_start is None:
        return Decision(Action.HOLD, Reason.UNTIL_QUIET_END, quiet_end)
    at_shift = (next_start - lead).astimezone(UTC)
    if preferences.off_shift is OffShift.DELIVER and quiet_end < at_shift:
        return Decision(Action.HOLD, Reason.UNTIL_QUIET_END, quiet_end)
    return Decision(Action.HOLD, Reason.UNTIL_SHIFT, at_shift)


def next_wall_time(wall: time, *, after: datetime, zone: ZoneInfo) -> datetime:
    """The first moment strictly after `after` at which clocks in `zone` show `wall` (UTC).

    The end of quiet hours that are on now is the next time the clock shows their end; when they
    are not on, that same moment ends the next quiet period, so one function serves both.
    """
    local_day = after.astimezone(zone).date()
    for offset in range(3):  # today's may have passed; tomorrow's always exists (or is skipped)
        for moment in _instants(local_day + timedelta(days=offset), wall, zone):
            if moment > after:
                return moment
    raise AssertionError("unreachable: a wall time recurs within three days")  # pragma: no cover


def _instants(day: date, wall: time, zone: ZoneInfo) -> list[datetime]:
    """The UTC instants at which `zone` shows `wall` on `day`: usually one; two when clocks go
    back over it (both, in order); for a time skipped when clocks go forward, the first moment
    after the gap."""
    instants = sorted(
        {
            datetime.combine(day, wall, tzinfo=zone).replace(fold=fold).astimezone(UTC)
            for fold in (0, 1)
        }
    )
    if len(instants) == 2 and _is_skipped(day, wall, zone):
        # zoneinfo maps a skipped wall time to two instants around the gap; the gap's end (the
        # clocks' jump) is the first real moment after it.
        return [_gap_end(instants[0], zone)]
    return instants


def _is_skipped(day: date, wall: time, zone: ZoneInfo) -> bool:
    local = datetime.combine(day, wall, tzinfo=zone)
    return local.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != local.replace(tzinfo=None)


def _gap_end(inside: datetime, zone: ZoneInfo) -> datetime:
    """The instant the clocks jumped: the first UTC minute after `inside` whose offset differs."""
    before = inside.astimezone(zone).utcoffset()
    moment = inside.replace(second=0, microsecond=0)
    for _ in range(24 * 60):
        moment += timedelta(minutes=1)
        if moment.astimezone(zone).utcoffset() != before:
            return moment
    raise AssertionError("unreachable: a gap is shorter than a day")  # pragma: no cover
