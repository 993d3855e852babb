"""Live updates in Chromium: a post published elsewhere appears in an open feed, no reload."""

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Api, Person, catalogue, log_in, no_page_errors, unique

pytestmark = pytest.mark.e2e

NL = catalogue("nl")


def _open_feed_with_live_updates(page: Page, person: Person) -> None:
    """Sign in; return once the feed is loaded and its event stream is open."""
    with page.expect_response(lambda r: r.url.endswith("/api/v1/events")) as stream:
        log_in(page, person.username, person.password)
    assert stream.value.status == 200
    assert stream.value.request.headers.get("authorization", "").startswith("Bearer ")
    expect(page.get_by_test_id("news-feed")).to_have_attribute("aria-busy", "false")
    # Set on this document: still there afterwards means the page was never reloaded.
    page.evaluate("() => { window.__sameDocument = true; }")


def _publish(hq: Api, title: str, store: dict[str, Any]) -> dict[str, Any]:
    return hq.create_post(title=title, audience={"store_ids": [store["id"]]})


def test_a_post_for_my_store_appears_in_my_open_feed_and_one_for_another_store_does_not(
    page: Page,
    staff: Person,
    store: dict[str, Any],
    new_store: Callable[[], dict[str, Any]],
    join_as: Callable[..., Person],
    api_as: Callable[[Person], Api],
) -> None:
    hq = api_as(join_as("hq"))
    _open_feed_with_live_updates(page, staff)
    feed = page.get_by_test_id("news-feed")

    elsewhere = _publish(hq, unique("Alleen filiaal B "), new_store())
    mine = _publish(hq, unique("Voor ons filiaal "), store)

    expect(feed.get_by_text(mine["title"])).to_be_visible()
    # Events are handled in order: B's was decided on before ours arrived.
    expect(feed.get_by_text(elsewhere["title"])).to_have_count(0)
    expect(page.get_by_test_id("live-announcement")).to_have_text(
        NL["live.newPost"].replace("{title}", mine["title"])
    )
    assert page.evaluate("() => window.__sameDocument === true"), "the page was reloaded"
    no_page_errors(page)


def test_scrolled_down_a_new_post_waits_behind_a_pill_that_brings_it_to_the_top(
    page: Page,
    staff: Person,
    store: dict[str, Any],
    join_as: Callable[..., Person],
    api_as: Callable[[Person], Api],
) -> None:
    hq = api_as(join_as("hq"))
    for number in range(10):
        _publish(hq, f"Ouder bericht {number}", store)
    _open_feed_with_live_updates(page, staff)
    cards = page.get_by_test_id("news-card")
    expect(cards).to_have_count(10)
    cards.last.scroll_into_view_if_needed()
    scrolled = page.evaluate("() => window.scrollY")
    assert scrolled > 0

    fresh = _publish(hq, unique("Net binnen "), store)

    pill = page.get_by_test_id("live-pill")
    expect(pill).to_have_accessible_name(NL["live.pill.one"])
    # Nothing moved under the person's thumb while they were reading.
    assert page.evaluate("() => window.scrollY") == scrolled
    expect(page.get_by_test_id("news-feed").get_by_text(fresh["title"])).to_have_count(0)
    pill.click()
    expect(cards.first).to_contain_text(fresh["title"])
    expect(pill).to_have_count(0)
    expect(page.get_by_role("heading", name=NL["news.title"])).to_be_focused()
    assert page.evaluate("() => window.__sameDocument === true"), "the page was reloaded"
    no_page_errors(page)
