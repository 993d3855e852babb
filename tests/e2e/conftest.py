"""End-to-end fixtures: the real server in a subprocess, the admin API, and Debian's Chromium.

The server is started the way it is deployed (`python -m api.cli serve`), on a free port, with
its own temporary var dir, SQLite file and secret; it migrates and creates the bootstrap admin
on start. One server serves the whole session, so every test makes its own store, invite and
users with unique names.
"""

import json
import os
import secrets
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    expect,
    sync_playwright,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.support.cuttable_proxy import CuttableProxy, cuttable_proxy
from tests.support.live_server import LiveServer as LiveServer  # re-exported for the tests
from tests.support.live_server import running_server

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# E2E_PWA_DIST lets someone test a build in another folder (vite build --outDir ...) while
# pwa/dist is being rebuilt by something else.
PWA_DIST = Path(os.environ.get("E2E_PWA_DIST") or PROJECT_ROOT / "pwa" / "dist")
I18N_DIR = PROJECT_ROOT / "pwa" / "src" / "i18n"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ADMIN_USERNAME = "e2e.admin"
ADMIN_PASSWORD = "e2e-admin-" + secrets.token_urlsafe(12)
# Waits for things the app does by itself (a request, a render); generous for a busy CI box.
expect.set_options(timeout=10_000)


def unique(prefix: str) -> str:
    """A name no other test in this session uses (lowercase, valid as a username)."""
    return f"{prefix}{uuid.uuid4().hex[:8]}"


def fill(message: str, **values: Any) -> str:
    """A catalogue message with its {placeholders} filled, as the app shows it."""
    for name, value in values.items():
        message = message.replace("{" + name + "}", str(value))
    return message


def catalogue(locale: str) -> dict[str, str]:
    """The PWA's message catalogue, so tests follow wording changes instead of copying them."""
    data: dict[str, str] = json.loads((I18N_DIR / f"{locale}.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="session")
def live_server() -> Iterator[LiveServer]:
    if not (PWA_DIST / "index.html").is_file():
        pytest.fail("pwa/dist is missing: run `cd pwa && npm run build` first")
    with running_server(
        pwa_dist=PWA_DIST,
        admin_username=ADMIN_USERNAME,
        admin_password=ADMIN_PASSWORD,
        prefix="winkelpraat-e2e-",
    ) as server:
        yield server


class Api:
    """The HTTP API as one signed-in user (the admin by default)."""

    def __init__(self, base_url: str, token: str | None = None) -> None:
        self.base_url = base_url
        # uvicorn closes a keep-alive connection after 5 s idle; a request sent on it at that
        # instant fails with "Server disconnected". Dropping idle connections sooner avoids it.
        self.http = httpx.Client(
            base_url=f"{base_url}/api/v1",
            timeout=10,
            limits=httpx.Limits(keepalive_expiry=2.0),
        )
        if token:
            self.http.headers["Authorization"] = f"Bearer {token}"

    def close(self) -> None:
        self.http.close()

    @staticmethod
    def _ok(response: httpx.Response, status: int) -> Any:
        assert response.status_code == status, (
            f"{response.request.method} {response.request.url} -> "
            f"{response.status_code} {response.text}"
        )
        return response.json() if response.content else None

    def sign_in(self, username: str, password: str) -> dict[str, Any]:
        response = self.http.post("/auth/token", data={"username": username, "password": password})
        pair: dict[str, Any] = self._ok(response, 200)
        self.http.headers["Authorization"] = f"Bearer {pair['access_token']}"
        return pair

    def create_region(self, name: str) -> dict[str, Any]:
        return self._ok(self.http.post("/regions", json={"name": name}), 201)  # type: ignore[no-any-return]

    def create_store(self, *, code: str, name: str, region_id: int) -> dict[str, Any]:
        body = {"code": code, "name": name, "region_id": region_id, "timezone": "Europe/Amsterdam"}
        return self._ok(self.http.post("/stores", json=body), 201)  # type: ignore[no-any-return]

    def create_invite(
        self, store_id: int | None, *, role: str = "staff", max_uses: int = 1
    ) -> dict[str, Any]:
        body = {"store_id": store_id, "role": role, "max_uses": max_uses}
        return self._ok(self.http.post("/invites", json=body), 201)  # type: ignore[no-any-return]

    def join(self, code: str, *, name: str, username: str, password: str) -> dict[str, Any]:
        """Create an account with an invite (no browser); returns the token pair."""
        body = {"code": code, "name": name, "username": username, "password": password}
        response = httpx.post(f"{self.base_url}/api/v1/auth/join", json=body, timeout=10)
        return self._ok(response, 201)  # type: ignore[no-any-return]

    def users_of_store(self, store_id: int) -> list[dict[str, Any]]:
        page = self._ok(self.http.get("/users", params={"store_id": store_id, "limit": 100}), 200)
        return page["items"]  # type: ignore[no-any-return]

    def user(self, user_id: int) -> dict[str, Any]:
        return self._ok(self.http.get(f"/users/{user_id}"), 200)  # type: ignore[no-any-return]

    def me(self) -> dict[str, Any]:
        return self._ok(self.http.get("/me"), 200)  # type: ignore[no-any-return]

    def deactivate(self, user_id: int) -> None:
        self._ok(self.http.post(f"/users/{user_id}/deactivate"), 204)

    # Store news

    def create_post(self, *, title: str, body: str = "Tekst.", **fields: Any) -> dict[str, Any]:
        """Publish a post (with an Idempotency-Key, as every client should)."""
        response = self.http.post(
            "/news",
            json={"title": title, "body": body, **fields},
            headers={"Idempotency-Key": str(uuid.uuid4())},
        )
        return self._ok(response, 201)  # type: ignore[no-any-return]

    def news_post(self, post_id: int) -> dict[str, Any]:
        return self._ok(self.http.get(f"/news/{post_id}"), 200)  # type: ignore[no-any-return]

    def mark_read(self, post_id: int) -> None:
        self._ok(self.http.post(f"/news/{post_id}/read"), 204)

    def acknowledge(self, post_id: int) -> None:
        self._ok(self.http.post(f"/news/{post_id}/ack"), 204)

    def news_stats(self, post_id: int) -> dict[str, Any]:
        return self._ok(self.http.get(f"/news/{post_id}/stats"), 200)  # type: ignore[no-any-return]

    def comments(self, post_id: int) -> list[dict[str, Any]]:
        page = self._ok(self.http.get(f"/news/{post_id}/comments", params={"limit": 100}), 200)
        return page["items"]  # type: ignore[no-any-return]

    # Questions and shifts

    def ask(self, title: str) -> dict[str, Any]:
        """Ask the own store a question (category "checkout", no body)."""
        response = self.http.post(
            "/questions",
            json={"title": title, "body": "", "category": "checkout", "scope": "store"},
            headers={"Idempotency-Key": str(uuid.uuid4())},
        )
        return self._ok(response, 201)  # type: ignore[no-any-return]

    def answer(self, question_id: int, body: str) -> dict[str, Any]:
        response = self.http.post(
            f"/questions/{question_id}/answers",
            json={"body": body},
            headers={"Idempotency-Key": str(uuid.uuid4())},
        )
        return self._ok(response, 201)  # type: ignore[no-any-return]

    def create_shift(
        self, *, user_id: int, starts_at: datetime, ends_at: datetime
    ) -> dict[str, Any]:
        response = self.http.post(
            "/shifts",
            json={
                "user_id": user_id,
                "starts_at": starts_at.isoformat(),
                "ends_at": ends_at.isoformat(),
            },
            headers={"Idempotency-Key": str(uuid.uuid4())},
        )
        return self._ok(response, 201)  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def admin_api(live_server: LiveServer) -> Iterator[Api]:
    api = Api(live_server.url)
    api.sign_in(ADMIN_USERNAME, ADMIN_PASSWORD)
    yield api
    api.close()


@pytest.fixture(scope="session")
def region(admin_api: Api) -> dict[str, Any]:
    return admin_api.create_region(unique("E2E region "))


def _make_store(admin_api: Api, region: dict[str, Any]) -> dict[str, Any]:
    suffix = uuid.uuid4().hex[:6].upper()
    return admin_api.create_store(
        code=f"E2E-{suffix}", name=f"Filiaal {suffix}", region_id=region["id"]
    )


@pytest.fixture
def store(admin_api: Api, region: dict[str, Any]) -> dict[str, Any]:
    """A fresh store per test, so user lists and invites never mix between tests."""
    return _make_store(admin_api, region)


@pytest.fixture
def new_store(admin_api: Api, region: dict[str, Any]) -> Callable[[], dict[str, Any]]:
    """A factory for more fresh stores in the session's region."""
    return lambda: _make_store(admin_api, region)


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    username: str
    password: str
    store: dict[str, Any]  # {} for head office and admins, who belong to no store
    role: str = "staff"


def _join(admin_api: Api, role: str, store: dict[str, Any] | None, name: str) -> Person:
    """Someone who joined through an invite (the API, not the browser)."""
    invite = admin_api.create_invite(store["id"] if store else None, role=role, max_uses=1)
    username = unique(f"{role.replace('_', '')}.")
    password = "pw-" + secrets.token_urlsafe(10)
    pair = admin_api.join(invite["code"], name=name, username=username, password=password)
    with_token = Api(admin_api.base_url, pair["access_token"])
    try:
        me = with_token.me()
    finally:
        with_token.close()
    return Person(
        id=me["id"],
        name=me["name"],
        username=username,
        password=password,
        store=store or {},
        role=role,
    )


@pytest.fixture
def staff(admin_api: Api, store: dict[str, Any]) -> Person:
    """A part-timer who already joined `store` (through the API, not the browser)."""
    return _join(admin_api, "staff", store, "Sam Vermeer")


@pytest.fixture
def join_as(admin_api: Api) -> Callable[..., Person]:
    """A factory for more people: join_as("store_manager", store), join_as("hq")."""

    def make(role: str, store: dict[str, Any] | None = None, name: str = "") -> Person:
        return _join(admin_api, role, store, name or f"E2E {role} {uuid.uuid4().hex[:4]}")

    return make


@pytest.fixture
def api_as(live_server: LiveServer) -> Iterator[Callable[[Person], Api]]:
    """The API signed in as a given person (closed after the test)."""
    clients: list[Api] = []

    def make(person: Person) -> Api:
        client = Api(live_server.url)
        client.sign_in(person.username, person.password)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


# The browser


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (see `make chromium`)")
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
    "locale": "nl-NL",
    "timezone_id": "Europe/Amsterdam",
    "service_workers": "allow",
}


@pytest.fixture
def new_phone(browser: Browser, live_server: LiveServer) -> Iterator[Any]:
    """A factory for fresh phones (browser contexts): nothing shared, like a second device."""
    contexts: list[BrowserContext] = []

    def make(**overrides: Any) -> Page:
        options = {"base_url": live_server.url, **PHONE, **overrides}
        context = browser.new_context(**options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        problems: list[str] = []
        page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        page.on(
            "console",
            lambda msg: (
                problems.append(f"console.{msg.type}: {msg.text}") if msg.type == "error" else None
            ),
        )
        page.problems = problems  # type: ignore[attr-defined]
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def proxy(live_server: LiveServer) -> Iterator[CuttableProxy]:
    """The live server behind a connection that can be cut for real (give a phone its url)."""
    with cuttable_proxy(live_server.url) as proxy:
        yield proxy


def go_offline(page: Page, proxy: CuttableProxy) -> None:
    """No signal: the line to the server is cut, and the browser knows it is offline."""
    proxy.cut()
    page.context.set_offline(True)


def come_back_online(page: Page, proxy: CuttableProxy) -> None:
    proxy.restore()
    page.context.set_offline(False)


@pytest.fixture
def page(new_phone: Any) -> Page:
    page: Page = new_phone()
    return page


def no_page_errors(page: Page) -> None:
    """Uncaught exceptions in the app fail the test (console errors from refused requests,
    which Chromium logs by itself, are allowed)."""
    errors = [p for p in page.problems if p.startswith("page error")]  # type: ignore[attr-defined]
    assert not errors, "\n".join(errors)


def log_in(page: Page, username: str, password: str) -> None:
    """Sign in through the login form and wait for home."""
    nl = catalogue("nl")
    page.goto("/login")
    form = page.get_by_test_id("login-form")
    form.get_by_label(nl["login.username"]).fill(username)
    form.get_by_label(nl["login.password"]).fill(password)
    form.get_by_role("button", name=nl["login.submit"]).click()
    expect(page.get_by_test_id("home-greeting")).to_be_visible()


def wait_for_service_worker_control(page: Page) -> None:
    """Wait until the service worker is active and controls this page (reloading once: a page
    loaded before the worker existed is claimed by clientsClaim(), but a reload is the fallback)."""
    scope = page.evaluate("async () => (await navigator.serviceWorker.ready).scope")
    assert scope.endswith("/")
    controlled = "() => navigator.serviceWorker.controller !== null"
    try:
        page.wait_for_function(controlled, timeout=5_000)
    except PlaywrightTimeout:
        page.reload()
        page.wait_for_function(controlled, timeout=10_000)


def stored_tokens(page: Page) -> dict[str, str | None]:
    tokens: dict[str, str | None] = page.evaluate(
        """() => ({
            access: localStorage.getItem("wp.access_token"),
            refresh: localStorage.getItem("wp.refresh_token"),
        })"""
    )
    return tokens
