"""Base classes and field types for request and response models."""

from typing import Annotated, Any

from fastapi import Path
from pydantic import (
    AfterValidator,
    BaseModel,
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

# One-line text: surrounding spaces dropped, never empty.
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def reject_nul(value: Any) -> Any:
    """PostgreSQL text cannot hold NUL; refuse it as bad input instead of failing on insert."""
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError("text must not contain NUL characters")
    elif isinstance(value, dict):
        for item in value.values():
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
