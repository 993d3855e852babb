"""Reading without a connection: everything a part-timer opened stays readable after a reload,
with a banner that says the screen shows the cache's copy and when it was last updated.

"Offline" here means the server really cannot be reached, not only that the browser says so: the
phone talks to the server through a proxy that is cut (set_offline() and route() alone let a
request the service worker passes through slip out now and then), and the server's access log
must not get a single request while the screens are read offline (so nothing shown came from
the server).
"""

import re
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from playwright.sync_api import Page, Route, expect

from tests.e2e.conftest import (
    PROJECT_ROOT,
    Api,
    CuttableProxy,
    LiveServer,
    Person,
    catalogue,
    come_back_online,
    go_offline,
    log_in,
    no_page_errors,
    unique,
    wait_for_service_worker_control,
)

pytestmark = pytest.mark.e2e

NL = catalogue("nl")
IMAGE = PROJECT_ROOT / "pwa" / "public" / "icons" / "icon-192.png"
LAST_SYNC = re.compile(NL["offline.updatedToday"].replace("{time}", r"\d\d:\d\d"))


def upload_image(api: Api) -> str:
    response = api.http.post(
        "/media", files={"file": ("foto.png", IMAGE.read_bytes(), "image/png")}
    )
    url: str = Api._ok(response, 201)["url"]
    return url


def settled_log_offset(server: LiveServer, quiet_s: float = 0.5, limit_s: float = 10.0) -> int:
    """Where the access log stands once requests sent before the cut have been answered: the app
    may have had one in flight (a health probe, a refresh) when the network went."""
    deadline = time.monotonic() + limit_s
    length = len(server.log())
    while time.monotonic() < deadline:
        time.sleep(quiet_s)
        now = len(server.log())
        if now == length:
            return now
        length = now
    return length


def server_requests(server: LiveServer, since: int) -> list[str]:
    """Access-log lines the server wrote after offset `since` (one per request it answered)."""
    return [
        line for line in server.log()[since:].splitlines() if '"GET ' in line or '"POST ' in line
    ]


IMAGE_LOADED = """(src) => [...document.querySelectorAll("main img")].some(
    (img) => img.getAttribute("src") === src && img.complete && img.naturalWidth > 0)"""


def test_everything_read_stays_readable_offline_with_the_last_sync_time(
    new_phone: Any,
    proxy: CuttableProxy,
    admin_api: Api,
    store: dict[str, Any],
    staff: Person,
    join_as: Any,
    api_as: Any,
    live_server: LiveServer,
) -> None:
    # What the part-timer will read: a post with an image, a question with an answer (which also
    # lands in their inbox), and a shift tomorrow.
    image = upload_image(admin_api)
    title = unique("Nieuwe kassa ")
    post = admin_api.create_post(
        title=title,
        body=f"De nieuwe kassa staat er.\n\n![De kassa]({image})",
        audience={"store_ids": [store["id"]]},
    )
    asker = api_as(staff)
    question_title = unique("Waar liggen de bonrollen ")
    asked = asker.ask(question_title)
    manager = join_as("store_manager", store)
    answer_text = "In de la onder kassa 2."
    api_as(manager).answer(asked["id"], answer_text)
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).replace(
        hour=8, minute=0, second=0, microsecond=0
    )
    shift = admin_api.create_shift(
        user_id=staff.id, starts_at=tomorrow, ends_at=tomorrow + timedelta(hours=8)
    )

    # Online: open each screen once (that is what fills the service worker's caches).
    page: Page = new_phone(base_url=proxy.url)
    log_in(page, staff.username, staff.password)
    wait_for_service_worker_control(page)
    banner = page.get_by_test_id("offline-banner")
    screens: list[tuple[str, Any]] = []

    def read(path: str, check: Any) -> None:
        page.goto(path)
        check()
        expect(banner).to_be_hidden()
        screens.append((path, check))

    def feed() -> None:
        expect(page.get_by_test_id("news-card").filter(has_text=title)).to_be_visible()

    def news() -> None:
        expect(page.get_by_test_id("news-title")).to_have_text(title)
        expect(page.locator(f'main img[src="{image}"]')).to_be_visible()
        # Decoded, not just an <img> tag: offline it comes from the worker's image cache.
        page.wait_for_function(IMAGE_LOADED, arg=image)

    def question() -> None:
        expect(page.get_by_test_id("question-title")).to_have_text(question_title)
        expect(page.get_by_test_id("answer-body")).to_have_text(answer_text)

    def inbox() -> None:
        expect(page.get_by_test_id("inbox-item").first).to_be_visible()
        expect(page.get_by_test_id("inbox-list")).to_contain_text(question_title)

    def shifts() -> None:
        expect(page.locator(f'[data-testid="shift"][data-id="{shift["id"]}"]')).to_be_visible()

    read("/", feed)
    read(f"/news/{post['id']}", news)
    read(f"/questions/{asked['id']}", question)
    read("/inbox", inbox)
    read("/shifts", shifts)

    # The server is gone (Wi-Fi without internet): reload every screen.
    go_offline(page, proxy)
    log_offset = settled_log_offset(live_server)
    for path, check in screens:
        response = page.goto(path)
        assert response is not None and response.from_service_worker, f"{path}: shell not precached"
        check()
        expect(banner).to_be_visible()
        expect(banner).to_contain_text(NL["offline.title"])
        expect(page.get_by_test_id("offline-last-sync")).to_have_text(LAST_SYNC)
    assert server_requests(live_server, log_offset) == [], "the server was reached while offline"
    no_page_errors(page)

    # The connection is back: the banner goes without a reload (the probe finds the server).
    come_back_online(page, proxy)
    expect(banner).to_be_hidden(timeout=20_000)
    assert server_requests(live_server, log_offset), "back online, yet the server saw nothing"


def test_a_stockroom_wifi_without_internet_shows_the_banner_though_the_browser_says_online(
    page: Page, staff: Person, live_server: LiveServer
) -> None:
    """navigator.onLine stays true (no set_offline): only the cached answers tell the truth."""
    log_in(page, staff.username, staff.password)
    wait_for_service_worker_control(page)
    page.reload()
    expect(page.get_by_test_id("home-greeting")).to_be_visible()

    def unreachable(route: Route) -> None:
        route.abort("connectionrefused")

    page.context.route(re.compile(r".*/api/.*"), unreachable)
    page.reload()
    assert page.evaluate("navigator.onLine") is True
    expect(page.get_by_test_id("offline-banner")).to_contain_text(NL["offline.title"])
    expect(page.get_by_test_id("offline-last-sync")).to_have_text(LAST_SYNC)
    expect(page.get_by_test_id("home-greeting")).to_contain_text(staff.name)
    page.context.unroute(re.compile(r".*/api/.*"))
    expect(page.get_by_test_id("offline-banner")).to_be_hidden(timeout=20_000)
    no_page_errors(page)
