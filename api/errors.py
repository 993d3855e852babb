"""Application errors with their HTTP status, and the one handler that renders them."""

import math
import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.common.schemas import ErrorResponse


class AppError(Exception):
    status_code = 400
    code = "bad_request"

    def __init__(
        self, detail: str, *, code: str | None = None, headers: dict[str, str] | None = None
    ):
        super().__init__(detail)
        self.detail = detail
        if code:
            self.code = code
        self.headers = headers


class BadRequest(AppError):
    status_code = 400
    code = "bad_request"


class Unauthorized(AppError):
    status_code = 401
    code = "not_authenticated"

    def __init__(self, detail: str = "Not signed in or the session has ended", **kw: Any):
        kw.setdefault("headers", {"WWW-Authenticate": "Bearer"})
        super().__init__(detail, **kw)


class Forbidden(AppError):
    status_code = 403
    code = "forbidden"


class NotFound(AppError):
    status_code = 404
    code = "not_found"


class Conflict(AppError):
    status_code = 409
    code = "conflict"


class Gone(AppError):
    status_code = 410
    code = "gone"


class TooManyRequests(AppError):
    status_code = 429
    code = "rate_limited"


class InvalidField(AppError):
    """A value that passed the schema but not the domain (unknown region, bad time zone).

    Rendered like FastAPI's own 422 so clients handle one validation shape.
    """

    status_code = 422
    code = "invalid"

    def __init__(self, loc: tuple[str | int, ...], detail: str):
        super().__init__(detail)
        self.loc = loc


class InvalidFields(AppError):
    """Several such values at once (every bad row of an uploaded file), in the same shape."""

    status_code = 422
    code = "invalid"

    def __init__(self, problems: list[tuple[tuple[str | int, ...], str]]):
        super().__init__(f"{len(problems)} values are not valid")
        self.problems = problems


class PayloadTooLarge(AppError):
    status_code = 413
    code = "too_large"


def _render(exc: AppError) -> dict[str, Any]:
    if isinstance(exc, InvalidField):
        rendered: dict[str, Any] = {
            "detail": [{"type": "value_error", "loc": list(exc.loc), "msg": exc.detail}]
        }
        if exc.code != InvalidField.code:
            rendered["code"] = exc.code  # a refusal the app names, beside the field list
        return rendered
    if isinstance(exc, InvalidFields):
        return {
            "detail": [
                {"type": "value_error", "loc": list(loc), "msg": message}
                for loc, message in exc.problems
            ]
        }
    return {"detail": exc.detail, "code": exc.code}


async def _handle_app_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    return JSONResponse(_render(exc), status_code=exc.status_code, headers=exc.headers)


HTTP_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
}


@cache
def _path_patterns(app: FastAPI, *, strict: bool) -> list[tuple[re.Pattern[str], frozenset[str]]]:
    """Each documented path as a regex with the methods it supports. `strict`: integer path
    parameters match digits only, as routes declared `{name:int}` do (so /questions/similar
    is not also /questions/{question_id})."""
    patterns = []
    for template, operations in app.openapi()["paths"].items():
        numeric = {
            parameter["name"]
            for operation in operations.values()
            for parameter in operation.get("parameters", [])
            if parameter.get("in") == "path"
            and parameter.get("schema", {}).get("type") == "integer"
        }

        def segment(match: re.Match[str], numeric: set[str] = numeric) -> str:
            return "[0-9]+" if strict and match.group(1) in numeric else "[^/]+"

        regex = re.sub(r"\\\{([^}]+)\\\}", segment, re.escape(template))
        patterns.append((re.compile(f"^{regex}$"), frozenset(m.upper() for m in operations)))
    return patterns


def _allowed_methods(request: Request) -> str:
    """Every method the path supports; Starlette lists only the first matching route's."""
    for strict in (True, False):
        methods: set[str] = set()
        for pattern, operations in _path_patterns(request.app, strict=strict):
            if pattern.match(request.url.path):
                methods |= operations
        if methods:
            return ", ".join(sorted(methods))
    return ""


async def _handle_http_error(request: Request, exc: Exception) -> JSONResponse:
    """Framework errors (unknown path, wrong method, unreadable body) in our error shape."""
    assert isinstance(exc, StarletteHTTPException)
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = _allowed_methods(request) or headers.get("Allow", "")
    code = HTTP_CODES.get(exc.status_code, "http_error")
    return JSONResponse(
        {"detail": str(exc.detail), "code": code}, status_code=exc.status_code, headers=headers
    )


# A 422 shows at most this much of what was sent: enough to recognise it, never the whole body
# back (an echoed 30 MB body doubled the server's memory).
ECHO_CHARS = 80


def _echo(value: Any) -> Any:
    """A short, JSON-safe rendering of one bad input (or a location part, or a message)."""
    if isinstance(value, str):
        short = value if len(value) <= ECHO_CHARS else value[:ECHO_CHARS] + "…"
        # Lone surrogates ("\ud800" in the JSON) cannot be encoded: show them as U+FFFD.
        return short.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return value if abs(value) < 2**53 else _echo(str(value))
    if isinstance(value, float):
        # NaN and Infinity (JSON's 1e999) are no JSON numbers.
        return value if math.isfinite(value) else str(value)
    # Objects and lists are not echoed: they can be the whole body.
    return None


def _validation_errors(errors: Sequence[Any]) -> list[dict[str, Any]]:
    return [
        {
            "type": str(error.get("type", "value_error")),
            "loc": [_echo(part) for part in error.get("loc", ())],
            "msg": _echo(str(error.get("msg", ""))),
            "input": _echo(error.get("input")),
        }
        for error in errors[:20]
    ]


async def _handle_validation_error(_request: Request, exc: Exception) -> JSONResponse:
    """FastAPI's 422 shape, with what was sent shortened and made encodable, never echoed whole:
    a lone surrogate, NaN or 1e999 in the input made the default handler fail with a 500."""
    assert isinstance(exc, RequestValidationError)
    return JSONResponse({"detail": _validation_errors(exc.errors())}, status_code=422)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AppError, _handle_app_error)
    app.add_exception_handler(StarletteHTTPException, _handle_http_error)
    app.add_exception_handler(RequestValidationError, _handle_validation_error)


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI documentation for the error statuses a route can answer with."""
    return {status: {"model": ErrorResponse} for status in statuses}
