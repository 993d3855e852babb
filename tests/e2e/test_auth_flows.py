"""Logging in and out, the language switch, a used-up invite and a deactivated account."""

import time
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import (
    Api,
    LiveServer,
    Person,
    catalogue,
    log_in,
    no_page_errors,
    stored_tokens,
    unique,
)

pytestmark = pytest.mark.e2e

NL = catalogue("nl")
EN = catalogue("en")


def greeting_for(name: str, messages: dict[str, str] = NL) -> str:
    return messages["home.greeting"].replace("{name}", name)


def test_wrong_password_shows_the_servers_message_and_stays_on_login(
    page: Page, staff: Person, live_server: LiveServer
) -> None:
    page.goto("/login")
    form = page.get_by_test_id("login-form")
    form.get_by_label(NL["login.username"]).fill(staff.username)
    form.get_by_label(NL["login.password"]).fill(staff.password + "-wrong")
    with page.expect_response("**/api/v1/auth/token") as token_response:
        form.get_by_role("button", name=NL["login.submit"]).click()
    assert token_response.value.status == 401
    server_message = token_response.value.json()["detail"]
    assert server_message == "Wrong username or password"

    expect(page.get_by_test_id("form-error")).to_have_text(server_message)
    expect(page).to_have_url(f"{live_server.url}/login")
    expect(page.get_by_test_id("home-greeting")).to_have_count(0)
    # The button is usable again for the next try, and nothing was stored.
    expect(form.get_by_role("button", name=NL["login.submit"])).to_be_enabled()
    assert stored_tokens(page) == {"access": None, "refresh": None}
    no_page_errors(page)


def test_correct_login_reaches_home_with_name_and_store(
    page: Page, staff: Person, live_server: LiveServer
) -> None:
    log_in(page, staff.username.upper(), staff.password)  # usernames ignore case

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_test_id("home-greeting")).to_have_text(greeting_for(staff.name))
    expect(page.get_by_test_id("home-store")).to_have_text(staff.store["name"])
    expect(page.get_by_test_id("logout-button")).to_have_text(NL["home.logout"])
    tokens = stored_tokens(page)
    assert tokens["access"] and tokens["refresh"]
    no_page_errors(page)


def test_switching_to_english_changes_the_text_and_is_saved_on_the_server(
    page: Page, new_phone: Any, staff: Person, admin_api: Api, live_server: LiveServer
) -> None:
    log_in(page, staff.username, staff.password)
    logout = page.get_by_test_id("logout-button")
    expect(logout).to_have_text(NL["home.logout"])
    expect(page.locator("html")).to_have_attribute("lang", "nl")

    switch = page.get_by_test_id("language-switch")
    with page.expect_response(
        lambda r: r.url.endswith("/api/v1/me") and r.request.method == "PATCH"
    ) as patch:
        switch.get_by_role("button", name=EN["lang.en"]).click()
    assert patch.value.status == 200

    expect(logout).to_have_text(EN["home.logout"])
    expect(page.get_by_test_id("home-greeting")).to_have_text(greeting_for(staff.name, EN))
    expect(switch.get_by_role("button", name=EN["lang.en"])).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert admin_api.user(staff.id)["locale"] == "en"

    # Kept on this phone across a reload ...
    page.reload()
    expect(page.get_by_test_id("logout-button")).to_have_text(EN["home.logout"])

    # ... and followed on another phone, which starts in Dutch until it knows who is there.
    other = new_phone()
    log_in(other, staff.username, staff.password)
    expect(other.get_by_test_id("logout-button")).to_have_text(EN["home.logout"])
    no_page_errors(page)
    no_page_errors(other)


def test_logout_returns_to_login_and_ends_the_login_on_the_server(
    page: Page, staff: Person, live_server: LiveServer
) -> None:
    log_in(page, staff.username, staff.password)
    access = stored_tokens(page)["access"]
    assert access

    page.get_by_test_id("logout-button").click()

    expect(page).to_have_url(f"{live_server.url}/login")
    expect(page.get_by_test_id("login-form")).to_be_visible()
    assert stored_tokens(page) == {"access": None, "refresh": None}
    # The old token is revoked, not just forgotten by the phone.
    me = httpx.get(
        f"{live_server.url}/api/v1/me", headers={"Authorization": f"Bearer {access}"}, timeout=10
    )
    assert me.status_code == 401

    page.goto("/")
    expect(page).to_have_url(f"{live_server.url}/login")
    expect(page.get_by_test_id("login-form")).to_be_visible()
    page.reload()
    expect(page).to_have_url(f"{live_server.url}/login")
    expect(page.get_by_test_id("home-greeting")).to_have_count(0)
    no_page_errors(page)


def test_used_up_invite_link_says_so_and_offers_no_form(
    page: Page, admin_api: Api, store: dict[str, Any], live_server: LiveServer
) -> None:
    invite = admin_api.create_invite(store["id"], max_uses=1)
    admin_api.join(invite["code"], name="Eerste", username=unique("first."), password="x" * 12)
    preview = httpx.get(f"{live_server.url}/api/v1/auth/invites/{invite['code']}", timeout=10)
    assert preview.status_code == 410
    assert preview.json()["code"] == "invite_used_up"

    with page.expect_response(f"**/api/v1/auth/invites/{invite['code']}") as answer:
        page.goto(invite["url"])
    assert answer.value.status == 410

    expect(page.get_by_test_id("form-error")).to_have_text(NL["join.codeExpired"])
    expect(page.locator("#join-code-error")).to_have_text(NL["join.codeExpired"])
    expect(page.get_by_test_id("join-invite-summary")).to_have_count(0)
    expect(page.get_by_label(NL["join.name"])).to_have_count(0)
    expect(page).to_have_url(invite["url"])
    # Nobody else joined through the used-up code.
    assert len(admin_api.users_of_store(store["id"])) == 1
    no_page_errors(page)


def test_deactivated_user_is_sent_to_login_on_reload(
    page: Page, staff: Person, admin_api: Api, live_server: LiveServer
) -> None:
    log_in(page, staff.username, staff.password)
    expect(page.get_by_test_id("home-greeting")).to_have_text(greeting_for(staff.name))

    admin_api.deactivate(staff.id)
    assert admin_api.user(staff.id)["is_active"] is False

    with page.expect_response("**/api/v1/auth/refresh") as refresh:
        page.reload()
    assert refresh.value.status == 401

    expect(page).to_have_url(f"{live_server.url}/login")
    expect(page.get_by_test_id("login-form")).to_be_visible()
    expect(page.get_by_test_id("home-greeting")).to_have_count(0)
    assert stored_tokens(page) == {"access": None, "refresh": None}
    assert page.evaluate("localStorage.getItem('wp.me')") is None
    no_page_errors(page)


def test_language_chosen_while_home_is_still_loading_is_not_undone(
    new_phone: Any, staff: Person, admin_api: Api
) -> None:
    """On slow shop wifi the reloaded home shows the cached person at once while /me is still on
    its way. A tap on English meanwhile must win over that older answer (which says "nl").

    Without the service worker, so the test alone decides when the answer arrives (the worker
    would answer from its cache after 3 s, which is the same stale "nl")."""
    page: Page = new_phone(service_workers="block")
    log_in(page, staff.username, staff.password)
    held: list[Any] = []

    def hold_first_me(route: Any) -> None:
        if route.request.method == "GET" and not held:
            # Answered by the server now (still "nl"), handed to the app only later.
            held.append((route, route.fetch()))
        else:
            route.continue_()

    page.route("**/api/v1/me", hold_first_me)
    page.reload()
    expect(page.get_by_test_id("home-greeting")).to_have_text(greeting_for(staff.name))
    # The route handler runs (and fetches) while this thread waits on the page.
    deadline = time.monotonic() + 10
    while not held and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert held, "the app did not ask for /me after the reload"

    with page.expect_response(
        lambda r: r.url.endswith("/api/v1/me") and r.request.method == "PATCH"
    ) as patch:
        page.get_by_test_id("language-switch").get_by_role("button", name=EN["lang.en"]).click()
    assert patch.value.status == 200
    expect(page.get_by_test_id("logout-button")).to_have_text(EN["home.logout"])

    route, stale = held[0]
    assert stale.json()["locale"] == "nl"
    route.fulfill(response=stale)
    # The app has read the late answer once it has cached it (wp.me is "en" since the PATCH).
    # Polled from Python: wait_for_function's in-page polling evaluates a string, which the
    # app's CSP (script-src 'self') refuses whenever the first check is not already true.
    deadline = time.monotonic() + 10
    while page.evaluate("JSON.parse(localStorage.getItem('wp.me')).locale") != "nl":
        assert time.monotonic() < deadline, "the late /me answer was never cached"
        page.wait_for_timeout(50)

    expect(page.get_by_test_id("logout-button")).to_have_text(EN["home.logout"])
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert admin_api.user(staff.id)["locale"] == "en"
    no_page_errors(page)
