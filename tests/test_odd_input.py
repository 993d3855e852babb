"""Odd input never gets a 500, on any endpoint: it is refused with a 4xx that says what is wrong,
echoes little of it back, and stays valid JSON.

The classes: a lone UTF-16 surrogate, NaN and 1e999 in JSON, integers past 2^63, booleans where
ids belong, dates at the ends of the calendar, cursors built from valid JSON of the wrong
shape, and bodies far over any limit. Every documented operation is tried with each, so a new
endpoint is covered the day it is added.
"""

import base64
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.common.body_limit import MAX_JSON_BYTES
from api.errors import ECHO_CHARS
from tests.conftest import World

# Written out as JSON text: json.dumps could not produce NaN-free surrogates or 1e999 itself.
ODD_JSON_VALUES = [
    '"\\ud800"',
    '"a\\udfffb"',
    "NaN",
    "Infinity",
    "1e999",
    "-1e999",
    str(2**63),
    str(-(2**63) - 1),
    "1e308",
    "true",
    '"0001-01-01T00:00:00+14:00"',
    '"9999-12-31T23:59:59-14:00"',
    '{"\\ud800": 1}',
]
ODD_QUERY_VALUES = [
    "%ED%A0%80",
    "nan",
    "1e999",
    str(2**64),
    "-1",
    "true",
    "0001-01-01T00:00:00%2B14:00",
    "9999-12-31T23:59:59-14:00",
]


def _cursor(value: object) -> str:
    text = json.dumps(value) if not isinstance(value, str) else value
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


# Valid JSON, base64url-wrapped like ours, with the wrong shape or types inside.
ODD_CURSORS = [
    _cursor({"after": 2**63}),
    _cursor({"after": True}),
    _cursor({"after": -1}),
    _cursor([True, "2026-12-01T09:00:00+00:00", 1]),
    _cursor([0, "0001-01-01T00:00:00+14:00", 1]),
    _cursor([1, "2026-12-01T09:00:00+00:00", 2**63]),
    _cursor([1, 5, True]),
    _cursor(["2026-12-01T09:00:00", 1]),
    _cursor(["0001-01-01T00:00:00+01:00", 1]),
    _cursor([None]),
    _cursor("[1e999, NaN, Infinity]"),
    _cursor(2**70),
    _cursor("nul"),
]


def _operations(app: FastAPI) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for template, operations in app.openapi()["paths"].items():
        path = re.sub(r"\{[^}]+\}", "1", template)
        for method, operation in operations.items():
            yield method.upper(), path, operation


def _json_fields(app: FastAPI, operation: dict[str, Any]) -> list[str] | None:
    """The top-level fields of a JSON body (None: the operation takes no JSON)."""
    content = operation.get("requestBody", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema")
    if schema is None:
        return None
    while "$ref" in schema:
        schema = app.openapi()["components"]["schemas"][schema["$ref"].split("/")[-1]]
    return list(schema.get("properties", {})) or ["value"]


def _assert_refused_cleanly(response: Any, what: str) -> None:
    assert response.status_code < 500, f"{what}: {response.status_code} {response.text[:300]}"
    if response.headers.get("content-type", "").startswith("application/json"):
        text = response.text
        json.loads(text)  # valid JSON, whatever came in
        assert len(text) < 20_000, f"{what}: {len(text)} characters back"


def test_odd_json_values_in_every_field_of_every_body(
    app: FastAPI, client: TestClient, world: World
) -> None:
    headers = {**world.headers("admin"), "Content-Type": "application/json"}
    tried = 0
    for method, path, operation in _operations(app):
        fields = _json_fields(app, operation)
        if fields is None:
            continue
        for field in fields:
            for value in ODD_JSON_VALUES:
                body = f'{{"{field}": {value}}}'
                response = client.request(method, path, content=body, headers=headers)
                _assert_refused_cleanly(response, f"{method} {path} {body}")
                tried += 1
    assert tried > 300  # every body of the API, not a handful


def test_odd_query_values_and_cursors_on_every_query_parameter(
    app: FastAPI, client: TestClient, world: World
) -> None:
    headers = world.headers("admin")
    tried = 0
    for method, path, operation in _operations(app):
        if method != "GET":
            continue
        names = [p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"]
        for name in names:
            values = ODD_CURSORS if name == "cursor" else ODD_QUERY_VALUES
            for value in values:
                response = client.get(f"{path}?{name}={value}", headers=headers)
                _assert_refused_cleanly(response, f"GET {path}?{name}={value}")
                tried += 1
    assert tried > 50


def test_odd_cursors_are_422_on_cursor(client: TestClient, world: World) -> None:
    for path in ("/api/v1/news", "/api/v1/shifts", "/api/v1/questions", "/api/v1/me/notifications"):
        for cursor in ODD_CURSORS:
            response = client.get(path, params={"cursor": cursor}, headers=world.headers("hq"))
            assert response.status_code == 422, (path, cursor, response.text)
            assert response.json()["detail"][0]["loc"] == ["query", "cursor"]


def test_a_422_echoes_only_a_short_encodable_prefix_of_the_input(
    client: TestClient, world: World
) -> None:
    long_title = "x" * 50_000
    response = client.post(
        "/api/v1/questions",
        json={"title": long_title, "body": "b", "category": "hr", "scope": "company"},
        headers=world.headers("staff"),
    )
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "title"]
    assert error["input"] == "x" * ECHO_CHARS + "…"

    surrogate = client.post(
        "/api/v1/questions",
        content='{"title": "a\\ud800", "body": "b", "category": "hr", "scope": "company"}',
        headers={**world.headers("staff"), "Content-Type": "application/json"},
    )
    assert surrogate.status_code == 422
    assert "surrogate" in surrogate.json()["detail"][0]["msg"]


def test_stored_text_can_never_hold_a_lone_surrogate(client: TestClient, world: World) -> None:
    # PostgreSQL cannot store one; it is refused for every kind of text, nested ones included.
    body = (
        '{"title": "Nieuws", "body": "tekst", "locale": "nl", '
        '"translations": {"en": {"title": "News\\udc00", "body": "text"}}}'
    )
    response = client.post(
        "/api/v1/news",
        content=body,
        headers={**world.headers("hq"), "Content-Type": "application/json"},
    )
    assert response.status_code == 422, response.text


@pytest.mark.parametrize(
    "path", ["/api/v1/auth/refresh", "/api/v1/auth/token", "/api/v1/questions"]
)
def test_a_body_over_the_limit_is_413_before_it_is_read(
    client: TestClient, world: World, path: str
) -> None:
    huge = b'{"refresh_token": "' + b"a" * (MAX_JSON_BYTES + 1) + b'"}'
    response = client.post(path, content=huge, headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
    assert len(response.content) < 200


def test_a_streamed_body_without_a_length_is_cut_off_at_the_limit(
    client: TestClient, world: World
) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"refresh_token": "'
        for _ in range(100):
            yield b"a" * 64 * 1024
        yield b'"}'

    response = client.post(
        "/api/v1/auth/refresh", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"


def test_an_upload_may_be_as_large_as_the_media_limit_but_no_larger(
    client: TestClient, world: World, app: FastAPI
) -> None:
    limit = app.state.settings.media_max_bytes
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * (limit - 8)
    ok = client.post(
        "/api/v1/media", files={"file": ("a.png", png, "image/png")}, headers=world.headers("hq")
    )
    assert ok.status_code == 201, ok.text[:300]
    too_big = client.post(
        "/api/v1/media",
        files={"file": ("b.png", png + b"\x00" * (128 * 1024), "image/png")},
        headers=world.headers("hq"),
    )
    assert too_big.status_code == 413
