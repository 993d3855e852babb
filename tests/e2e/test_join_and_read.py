"""A new part-timer scans the store's QR code, joins, and still sees the app offline."""

import secrets
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import (
    Api,
    LiveServer,
    catalogue,
    no_page_errors,
    unique,
    wait_for_service_worker_control,
)

pytestmark = pytest.mark.e2e

NL = catalogue("nl")


def test_new_part_timer_joins_from_the_qr_link_and_home_works_offline(
    page: Page, admin_api: Api, store: dict[str, Any], live_server: LiveServer
) -> None:
    invite = admin_api.create_invite(store["id"], max_uses=5)
    # The QR code encodes this link; it must point at this server's join screen.
    assert invite["url"] == f"{live_server.url}/join/{invite['code']}"
    name = "Fleur de Boer"
    username = unique("fleur.")
    password = "geheim-" + secrets.token_urlsafe(8)

    page.goto(invite["url"])

    # Before anything is typed, the person sees where they are joining, and as what.
    summary = page.get_by_test_id("join-invite-summary")
    expect(summary).to_contain_text(store["name"])
    expect(summary).to_contain_text(NL["role.staff"])
    form = page.get_by_test_id("join-form")
    expect(form.get_by_label(NL["join.code"])).to_have_value(invite["code"])
    form.get_by_label(NL["join.name"]).fill(name)
    form.get_by_label(NL["join.username"]).fill(username)
    form.get_by_label(NL["join.password"]).fill(password)
    form.get_by_role("button", name=NL["join.submit"]).click()

    greeting = page.get_by_test_id("home-greeting")
    home_store = page.get_by_test_id("home-store")
    expect(page).to_have_url(f"{live_server.url}/")
    expect(greeting).to_have_text(NL["home.greeting"].replace("{name}", name))
    expect(home_store).to_have_text(store["name"])

    # Offline: the shell comes from the service worker's precache, the person from the cache.
    wait_for_service_worker_control(page)
    page.context.set_offline(True)
    response = page.reload()
    assert response is not None and response.from_service_worker, "not served by the worker"
    assert page.evaluate("navigator.onLine") is False
    expect(page.get_by_test_id("offline-banner")).to_contain_text(NL["offline.title"])
    expect(greeting).to_have_text(NL["home.greeting"].replace("{name}", name))
    expect(home_store).to_have_text(store["name"])
    expect(page.get_by_test_id("logout-button")).to_be_visible()
    no_page_errors(page)

    # The link was opened and the code checked and used, yet the access log never names it.
    log = live_server.log()
    assert "/join/***" in log and "/auth/invites/***" in log
    for form in (invite["code"], invite["code"].replace("-", "")):
        assert form not in log

    # The server made the account with the invite's store and role.
    people = admin_api.users_of_store(store["id"])
    assert [
        (p["username"], p["name"], p["role"], p["store_id"], p["is_active"]) for p in people
    ] == [(username, name, "staff", store["id"], True)]
