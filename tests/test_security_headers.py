"""Security headers on every answer: JSON, errors, media, the app shell; HSTS only over HTTPS."""

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Headers

from api.common.security_headers import BASE_HEADERS, DATA_CSP, HSTS
from api.pwa import CONTENT_SECURITY_POLICY
from tests.conftest import World

# (method, path, status): an answer of every kind the server gives.
DATA_ANSWERS = [
    ("GET", "/api/health", 200),
    ("GET", "/api/v1/me", 401),
    ("GET", "/api/v1/no-such-thing", 404),
    ("DELETE", "/api/health", 405),
    ("POST", "/api/v1/auth/token", 422),
    ("GET", "/media/no-such-image.png", 404),
]


def _assert_base_headers(response_headers: Headers) -> None:
    for name, value in BASE_HEADERS.items():
        assert response_headers.get(name) == value, name


@pytest.mark.parametrize(("method", "path", "status"), DATA_ANSWERS)
def test_api_and_media_answers_carry_the_headers_and_a_data_only_csp(
    client: TestClient, method: str, path: str, status: int
) -> None:
    response = client.request(method, path)
    assert response.status_code == status
    _assert_base_headers(response.headers)
    assert response.headers["Content-Security-Policy"] == DATA_CSP
    assert "Strict-Transport-Security" not in response.headers


def test_a_signed_in_answer_carries_them_too(client: TestClient, world: World) -> None:
    response = client.get("/api/v1/me", headers=world.headers("staff"))
    assert response.status_code == 200
    _assert_base_headers(response.headers)


def test_the_app_shell_keeps_its_own_csp(client: TestClient) -> None:
    # The test app has no built PWA: the shell route answers its "not built yet" page (503).
    response = client.get("/news/123")
    assert "text/html" in response.headers["content-type"]
    _assert_base_headers(response.headers)
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_hsts_is_sent_over_https_only(app: FastAPI) -> None:
    with TestClient(app, base_url="https://winkelpraat.example") as secure:
        for path in ("/api/health", "/news/1"):
            assert secure.get(path).headers["Strict-Transport-Security"] == HSTS
