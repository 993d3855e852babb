"""Cursor pagination: `{"items": [...], "next_cursor": str|null}` with ?limit= and ?cursor=."""

import base64
import binascii
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel
from sqlalchemy import ColumnElement
from sqlmodel import Session
from sqlmodel.sql.expression import SelectOfScalar

from api.common.schemas import MAX_ID
from api.errors import InvalidField

T = TypeVar("T")
M = TypeVar("M")


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None


@dataclass(frozen=True)
class PageParams:
    limit: int
    after_id: int | None


def invalid_cursor() -> InvalidField:
    return InvalidField(("query", "cursor"), "This cursor is not valid")


def pack_cursor(position: object) -> str:
    """An opaque cursor: the JSON of a position in the list, base64url without padding."""
    return base64.urlsafe_b64encode(json.dumps(position).encode()).decode().rstrip("=")


def unpack_cursor(cursor: str) -> Any:
    """The position inside a cursor; anything we did not hand out is a 422 on `cursor`."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        return json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise invalid_cursor() from exc


def cursor_fields(cursor: str, *readers: Callable[[Any], Any]) -> tuple[Any, ...]:
    """A cursor holding a JSON list, each item checked by its reader (`cursor_id`,
    `cursor_time`, `cursor_flag`); anything else is a 422 on `cursor`, never a 500."""
    data = unpack_cursor(cursor)
    if not isinstance(data, list) or len(data) != len(readers):
        raise invalid_cursor()
    try:
        return tuple(read(item) for read, item in zip(readers, data, strict=True))
    except (ValueError, TypeError, OverflowError) as exc:
        raise invalid_cursor() from exc


def cursor_id(value: object) -> int:
    """A row id: a JSON integer (not a boolean) that fits PostgreSQL's INTEGER."""
    if type(value) is not int or not 0 <= value <= MAX_ID:
        raise ValueError("not an id")
    return value


def cursor_flag(value: object) -> bool:
    if type(value) is not int or value not in (0, 1):
        raise ValueError("not 0 or 1")
    return bool(value)


def cursor_time(value: object) -> datetime:
    """An ISO 8601 moment with an offset, as UTC (OverflowError for year 1 at +01:00)."""
    if not isinstance(value, str):
        raise TypeError("not a time")
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError("no offset")
    return moment.astimezone(UTC)


def encode_cursor(last_id: int) -> str:
    return pack_cursor({"after": last_id})


def decode_cursor(cursor: str) -> int:
    data = unpack_cursor(cursor)
    try:
        return cursor_id(data.get("after") if isinstance(data, dict) else None)
    except ValueError as exc:
        raise invalid_cursor() from exc


Limit = Annotated[int, Query(ge=1, le=100, description="Items per page")]


async def _page_params(
    limit: Limit = 20,
    cursor: Annotated[
        str | None, Query(max_length=200, description="next_cursor of the previous page")
    ] = None,
) -> PageParams:
    return PageParams(limit=limit, after_id=decode_cursor(cursor) if cursor else None)


PageDep = Annotated[PageParams, Depends(_page_params)]


def paginate_by_id(
    session: Session,
    statement: SelectOfScalar[M],
    id_column: Any,
    page: PageParams,
    *,
    newest_first: bool = False,
) -> tuple[Sequence[M], str | None]:
    """One page of `statement` in id order, fetching one extra row to know if more follow.

    The cursor is the last id handed out: stable while rows are added, unlike an offset.
    """
    column: ColumnElement[int] = id_column
    if page.after_id is not None:
        statement = statement.where(
            column < page.after_id if newest_first else column > page.after_id
        )
    order = column.desc() if newest_first else column
    rows = session.exec(statement.order_by(order).limit(page.limit + 1)).all()
    if len(rows) <= page.limit:
        return rows, None
    rows = rows[: page.limit]
    return rows, encode_cursor(getattr(rows[-1], "id"))  # noqa: B009
