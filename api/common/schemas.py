"""Base classes and field types for request and response models."""

import re
from datetime import UTC, datetime
from typing import Annotated, Any, TypeVar

from fastapi import Path
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    StringConstraints,
    model_validator,
)

# Ids are PostgreSQL INTEGER: anything larger could never match, so it is refused up front.
MAX_ID = 2**31 - 1

Id = Annotated[StrictInt, Field(ge=1, le=MAX_ID)]
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]


def _iso_text(value: Any) -> Any:
    """Only ISO 8601 text: pydantic would also take 1700000000 (or "0.5") as a Unix time."""
    if isinstance(value, datetime) or value is None:
        return value
    if not isinstance(value, str) or not re.match(r"\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}", value):
        raise ValueError("must be an ISO 8601 date and time, e.g. 2026-12-01T09:00:00+01:00")
    return value


def _needs_offset(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("needs a time zone offset, e.g. 2026-12-01T09:00:00+01:00")
    try:
        value.astimezone(UTC)
    except OverflowError as exc:  # 0001-01-01T00:00+01:00 has no UTC equivalent
        raise ValueError("is out of range") from exc
    return value


# A moment in time: ISO 8601 with an offset (a time without one could be any of 24 moments).
# Checked per field, so a 422 points at the field itself (the app shows it next to it).
AwareTime = Annotated[datetime, BeforeValidator(_iso_text), AfterValidator(_needs_offset)]

# One-line text: surrounding spaces dropped, never empty.
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _has_lone_surrogate(text: str) -> bool:
    # JSON's "\ud800" decodes to a str that no UTF-8 encoder (PostgreSQL's, ours) accepts.
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def reject_nul(value: Any) -> Any:
    """Text a database cannot store (NUL, and lone UTF-16 surrogates that are no character) is
    refused as bad input instead of failing on insert."""
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError("text must not contain NUL characters")
        if _has_lone_surrogate(value):
            raise ValueError("text must not contain lone surrogates (\\ud800-\\udfff)")
    elif isinstance(value, dict):
        for key, item in value.items():
            reject_nul(key)
            reject_nul(item)
    elif isinstance(value, list | tuple):
        for item in value:
            reject_nul(item)
    return value


class StrictInput(BaseModel):
    """A request body: unknown fields are refused, ints and booleans are not coerced."""

    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _no_nul(cls, data: Any) -> Any:
        return reject_nul(data)


class ErrorResponse(BaseModel):
    """Every error except validation errors: a human message and a stable machine code."""

    detail: str
    code: str


# For form fields and query strings, which do not pass through StrictInput.
NoNulStr = Annotated[str, AfterValidator(reject_nul)]


M = TypeVar("M", bound=BaseModel)


class _Row:
    """A row's attributes, with some given instead (see from_row)."""

    def __init__(self, row: object, given: dict[str, Any]) -> None:
        self._row, self._given = row, given

    def __getattr__(self, name: str) -> Any:
        return self._given[name] if name in self._given else getattr(self._row, name)


def from_row(schema: type[M], row: object, **given: Any) -> M:
    """`schema` filled from the row's attributes of the same names, and `given` for the rest
    (what is not a column: counts, the audience, the reader's translation). A field added to
    the table and the schema under one name needs no mapping code."""
    return schema.model_validate(_Row(row, given), from_attributes=True)
