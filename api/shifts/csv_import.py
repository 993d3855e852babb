"""Reading a shift file: `username,starts_at,ends_at`, one shift a line.

Times are ISO 8601 with an offset, or local store time without one ("2026-12-01 09:00",
"2026-12-01T09:00"), read in the person's store time zone. Local times are resolved like this:
- a time the clocks skip (02:30 on the night they jump forward) is refused: nobody starts work at
  a time that does not exist, so the row is probably wrong; an offset says what was meant;
- a time the clocks show twice (02:30 on the night they go back) is its first occurrence, the
  earlier one (as java.time and most planning tools do); an offset picks the other.
Spreadsheets in Dutch save CSV with semicolons, so `;` works as well as `,`; a UTF-8 byte order
mark (Excel) is fine. Line numbers are the file's own, the header being line 1.
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from api.errors import InvalidField

MAX_BYTES = 512 * 1024
MAX_ROWS = 5000
COLUMNS = ("username", "starts_at", "ends_at")

FILE = ("body", "file")
_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?(?P<offset>Z|[+-]\d{2}:?\d{2})?", re.IGNORECASE
)


@dataclass(frozen=True)
class Line:
    row: int
    username: str
    starts_at: str
    ends_at: str


def read_lines(data: bytes) -> tuple[list[Line], list[tuple[int, str | None, str]]]:
    """The file's shift lines, and the (row, column, message) of lines that cannot be read.

    Problems with the file as a whole (not text, no header, too many rows) raise InvalidField.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidField(FILE, "The file must be a CSV file saved as UTF-8 text") from exc
    if "\x00" in text:  # a spreadsheet (.xlsx), an image: binary, not text
        raise InvalidField(FILE, "The file must be a CSV file saved as UTF-8 text")
    if not text.strip():
        raise InvalidField(FILE, "The file is empty")
    first_line = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    lines: list[Line] = []
    problems: list[tuple[int, str | None, str]] = []
    try:
        for values in reader:
            if not any(value.strip() for value in values):
                continue  # blank lines (and a spreadsheet's trailing ;;) are nothing
            if header is None:
                header = [value.strip().lower() for value in values]
                if header != list(COLUMNS):
                    raise InvalidField(
                        FILE, "The first line must be the header username,starts_at,ends_at"
                    )
                continue
            if len(lines) + len(problems) >= MAX_ROWS:
                raise InvalidField(FILE, f"A file can hold {MAX_ROWS} shifts at most; split it up")
            if len(values) != len(COLUMNS):
                problems.append((reader.line_num, None, f"Expected 3 values, found {len(values)}"))
                continue
            username, starts_at, ends_at = (value.strip() for value in values)
            lines.append(Line(reader.line_num, username, starts_at, ends_at))
    except csv.Error as exc:
        raise InvalidField(FILE, f"Line {reader.line_num} is not valid CSV: {exc}") from exc
    if not lines and not problems:
        raise InvalidField(FILE, "The file has a header but no shifts")
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
