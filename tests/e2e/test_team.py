"""The team screens in Chromium: finding a person, deactivating them while their app is open,
reactivating them, and a sign-in code that lets someone who forgot their password choose a new
one (and ends their other logins)."""

import re
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import (
    Api,
    LiveServer,
    Person,
    catalogue,
    fill,
    log_in,
    no_page_errors,
    stored_tokens,
)

pytestmark = pytest.mark.e2e

NL = catalogue("nl")
LOGIN_URL = re.compile(r"/login$")


def _record_requests(page: Page) -> list[str]:
    """Every URL this phone (its pages and its service worker) asks for from now on."""
    urls: list[str] = []
    page.context.on("request", lambda request: urls.append(request.url))
    return urls


def _open_team(page: Page) -> None:
    """From home through "Me" to the team, as a manager finds it."""
    page.get_by_test_id("nav-me").click()
    page.get_by_test_id("me-team").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(NL["team.title"])
    expect(page.get_by_test_id("team-list")).to_have_attribute("aria-busy", "false")


def _row(page: Page, person: Person) -> Any:
    return page.locator(f"[data-testid=team-person][data-id='{person.id}']")


def test_manager_finds_and_deactivates_a_person_whose_open_apps_land_on_sign_in(
    new_phone: Callable[..., Page],
    store: dict[str, Any],
    join_as: Callable[..., Person],
    admin_api: Api,
    live_server: LiveServer,
) -> None:
    manager = join_as("store_manager", store, "Mira de Boer")
    leaver = join_as("staff", store, "Sam Vermeer")
    colleague = join_as("staff", store, "Noor Bakker")

    # The leaver's phone, open on home. Its live stream is held back (and the service worker
    # off, so the test sees every request), so only its own next request can notice.
    quiet: Page = new_phone(service_workers="block")
    quiet.route("**/api/v1/events", lambda route: route.abort())
    log_in(quiet, leaver.username, leaver.password)
    # A second device of theirs with the live stream open: the server ends it at once.
    streaming: Page = new_phone()
    with streaming.expect_response(lambda r: r.url.endswith("/api/v1/events")) as stream:
        log_in(streaming, leaver.username, leaver.password)
    assert stream.value.status == 200

    boss: Page = new_phone()
    boss_requests = _record_requests(boss)
    log_in(boss, manager.username, manager.password)
    _open_team(boss)
    # Managers invite, but bulk imports are for head office and admins.
    expect(boss.get_by_test_id("team-invites")).to_have_attribute("href", "/team/invites")
    expect(boss.get_by_test_id("team-import")).to_have_count(0)
    for person in (manager, leaver, colleague):
        expect(_row(boss, person)).to_be_visible()
    # The screen came as a managers' chunk, fetched when opened.
    assert any("/assets/manage-TeamList-" in url for url in boss_requests)

    boss.get_by_test_id("team-search").fill("sam")
    expect(boss.get_by_test_id("team-person")).to_have_count(1)
    row = _row(boss, leaver)
    expect(row).to_contain_text(leaver.username)
    expect(row).to_contain_text(NL["role.staff"])
    expect(row).to_contain_text(NL["lang.nl"])
    expect(row.get_by_test_id("team-person-last-active")).to_have_text(
        fill(NL["team.lastActiveWhen"], when="vandaag")
    )
    expect(row.get_by_test_id("team-person-shifts")).to_have_text(
        fill(NL["team.shifts.other"], count=0)
    )
    expect(row.get_by_test_id("team-person-deactivated")).to_have_count(0)
    # The search is kept in the address: back from the person shows the same list.
    expect(boss).to_have_url(re.compile(r"/team\?q=sam$"))

    row.get_by_role("link", name=leaver.name).click()
    expect(boss.get_by_test_id("person-name")).to_have_text(leaver.name)
    expect(boss.get_by_test_id("person-username")).to_have_text(leaver.username)
    expect(boss.get_by_test_id("person-store-text")).to_have_text(store["name"])
    # A manager changes no roles: that is head office's.
    expect(boss.get_by_test_id("person-change-form")).to_have_count(0)

    opener = boss.get_by_test_id("person-deactivate")
    opener.click()
    dialog = boss.get_by_test_id("deactivate-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading")).to_have_text(
        fill(NL["team.deactivateDialog.title"], name=leaver.name)
    )
    for key in (
        "team.deactivateDialog.signedOut",
        "team.deactivateDialog.noPush",
        "team.deactivateDialog.contentStays",
    ):
        expect(dialog).to_contain_text(NL[key])
    # Focus starts on "cancel"; Escape closes without doing anything and focus goes back.
    expect(dialog.get_by_test_id("deactivate-dialog-cancel")).to_be_focused()
    boss.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(opener).to_be_focused()
    assert admin_api.user(leaver.id)["is_active"] is True

    opener.click()
    with boss.expect_response(lambda r: r.url.endswith(f"/users/{leaver.id}/deactivate")) as done:
        dialog.get_by_test_id("deactivate-dialog-confirm").click()
    assert done.value.status == 204
    expect(dialog).to_have_count(0)
    expect(boss.get_by_test_id("person-notice")).to_have_text(
        fill(NL["team.deactivated"], name=leaver.name)
    )
    expect(boss.get_by_test_id("person-deactivated")).to_have_text(NL["team.badge.deactivated"])
    expect(boss.get_by_test_id("person-reactivate")).to_be_focused()
    assert admin_api.user(leaver.id)["is_active"] is False

    # The device with a live stream is told at once and shows the sign-in screen by itself.
    expect(streaming).to_have_url(LOGIN_URL)
    expect(streaming.get_by_test_id("login-form")).to_be_visible()
    assert stored_tokens(streaming) == {"access": None, "refresh": None}

    # The quiet one is still on home; its next request (opening the questions) ends it.
    expect(quiet.get_by_test_id("home-greeting")).to_be_visible()
    with quiet.expect_response("**/api/v1/auth/refresh") as refresh:
        quiet.get_by_test_id("nav-questions").click()
    assert refresh.value.status == 401
    expect(quiet).to_have_url(LOGIN_URL)
    expect(quiet.get_by_test_id("login-form")).to_be_visible()
    assert stored_tokens(quiet) == {"access": None, "refresh": None}

    # Back in the list, the deactivated are one filter away, with their badge.
    boss.get_by_test_id("person-back").click()
    expect(boss).to_have_url(re.compile(r"/team\?q=sam$"))
    expect(boss.get_by_test_id("team-empty")).to_have_text(NL["team.empty.filtered"])
    boss.get_by_test_id("team-status-inactive").click()
    expect(_row(boss, leaver).get_by_test_id("team-person-deactivated")).to_be_visible()

    # Reactivating: the old logins stay ended, the password works again.
    _row(boss, leaver).get_by_role("link", name=leaver.name).click()
    boss.get_by_test_id("person-reactivate").click()
    dialog = boss.get_by_test_id("reactivate-dialog")
    expect(dialog).to_contain_text(fill(NL["team.reactivateDialog.sessions"], name=leaver.name))
    dialog.get_by_test_id("reactivate-dialog-confirm").click()
    expect(boss.get_by_test_id("person-notice")).to_have_text(
        fill(NL["team.reactivated"], name=leaver.name)
    )
    expect(boss.get_by_test_id("person-deactivated")).to_have_count(0)
    assert admin_api.user(leaver.id)["is_active"] is True
    log_in(quiet, leaver.username, leaver.password)

    for page in (boss, quiet, streaming):
        no_page_errors(page)


def test_sign_in_code_lets_a_person_choose_a_new_password_and_ends_their_old_login(
    new_phone: Callable[..., Page],
    store: dict[str, Any],
    join_as: Callable[..., Person],
    live_server: LiveServer,
) -> None:
    manager = join_as("store_manager", store, "Mira de Boer")
    forgetful = join_as("staff", store, "Sam Vermeer")
    # Their old login, still open on a phone they left at home.
    old_phone: Page = new_phone(service_workers="block")
    old_phone.route("**/api/v1/events", lambda route: route.abort())
    log_in(old_phone, forgetful.username, forgetful.password)

    boss: Page = new_phone(permissions=["clipboard-read", "clipboard-write"])
    log_in(boss, manager.username, manager.password)
    boss.goto(f"/team/people/{forgetful.id}")
    expect(boss.get_by_test_id("person-name")).to_have_text(forgetful.name)
    with boss.expect_response(lambda r: r.url.endswith("/sign-in-code")) as made:
        boss.get_by_test_id("person-make-code").click()
    assert made.value.status == 201
    code: dict[str, Any] = made.value.json()
    assert code["url"] == f"{live_server.url}/reset/{code['code']}"

    panel = boss.get_by_test_id("signin-code")
    expect(panel.get_by_role("heading")).to_be_focused()
    expect(panel.get_by_test_id("signin-code-value")).to_have_text(code["code"])
    qr = panel.get_by_test_id("signin-code-qr")
    expect(qr).to_be_visible()
    expect(qr).to_have_attribute("alt", fill(NL["team.code.qrAlt"], name=forgetful.name))
    box = qr.bounding_box()
    assert box and box["width"] >= 250 and box["height"] >= 250, box  # scannable from a phone
    assert qr.evaluate("(img) => img.complete && img.naturalWidth > 0")
    expect(panel.get_by_test_id("signin-code-expiry")).to_contain_text(NL["team.code.once"])
    # Headless Chromium has no share sheet: the message and the link go to the clipboard.
    panel.get_by_test_id("signin-code-share").click()
    expect(panel.get_by_test_id("signin-code-status")).to_have_text(NL["team.code.copied"])
    assert code["url"] in boss.evaluate("() => navigator.clipboard.readText()")

    # Someone else's phone: first a code typed wrong on the sign-in screen.
    phone: Page = new_phone()
    phone.goto("/login")
    forgot = phone.get_by_test_id("forgot-form")
    forgot.get_by_label(NL["reset.code"]).fill("NOPE0-NOPE0")
    forgot.get_by_test_id("forgot-submit").click()
    expect(phone).to_have_url(re.compile(r"/reset/NOPE0-NOPE0$"))
    form = phone.get_by_test_id("reset-form")
    form.get_by_label(NL["reset.password"]).fill("nieuw-wachtwoord-1")
    form.get_by_label(NL["reset.repeat"], exact=True).fill("nieuw-wachtwoord-1")
    with phone.expect_response("**/api/v1/auth/reset") as wrong:
        phone.get_by_test_id("reset-submit").click()
    assert wrong.value.status == 400
    expect(phone.get_by_test_id("reset-error")).to_have_text(NL["reset.codeWrong"])
    expect(form.get_by_label(NL["reset.code"])).to_have_attribute("aria-invalid", "true")
    assert stored_tokens(phone) == {"access": None, "refresh": None}

    # Then the link from the manager's screen (the QR code's), with a typo in the repeat first.
    new_password = "nieuw-wachtwoord-2"
    phone.goto(code["url"])
    form = phone.get_by_test_id("reset-form")
    expect(form.get_by_label(NL["reset.code"])).to_have_value(code["code"])
    form.get_by_label(NL["reset.password"]).fill(new_password)
    form.get_by_label(NL["reset.repeat"], exact=True).fill(new_password + "x")
    phone.get_by_test_id("reset-submit").click()
    expect(form.locator("#reset-repeat-error")).to_have_text(NL["reset.mismatch"])
    form.get_by_label(NL["reset.repeat"], exact=True).fill(new_password)
    with phone.expect_response("**/api/v1/auth/reset") as reset:
        phone.get_by_test_id("reset-submit").click()
    assert reset.value.status == 200
    expect(phone.get_by_test_id("home-greeting")).to_have_text(
        fill(NL["home.greeting"], name=forgetful.name)
    )
    expect(phone).to_have_url(f"{live_server.url}/")

    # The old login ended: that phone's next request shows the sign-in screen.
    with old_phone.expect_response("**/api/v1/auth/refresh") as refresh:
        old_phone.get_by_test_id("nav-questions").click()
    assert refresh.value.status == 401
    expect(old_phone).to_have_url(LOGIN_URL)

    # The new password works, the old one no longer; the code works once.
    token = httpx.post(
        f"{live_server.url}/api/v1/auth/token",
        data={"username": forgetful.username, "password": new_password},
        timeout=10,
    )
    assert token.status_code == 200
    old = httpx.post(
        f"{live_server.url}/api/v1/auth/token",
        data={"username": forgetful.username, "password": forgetful.password},
        timeout=10,
    )
    assert old.status_code == 401
    again: Page = new_phone()
    again.goto(code["url"])
    form = again.get_by_test_id("reset-form")
    form.get_by_label(NL["reset.password"]).fill("nog-een-wachtwoord")
    form.get_by_label(NL["reset.repeat"], exact=True).fill("nog-een-wachtwoord")
    again.get_by_test_id("reset-submit").click()
    expect(again.get_by_test_id("reset-error")).to_have_text(NL["reset.codeUsed"])

    for page in (boss, phone, old_phone, again):
        no_page_errors(page)


def test_head_office_filters_by_store_and_changes_a_role_but_never_an_admin(
    new_phone: Callable[..., Page],
    store: dict[str, Any],
    new_store: Callable[[], dict[str, Any]],
    join_as: Callable[..., Person],
    admin_api: Api,
) -> None:
    office = join_as("hq", None, "Henk Kantoor")
    person = join_as("staff", store, "Sam Vermeer")
    admin = join_as("admin", None, "Anne Beheer")
    other = new_store()

    page: Page = new_phone()
    log_in(page, office.username, office.password)
    _open_team(page)
    expect(page.get_by_test_id("team-import")).to_have_attribute("href", "/team/import")
    expect(page.get_by_test_id("team-import")).to_have_text(NL["import.title"])
    page.get_by_test_id("team-region").select_option(str(store["region_id"]))
    page.get_by_test_id("team-store").select_option(str(store["id"]))
    expect(_row(page, person)).to_be_visible()
    expect(page.get_by_test_id("team-person")).to_have_count(1)

    _row(page, person).get_by_role("link", name=person.name).click()
    form = page.get_by_test_id("person-change-form")
    form.get_by_test_id("person-role").select_option("store_manager")
    form.get_by_test_id("person-store").select_option(str(other["id"]))
    form.get_by_test_id("person-category-hr").check()
    # Head office never makes anyone admin.
    expect(form.get_by_test_id("person-role").locator("option[value=admin]")).to_have_count(0)
    form.get_by_test_id("person-change-save").click()
    expect(form.get_by_test_id("person-change-saved")).to_have_text(NL["team.change.saved"])
    changed = admin_api.user(person.id)
    assert (changed["role"], changed["store_id"], changed["expert_categories"]) == (
        "store_manager",
        other["id"],
        ["hr"],
    )
    expect(page.get_by_test_id("person-role-text")).to_have_text(NL["role.store_manager"])

    # An admin: head office sees who they are, and nothing it may not do.
    page.goto(f"/team/people/{admin.id}")
    expect(page.get_by_test_id("person-name")).to_have_text(admin.name)
    expect(page.get_by_test_id("person-actions")).to_have_count(0)
    expect(page.get_by_test_id("person-change-form")).to_have_count(0)

    # Themselves: no role choice, no deactivating.
    page.goto(f"/team/people/{office.id}")
    expect(page.get_by_test_id("person-role-fixed")).to_be_visible()
    expect(page.get_by_test_id("person-role")).to_have_count(0)
    expect(page.get_by_test_id("person-actions")).to_have_count(0)
    no_page_errors(page)


def test_staff_have_no_team_entry_and_never_download_its_screens(
    new_phone: Callable[..., Page], staff: Person
) -> None:
    page: Page = new_phone()
    requests = _record_requests(page)
    log_in(page, staff.username, staff.password)
    page.get_by_test_id("nav-me").click()
    expect(page.get_by_test_id("me-menu")).to_be_visible()
    expect(page.get_by_test_id("me-team")).to_have_count(0)
    page.goto("/team")
    expect(page.get_by_test_id("forbidden")).to_be_visible()
    page.goto(f"/team/people/{staff.id}")
    expect(page.get_by_test_id("forbidden")).to_be_visible()
    assert not [url for url in requests if "/assets/manage-" in url]
    no_page_errors(page)
