"""Cursor pagination: `{"items": [...], "next_cursor": str|null}` with ?limit= and ?cursor=."""

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel
from sqlalchemy import ColumnElement
from sqlmodel import Session
from sqlmodel.sql.expression import SelectOfScalar

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


def encode_cursor(last_id: int) -> str:
    return pack_cursor({"after": last_id})


def decode_cursor(cursor: str) -> int:
    data = unpack_cursor(cursor)
    after = data.get("after") if isinstance(data, dict) else None
    if not isinstance(after, int) or isinstance(after, bool) or not 0 <= after < 2**31:
        raise invalid_cursor()
    return after


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
