"""Store news in the PWA: the feed, one post, the composer and the read rates, in Chromium."""

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Locator, Page, Request, expect

from tests.e2e.conftest import PHONE, Api, Person, catalogue, fill, log_in, no_page_errors, unique

pytestmark = pytest.mark.e2e

NL = catalogue("nl")
EN = catalogue("en")

JoinAs = Callable[..., Person]
ApiAs = Callable[[Person], Api]


def card(page: Page, post_id: int) -> Locator:
    return page.locator(f'[data-testid="news-card"][data-id="{post_id}"]')


def feed_loaded(page: Page) -> Locator:
    """The feed list, once its current request has been answered."""
    feed = page.get_by_test_id("news-feed")
    expect(feed).to_have_attribute("aria-busy", "false")
    return feed


def card_ids(page: Page) -> list[int]:
    feed_loaded(page)
    return [int(c.get_attribute("data-id") or 0) for c in page.get_by_test_id("news-card").all()]


def audience(*stores: dict[str, Any]) -> dict[str, Any]:
    return {"store_ids": [s["id"] for s in stores]}


def record_requests(page: Page) -> list[str]:
    """Every URL this phone (its pages and its service worker) asks for from now on."""
    urls: list[str] = []
    page.context.on("request", lambda request: urls.append(request.url))
    return urls


def cached_urls(page: Page) -> list[str]:
    """Everything in the phone's Cache Storage once the service worker is active (precached)."""
    urls: list[str] = page.evaluate(
        """async () => {
            await navigator.serviceWorker.ready;
            const urls = [];
            for (const name of await caches.keys()) {
                const cache = await caches.open(name);
                for (const request of await cache.keys()) urls.push(request.url);
            }
            return urls;
        }"""
    )
    return urls


def is_create(request: Request) -> bool:
    return request.method == "POST" and request.url.endswith("/api/v1/news")


def test_hq_publishes_a_must_read_post_that_its_store_reads_and_acknowledges(
    new_phone: Any,
    admin_api: Api,
    store: dict[str, Any],
    staff: Person,
    new_store: Callable[[], dict[str, Any]],
    join_as: JoinAs,
) -> None:
    other_staff = join_as("staff", new_store())
    hq = join_as("hq")
    title = unique("Nieuwe kassa ")

    # Head office writes the post in the composer, for this one store, must-read.
    office: Page = new_phone()
    log_in(office, hq.username, hq.password)
    office.get_by_test_id("news-compose").click()
    form = office.get_by_test_id("composer-form")
    expect(form).to_be_visible()
    office.get_by_test_id("composer-title").fill(title)
    office.get_by_test_id("composer-body").fill(
        "Vanaf **maandag** werkt de nieuwe kassa.\n\n- Lees de handleiding\n- Vraag het je manager"
    )
    office.get_by_test_id("composer-preview-tab").click()
    preview = office.get_by_test_id("composer-preview")
    expect(preview.locator("strong")).to_have_text("maandag")
    expect(preview.locator("li")).to_have_count(2)
    form.get_by_role("checkbox", name=f"{store['name']} ({store['code']})").check()
    office.get_by_test_id("composer-must-read").check()
    with office.expect_request(is_create) as create:
        office.get_by_test_id("composer-publish").click()
    assert create.value.headers.get("idempotency-key")
    expect(office.get_by_test_id("news-title")).to_have_text(title)
    post_id = int(office.url.rstrip("/").rsplit("/", 1)[1])
    post = admin_api.news_post(post_id)
    assert post["status"] == "published"
    assert post["must_read"] is True
    assert post["audience"] == {"store_ids": [store["id"]], "region_ids": [], "roles": []}

    # The store's part-timer sees it, unread and must-read, and opening it marks it read.
    phone: Page = new_phone()
    log_in(phone, staff.username, staff.password)
    item = card(phone, post_id)
    expect(item).to_contain_text(title)
    expect(item.get_by_test_id("news-badge-must-read")).to_have_text(NL["news.badge.mustRead"])
    expect(item.get_by_test_id("news-unread-dot")).to_be_visible()
    with phone.expect_response(lambda r: r.url.endswith(f"/api/v1/news/{post_id}/read")) as read:
        item.get_by_role("link", name=title).click()
    assert read.value.status == 204
    expect(phone.get_by_test_id("news-title")).to_have_text(title)
    expect(phone.get_by_test_id("news-body").locator("strong")).to_have_text("maandag")

    phone.go_back()
    expect(item).to_contain_text(title)
    expect(item.get_by_test_id("news-unread-dot")).to_have_count(0)

    # "I have read this" confirms it, and the feed says so too.
    item.get_by_role("link", name=title).click()
    ack_button = phone.get_by_test_id("news-ack-button")
    expect(ack_button).to_have_text(NL["news.ack"])
    with phone.expect_response(lambda r: r.url.endswith(f"/api/v1/news/{post_id}/ack")) as ack:
        ack_button.click()
    assert ack.value.status == 204
    expect(phone.get_by_test_id("news-acknowledged")).to_have_text(NL["news.acknowledged"])
    expect(ack_button).to_have_count(0)
    assert admin_api.news_stats(post_id)["by_store"] == [
        {"store_id": store["id"], "audience": 1, "read": 1, "acknowledged": 1}
    ]
    phone.go_back()
    expect(item.get_by_test_id("news-badge-must-read")).to_have_text(
        f"{NL['news.badge.mustRead']} · {NL['news.badge.acknowledged']}"
    )

    # Someone in another store never sees it.
    elsewhere: Page = new_phone()
    log_in(elsewhere, other_staff.username, other_staff.password)
    feed_loaded(elsewhere)
    expect(elsewhere.get_by_test_id("news-empty")).to_have_text(NL["news.empty.all"])
    expect(card(elsewhere, post_id)).to_have_count(0)
    for page in (office, phone, elsewhere):
        no_page_errors(page)


def test_staff_filter_react_and_comment(
    page: Page, admin_api: Api, store: dict[str, Any], staff: Person, api_as: ApiAs
) -> None:
    already_read = admin_api.create_post(title=unique("Gelezen "), audience=audience(store))
    must_read = admin_api.create_post(
        title=unique("Verplicht "), audience=audience(store), must_read=True
    )
    fresh = admin_api.create_post(
        title=unique("Vers "),
        body="Wat vinden jullie van de **nieuwe** roosters?",
        audience=audience(store),
    )
    api_as(staff).mark_read(already_read["id"])

    log_in(page, staff.username, staff.password)
    assert card_ids(page) == [fresh["id"], must_read["id"], already_read["id"]]
    expect(card(page, already_read["id"]).get_by_test_id("news-unread-dot")).to_have_count(0)
    expect(card(page, fresh["id"]).get_by_test_id("news-unread-dot")).to_be_visible()

    page.get_by_test_id("news-filter-unread").click()
    expect(page.get_by_test_id("news-filter-unread")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_test_id("news-card")).to_have_count(2)
    assert card_ids(page) == [fresh["id"], must_read["id"]]

    page.get_by_test_id("news-filter-must-read").click()
    expect(page.get_by_test_id("news-card")).to_have_count(1)
    assert card_ids(page) == [must_read["id"]]
    expect(card(page, must_read["id"]).get_by_test_id("news-badge-must-read")).to_be_visible()

    page.get_by_test_id("news-filter-all").click()
    expect(page.get_by_test_id("news-card")).to_have_count(3)

    # Reactions toggle, with counts, and the server agrees.
    card(page, fresh["id"]).get_by_role("link").click()
    like = page.get_by_test_id("reaction-like")
    heart = page.get_by_test_id("reaction-heart")
    expect(like).to_have_attribute("aria-pressed", "false")
    with page.expect_response(lambda r: r.url.endswith("/reactions/like")) as put:
        like.click()
    assert put.value.request.method == "PUT" and put.value.status == 200
    expect(like).to_have_attribute("aria-pressed", "true")
    expect(like.locator(".reaction__count")).to_have_text("1")
    with page.expect_response(lambda r: r.url.endswith("/reactions/heart")):
        heart.click()
    with page.expect_response(lambda r: r.url.endswith("/reactions/like")) as delete:
        like.click()
    assert delete.value.request.method == "DELETE" and delete.value.status == 200
    expect(like).to_have_attribute("aria-pressed", "false")
    expect(like.locator(".reaction__count")).to_have_text("0")
    expect(heart).to_have_attribute("aria-pressed", "true")
    after = admin_api.news_post(fresh["id"])
    assert after["reactions"] == {"heart": 1}

    # A comment shows at once, and once after a reload.
    text = unique("Top, eindelijk duidelijk ")
    form = page.get_by_test_id("comment-form")
    form.get_by_label(NL["news.commentLabel"]).fill(text)
    with page.expect_request(
        lambda r: r.method == "POST" and r.url.endswith(f"/news/{fresh['id']}/comments")
    ) as sent:
        form.get_by_role("button", name=NL["news.commentSend"]).click()
    assert sent.value.headers.get("idempotency-key")
    comments = page.get_by_test_id("comment-list").get_by_test_id("comment-item")
    expect(comments).to_have_count(1)
    expect(comments.first).to_contain_text(text)
    expect(comments.first).to_contain_text(staff.name)
    expect(form.get_by_label(NL["news.commentLabel"])).to_have_value("")

    page.reload()
    expect(page.get_by_test_id("news-title")).to_have_text(fresh["title"])
    expect(comments.filter(has_text=text)).to_have_count(1)
    expect(comments).to_have_count(1)
    assert [c["body"] for c in admin_api.comments(fresh["id"])] == [text]
    no_page_errors(page)


def test_feed_loads_more_with_the_cursor(
    page: Page, admin_api: Api, store: dict[str, Any], staff: Person
) -> None:
    posts = [
        admin_api.create_post(title=f"Bericht {n:02d}", audience=audience(store)) for n in range(23)
    ]
    newest_first = [p["id"] for p in reversed(posts)]

    log_in(page, staff.username, staff.password)
    expect(page.get_by_test_id("news-card")).to_have_count(20)
    with page.expect_response(lambda r: "/api/v1/news?" in r.url and "cursor=" in r.url):
        page.get_by_test_id("news-load-more").click()
    expect(page.get_by_test_id("news-card")).to_have_count(23)
    assert card_ids(page) == newest_first
    expect(page.get_by_test_id("news-load-more")).to_have_count(0)
    no_page_errors(page)


def test_store_manager_publishes_to_their_own_store_and_staff_get_no_composer(
    new_phone: Any,
    admin_api: Api,
    store: dict[str, Any],
    staff: Person,
    join_as: JoinAs,
) -> None:
    manager = join_as("store_manager", store)
    title = unique("Inventaris zaterdag ")

    boss: Page = new_phone()
    boss_requests = record_requests(boss)
    log_in(boss, manager.username, manager.password)
    boss.get_by_test_id("news-compose").click()
    expect(boss.get_by_test_id("composer-form")).to_be_visible()
    expect(boss.get_by_test_id("composer-audience-fixed")).to_have_text(
        fill(NL["compose.ownStore"], store=store["name"])
    )
    expect(boss.get_by_test_id("composer-stores")).to_have_count(0)
    expect(boss.get_by_test_id("composer-regions")).to_have_count(0)
    boss.get_by_test_id("composer-title").fill(title)
    boss.get_by_test_id("composer-body").fill("Iedereen om **8 uur** aanwezig.")
    boss.get_by_test_id("composer-roles").get_by_role("checkbox", name=NL["role.staff"]).check()
    with boss.expect_response(lambda r: is_create(r.request)) as created:
        boss.get_by_test_id("composer-publish").click()
    assert created.value.status == 201
    expect(boss.get_by_test_id("news-title")).to_have_text(title)
    post_id = created.value.json()["id"]
    assert admin_api.news_post(post_id)["audience"] == {
        "store_ids": [store["id"]],
        "region_ids": [],
        "roles": ["staff"],
    }
    # The composer came as its own chunk, fetched when the manager opened it.
    assert any("/assets/manage-Composer-" in url for url in boss_requests)

    phone: Page = new_phone()
    staff_requests = record_requests(phone)
    log_in(phone, staff.username, staff.password)
    expect(phone.get_by_test_id("home-store")).to_have_text(store["name"])
    expect(card(phone, post_id)).to_contain_text(title)
    expect(phone.get_by_test_id("news-compose")).to_have_count(0)
    # Typing the address gives a refusal, not the composer.
    phone.goto("/news/new")
    expect(phone.get_by_role("heading", level=1)).to_have_text(NL["forbidden.title"])
    expect(phone.get_by_test_id("composer-form")).to_have_count(0)
    # Staff phones never download (or precache) the publishers' screens.
    cached = cached_urls(phone)
    assert any("/assets/index-" in url for url in cached), cached
    assert not [url for url in cached + staff_requests if "/assets/manage-" in url]
    no_page_errors(boss)
    no_page_errors(phone)


def test_composer_explains_what_is_missing_and_shows_the_servers_refusals(
    new_phone: Any,
    admin_api: Api,
    store: dict[str, Any],
    new_store: Callable[[], dict[str, Any]],
    join_as: JoinAs,
    api_as: ApiAs,
) -> None:
    hq = join_as("hq")
    office: Page = new_phone()
    log_in(office, hq.username, hq.password)
    office.goto("/news/new")
    form = office.get_by_test_id("composer-form")

    # Nothing filled in: the app says what is missing and sends nothing.
    sent: list[str] = []
    office.on("request", lambda r: sent.append(r.url) if is_create(r) else None)
    office.get_by_test_id("composer-publish").click()
    expect(office.get_by_test_id("form-error")).to_have_text(NL["compose.checkFields"])
    expect(office.locator("#composer-title-error")).to_have_text(NL["form.required"])
    expect(office.get_by_test_id("composer-title")).to_be_focused()

    # Urgent needs a reason.
    title = unique("Stroomstoring ")
    office.get_by_test_id("composer-title").fill(title)
    office.get_by_test_id("composer-body").fill("De kassa's liggen eruit.")
    office.get_by_test_id("composer-urgency").select_option("urgent")
    office.get_by_test_id("composer-publish").click()
    expect(office.locator("#composer-urgent-reason-error")).to_have_text(
        NL["compose.urgentReasonRequired"]
    )
    assert sent == []

    # The server's 422: an expiry that has already passed.
    office.get_by_test_id("composer-urgent-reason").fill("Klanten kunnen niet betalen")
    form.get_by_role("checkbox", name=f"{store['name']} ({store['code']})").check()
    now = datetime.now(ZoneInfo(PHONE["timezone_id"]))
    office.get_by_test_id("composer-publish-at").fill(
        (now - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    )
    office.get_by_test_id("composer-expires-at").fill(
        (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    )
    with office.expect_response(lambda r: is_create(r.request)) as refused:
        office.get_by_test_id("composer-publish").click()
    assert refused.value.status == 422
    detail = refused.value.json()["detail"][0]["msg"]
    expect(office.get_by_test_id("form-error")).to_have_text(
        fill(NL["compose.rejected"], detail=detail)
    )
    expect(office).to_have_url(re.compile(r"/news/new$"))

    # The server's 403, as a manager would get it for another store. The UI never offers that,
    # so the manager's phone gets the server's real answer for such a request.
    manager = join_as("store_manager", store)
    real = api_as(manager).http.post(
        "/news",
        json={"title": "x", "body": "y", "audience": audience(new_store())},
    )
    assert real.status_code == 403
    boss: Page = new_phone(service_workers="block")  # page.route does not see worker requests
    log_in(boss, manager.username, manager.password)
    boss.route(
        "**/api/v1/news",
        lambda route: (
            route.fulfill(status=403, content_type="application/json", body=real.text)
            if route.request.method == "POST"
            else route.continue_()
        ),
    )
    boss.goto("/news/new")
    boss.get_by_test_id("composer-title").fill(unique("Geweigerd "))
    boss.get_by_test_id("composer-body").fill("Tekst")
    boss.get_by_test_id("composer-publish").click()
    expect(boss.get_by_test_id("form-error")).to_have_text(
        f"{NL['compose.forbidden']} {real.json()['detail']}"
    )
    expect(boss.get_by_test_id("composer-publish")).to_be_enabled()
    no_page_errors(office)
    no_page_errors(boss)


def test_read_rates_show_a_bar_per_store_with_the_numbers_as_text(
    new_phone: Any,
    admin_api: Api,
    store: dict[str, Any],
    staff: Person,
    new_store: Callable[[], dict[str, Any]],
    join_as: JoinAs,
    api_as: ApiAs,
) -> None:
    second_store = new_store()
    colleague = join_as("staff", store)
    manager = join_as("store_manager", store)
    join_as("staff", second_store)  # in the audience, has not read it
    hq = join_as("hq")
    post = admin_api.create_post(
        title=unique("Nieuwe huisstijl "), audience=audience(store, second_store), must_read=True
    )
    api_as(staff).acknowledge(post["id"])
    api_as(colleague).mark_read(post["id"])

    office: Page = new_phone()
    log_in(office, hq.username, hq.password)
    office.goto(f"/news/{post['id']}")
    office.get_by_test_id("news-stats-link").click()
    chart = office.get_by_test_id("stats-chart")
    rows = chart.get_by_test_id("stats-row")
    expect(rows).to_have_count(2)

    # Store one: staff acknowledged, colleague read, manager not yet: 2 of 3 read, 1 of 3 confirmed.
    first = rows.and_(office.locator(f'[data-store-id="{store["id"]}"]'))
    expect(first.get_by_role("heading")).to_have_text(store["name"])
    expect(first.get_by_test_id("stats-read-value")).to_have_text(
        fill(NL["stats.value"], part=2, whole=3, percent=67)
    )
    expect(first.get_by_test_id("stats-acknowledged-value")).to_have_text(
        fill(NL["stats.value"], part=1, whole=3, percent=33)
    )
    expect(first.get_by_test_id("stats-read").locator(".bar__fill")).to_have_attribute(
        "style", re.compile(r"width:\s*67%")
    )
    second = rows.and_(office.locator(f'[data-store-id="{second_store["id"]}"]'))
    expect(second.get_by_role("heading")).to_have_text(second_store["name"])
    expect(second.get_by_test_id("stats-read-value")).to_have_text(
        fill(NL["stats.value"], part=0, whole=1, percent=0)
    )
    expect(office.get_by_test_id("stats-total-audience")).to_have_text("4")
    expect(office.get_by_test_id("stats-total-read")).to_have_text(
        fill(NL["stats.value"], part=2, whole=4, percent=50)
    )
    expect(office.get_by_test_id("stats-total-acknowledged")).to_have_text(
        fill(NL["stats.value"], part=1, whole=4, percent=25)
    )

    # The store manager sees their own store's row only.
    boss: Page = new_phone()
    log_in(boss, manager.username, manager.password)
    boss.goto(f"/news/{post['id']}/stats")
    boss_rows = boss.get_by_test_id("stats-chart").get_by_test_id("stats-row")
    expect(boss_rows).to_have_count(1)
    expect(boss_rows).to_have_attribute("data-store-id", str(store["id"]))
    expect(boss_rows.get_by_test_id("stats-read-value")).to_have_text(
        fill(NL["stats.value"], part=2, whole=3, percent=67)
    )
    no_page_errors(office)
    no_page_errors(boss)


def test_english_ui_for_the_feed_and_a_post(
    page: Page, admin_api: Api, store: dict[str, Any], staff: Person
) -> None:
    post = admin_api.create_post(
        title="Nieuwe pauzeregels",
        body="Vanaf nu **twee** pauzes.",
        translations={"en": {"title": "New break rules", "body": "From now on **two** breaks."}},
        audience=audience(store),
        must_read=True,
        pinned=True,
    )
    log_in(page, staff.username, staff.password)
    item = card(page, post["id"])
    expect(item.get_by_role("link")).to_have_text("Nieuwe pauzeregels")
    expect(item.get_by_test_id("news-badge-pinned")).to_have_text(NL["news.badge.pinned"])

    switch = page.get_by_test_id("language-switch")
    with page.expect_response(
        lambda r: r.url.endswith("/api/v1/me") and r.request.method == "PATCH"
    ):
        switch.get_by_role("button", name=EN["lang.en"]).click()

    expect(page.get_by_role("heading", name=EN["news.title"])).to_be_visible()
    expect(page.get_by_test_id("news-filter-all")).to_have_text(EN["news.filter.all"])
    expect(page.get_by_test_id("news-filter-unread")).to_have_text(EN["news.filter.unread"])
    expect(page.get_by_test_id("news-filter-must-read")).to_have_text(EN["news.filter.mustRead"])
    # The post itself comes in English now (the server translates for the reader's language).
    expect(item.get_by_role("link")).to_have_text("New break rules")
    expect(item.get_by_test_id("news-badge-pinned")).to_have_text(EN["news.badge.pinned"])
    expect(item.get_by_test_id("news-badge-must-read")).to_have_text(EN["news.badge.mustRead"])
    expect(item.get_by_test_id("news-unread-dot")).to_contain_text(EN["news.unread"])

    item.get_by_role("link").click()
    expect(page.get_by_test_id("news-title")).to_have_text("New break rules")
    expect(page.get_by_test_id("news-body")).to_have_text("From now on two breaks.")
    expect(page.get_by_test_id("news-title")).to_have_attribute("lang", "en")
    expect(page.get_by_role("group", name=EN["news.reactions"])).to_be_visible()
    expect(page.get_by_role("heading", name=EN["news.comments"])).to_be_visible()
    expect(
        page.get_by_test_id("comment-form").get_by_label(EN["news.commentLabel"])
    ).to_be_visible()
    expect(page.get_by_role("button", name=EN["news.commentSend"])).to_be_visible()
    expect(page.get_by_role("link", name=EN["news.back"]).first).to_be_visible()
    ack_button = page.get_by_test_id("news-ack-button")
    expect(ack_button).to_have_text(EN["news.ack"])
    ack_button.click()
    expect(page.get_by_test_id("news-acknowledged")).to_have_text(EN["news.acknowledged"])
    expect(page.locator("html")).to_have_attribute("lang", "en")
    no_page_errors(page)


def test_author_drafts_publishes_edits_and_deletes_a_post(
    new_phone: Any,
    admin_api: Api,
    store: dict[str, Any],
    staff: Person,
    join_as: JoinAs,
    api_as: ApiAs,
) -> None:
    manager = join_as("store_manager", store)
    staff_api = api_as(staff)
    draft_title = unique("Concept rooster ")

    boss: Page = new_phone()
    log_in(boss, manager.username, manager.password)
    boss.get_by_test_id("news-compose").click()
    boss.get_by_test_id("composer-title").fill(draft_title)
    boss.get_by_test_id("composer-body").fill("Nog niet klaar.")
    with boss.expect_response(lambda r: is_create(r.request)) as created:
        boss.get_by_test_id("composer-draft").click()
    assert created.value.request.post_data_json["draft"] is True
    post_id = created.value.json()["id"]
    expect(boss.get_by_test_id("news-badge-draft")).to_have_text(NL["news.badge.draft"])
    # A draft is the author's alone, and has no reactions or comments yet.
    expect(boss.get_by_test_id("comment-form")).to_have_count(0)
    assert staff_api.http.get(f"/news/{post_id}").status_code == 404

    # Edit: only what changed is sent, and publishing makes it live.
    final_title = unique("Rooster week 12 ")
    boss.get_by_test_id("news-edit").click()
    expect(boss.get_by_test_id("composer-title")).to_have_value(draft_title)
    boss.get_by_test_id("composer-title").fill(final_title)
    boss.get_by_test_id("composer-pinned").check()
    with boss.expect_response(
        lambda r: r.url.endswith(f"/api/v1/news/{post_id}") and r.request.method == "PATCH"
    ) as patched:
        boss.get_by_test_id("composer-publish").click()
    assert patched.value.status == 200
    assert patched.value.request.post_data_json == {
        "title": final_title,
        "pinned": True,
        "draft": False,
    }
    expect(boss.get_by_test_id("news-title")).to_have_text(final_title)
    expect(boss.get_by_test_id("news-badge-pinned")).to_be_visible()
    expect(boss.get_by_test_id("news-badge-draft")).to_have_count(0)
    assert staff_api.news_post(post_id)["status"] == "published"

    # Staff read it but get no edit or delete.
    phone: Page = new_phone()
    log_in(phone, staff.username, staff.password)
    card(phone, post_id).get_by_role("link").click()
    expect(phone.get_by_test_id("news-title")).to_have_text(final_title)
    expect(phone.get_by_test_id("news-edit")).to_have_count(0)
    expect(phone.get_by_test_id("news-delete")).to_have_count(0)
    expect(phone.get_by_test_id("news-stats-link")).to_have_count(0)

    # Delete, after confirming.
    boss.once("dialog", lambda dialog: dialog.accept())
    with boss.expect_response(
        lambda r: r.url.endswith(f"/api/v1/news/{post_id}") and r.request.method == "DELETE"
    ) as deleted:
        boss.get_by_test_id("news-delete").click()
    assert deleted.value.status == 204
    expect(boss.get_by_test_id("home-greeting")).to_be_visible()
    feed_loaded(boss)
    expect(card(boss, post_id)).to_have_count(0)
    assert admin_api.http.get(f"/news/{post_id}").status_code == 404
    no_page_errors(boss)
    no_page_errors(phone)


def test_an_english_speaking_editor_keeps_the_dutch_original_and_its_translation(
    new_phone: Any, join_as: JoinAs, api_as: ApiAs, store: dict[str, Any]
) -> None:
    """Editing starts from /source: the reader's translated view must never be saved back as
    the original text."""
    editor = join_as("hq")
    editor_api = api_as(editor)
    assert editor_api.http.patch("/me", json={"locale": "en"}).status_code == 200
    dutch_title = unique("Kerstsluiting ")
    post = editor_api.create_post(
        title=dutch_title,
        body="Op 24 december sluiten we om 17:00.",
        translations={"en": {"title": "Christmas closing", "body": "We close at 17:00."}},
        # One store's: a post for everyone would be in every later test's feed.
        audience={"store_ids": [store["id"]]},
    )

    page: Page = new_phone()
    log_in(page, editor.username, editor.password)
    page.goto(f"/news/{post['id']}/edit")
    expect(page.get_by_test_id("composer-title")).to_have_value(dutch_title)
    page.get_by_test_id("composer-tab-translation").click()
    expect(page.get_by_test_id("composer-title-translation")).to_have_value("Christmas closing")
    page.get_by_test_id("composer-pinned").check()
    with page.expect_response(
        lambda r: r.url.endswith(f"/api/v1/news/{post['id']}") and r.request.method == "PATCH"
    ) as patched:
        page.get_by_test_id("composer-publish").click()
    assert patched.value.status == 200
    assert patched.value.request.post_data_json == {"pinned": True}
    source = editor_api.http.get(f"/news/{post['id']}/source").json()
    assert (source["locale"], source["title"]) == ("nl", dutch_title)
    assert source["translations"]["en"]["title"] == "Christmas closing"
    assert source["pinned"] is True
    no_page_errors(page)
