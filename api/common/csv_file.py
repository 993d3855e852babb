"""Reading an uploaded CSV file: a header line, then one record a line, all of it or nothing.

What spreadsheets really save is accepted: a UTF-8 byte order mark (Excel), CRLF line ends, blank
lines, and `;` as the separator (Excel with Dutch regional settings writes that instead of `,`).
Line numbers are the file's own, the header being line 1: the numbers a spreadsheet shows in
its margin, so a 422 points at the row the person has to fix.
"""

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from api.errors import InvalidField, InvalidFields, PayloadTooLarge

MAX_BYTES = 512 * 1024
FILE = ("body", "file")

# (line, column or None for the whole line, message)
LineProblem = tuple[int, str | None, str]


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, str]  # column -> value, stripped


def ensure_size(data: bytes, *, what: str) -> None:
    """413 for a file over MAX_BYTES (callers read one byte more than that to know)."""
    if len(data) > MAX_BYTES:
        raise PayloadTooLarge(f"{what} can be {MAX_BYTES // 1024} KB at most")


def read_rows(
    data: bytes, *, columns: Sequence[str], max_rows: int, what: str
) -> tuple[list[Row], list[LineProblem]]:
    """The file's records, and the lines that cannot be read (wrong number of values).

    Problems with the file as a whole (not UTF-8 text, no or a wrong header, no records, more
    than `max_rows`) raise InvalidField at ("body", "file"). `what` names the records in
    messages ("shifts", "invites").
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
    header_seen = False
    rows: list[Row] = []
    problems: list[LineProblem] = []
    try:
        for values in reader:
            if not any(value.strip() for value in values):
                continue  # blank lines (and a spreadsheet's trailing ;;) are nothing
            if not header_seen:
                if [value.strip().lower() for value in values] != list(columns):
                    raise InvalidField(
                        FILE, f"The first line must be the header {','.join(columns)}"
                    )
                header_seen = True
                continue
            if len(rows) + len(problems) >= max_rows:
                raise InvalidField(FILE, f"A file can hold {max_rows} {what} at most; split it up")
            if len(values) != len(columns):
                problems.append(
                    (reader.line_num, None, f"Expected {len(columns)} values, found {len(values)}")
                )
                continue
            stripped = (value.strip() for value in values)
            rows.append(Row(reader.line_num, dict(zip(columns, stripped, strict=True))))
    except csv.Error as exc:
        raise InvalidField(FILE, f"Line {reader.line_num} is not valid CSV: {exc}") from exc
    if not rows and not problems:
        raise InvalidField(FILE, f"The file has a header but no {what}")
    return rows, problems


def refuse(problems: list[LineProblem], *, columns: Sequence[str]) -> InvalidFields:
    """The 422 for a file with bad lines: loc ("body", "file", line[, column]), by line, then by
    column as the file has them."""

    def order(problem: LineProblem) -> tuple[int, int]:
        line, column, _ = problem
        return line, columns.index(column) if column else -1

    return InvalidFields(
        [
            ((*FILE, line) if column is None else (*FILE, line, column), message)
            for line, column, message in sorted(problems, key=order)
        ]
    )
