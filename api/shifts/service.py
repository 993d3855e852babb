"""Planning shifts, one at a time or a whole file, never two at once for the same person."""

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, func, or_
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from api import policy
from api.common import idempotency
from api.common.clock import now
from api.common.pagination import cursor_fields, cursor_id, cursor_time, pack_cursor
from api.errors import Conflict, InvalidField, InvalidFields, NotFound, PayloadTooLarge
from api.notifications import service as notifications_service
from api.org import service as org_service
from api.org.models import Store, User
from api.shifts import csv_import
from api.shifts.models import MAX_SHIFT_LENGTH, Shift
from api.shifts.schemas import ShiftCreate, ShiftPublic

# Shifts are planned, and corrected, within a year either side of today.
PLANNING_WINDOW = timedelta(days=366)
# GET /me/shifts shows the shifts ahead and those that ended at most this long ago.
RECENT = timedelta(days=7)
# GET /shifts?from=&to= spans at most a quarter; the default is the coming two weeks.
MAX_SCHEDULE_SPAN = timedelta(days=93)
DEFAULT_SCHEDULE_SPAN = timedelta(days=14)

RESOURCE = "shift"  # the kind of request an Idempotency-Key is remembered for

Problem = tuple[tuple[str | int, ...], str]


@dataclass(frozen=True)
class _Span:
    starts_at: datetime
    ends_at: datetime
    row: int | None  # None: a shift already planned
    user_id: int
    store_id: int


def time_problems(starts_at: datetime, ends_at: datetime, *, at: datetime) -> list[tuple[str, str]]:
    """What is wrong with a shift's times, as (field, message); empty when they are fine."""
    problems = []
    if not at - PLANNING_WINDOW <= starts_at <= at + PLANNING_WINDOW:
        problems.append(("starts_at", "A shift must start within a year from today"))
    if ends_at <= starts_at:
        problems.append(("ends_at", "A shift must end after it starts"))
    elif ends_at - starts_at > MAX_SHIFT_LENGTH:
        hours = int(MAX_SHIFT_LENGTH.total_seconds() // 3600)
        problems.append(("ends_at", f"A shift can last {hours} hours at most"))
    return problems


def plan_shift(
    session: Session, *, actor: User, person: User, starts_at: datetime, ends_at: datetime
) -> Shift:
    """Add one shift for `person` (flush only; the caller commits). The caller has checked that
    `actor` may plan for this person."""
    assert person.id is not None
    _lock_people(session, [person.id])
    if not person.is_active:
        raise InvalidField(("body", "user_id"), "This account is deactivated")
    if person.store_id is None:
        raise InvalidField(("body", "user_id"), "This person has no home store to work shifts in")
    problems = time_problems(starts_at, ends_at, at=now())
    if problems:
        raise InvalidFields([(("body", field), message) for field, message in problems])
    clash = session.exec(_overlapping([person.id], starts_at, ends_at)).first()
    if clash is not None:
        zone = _zone_of(session.get(Store, clash.store_id))
        raise Conflict(
            f"This person already has a shift then ({_when(clash.starts_at, clash.ends_at, zone)})",
            code="shift_overlap",
        )
    shift = Shift(
        user_id=person.id,
        store_id=person.store_id,
        starts_at=starts_at,
        ends_at=ends_at,
        created_by_id=actor.id,
    )
    session.add(shift)
    session.flush()
    # What is held for them may now go out before this shift instead (flush only).
    notifications_service.replan_for(session, user_ids=[person.id])
    assert shift.id is not None
    return shift


def create(
    session: Session, *, actor: User, data: ShiftCreate, idempotency_key: str | None
) -> ShiftPublic:
    """Plan one shift for someone the actor may plan for (else 404: nobody learns who exists
    in another store), once per Idempotency-Key, and commit."""
    assert actor.id is not None
    actor_id = actor.id
    person = org_service.get_user(session, data.user_id)
    if not policy.can_plan_shifts_in(actor, person.store_id):
        raise NotFound("User not found")

    def plan() -> int:
        shift = plan_shift(
            session, actor=actor, person=person, starts_at=data.starts_at, ends_at=data.ends_at
        )
        assert shift.id is not None
        return shift.id

    def load(shift_id: int) -> ShiftPublic:
        [shift] = describe(session, [get_shift(session, shift_id)])
        return shift

    return idempotency.create_once(
        session,
        user_id=actor_id,
        key=idempotency_key,
        resource_type=RESOURCE,
        request=data,
        create=plan,
        load=load,
        still_theirs=lambda shift: (
            shift.created_by_id == actor_id and policy.can_plan_shifts_in(actor, shift.store_id)
        ),
    )


def get_shift(session: Session, shift_id: int) -> Shift:
    shift = session.get(Shift, shift_id)
    if shift is None:
        raise NotFound("Shift not found")
    return shift


def remove_shift(session: Session, *, shift: Shift) -> None:
    """Delete a shift; what was held for its start is planned again."""
    session.delete(shift)
    session.flush()
    notifications_service.replan_for(session, user_ids=[shift.user_id])
    session.commit()


def list_mine(
    session: Session, *, user: User, limit: int, cursor: str | None
) -> tuple[Sequence[Shift], str | None]:
    """The person's shifts that have not ended or ended recently, soonest first."""
    statement = select(Shift).where(
        col(Shift.user_id) == user.id, col(Shift.ends_at) > now() - RECENT
    )
    return _page(session, statement, limit=limit, cursor=cursor)


def list_schedule(
    session: Session,
    *,
    store_id: int | None,
    start: datetime,
    end: datetime,
    limit: int,
    cursor: str | None,
) -> tuple[Sequence[Shift], str | None]:
    """Shifts that overlap [start, end), of one store (or every store), by start time."""
    statement = select(Shift).where(col(Shift.starts_at) < end, col(Shift.ends_at) > start)
    if store_id is not None:
        statement = statement.where(col(Shift.store_id) == store_id)
    return _page(session, statement, limit=limit, cursor=cursor)


def schedule_window(start: datetime | None, end: datetime | None) -> tuple[datetime, datetime]:
    """The [from, to) of a schedule request, with its defaults and limits."""
    try:
        start = start or (end - DEFAULT_SCHEDULE_SPAN if end else now())
        end = end or start + DEFAULT_SCHEDULE_SPAN
    except OverflowError as exc:  # two weeks from 9999-12-31
        raise InvalidField(("query", "from" if start else "to"), "is out of range") from exc
    if end <= start:
        raise InvalidField(("query", "to"), "to must be after from")
    if end - start > MAX_SCHEDULE_SPAN:
        raise InvalidField(("query", "to"), "A schedule spans 93 days at most")
    return start, end


def import_file(session: Session, *, actor: User, data: bytes) -> list[Shift]:
    """Add every shift in a CSV file, or none: any bad row refuses the whole file with every
    problem found (line, column, message)."""
    if len(data) > csv_import.MAX_BYTES:
        raise PayloadTooLarge(f"A shift file can be {csv_import.MAX_BYTES // 1024} KB at most")
    lines, unreadable = csv_import.read_lines(data)
    problems: list[Problem] = [
        (_where(row, column), message) for row, column, message in unreadable
    ]
    people = _people_by_username(session, {line.username.lower() for line in lines})
    zones = _zones(session, {p.store_id for p in people.values() if p.store_id is not None})
    at = now()
    planned: list[_Span] = []
    for line in lines:
        person = people.get(line.username.lower())
        row_problems: list[Problem] = []
        if person is None or not policy.can_plan_shifts_in(actor, person.store_id):
            # The same words for "no such person" and "not yours": other stores do not leak.
            unknown = "No one in your store" if not policy.is_chain_wide(actor) else "No one"
            row_problems.append(
                (_where(line.row, "username"), f"{unknown} has the username '{line.username}'")
            )
            person = None
        elif not person.is_active:
            row_problems.append((_where(line.row, "username"), "This account is deactivated"))
        elif person.store_id is None:
            row_problems.append(
                (_where(line.row, "username"), "This person has no home store to work shifts in")
            )
        zone = zones.get(person.store_id) if person and person.store_id else None
        times: dict[str, datetime | None] = {}
        for column in ("starts_at", "ends_at"):
            try:
                times[column] = csv_import.parse_time(getattr(line, column), zone)
            except ValueError as exc:
                row_problems.append((_where(line.row, column), str(exc)))
        starts_at, ends_at = times.get("starts_at"), times.get("ends_at")
        if not row_problems and starts_at is not None and ends_at is not None:
            assert person is not None and person.id is not None and person.store_id is not None
            row_problems += [
                (_where(line.row, column), message)
                for column, message in time_problems(starts_at, ends_at, at=at)
            ]
            if not row_problems:
                planned.append(_Span(starts_at, ends_at, line.row, person.id, person.store_id))
        problems += row_problems
    if planned:
        _lock_people(session, {span.user_id for span in planned})
        problems += _overlap_problems(session, planned, zones)
    if problems:
        raise InvalidFields(sorted(problems, key=_line_order))
    shifts = [
        Shift(
            user_id=span.user_id,
            store_id=span.store_id,
            starts_at=span.starts_at,
            ends_at=span.ends_at,
            created_by_id=actor.id,
        )
        for span in planned
    ]
    session.add_all(shifts)
    session.flush()
    notifications_service.replan_for(session, user_ids=sorted({span.user_id for span in planned}))
    session.commit()
    return shifts


def describe(session: Session, shifts: Sequence[Shift]) -> list[ShiftPublic]:
    """Shifts with their person's name (one query for all of them)."""
    people = org_service.users_by_id(session, (shift.user_id for shift in shifts))
    result = []
    for shift in shifts:
        assert shift.id is not None
        person = people[shift.user_id]
        result.append(
            ShiftPublic(
                id=shift.id,
                user_id=shift.user_id,
                username=person.username,
                user_name=person.name,
                store_id=shift.store_id,
                starts_at=shift.starts_at,
                ends_at=shift.ends_at,
                created_by_id=shift.created_by_id,
                created_at=shift.created_at,
            )
        )
    return result


def _where(row: int, column: str | None) -> tuple[str | int, ...]:
    return ("body", "file", row) if column is None else ("body", "file", row, column)


def _line_order(problem: Problem) -> tuple[int, int]:
    """By line, then by column as the file has them."""
    loc = problem[0]
    column = loc[3] if len(loc) > 3 else None
    return int(loc[2]), csv_import.COLUMNS.index(str(column)) if column else -1


def _lock_people(session: Session, user_ids: Collection[int]) -> None:
    """Serialize planning for the same people (PostgreSQL row locks; SQLite writes one at a
    time anyway), so two managers cannot each add one of two overlapping shifts."""
    session.exec(select(User.id).where(col(User.id).in_(user_ids)).with_for_update()).all()


def _overlapping(user_ids: Iterable[int], start: datetime, end: datetime) -> SelectOfScalar[Shift]:
    return select(Shift).where(
        col(Shift.user_id).in_(set(user_ids)),
        col(Shift.starts_at) < end,
        col(Shift.ends_at) > start,
        # Lets the (user_id, starts_at) index stop early: no shift is longer than this.
        col(Shift.starts_at) > start - MAX_SHIFT_LENGTH,
    )


def _overlap_problems(
    session: Session,
    planned: list[_Span],
    zones: dict[int, ZoneInfo],
) -> list[Problem]:
    """Rows that overlap a planned shift or another row of the same person: one query for the
    existing shifts of everyone in the file, then a sweep per person by start time."""
    spans: dict[int, list[_Span]] = defaultdict(list)
    for span in planned:
        spans[span.user_id].append(span)
    earliest = min(span.starts_at for span in planned)
    latest = max(span.ends_at for span in planned)
    for shift in session.exec(_overlapping(spans, earliest, latest)):
        spans[shift.user_id].append(
            _Span(shift.starts_at, shift.ends_at, None, shift.user_id, shift.store_id)
        )
    problems: dict[int, str] = {}
    for person_spans in spans.values():
        person_spans.sort(key=lambda span: (span.starts_at, span.ends_at))
        reaching: _Span | None = None  # of the spans so far, the one that ends last
        for span in person_spans:
            if reaching is not None and span.starts_at < reaching.ends_at:
                row, other = (span.row, reaching) if span.row is not None else (reaching.row, span)
                if row is not None:
                    problems.setdefault(row, _overlap_message(other, zones))
            if reaching is None or span.ends_at > reaching.ends_at:
                reaching = span
    return [(_where(row, "starts_at"), message) for row, message in problems.items()]


def _overlap_message(other: _Span, zones: dict[int, ZoneInfo]) -> str:
    when = _when(other.starts_at, other.ends_at, zones.get(other.store_id, ZoneInfo("UTC")))
    if other.row is None:
        return f"Overlaps a shift this person already has ({when})"
    return f"Overlaps the shift on line {other.row} ({when})"


def _people_by_username(session: Session, usernames: set[str]) -> dict[str, User]:
    if not usernames:
        return {}
    found = session.exec(select(User).where(func.lower(col(User.username)).in_(usernames)))
    return {user.username.lower(): user for user in found}


def _zones(session: Session, store_ids: set[int]) -> dict[int, ZoneInfo]:
    if not store_ids:
        return {}
    stores = session.exec(select(Store).where(col(Store.id).in_(store_ids)))
    return {store.id: ZoneInfo(store.timezone) for store in stores if store.id is not None}


def _zone_of(store: Store | None) -> ZoneInfo:
    return ZoneInfo(store.timezone) if store else ZoneInfo("UTC")


def _when(starts_at: datetime, ends_at: datetime, zone: ZoneInfo) -> str:
    """A shift as a manager reads it: 2026-12-01 09:00-17:00 Europe/Amsterdam."""
    start, end = starts_at.astimezone(zone), ends_at.astimezone(zone)
    return f"{start:%Y-%m-%d %H:%M}-{end:%H:%M} {zone.key}"


# Pages in (starts_at, id) order: a shift list is read by time, and ids say nothing about it.


def _page(
    session: Session, statement: SelectOfScalar[Shift], *, limit: int, cursor: str | None
) -> tuple[Sequence[Shift], str | None]:
    if cursor:
        statement = statement.where(_after(cursor))
    rows = session.exec(
        statement.order_by(col(Shift.starts_at), col(Shift.id)).limit(limit + 1)
    ).all()
    if len(rows) <= limit:
        return rows, None
    last = rows[limit - 1]
    return rows[:limit], pack_cursor([last.starts_at.isoformat(), last.id])


def _after(cursor: str) -> ColumnElement[bool]:
    starts_at, shift_id = cursor_fields(cursor, cursor_time, cursor_id)
    return or_(
        col(Shift.starts_at) > starts_at,
        and_(col(Shift.starts_at) == starts_at, col(Shift.id) > shift_id),
    )


def week_start(at: datetime, zone: ZoneInfo) -> datetime:
    """Monday 00:00 of the week `at` falls in, on the store's clock (as the rota is read)."""
    local = at.astimezone(zone)
    monday = (local - timedelta(days=local.weekday())).date()
    return datetime(monday.year, monday.month, monday.day, tzinfo=zone)


def count_this_week(session: Session, people: Sequence[User]) -> dict[int, int]:
    """How many shifts each of these people has in this week (Monday to Sunday in their store's
    time zone), in one query per time zone on the page. People without shifts are left out."""
    zones: dict[str, list[int]] = defaultdict(list)
    stores = {
        store.id: store
        for store in session.exec(
            select(Store).where(col(Store.id).in_({p.store_id for p in people if p.store_id}))
        )
    }
    for person in people:
        store = stores.get(person.store_id)
        if store is not None and person.id is not None:
            zones[store.timezone].append(person.id)
    counts: dict[int, int] = {}
    at = now()
    for zone_name, user_ids in zones.items():
        start = week_start(at, ZoneInfo(zone_name))
        rows = session.exec(
            select(Shift.user_id, func.count())
            .where(
                col(Shift.user_id).in_(user_ids),
                col(Shift.starts_at) >= start,
                col(Shift.starts_at) < start + timedelta(days=7),
            )
            .group_by(col(Shift.user_id))
        ).all()
        counts.update({user_id: count for user_id, count in rows})
    return counts
