"""The offline outbox in Chromium: actions taken without a connection are kept on the phone,
shown as "waiting to send", and reach the server exactly once when the connection is back.

How "offline" is made here: `context.set_offline(True)` cuts the network for the pages *and* the
service worker of the context (Chromium applies the emulated network conditions to the worker
too; checked in `test_offline_means_the_server_hears_nothing`), so neither the page's sender nor
a Background Sync run can reach the server until `set_offline(False)`. The server itself stays up.
"""

import re
import time
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, Request, expect

from tests.e2e.app_storage import outbox_count, outbox_settled
from tests.e2e.conftest import Api, Person, catalogue, fill, log_in, no_page_errors, unique

pytestmark = pytest.mark.e2e

NL = catalogue("nl")
ApiAs = Callable[[Person], Api]
NewPost = Callable[..., dict[str, Any]]


def post_for(admin_api: Api, store: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return admin_api.create_post(
        title=unique("Outbox post "), audience={"store_ids": [store["id"]]}, **fields
    )


def open_with_worker(page: Page, path: str) -> None:
    """Open `path` with every request of the page going through the service worker (as on a
    phone in daily use), so what it fetches is in the worker's cache for later offline use.

    A page loaded before the worker was active can be claimed by it a moment later: it then has
    a controller, but its first requests (the categories list, say) bypassed the worker. Only a
    navigation that the worker itself handled (`workerStart` > 0) is trusted; otherwise reload."""
    page.goto(path)
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    through_worker = """() => !!navigator.serviceWorker.controller
        && performance.getEntriesByType("navigation")[0].workerStart > 0"""
    if not page.evaluate(through_worker):
        page.reload()
        assert page.evaluate(through_worker), "the reloaded page did not go through the worker"


def open_post_and_wait_for_its_read_mark(page: Page, post: dict[str, Any], reader: Api) -> None:
    """Open the post as on a phone in daily use, and wait until the read mark that opening it
    queues (a moment after the title shows) has reached the server: going offline before that
    would leave it waiting with the rest."""
    open_with_worker(page, f"/news/{post['id']}")
    expect(page.get_by_test_id("news-title")).to_have_text(post["title"])
    deadline = time.monotonic() + 10
    while not reader.news_post(post["id"])["read"]:
        assert time.monotonic() < deadline, "the read mark never reached the server"
        time.sleep(0.1)
    outbox_settled(page)


@pytest.fixture
def staff_on_a_new_post(
    page: Page, admin_api: Api, store: dict[str, Any], staff: Person, api_as: ApiAs
) -> NewPost:
    """Make a post for the store (with `fields`), and have `staff` sign in and open it."""

    def make(**fields: Any) -> dict[str, Any]:
        post = post_for(admin_api, store, **fields)
        log_in(page, staff.username, staff.password)
        open_post_and_wait_for_its_read_mark(page, post, api_as(staff))
        return post

    return make


def api_requests(page: Page) -> list[Request]:
    """Every non-GET API request from this phone (its pages and its service worker) from now on."""
    seen: list[Request] = []
    page.context.on(
        "request",
        lambda r: seen.append(r) if "/api/v1/" in r.url and r.method != "GET" else None,
    )
    return seen


def test_offline_means_the_server_hears_nothing(
    page: Page, staff: Person, api_as: ApiAs, staff_on_a_new_post: NewPost
) -> None:
    post = staff_on_a_new_post()
    page.context.set_offline(True)
    page.get_by_label(NL["news.commentLabel"]).fill("Nog geen bereik hier")
    page.get_by_role("button", name=NL["news.commentSend"]).click()
    pending = page.get_by_test_id("pending-comment")
    expect(pending).to_contain_text("Nog geen bereik hier")
    expect(pending.get_by_test_id("outbox-state")).to_have_attribute("data-state", "waiting")
    # Give the page's retries and a Background Sync run time to try (and fail).
    page.wait_for_timeout(2500)
    assert api_as(staff).comments(post["id"]) == []
    expect(pending.get_by_test_id("outbox-state")).to_have_attribute("data-state", "waiting")
    no_page_errors(page)


def test_a_comment_written_offline_appears_once_when_back_online(
    page: Page, staff: Person, api_as: ApiAs, staff_on_a_new_post: NewPost
) -> None:
    post = staff_on_a_new_post()
    sent = api_requests(page)

    page.context.set_offline(True)
    text = unique("Pallet staat klaar ")
    page.get_by_label(NL["news.commentLabel"]).fill(text)
    page.get_by_role("button", name=NL["news.commentSend"]).click()
    # At once: the form is empty again and the comment shows, waiting to send.
    expect(page.get_by_label(NL["news.commentLabel"])).to_have_value("")
    pending = page.get_by_test_id("pending-comment")
    expect(pending).to_contain_text(text)
    expect(pending.get_by_test_id("outbox-state")).to_have_text(NL["outbox.state.waiting"])
    indicator = page.get_by_test_id("outbox-indicator")
    expect(indicator).to_have_attribute("data-waiting", "1")

    page.context.set_offline(False)
    comments = page.get_by_test_id("comment-item")
    expect(comments).to_have_count(1)
    expect(comments).to_contain_text(text)
    expect(pending).to_have_count(0)
    expect(indicator).to_have_count(0)
    stored = api_as(staff).comments(post["id"])
    assert [c["body"] for c in stored] == [text]
    # Every attempt that reached the network carried one and the same key.
    keys = {r.headers.get("idempotency-key") for r in sent if r.url.endswith("/comments")}
    assert len(keys) == 1 and None not in keys

    page.reload()
    expect(page.get_by_test_id("comment-item")).to_have_count(1)
    expect(page.get_by_test_id("pending-comment")).to_have_count(0)
    no_page_errors(page)


def test_reaction_and_acknowledgement_offline_go_out_when_online(
    page: Page, staff: Person, api_as: ApiAs, staff_on_a_new_post: NewPost
) -> None:
    post = staff_on_a_new_post(must_read=True)

    page.context.set_offline(True)
    like = page.get_by_test_id("reaction-like")
    like.click()
    heart = page.get_by_test_id("reaction-heart")
    heart.click()
    heart.click()  # on and off again while offline: only "off" is kept
    expect(like).to_have_attribute("aria-pressed", "true")
    expect(like).to_have_attribute("data-pending", "true")
    expect(heart).to_have_attribute("aria-pressed", "false")
    page.get_by_test_id("news-ack-button").click()
    expect(page.get_by_test_id("news-acknowledged")).to_have_text(NL["outbox.ackWaiting"])

    page.context.set_offline(False)
    expect(page.get_by_test_id("news-acknowledged")).to_have_text(NL["news.acknowledged"])
    expect(like).not_to_have_attribute("data-pending", "true")
    expect(page.get_by_test_id("outbox-indicator")).to_have_count(0)
    seen = api_as(staff).news_post(post["id"])
    assert seen["acknowledged"] is True and seen["read"] is True
    assert seen["my_reactions"] == ["like"]
    no_page_errors(page)


def test_answer_and_question_asked_offline_are_sent_when_online(
    page: Page, store: dict[str, Any], staff: Person, join_as: Callable[..., Person], api_as: ApiAs
) -> None:
    colleague = join_as("staff", store)
    asked = api_as(colleague).http.post(
        "/questions",
        json={"title": unique("Waar ligt de reserve-sleutel "), "category": "it", "scope": "store"},
    )
    assert asked.status_code == 201, asked.text
    question_id = asked.json()["id"]
    log_in(page, staff.username, staff.password)
    # Seen once online, so the categories list is in the worker's cache for the offline form.
    open_with_worker(page, "/questions/new")
    expect(page.get_by_label(NL["qa.field.category"]).locator("option")).not_to_have_count(1)
    page.goto(f"/questions/{question_id}")
    expect(page.get_by_test_id("question-title")).to_have_text(asked.json()["title"])
    outbox_settled(page)

    page.context.set_offline(True)
    answer = unique("In de kluis, bovenste plank ")
    page.get_by_label(NL["qa.answerLabel"]).fill(answer)
    page.get_by_test_id("answer-submit").click()
    expect(page.get_by_test_id("pending-answer")).to_contain_text(answer)

    page.goto("/questions/new")
    title = unique("Mag de koelcel open tijdens het schoonmaken ") + "?"
    page.get_by_label(NL["qa.field.title"]).fill(title)
    page.get_by_label(NL["qa.field.category"]).select_option("it")
    page.get_by_test_id("ask-submit").click()
    expect(page).to_have_url(re.compile(r"/questions$"))
    queued = page.get_by_test_id("pending-question")
    expect(queued).to_contain_text(title)
    expect(queued.get_by_test_id("outbox-state")).to_have_text(NL["outbox.state.waiting"])
    expect(page.get_by_test_id("outbox-indicator")).to_have_attribute("data-waiting", "2")

    page.context.set_offline(False)
    expect(queued).to_have_count(0)
    card = page.get_by_test_id("question-card").filter(has_text=title)
    expect(card).to_have_count(1)
    mine = api_as(staff).http.get("/questions", params={"mine": "true"}).json()["items"]
    assert [q["title"] for q in mine] == [title]
    answers = api_as(staff).http.get(f"/questions/{question_id}").json()["answers"]
    assert [a["body"] for a in answers] == [answer]
    no_page_errors(page)


def test_a_refused_item_shows_fix_and_discard(
    page: Page, admin_api: Api, staff_on_a_new_post: NewPost
) -> None:
    post = staff_on_a_new_post()

    page.context.set_offline(True)
    page.get_by_label(NL["news.commentLabel"]).fill("Te laat, het bericht is weg")
    page.get_by_role("button", name=NL["news.commentSend"]).click()
    pending = page.get_by_test_id("pending-comment")
    expect(pending).to_be_visible()
    # Meanwhile the post is deleted: the comment will be refused with 404.
    assert admin_api.http.delete(f"/news/{post['id']}").status_code == 204

    page.context.set_offline(False)
    state = pending.get_by_test_id("outbox-state")
    expect(state).to_have_attribute("data-state", "failed")
    expect(state).to_contain_text(fill(NL["outbox.state.failed"], reason="")[:10])
    expect(pending.get_by_test_id("outbox-fix")).to_be_visible()
    expect(pending.get_by_test_id("outbox-discard")).to_be_visible()
    indicator = page.get_by_test_id("outbox-indicator")
    expect(indicator).to_have_attribute("data-failed", "1")

    # The outbox screen lists it too; Fix opens the text, Discard (confirmed) removes it.
    indicator.click()
    expect(page).to_have_url(re.compile(r"/outbox$"))
    item = page.get_by_test_id("outbox-item")
    expect(item).to_have_count(1)
    expect(item.get_by_test_id("outbox-state")).to_have_attribute("data-state", "failed")
    item.get_by_test_id("outbox-fix").click()
    expect(item.get_by_test_id("outbox-fix-text")).to_have_value("Te laat, het bericht is weg")
    item.get_by_role("button", name=NL["outbox.cancel"]).click()
    page.once("dialog", lambda dialog: dialog.accept())
    item.get_by_test_id("outbox-discard").click()
    expect(page.get_by_test_id("outbox-item")).to_have_count(0)
    expect(page.get_by_test_id("outbox-empty")).to_have_text(NL["outbox.empty"])
    expect(indicator).to_have_count(0)
    no_page_errors(page)


def test_a_refused_reaction_drops_out_of_the_count(
    page: Page, admin_api: Api, staff_on_a_new_post: NewPost
) -> None:
    post = staff_on_a_new_post()
    like = page.get_by_test_id("reaction-like")
    count = like.locator(".reaction__count")
    expect(count).to_have_text("0")

    page.context.set_offline(True)
    like.click()
    expect(like).to_have_attribute("aria-pressed", "true")
    expect(count).to_have_text("1")
    # Meanwhile the post is deleted: the reaction will be refused with 404.
    assert admin_api.http.delete(f"/news/{post['id']}").status_code == 204

    page.context.set_offline(False)
    refused = page.get_by_test_id("pending-reaction")
    expect(refused.get_by_test_id("outbox-state")).to_have_attribute("data-state", "failed")
    # The server never took it, so the button no longer claims it did.
    expect(like).to_have_attribute("aria-pressed", "false")
    expect(count).to_have_text("0")
    page.once("dialog", lambda dialog: dialog.accept())
    refused.get_by_test_id("outbox-discard").click()
    expect(refused).to_have_count(0)
    expect(count).to_have_text("0")
    expect(page.get_by_test_id("outbox-indicator")).to_have_count(0)
    no_page_errors(page)


def test_logout_clears_the_outbox_so_nothing_goes_out_as_the_next_person(
    page: Page, staff: Person, api_as: ApiAs, staff_on_a_new_post: NewPost
) -> None:
    post = staff_on_a_new_post()
    page.context.set_offline(True)
    page.get_by_label(NL["news.commentLabel"]).fill("Niet van mij")
    page.get_by_role("button", name=NL["news.commentSend"]).click()
    expect(page.get_by_test_id("pending-comment")).to_be_visible()

    page.goto("/")
    page.get_by_test_id("logout-button").click()
    expect(page).to_have_url(re.compile(r"/login$"))
    page.context.set_offline(False)
    log_in(page, staff.username, staff.password)
    page.wait_for_timeout(1500)
    assert api_as(staff).comments(post["id"]) == []
    assert outbox_count(page) == 0
    no_page_errors(page)


def test_the_service_worker_sends_the_queue_on_background_sync(
    page: Page, staff: Person, api_as: ApiAs, staff_on_a_new_post: NewPost
) -> None:
    """The "outbox" sync event (fired here through DevTools, as Chromium fires it when the
    connection is back) sends with the token mirrored in IndexedDB, and the open page swaps
    its pending copy for the real comment."""
    post = staff_on_a_new_post()
    cdp = page.context.new_cdp_session(page)
    registrations: list[dict[str, Any]] = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: registrations.extend(event["registrations"]),
    )
    cdp.send("ServiceWorker.enable")
    page.wait_for_timeout(200)
    registration_id = next(r["registrationId"] for r in registrations if not r["isDeleted"])

    def fire_sync() -> None:
        cdp.send(
            "ServiceWorker.dispatchSyncEvent",
            {
                "origin": page.url.split("/news/")[0],
                "registrationId": registration_id,
                "tag": "outbox",
                "lastChance": False,
            },
        )

    page.context.set_offline(True)
    text = unique("Via de service worker ")
    page.get_by_label(NL["news.commentLabel"]).fill(text)
    page.get_by_role("button", name=NL["news.commentSend"]).click()
    expect(page.get_by_test_id("pending-comment")).to_contain_text(text)
    fire_sync()  # offline for the worker too: nothing arrives
    page.wait_for_timeout(1000)
    assert api_as(staff).comments(post["id"]) == []

    # Back online, but the page's own requests fail: only the worker can deliver it.
    page.route(
        "**/api/v1/news/*/comments",
        lambda route: route.abort() if route.request.method == "POST" else route.continue_(),
    )
    page.context.set_offline(False)
    fire_sync()
    expect(page.get_by_test_id("comment-item")).to_contain_text(text)
    expect(page.get_by_test_id("pending-comment")).to_have_count(0)
    assert [c["body"] for c in api_as(staff).comments(post["id"])] == [text]
    no_page_errors(page)
