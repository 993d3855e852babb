"""Head office's own screens in Chromium: stores and regions (a new region and store, a store's
new time zone, a region's new name, each as the API then shows it), the audit log that records
the store change, and the forbidden screen a store manager gets for both."""

import re
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import (
    ADMIN_PASSWORD,
    ADMIN_USERNAME,
    Api,
    Person,
    catalogue,
    fill,
    log_in,
    no_page_errors,
    unique,
)

pytestmark = pytest.mark.e2e

NL = catalogue("nl")
NARROW = {"width": 360, "height": 740}


def _all(api: Api, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a paginated list."""
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        query = {"limit": 100, **params, **({"cursor": cursor} if cursor else {})}
        page = Api._ok(api.http.get(path, params=query), 200)
        items += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return items


def _fits_the_screen(page: Page) -> None:
    """Nothing wider than the phone: no sideways scrolling at 360 px."""
    width = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
    assert width[0] <= width[1], width


def _row(page: Page, kind: str, item_id: int) -> Any:
    return page.locator(f"[data-testid={kind}-row][data-id='{item_id}']")


def test_head_office_runs_regions_and_stores_and_reads_the_change_in_the_audit_log(
    new_phone: Callable[..., Page],
    store: dict[str, Any],
    join_as: Callable[..., Person],
    admin_api: Api,
) -> None:
    office = join_as("hq", None, unique("Hanna Kantoor "))
    region_name = unique("Regio Oost ")
    store_name = unique("Filiaal Deventer ")
    code = f"DEV-{uuid.uuid4().hex[:6].upper()}"

    phone: Page = new_phone(viewport=NARROW)
    log_in(phone, office.username, office.password)
    phone.goto("/team")
    phone.get_by_test_id("team-stores").click()
    expect(phone).to_have_url(re.compile(r"/team/stores$"))
    expect(phone.get_by_role("heading", level=1)).to_have_text(NL["org.title"])
    expect(phone.get_by_test_id("regions-list")).to_have_attribute("aria-busy", "false")

    # A new region; the same name again is refused next to the field, in the server's words.
    with phone.expect_response(
        lambda r: r.url.endswith("/api/v1/regions") and r.request.method == "POST"
    ) as made:
        phone.get_by_label(NL["org.region.name"]).fill(region_name)
        phone.get_by_test_id("region-new-save").click()
    assert made.value.status == 201
    region = made.value.json()
    expect(phone.get_by_test_id("org-notice")).to_have_text(
        fill(NL["org.region.created"], name=region_name)
    )
    expect(_row(phone, "region", region["id"]).get_by_test_id("region-name")).to_have_text(
        region_name
    )
    phone.get_by_label(NL["org.region.name"]).fill(region_name)
    phone.get_by_test_id("region-new-save").click()
    taken = phone.get_by_test_id("region-new-name-error")
    expect(taken).to_contain_text(region_name)
    expect(phone.get_by_label(NL["org.region.name"])).to_have_attribute("aria-invalid", "true")
    phone.get_by_label(NL["org.region.name"]).fill("")

    # Its stores: none yet. The new store's form starts in that region.
    _row(phone, "region", region["id"]).get_by_test_id("region-show-stores").click()
    expect(phone).to_have_url(re.compile(rf"/team/stores\?region={region['id']}$"))
    expect(phone.get_by_test_id("stores-empty")).to_have_text(NL["org.stores.empty.region"])
    phone.get_by_test_id("store-new-open").click()
    form = phone.get_by_test_id("store-new-form")
    expect(form.get_by_test_id("store-new-region")).to_have_value(str(region["id"]))
    expect(form.get_by_test_id("store-new-timezone")).to_have_value("Europe/Amsterdam")
    # A code that another store has: refused next to the code.
    form.get_by_test_id("store-new-code").fill(store["code"])
    form.get_by_test_id("store-new-name").fill(store_name)
    form.get_by_test_id("store-new-save").click()
    expect(form.get_by_test_id("store-new-code-error")).to_contain_text(store["code"])
    form.get_by_test_id("store-new-code").fill(code.lower())
    with phone.expect_response(
        lambda r: r.url.endswith("/api/v1/stores") and r.request.method == "POST"
    ) as made:
        form.get_by_test_id("store-new-save").click()
    assert made.value.status == 201
    created = made.value.json()
    assert created["code"] == code
    expect(phone.get_by_test_id("org-notice")).to_have_text(
        fill(NL["org.store.created"], name=store_name)
    )
    row = _row(phone, "store", created["id"])
    expect(row.get_by_test_id("store-code")).to_have_text(code)
    expect(row.get_by_test_id("store-region")).to_have_text(region_name)
    expect(row.get_by_test_id("store-timezone")).to_have_text("Europe/Amsterdam")
    _fits_the_screen(phone)

    # A new time zone; the code is fixed, and the form says what the new zone re-plans.
    row.get_by_test_id("store-change").click()
    change = row.get_by_test_id(f"store-{created['id']}-form")
    expect(change.get_by_test_id(f"store-{created['id']}-code-fixed")).to_have_text(
        fill(NL["org.store.codeFixed"], code=code)
    )
    expect(change).to_contain_text(NL["org.store.timezoneNote"])
    change.get_by_label(NL["org.store.timezone"]).select_option("Europe/London")
    _fits_the_screen(phone)
    with phone.expect_response(lambda r: r.url.endswith(f"/api/v1/stores/{created['id']}")) as sent:
        change.get_by_test_id(f"store-{created['id']}-save").click()
    assert sent.value.status == 200
    assert sent.value.request.post_data_json == {"timezone": "Europe/London"}
    expect(row.get_by_test_id("store-timezone")).to_have_text("Europe/London")
    expect(phone.get_by_test_id("org-notice")).to_have_text(
        fill(NL["org.store.saved"], name=store_name)
    )
    expect(row.get_by_test_id("store-change")).to_be_focused()

    # The region's new name.
    new_region_name = unique("Regio Oost-Nederland ")
    region_row = _row(phone, "region", region["id"])
    region_row.get_by_test_id("region-rename").click()
    rename = region_row.get_by_label(NL["org.region.newName"])
    expect(rename).to_be_focused()
    rename.fill(new_region_name)
    region_row.get_by_test_id(f"region-{region['id']}-save").click()
    expect(region_row.get_by_test_id("region-name")).to_have_text(new_region_name)
    expect(phone.get_by_test_id("org-notice")).to_have_text(
        fill(NL["org.region.renamed"], name=new_region_name)
    )

    # The API shows all of it.
    [stored] = _all(admin_api, "/stores", region_id=region["id"])
    assert stored == {
        "id": created["id"],
        "code": code,
        "name": store_name,
        "region_id": region["id"],
        "timezone": "Europe/London",
    }
    [renamed] = [r for r in _all(admin_api, "/regions") if r["id"] == region["id"]]
    assert renamed["name"] == new_region_name

    # The audit log, one tap from the team, shows the store change as a sentence.
    phone.get_by_test_id("org-back").click()
    phone.get_by_test_id("team-audit").click()
    expect(phone).to_have_url(re.compile(r"/team/audit$"))
    expect(phone.get_by_role("heading", level=1)).to_have_text(NL["audit.title"])
    expect(phone.get_by_test_id("audit-intro")).to_have_text(NL["audit.intro.own"])
    phone.get_by_label(NL["audit.filter.action"]).select_option("store.change")
    expect(phone).to_have_url(re.compile(r"/team/audit\?action=store\.change$"))
    entry = phone.get_by_test_id("audit-entry").first
    expect(entry).to_have_attribute("data-action", "store.change")
    zone = fill(NL["audit.change.timezone"], **{"from": "Europe/Amsterdam", "to": "Europe/London"})
    expect(entry.get_by_test_id("audit-sentence")).to_have_text(
        fill(NL["audit.sentence.store.change"], changes=zone)
    )
    expect(entry.get_by_test_id("audit-who")).to_have_text(fill(NL["audit.by"], name=office.name))
    expect(entry.get_by_test_id("audit-target")).to_have_text(store_name)
    expect(entry.get_by_test_id("audit-ip")).not_to_be_empty()
    expect(entry.locator("time")).to_have_attribute("datetime", re.compile(r"^\d{4}-\d\d-\d\d"))
    _fits_the_screen(phone)

    # An admin reads everyone's entries and finds head office's by person.
    admin: Page = new_phone()
    log_in(admin, ADMIN_USERNAME, ADMIN_PASSWORD)
    admin.goto("/team/audit?action=store.change")
    expect(admin.get_by_test_id("audit-intro")).to_have_text(NL["audit.intro.all"])
    admin.get_by_label(NL["audit.filter.search"]).fill(office.name)
    person = admin.get_by_label(NL["audit.filter.person"])
    expect(person.locator(f"option[value='{office.id}']")).to_have_count(1)
    person.select_option(str(office.id))
    expect(admin).to_have_url(re.compile(rf"/team/audit\?action=store\.change&actor={office.id}$"))
    expect(admin.get_by_test_id("audit-list")).to_have_attribute("aria-busy", "false")
    expect(admin.get_by_test_id("audit-entry")).to_have_count(1)
    expect(admin.get_by_test_id("audit-target")).to_have_text(store_name)

    no_page_errors(phone)
    no_page_errors(admin)


def test_a_store_manager_gets_the_forbidden_screen_for_stores_and_the_audit_log(
    new_phone: Callable[..., Page],
    store: dict[str, Any],
    join_as: Callable[..., Person],
) -> None:
    manager = join_as("store_manager", store, "Mira de Boer")
    phone: Page = new_phone()
    log_in(phone, manager.username, manager.password)
    phone.goto("/team")
    expect(phone.get_by_test_id("team-invites")).to_be_visible()
    expect(phone.get_by_test_id("team-stores")).to_have_count(0)
    expect(phone.get_by_test_id("team-audit")).to_have_count(0)

    for path in ("/team/stores", "/team/audit"):
        phone.goto(path)
        forbidden = phone.get_by_test_id("forbidden")
        expect(forbidden).to_be_visible()
        expect(forbidden).to_contain_text(NL["forbidden.headOffice"])
        expect(phone.get_by_test_id("regions-list")).to_have_count(0)
        expect(phone.get_by_test_id("audit-list")).to_have_count(0)
    no_page_errors(phone)
