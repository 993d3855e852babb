"""The "install on your home screen" card: offered at a sensible moment, never on first load.

A headless browser never fires a real `beforeinstallprompt` (Chromium decides that from its own
engagement heuristics), so these tests dispatch a synthetic one: a plain Event carrying stub
prompt() and userChoice members, which is all the app uses of it.
"""

from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.conftest import Api, Person, catalogue, log_in, no_page_errors, unique

pytestmark = pytest.mark.e2e

NL = catalogue("nl")

OFFER = """(outcome) => {
    const event = new Event("beforeinstallprompt", { cancelable: true });
    window.__prompted = 0;
    event.prompt = () => { window.__prompted += 1; return Promise.resolve(); };
    event.userChoice = Promise.resolve({ outcome, platform: "web" });
    window.dispatchEvent(event);
    return event.defaultPrevented;
}"""


def offer_install(page: Page, outcome: str = "accepted") -> None:
    """What Chromium does once it finds the app installable; the app must keep its infobar away."""
    assert page.evaluate(OFFER, outcome) is True, "beforeinstallprompt was not preventDefault()ed"


def test_card_comes_after_the_first_post_is_read_waits_for_forms_and_installs_on_tap(
    page: Page, admin_api: Api, store: dict[str, Any], staff: Person
) -> None:
    post = admin_api.create_post(title=unique("Welkom "), audience={"store_ids": [store["id"]]})
    card = page.get_by_test_id("install-card")
    log_in(page, staff.username, staff.password)
    offer_install(page)

    # First load, nothing read yet: no card, however installable the app is.
    expect(page.get_by_test_id("news-card").first).to_be_visible()
    page.wait_for_timeout(300)
    expect(card).to_be_hidden()

    # Reading a post: still nothing while reading...
    page.get_by_test_id("news-card").filter(has_text=post["title"]).get_by_role("link").click()
    expect(page.get_by_test_id("news-title")).to_have_text(post["title"])
    expect(card).to_be_hidden()
    # ...but back on the feed, the offer.
    page.go_back()
    expect(card).to_be_visible()
    expect(card.get_by_role("heading")).to_have_text(NL["install.title"])

    # Never over a half-typed form.
    page.goto("/questions/new")
    page.evaluate(OFFER, "accepted")  # a full load: the browser offers again
    expect(card).to_be_visible()
    title = page.get_by_test_id("ask-title")
    title.fill("Waar ligt")
    expect(card).to_be_hidden()
    title.fill("")
    expect(card).to_be_visible()

    # A tap opens the browser's own dialog once; the card is gone after.
    card.get_by_role("button", name=NL["install.accept"]).click()
    expect(card).to_be_hidden()
    assert page.evaluate("window.__prompted") == 1
    no_page_errors(page)


def test_not_now_is_remembered_across_reloads(
    page: Page, admin_api: Api, store: dict[str, Any], staff: Person
) -> None:
    post = admin_api.create_post(title=unique("Rooster "), audience={"store_ids": [store["id"]]})
    log_in(page, staff.username, staff.password)
    page.goto(f"/news/{post['id']}")
    expect(page.get_by_test_id("news-title")).to_have_text(post["title"])
    page.goto("/")
    offer_install(page)
    card = page.get_by_test_id("install-card")
    expect(card).to_be_visible()

    card.get_by_role("button", name=NL["install.dismiss"]).click()
    expect(card).to_be_hidden()
    page.reload()
    expect(page.get_by_test_id("home-greeting")).to_be_visible()
    offer_install(page)
    page.wait_for_timeout(300)
    expect(card).to_be_hidden()
    dismissed = page.evaluate("Number(localStorage.getItem('wp.install.dismissed_at'))")
    assert dismissed > 0

    # 31 days later it may come back.
    page.evaluate(
        "localStorage.setItem('wp.install.dismissed_at', String(Date.now() - 31 * 86400000))"
    )
    page.reload()
    expect(page.get_by_test_id("home-greeting")).to_be_visible()
    offer_install(page)
    expect(card).to_be_visible()
    no_page_errors(page)


def test_second_visit_gets_the_card_unless_running_installed(page: Page, staff: Person) -> None:
    log_in(page, staff.username, staff.password)
    context: BrowserContext = page.context

    # A new tab is a new visit (the first one counted once, however often it reloaded).
    second = context.new_page()
    second.goto("/")
    expect(second.get_by_test_id("home-greeting")).to_be_visible()
    offer_install(second)
    expect(second.get_by_test_id("install-card")).to_be_visible()

    # Opened from the home screen (display-mode: standalone): never. Headless Chromium cannot
    # run as an installed app and CDP's setEmulatedMedia ignores display-mode, so the media
    # query is answered by a stub for that one query.
    third = context.new_page()
    third.add_init_script(
        """(() => {
            const real = window.matchMedia.bind(window);
            window.matchMedia = (query) => query.replace(/\\s/g, "") === "(display-mode:standalone)"
                ? real("all")
                : real(query);
        })()"""
    )
    third.goto("/")
    expect(third.get_by_test_id("home-greeting")).to_be_visible()
    assert third.evaluate("matchMedia('(display-mode: standalone)').matches") is True
    offer_install(third)
    third.wait_for_timeout(300)
    expect(third.get_by_test_id("install-card")).to_be_hidden()


def test_an_offer_made_while_the_screen_is_still_mounting_is_not_missed(
    page: Page, staff: Person
) -> None:
    """Chromium can offer the install before the screen's effects have run. Fired right after
    the app's code ran and drew the first screen (DOMContentLoaded comes after module scripts,
    before Preact runs effects), the offer must still bring the card."""
    log_in(page, staff.username, staff.password)
    page.evaluate("localStorage.setItem('wp.install.read_post', '1')")
    page.add_init_script(
        "document.addEventListener('DOMContentLoaded', () => (" + OFFER + ")('accepted'))"
    )
    page.goto("/questions")
    expect(page.get_by_test_id("install-card")).to_be_visible()
    no_page_errors(page)
