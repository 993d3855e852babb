"""Push and shifts in the PWA, in Chromium: the service worker's push and notificationclick
handlers (a push delivered through the DevTools protocol), the inbox with its bell, turning
notifications on and off, the preferences screen, and shift planning with My shifts."""

import json
import re
import time
import uuid
from base64 import urlsafe_b64encode
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from playwright.sync_api import CDPSession, Locator, Page, Request, Response, expect

from tests.e2e.conftest import (
    Api,
    LiveServer,
    Person,
    catalogue,
    fill,
    log_in,
    no_page_errors,
    unique,
)

pytestmark = pytest.mark.e2e
# How long the service worker may take to show what a push brought (it may have to start first).
WORKER_WAIT_S = 15.0

NL = catalogue("nl")

JoinAs = Callable[..., Person]
ApiAs = Callable[[Person], Api]

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def opened(page: Page, heading: str) -> None:
    """Wait until an in-app page change is complete: the router focused the new heading."""
    h1 = page.get_by_role("heading", level=1)
    expect(h1).to_have_text(heading)
    expect(h1).to_be_focused()


def worker_ready(page: Page) -> None:
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")


def registration_id(page: Page, cdp: CDPSession, live_server: LiveServer) -> str:
    """The service worker registration's id, as the DevTools protocol reports it."""
    registrations: list[dict[str, Any]] = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: registrations.extend(event["registrations"]),
    )
    cdp.send("ServiceWorker.enable")
    scope = f"{live_server.url}/"
    for _ in range(100):
        found = [r for r in registrations if r["scopeURL"] == scope and not r["isDeleted"]]
        if found:
            return str(found[-1]["registrationId"])
        page.wait_for_timeout(50)
    raise AssertionError(f"no service worker registration for {scope}: {registrations}")


def deliver_push(
    cdp: CDPSession, live_server: LiveServer, registration: str, payload: dict[str, Any]
) -> None:
    cdp.send(
        "ServiceWorker.deliverPushMessage",
        {
            "origin": f"{live_server.url}/",
            "registrationId": registration,
            "data": json.dumps(payload),
        },
    )


def shown_notifications(page: Page, count: int) -> list[dict[str, Any]]:
    """The notifications the service worker shows, once there are `count` of them."""
    script = """async () => {
        const registration = await navigator.serviceWorker.ready;
        return (await registration.getNotifications()).map((n) => ({
            title: n.title, body: n.body, tag: n.tag, data: n.data,
        }));
    }"""
    shown: list[dict[str, Any]] = []
    # A push wakes the worker first; on a busy machine that alone can take seconds.
    deadline = time.monotonic() + WORKER_WAIT_S
    while time.monotonic() < deadline:
        shown = page.evaluate(script)
        if len(shown) == count:
            return shown
        page.wait_for_timeout(50)
    raise AssertionError(f"expected {count} notifications, the worker shows {shown}")


def audience(*stores: dict[str, Any]) -> dict[str, Any]:
    return {"store_ids": [s["id"] for s in stores]}


def unread_count(api: Api) -> int:
    count: int = Api._ok(api.http.get("/me/notifications/unread-count"), 200)["unread"]
    return count


def inbox_item(page: Page, notification_id: int) -> Locator:
    return page.locator(f'[data-testid="inbox-item"][data-id="{notification_id}"]')


def is_request(method: str, path: str) -> Callable[[Request], bool]:
    return lambda request: request.method == method and request.url.split("?")[0].endswith(path)


def is_response(method: str, path: str) -> Callable[[Response], bool]:
    matches = is_request(method, path)
    return lambda response: matches(response.request)


# The service worker


def test_the_worker_shows_a_push_with_its_count_and_a_newer_summary_replaces_it(
    page: Page, live_server: LiveServer
) -> None:
    page.context.grant_permissions(["notifications"], origin=live_server.url)
    page.goto("/login")
    worker_ready(page)
    cdp = page.context.new_cdp_session(page)
    registration = registration_id(page, cdp, live_server)

    # A summary whose text does not say how many: the worker adds the count line.
    deliver_push(
        cdp,
        live_server,
        registration,
        {"title": "Winkelpraat", "body": "Open de app.", "url": "/inbox", "count": 2, "tag": "s"},
    )
    [first] = shown_notifications(page, 1)
    assert first == {
        "title": "Winkelpraat",
        "body": "Open de app.\n2 nieuwe berichten",
        "tag": "s",
        "data": {"url": "/inbox", "count": 2},
    }

    # The next summary, with the same tag, replaces it instead of piling up.
    summary = {
        "title": "3 nieuwe berichten sinds je laatste dienst",
        "body": "Open Winkelpraat om ze te lezen.",
        "url": "/news/1",
        "count": 3,
        "tag": "s",
    }
    deliver_push(cdp, live_server, registration, summary)
    deadline = time.monotonic() + WORKER_WAIT_S
    while time.monotonic() < deadline:
        [shown] = shown_notifications(page, 1)
        if shown["data"]["count"] == 3:
            break
        page.wait_for_timeout(50)
    assert shown == {
        "title": summary["title"],
        "body": summary["body"],  # the title says how many already
        "tag": "s",
        "data": {"url": "/news/1", "count": 3},
    }

    # A push without a tag is shown beside it; one that is not JSON still shows something.
    deliver_push(
        cdp, live_server, registration, {"title": "Nieuw rooster", "body": "Kijk", "url": "/"}
    )
    shown_notifications(page, 2)
    cdp.send(
        "ServiceWorker.deliverPushMessage",
        {"origin": f"{live_server.url}/", "registrationId": registration, "data": "hallo"},
    )
    texts = {(n["title"], n["body"]) for n in shown_notifications(page, 3)}
    assert ("Winkelpraat", "hallo") in texts
    no_page_errors(page)


def test_tapping_a_notification_routes_the_open_app_to_its_page(
    page: Page, live_server: LiveServer, admin_api: Api, store: dict[str, Any], staff: Person
) -> None:
    post = admin_api.create_post(title=unique("Kassa dicht "), audience=audience(store))
    log_in(page, staff.username, staff.password)
    page.context.grant_permissions(["notifications"], origin=live_server.url)
    worker_ready(page)
    cdp = page.context.new_cdp_session(page)
    registration = registration_id(page, cdp, live_server)
    page.evaluate("() => { window.stillTheSamePage = true; }")

    pushes = (("same", f"/news/{post['id']}"), ("evil", "https://evil.example/phish"))
    for shown, (tag, url) in enumerate(pushes, start=1):
        deliver_push(
            cdp, live_server, registration, {"title": tag, "body": "", "url": url, "tag": tag}
        )
        # One at a time: a push sent while a cold worker still handles the first was seen lost
        # in a full run on a busy machine.
        shown_notifications(page, shown)

    # Headless Chromium has no notification to click, so the worker gets the event it would
    # get; the handler is the real one (only focusing a window needs a real click).
    [worker] = page.context.service_workers
    click = """async (tag) => {
        const [notification] = await self.registration.getNotifications({ tag });
        self.dispatchEvent(new NotificationEvent("notificationclick", { notification }));
    }"""
    worker.evaluate(click, "same")
    expect(page).to_have_url(f"{live_server.url}/news/{post['id']}")
    expect(page.get_by_test_id("news-title")).to_have_text(post["title"])
    # Routed inside the page, not reloaded.
    assert page.evaluate("() => window.stillTheSamePage") is True

    # A URL of another site is never opened: the tap leads to the start page.
    worker.evaluate(click, "evil")
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_test_id("home-greeting")).to_be_visible()
    assert page.evaluate("() => window.stillTheSamePage") is True
    # Tapped notifications are closed.
    shown_notifications(page, 0)
    no_page_errors(page)


# The inbox


def test_inbox_shows_notifications_newest_first_and_marks_them_read(
    page: Page,
    admin_api: Api,
    store: dict[str, Any],
    staff: Person,
    join_as: JoinAs,
    api_as: ApiAs,
) -> None:
    staff_api = api_as(staff)
    manager = join_as("store_manager", store, name="Mila Manager")
    posts = [
        admin_api.create_post(
            title=f"Bericht {i:02d} {uuid.uuid4().hex[:4]}", audience=audience(store)
        )
        for i in range(20)
    ]
    question = staff_api.ask(unique("Waar liggen de bonrollen? "))
    api_as(manager).answer(question["id"], "In de la onder kassa 2.")
    inbox = Api._ok(staff_api.http.get("/me/notifications", params={"limit": 100}), 200)["items"]
    assert len(inbox) == 21
    newest, *older = inbox
    assert newest["url"] == f"/questions/{question['id']}"

    log_in(page, staff.username, staff.password)
    bell = page.get_by_test_id("inbox-bell")
    expect(page.get_by_test_id("inbox-badge")).to_have_text("21")
    expect(bell).to_have_attribute("aria-label", fill(NL["inbox.bellUnread"], count=21))
    bell.click()
    opened(page, NL["inbox.title"])

    # Newest first, a page of 20, then the rest.
    items = page.get_by_test_id("inbox-item")
    expect(items).to_have_count(20)
    expect(items.first).to_have_attribute("data-id", str(newest["id"]))
    expect(items.first.get_by_role("link")).to_have_text(newest["title"])
    expect(items.first.get_by_test_id("inbox-unread-dot")).to_contain_text(NL["inbox.unread"])
    page.get_by_test_id("inbox-load-more").click()
    expect(items).to_have_count(21)
    expect(items.last).to_have_attribute("data-id", str(older[-1]["id"]))
    expect(items.last.get_by_role("link")).to_have_text(posts[0]["title"])
    expect(page.get_by_test_id("inbox-load-more")).to_have_count(0)
    assert [int(i.get_attribute("data-id") or 0) for i in items.all()] == [n["id"] for n in inbox]

    # A tap opens the item's page and marks it read.
    first_post = inbox_item(page, older[0]["id"])
    first_post.get_by_role("link").click()
    expect(page).to_have_url(re.compile(rf"/news/{posts[-1]['id']}$"))
    expect(page.get_by_test_id("news-title")).to_have_text(posts[-1]["title"])
    expect(page.get_by_test_id("inbox-badge")).to_have_text("20")
    assert unread_count(staff_api) == 20
    page.go_back()
    opened(page, NL["inbox.title"])
    expect(inbox_item(page, older[0]["id"])).to_have_attribute("data-read", "true")
    expect(inbox_item(page, newest["id"])).to_have_attribute("data-read", "false")

    # Mark all read: the dots and the badge go.
    with page.expect_response(lambda r: r.url.endswith("/me/notifications/read-all")) as done:
        page.get_by_test_id("inbox-mark-all").click()
    assert done.value.status == 204
    expect(page.get_by_test_id("inbox-unread-dot")).to_have_count(0)
    expect(page.get_by_test_id("inbox-badge")).to_have_count(0)
    expect(page.get_by_test_id("inbox-mark-all")).to_have_count(0)
    expect(bell).to_have_attribute("aria-label", NL["inbox.title"])
    assert unread_count(staff_api) == 0

    # A new notification shows on the bell when the app comes back to the screen (the phone
    # was in a pocket: the page becomes visible again), without polling in between.
    admin_api.create_post(title=unique("Nog een "), audience=audience(store))
    page.wait_for_timeout(300)
    expect(page.get_by_test_id("inbox-badge")).to_have_count(0)
    with page.expect_response(lambda r: r.url.endswith("/unread-count")):
        page.evaluate("() => document.dispatchEvent(new Event('visibilitychange'))")
    expect(page.get_by_test_id("inbox-badge")).to_have_text("1")
    no_page_errors(page)


# Turning notifications on and off


COUNT_PERMISSION_PROMPTS = """
(() => {
  window.permissionPrompts = 0;
  const ask = Notification.requestPermission.bind(Notification);
  Notification.requestPermission = (...args) => {
    window.permissionPrompts += 1;
    return ask(...args);
  };
})();
"""


def test_blocked_notifications_explain_how_to_unblock_them(page: Page, staff: Person) -> None:
    page.add_init_script(COUNT_PERMISSION_PROMPTS)
    log_in(page, staff.username, staff.password)
    page.get_by_test_id("inbox-bell").click()
    opened(page, NL["inbox.title"])
    card = page.get_by_test_id("push-card")
    expect(card).to_contain_text(NL["push.card.text"])
    # Nothing asks for permission by itself: only the tap does.
    assert page.evaluate("() => window.permissionPrompts") == 0

    # The person blocks the prompt the tap brings up (headless Chromium answers "denied").
    page.get_by_test_id("push-enable").click()
    help_text = card.get_by_test_id("push-denied-help")
    expect(help_text).to_contain_text(NL["push.denied"])
    expect(help_text).to_contain_text(NL["push.deniedHelp"])
    expect(page.get_by_test_id("push-enable")).to_have_count(0)
    assert page.evaluate("() => window.permissionPrompts") == 1

    # The settings screen says the same at once, without a button that cannot work.
    page.get_by_test_id("nav-me").click()
    page.get_by_test_id("me-settings").click()
    opened(page, NL["settings.title"])
    settings = page.get_by_test_id("push-settings")
    expect(settings).to_have_attribute("data-state", "denied")
    expect(settings.get_by_test_id("push-denied-help")).to_contain_text(NL["push.deniedHelp"])
    expect(settings.get_by_test_id("push-enable")).to_have_count(0)
    no_page_errors(page)


def test_a_browser_that_cannot_subscribe_gets_a_clear_error(
    page: Page, live_server: LiveServer, staff: Person
) -> None:
    page.context.grant_permissions(["notifications"], origin=live_server.url)
    saved: list[str] = []
    page.on(
        "request",
        lambda r: saved.append(r.url) if r.url.endswith("/push/subscriptions") else None,
    )
    log_in(page, staff.username, staff.password)
    page.goto("/settings/notifications")
    expect(page.get_by_role("heading", level=1)).to_have_text(NL["settings.title"])
    settings = page.get_by_test_id("push-settings")
    expect(settings.get_by_test_id("push-state")).to_have_text(NL["push.off"])

    # Headless Chromium has no push service (incognito): subscribing fails.
    settings.get_by_test_id("push-enable").click()
    error = settings.get_by_test_id("push-error")
    before, after = NL["push.failed.subscribe"].split("{detail}")
    expect(error).to_contain_text(before)
    expect(error).to_contain_text(after)
    expect(error).to_contain_text(re.compile(r"\(\w+Error: .+\)"))
    expect(settings.get_by_test_id("push-enable")).to_be_enabled()
    assert saved == []
    no_page_errors(page)


FAKE_PUSH_MANAGER = """
(() => {
  // A browser push service stand-in: headless Chromium cannot subscribe for real.
  let current = null;
  const toBytes = (text) => Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")
    + "=".repeat((4 - (text.length % 4)) % 4)), (c) => c.charCodeAt(0));
  PushManager.prototype.getSubscription = async function () { return current; };
  PushManager.prototype.subscribe = async function (options) {
    const key = new Uint8Array(options.applicationServerKey).slice().buffer;
    window.subscribedWithKey = Array.from(new Uint8Array(key));
    current = {
      endpoint: "https://fcm.googleapis.com/fcm/send/e2e-" + Math.random().toString(36).slice(2),
      options: { applicationServerKey: key, userVisibleOnly: options.userVisibleOnly },
      toJSON() {
        return { endpoint: this.endpoint, expirationTime: null, keys: window.fakePushKeys };
      },
      async unsubscribe() { current = null; window.unsubscribed = true; return true; },
    };
    return current;
  };
  window.keyBytes = toBytes;
})();
"""


def fake_keys() -> dict[str, str]:
    """Keys a real browser would send: a P-256 public point and a 16-byte auth secret."""
    point = (
        ec.generate_private_key(ec.SECP256R1())
        .public_key()
        .public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    )

    def b64(data: bytes) -> str:
        return urlsafe_b64encode(data).rstrip(b"=").decode()

    return {"p256dh": b64(point), "auth": b64(uuid.uuid4().bytes)}


def test_turning_notifications_on_and_off_registers_and_removes_the_device(
    page: Page, live_server: LiveServer, staff: Person
) -> None:
    page.context.grant_permissions(["notifications"], origin=live_server.url)
    page.add_init_script(FAKE_PUSH_MANAGER)
    page.add_init_script(f"window.fakePushKeys = {json.dumps(fake_keys())};")
    log_in(page, staff.username, staff.password)
    public_key = page.request.get("/api/v1/push/key").json()["public_key"]
    page.get_by_test_id("inbox-bell").click()
    opened(page, NL["inbox.title"])

    with page.expect_response(is_response("POST", "/push/subscriptions")) as posted:
        page.get_by_test_id("push-enable").click()
    assert posted.value.status == 201, posted.value.text()
    body = posted.value.request.post_data_json
    assert body["endpoint"].startswith("https://fcm.googleapis.com/fcm/send/e2e-")
    assert set(body) == {"endpoint", "keys"}
    # Subscribed with the server's VAPID key, decoded from base64url.
    assert page.evaluate("() => window.subscribedWithKey") == page.evaluate(
        "(key) => Array.from(window.keyBytes(key))", public_key
    )
    card = page.get_by_test_id("push-card")
    expect(card.get_by_test_id("push-message")).to_have_text(NL["push.on"])
    expect(card.get_by_test_id("push-enable")).to_have_count(0)

    page.get_by_test_id("inbox-settings").click()
    opened(page, NL["settings.title"])
    settings = page.get_by_test_id("push-settings")
    expect(settings.get_by_test_id("push-state")).to_have_text(NL["push.on"])
    with page.expect_response(is_response("DELETE", "/push/subscriptions")) as deleted:
        settings.get_by_test_id("push-disable").click()
    assert deleted.value.status == 204
    assert deleted.value.request.post_data_json == {"endpoint": body["endpoint"]}
    expect(settings.get_by_test_id("push-message")).to_have_text(NL["push.turnedOff"])
    expect(settings.get_by_test_id("push-state")).to_have_text(NL["push.off"])
    assert page.evaluate("() => window.unsubscribed") is True

    # On again; logging out forgets the device too (a shared shop phone must not keep getting
    # the previous person's notifications).
    with page.expect_response(is_response("POST", "/push/subscriptions")) as again:
        settings.get_by_test_id("push-enable").click()
    assert again.value.status == 201
    expect(settings.get_by_test_id("push-state")).to_have_text(NL["push.on"])
    page.get_by_test_id("nav-home").click()
    with page.expect_response(is_response("DELETE", "/push/subscriptions")) as forgotten:
        page.get_by_test_id("logout-button").click()
    assert forgotten.value.status == 204
    assert forgotten.value.request.post_data_json == {
        "endpoint": again.value.request.post_data_json["endpoint"]
    }
    expect(page).to_have_url(re.compile(r"/login$"))
    no_page_errors(page)


# Preferences


def test_preferences_are_saved_and_shown_again_after_a_reload(
    page: Page, staff: Person, api_as: ApiAs
) -> None:
    log_in(page, staff.username, staff.password)
    page.get_by_test_id("nav-me").click()
    page.get_by_test_id("me-settings").click()
    opened(page, NL["settings.title"])
    start = page.get_by_label(NL["settings.quietFrom"], exact=True)
    end = page.get_by_label(NL["settings.quietUntil"], exact=True)
    expect(start).to_have_value("21:00")
    expect(end).to_have_value("08:00")
    expect(page.get_by_test_id("pref-off-shift-hold")).to_be_checked()
    expect(page.get_by_test_id("pref-category-news")).to_be_checked()
    expect(page.get_by_test_id("pref-category-qa")).to_be_checked()
    # Each choice says in plain words what it does.
    expect(
        page.get_by_role("radio", name=NL["settings.offShift.hold"])
    ).to_have_accessible_description(NL["settings.offShift.holdHint"])

    start.fill("22:30")
    end.fill("06:45")
    page.get_by_text(NL["settings.offShift.deliver"]).click()
    page.get_by_text(NL["settings.category.qa"]).click()
    with page.expect_request(is_request("PUT", "/me/preferences")) as sent:
        page.get_by_test_id("pref-save").click()
    assert sent.value.post_data_json == {
        "quiet_hours": {"start": "22:30", "end": "06:45"},
        "off_shift": "deliver",
        "categories": {"news": True, "qa": False},
    }
    expect(page.get_by_test_id("pref-saved")).to_have_text(NL["settings.saved"])

    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text(NL["settings.title"])
    expect(start).to_have_value("22:30")
    expect(end).to_have_value("06:45")
    expect(page.get_by_test_id("pref-off-shift-deliver")).to_be_checked()
    expect(page.get_by_test_id("pref-category-qa")).not_to_be_checked()
    expect(page.get_by_test_id("pref-category-news")).to_be_checked()
    stored = Api._ok(api_as(staff).http.get("/me/preferences"), 200)
    assert stored["quiet_hours"] == {"start": "22:30", "end": "06:45"}
    assert stored["off_shift"] == "deliver"
    assert stored["categories"]["qa"] is False

    # The server's 422 appears next to the quiet hours, and nothing changes.
    end.fill("22:30")
    with page.expect_response(is_response("PUT", "/me/preferences")) as refused:
        page.get_by_test_id("pref-save").click()
    assert refused.value.status == 422
    message = refused.value.json()["detail"][0]["msg"]
    expect(page.get_by_test_id("pref-quiet-error")).to_have_text(message)
    expect(start).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_test_id("form-error")).to_be_visible()
    assert Api._ok(api_as(staff).http.get("/me/preferences"), 200) == stored

    # A time the form can check itself is refused before asking.
    start.fill("")
    page.get_by_test_id("pref-save").click()
    expect(page.get_by_test_id("pref-quiet-start-error")).to_have_text(NL["form.required"])
    no_page_errors(page)


# Shifts


def wall(day: date, hour: int, minute: int = 0) -> str:
    """A datetime-local input's value."""
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}"


def amsterdam_iso(day: date, hour: int, minute: int = 0) -> str:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMSTERDAM).isoformat()


def schedule(api: Api, store: dict[str, Any]) -> list[dict[str, Any]]:
    page = Api._ok(api.http.get("/shifts", params={"store_id": store["id"], "limit": 100}), 200)
    return page["items"]  # type: ignore[no-any-return]


def test_manager_plans_and_imports_shifts_and_staff_sees_them(
    new_phone: Any,
    store: dict[str, Any],
    staff: Person,
    join_as: JoinAs,
    api_as: ApiAs,
) -> None:
    manager = join_as("store_manager", store, name="Mila Manager")
    manager_api = api_as(manager)
    tomorrow = datetime.now(AMSTERDAM).date() + timedelta(days=1)
    day_after = tomorrow + timedelta(days=1)

    boss: Page = new_phone()
    log_in(boss, manager.username, manager.password)
    boss.get_by_test_id("nav-me").click()
    boss.get_by_test_id("me-plan").click()
    opened(boss, NL["plan.title"])
    expect(boss.get_by_test_id("plan-zone")).to_have_text(
        fill(NL["plan.zoneHint"], zone="Europe/Amsterdam")
    )
    expect(boss.get_by_test_id("plan-empty")).to_be_visible()

    # Add one shift: the times typed are store time, sent with the store's offset.
    form = boss.get_by_test_id("plan-add-form")
    form.get_by_label(NL["plan.person"]).select_option(str(staff.id))
    form.get_by_label(NL["plan.start"]).fill(wall(tomorrow, 9))
    form.get_by_label(NL["plan.end"]).fill(wall(tomorrow, 8))
    form.get_by_test_id("plan-add").click()
    expect(form.get_by_test_id("plan-end-error")).to_have_text(NL["plan.endBeforeStart"])

    form.get_by_label(NL["plan.end"]).fill(wall(tomorrow, 17, 30))
    with boss.expect_response(is_response("POST", "/api/v1/shifts")) as created:
        form.get_by_test_id("plan-add").click()
    assert created.value.status == 201, created.value.text()
    assert created.value.request.post_data_json == {
        "user_id": staff.id,
        "starts_at": amsterdam_iso(tomorrow, 9),
        "ends_at": amsterdam_iso(tomorrow, 17, 30),
    }
    assert created.value.request.headers.get("idempotency-key")
    added = created.value.json()
    expect(boss.get_by_test_id("plan-notice")).to_have_text(NL["plan.added"])
    row = boss.locator(f'[data-testid="plan-shift"][data-id="{added["id"]}"]')
    expect(row).to_contain_text(staff.name)
    expect(row).to_contain_text("09:00 \u2013 17:30")

    # A file with a bad line: the table says which, and nothing is imported.
    bad = (
        "username,starts_at,ends_at\n"
        f"{staff.username},{day_after} 09:00,{day_after} 13:00\n"
        f"nobody.{uuid.uuid4().hex[:6]},{day_after} 09:00,{day_after} 13:00\n"
        f"{staff.username},morgen,{day_after} 18:00\n"
    )
    importer = boss.get_by_test_id("plan-import-form")
    importer.get_by_label(NL["plan.file"]).set_input_files(
        {"name": "rooster.csv", "mimeType": "text/csv", "buffer": bad.encode()}
    )
    with boss.expect_response(is_response("POST", "/shifts/import")) as refused:
        importer.get_by_test_id("plan-import").click()
    assert refused.value.status == 422
    problems = refused.value.json()["detail"]
    table = importer.get_by_test_id("plan-import-errors")
    expect(table).to_be_visible()
    rows = table.get_by_test_id("import-error-row")
    expect(rows).to_have_count(len(problems))
    expected = sorted((p["loc"][2], p["loc"][3] if len(p["loc"]) > 3 else None) for p in problems)
    assert [line for line, _ in expected] == [3, 4]
    for i, (line, column) in enumerate(expected):
        expect(rows.nth(i).get_by_test_id("import-error-line")).to_have_text(str(line))
        expect(rows.nth(i).get_by_test_id("import-error-column")).to_have_text(column or "\u2013")
    messages = {p["msg"] for p in problems}
    for i in range(len(problems)):
        assert rows.nth(i).get_by_test_id("import-error-message").inner_text() in messages
    expect(importer).to_contain_text(NL["plan.importErrors"])
    assert [s["id"] for s in schedule(manager_api, store)] == [added["id"]]

    # The corrected file goes in whole.
    good = (
        "username;starts_at;ends_at\n"  # a Dutch spreadsheet's semicolons
        f"{staff.username};{day_after} 09:00;{day_after} 13:00\n"
        f"{manager.username};{day_after} 12:00;{day_after} 20:00\n"
    )
    importer.get_by_label(NL["plan.file"]).set_input_files(
        {"name": "rooster.csv", "mimeType": "text/csv", "buffer": good.encode()}
    )
    with boss.expect_response(is_response("POST", "/shifts/import")) as imported:
        importer.get_by_test_id("plan-import").click()
    assert imported.value.status == 201
    expect(importer.get_by_test_id("plan-imported")).to_have_text(
        fill(NL["plan.imported"], count=2)
    )
    expect(importer.get_by_test_id("plan-import-errors")).to_have_count(0)
    expect(boss.get_by_test_id("plan-shift")).to_have_count(3)
    planned = schedule(manager_api, store)
    assert len(planned) == 3

    # Delete the manager's own shift again.
    own = next(s for s in planned if s["user_id"] == manager.id)
    boss.once("dialog", lambda dialog: dialog.accept())
    with boss.expect_response(is_response("DELETE", f"/shifts/{own['id']}")) as deleted:
        boss.locator(f'[data-testid="plan-shift"][data-id="{own["id"]}"]').get_by_test_id(
            "plan-delete"
        ).click()
    assert deleted.value.status == 204
    expect(boss.get_by_test_id("plan-shift")).to_have_count(2)
    assert len(schedule(manager_api, store)) == 2

    # The part-timer sees both shifts, in store time.
    phone: Page = new_phone()
    log_in(phone, staff.username, staff.password)
    expect(phone.get_by_test_id("nav-me")).to_be_visible()
    phone.get_by_test_id("nav-me").click()
    expect(phone.get_by_test_id("me-plan")).to_have_count(0)
    phone.get_by_test_id("me-shifts").click()
    opened(phone, NL["shifts.title"])
    shifts = phone.get_by_test_id("shifts-upcoming").get_by_test_id("shift")
    expect(shifts).to_have_count(2)
    expect(shifts.nth(0).get_by_test_id("shift-time")).to_have_text("09:00 \u2013 17:30")
    expect(shifts.nth(1).get_by_test_id("shift-time")).to_have_text("09:00 \u2013 13:00")
    day_label = phone.evaluate(
        """(iso) => new Intl.DateTimeFormat("nl", {
            weekday: "short", day: "numeric", month: "short", timeZone: "Europe/Amsterdam",
        }).format(new Date(iso))""",
        amsterdam_iso(tomorrow, 9),
    )
    expect(shifts.nth(0).get_by_test_id("shift-day")).to_have_text(day_label)
    # Staff may not open the planner.
    phone.goto("/shifts/plan")
    expect(phone.get_by_test_id("forbidden")).to_be_visible()
    no_page_errors(boss)
    no_page_errors(phone)


def test_the_bars_fit_a_320_pixel_phone(
    new_phone: Any, store: dict[str, Any], join_as: JoinAs
) -> None:
    manager = join_as("store_manager", store)
    page: Page = new_phone(viewport={"width": 320, "height": 640})
    log_in(page, manager.username, manager.password)
    # The inbox and "Me" are in the header, so the bottom bar keeps four tabs.
    bottom = page.get_by_role("navigation", name=NL["nav.label"]).get_by_role("link")
    expect(bottom).to_have_count(4)
    header = page.get_by_role("navigation", name=NL["nav.personal"]).get_by_role("link")
    expect(header).to_have_count(2)
    expect(header.nth(0)).to_have_accessible_name(NL["inbox.title"])
    expect(header.nth(1)).to_have_accessible_name(NL["nav.me"])
    sizes = page.evaluate(
        """() => [...document.querySelectorAll(".bottom-nav__item, .app-header a")].map((el) => {
            const box = el.getBoundingClientRect();
            return {
                text: el.textContent, width: box.width, height: box.height, right: box.right,
                overflows: el.scrollWidth > el.clientWidth + 1,
            };
        })"""
    )
    assert len(sizes) == 6
    for size in sizes:
        assert size["height"] >= 44, sizes
        assert size["width"] >= 44, sizes
        assert size["right"] <= 320, sizes
        assert not size["overflows"], sizes
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
    no_page_errors(page)


def test_head_office_chooses_a_store_to_plan_for(
    page: Page, admin_api: Api, store: dict[str, Any], staff: Person, join_as: JoinAs
) -> None:
    start = datetime.now(AMSTERDAM).replace(microsecond=0) + timedelta(days=2)
    shift = admin_api.create_shift(
        user_id=staff.id, starts_at=start, ends_at=start + timedelta(hours=4)
    )
    office = join_as("hq")
    log_in(page, office.username, office.password)
    page.get_by_test_id("nav-me").click()
    page.get_by_test_id("me-plan").click()
    opened(page, NL["plan.title"])
    expect(page.get_by_test_id("plan-add-form")).to_have_count(0)

    page.get_by_label(NL["plan.store"], exact=True).select_option(str(store["id"]))
    row = page.locator(f'[data-testid="plan-shift"][data-id="{shift["id"]}"]')
    expect(row).to_contain_text(staff.name)
    expect(page.get_by_test_id("plan-person").locator(f'option[value="{staff.id}"]')).to_have_count(
        1
    )
    # The choice is kept in the address: a reload shows the same store.
    expect(page).to_have_url(re.compile(rf"/shifts/plan\?store={store['id']}$"))
    page.reload()
    expect(row).to_be_visible()
    no_page_errors(page)
