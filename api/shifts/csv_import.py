"""Reading a shift file: `username,starts_at,ends_at`, one shift a line.

Times are ISO 8601 with an offset, or local store time without one ("2026-12-01 09:00",
"2026-12-01T09:00"), read in the person's store time zone. Local times are resolved like this:
- a time the clocks skip (02:30 on the night they jump forward) is refused: nobody starts work at
  a time that does not exist, so the row is probably wrong; an offset says what was meant;
- a time the clocks show twice (02:30 on the night they go back) is its first occurrence, the
  earlier one (as java.time and most planning tools do); an offset picks the other.
The file itself is read as every upload is (api/common/csv_file.py): `;` works as well as `,`,
a UTF-8 byte order mark (Excel) is fine, line numbers are the file's own, the header being line 1.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from api.common import csv_file

MAX_BYTES = csv_file.MAX_BYTES
MAX_ROWS = 5000
COLUMNS = ("username", "starts_at", "ends_at")

_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?(?P<offset>Z|[+-]\d{2}:?\d{2})?", re.IGNORECASE
)


@dataclass(frozen=True)
class Line:
    row: int
    username: str
    starts_at: str
    ends_at: str


def read_lines(data: bytes) -> tuple[list[Line], list[csv_file.LineProblem]]:
    """The file's shift lines, and the (row, column, message) of lines that cannot be read.

    Problems with the file as a whole (not text, no header, too many rows) raise InvalidField.
    """
    rows, problems = csv_file.read_rows(data, columns=COLUMNS, max_rows=MAX_ROWS, what="shifts")
    lines = [
        Line(row.line, row.values["username"], row.values["starts_at"], row.values["ends_at"])
        for row in rows
    ]
    return lines, problems


def parse_time(text: str, zone: ZoneInfo | None) -> datetime | None:
    """The moment `text` names (UTC). A local time needs `zone`; without it (the person is not
    known) only its form is checked and None comes back. Raises ValueError with the reason."""
    match = _TIME.fullmatch(text)
    if match is None:
        raise ValueError(
            "Not a date and time; write e.g. 2026-12-01 09:00 or 2026-12-01T09:00:00+01:00"
        )
    try:
        moment = datetime.fromisoformat(text.upper().replace(" ", "T"))
    except ValueError as exc:
        raise ValueError(f"'{text}' is not a real date and time") from exc
    if match.group("offset"):
        try:
            return moment.astimezone(UTC)
        except OverflowError as exc:
            raise ValueError(f"'{text}' is out of range") from exc
    if zone is None:
        return None
    return local_to_utc(moment, zone)


def local_to_utc(wall: datetime, zone: ZoneInfo) -> datetime:
    """A wall-clock time in `zone` as UTC: skipped times refused, repeated ones the first."""
    local = wall.replace(tzinfo=zone, fold=0)
    try:
        moment = local.astimezone(UTC)
    except OverflowError as exc:  # 0001-01-01 00:00 in a zone east of UTC has no UTC time
        raise ValueError(f"{wall.isoformat(' ', 'minutes')} is out of range") from exc
    if moment.astimezone(zone).replace(tzinfo=None) != wall:
        raise ValueError(
            f"{wall:%Y-%m-%d %H:%M} does not exist in {zone.key} (the clocks jump forward "
            "that night); give the time with an offset if it is meant"
        )
    return moment
