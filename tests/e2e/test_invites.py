"""Inviting people: a manager makes an invite in the app and a new hire joins with its link,
the stockroom poster's QR code really scans, and head office onboards many stores from a CSV."""

import re
import secrets
import struct
import zlib
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import zxingcpp
from playwright.sync_api import Page, expect

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

NL = catalogue("nl")
EN = catalogue("en")
JoinAs = Callable[..., Person]


def record_requests(page: Page) -> list[str]:
    """Every URL this phone (its pages and its service worker) asks for from now on."""
    urls: list[str] = []
    page.context.on("request", lambda request: urls.append(request.url))
    return urls


def open_invites(api: Api, store_id: int) -> list[dict[str, Any]]:
    page = Api._ok(api.http.get("/invites", params={"store_id": store_id, "limit": 100}), 200)
    return page["items"]  # type: ignore[no-any-return]


def join_in_browser(page: Page, url: str, *, name: str, username: str, password: str) -> None:
    """What a new hire does after scanning the QR code: the link opens the join form."""
    page.goto(url)
    expect(page.get_by_test_id("join-invite-summary")).to_be_visible()
    form = page.get_by_test_id("join-form")
    form.get_by_label(NL["join.name"]).fill(name)
    form.get_by_label(NL["join.username"]).fill(username)
    form.get_by_label(NL["join.password"]).fill(password)
    form.get_by_role("button", name=NL["join.submit"]).click()


# Reading the QR code from a screenshot: Chromium's PNG, decoded here (8-bit RGB or RGBA, not
# interlaced, which is what Chromium writes), then zxing-cpp, the decoder phone apps use.


def png_pixels(png: bytes) -> tuple[int, int, int, bytes]:
    """(width, height, channels, pixels) of an 8-bit RGB(A) PNG (RFC 2083 filters undone)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, compressed = 8, b""
    width = height = depth = color = interlace = 0
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind, data = png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", data)
        elif kind == b"IDAT":
            compressed += data
        elif kind == b"IEND":
            break
    assert depth == 8 and interlace == 0 and color in (2, 6), (depth, color, interlace)
    channels = 3 if color == 2 else 4
    raw, stride = zlib.decompress(compressed), width * channels
    pixels, previous = bytearray(), bytearray(stride)
    for row in range(height):
        start = row * (stride + 1)
        kind_of_filter, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            up_left = previous[x - channels] if x >= channels else 0
            if kind_of_filter == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind_of_filter == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind_of_filter == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind_of_filter == 4:
                guess = left + up - up_left
                near = min((abs(guess - left), 0, left), (abs(guess - up), 1, up))
                near = min(near, (abs(guess - up_left), 2, up_left))
                line[x] = (line[x] + near[2]) & 0xFF
        pixels += line
        previous = line
    return width, height, channels, bytes(pixels)


def scan_qr(png: bytes) -> list[str]:
    width, height, channels, pixels = png_pixels(png)
    image_format = zxingcpp.ImageFormat.RGB if channels == 3 else zxingcpp.ImageFormat.RGBA
    view = zxingcpp.ImageView(memoryview(pixels), width, height, image_format)
    return [
        code.text for code in zxingcpp.read_barcodes(view, formats=zxingcpp.BarcodeFormat.QRCode)
    ]


def pdf_pages(pdf: bytes) -> int:
    """The page count of a PDF Chromium printed (its page objects are not compressed)."""
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


# (a) A manager invites, a new hire joins from the link, the invite counts down; revoking


def test_manager_invites_in_the_app_and_the_new_hire_joins_from_the_qr_link(
    new_phone: Any,
    admin_api: Api,
    api_as: Callable[[Person], Api],
    store: dict[str, Any],
    join_as: JoinAs,
    live_server: LiveServer,
) -> None:
    manager = join_as("store_manager", store)
    boss: Page = new_phone()
    boss_requests = record_requests(boss)
    log_in(boss, manager.username, manager.password)

    boss.goto("/team/invites")
    expect(boss.get_by_role("heading", level=1)).to_have_text(NL["invites.title"])
    expect(boss.get_by_test_id("invites-empty")).to_be_visible()
    # Managers invite to their own store only, and never bulk-import.
    expect(boss.get_by_test_id("invites-store")).to_have_count(0)
    expect(boss.get_by_test_id("invites-import")).to_have_count(0)
    expect(boss.get_by_test_id("invites-back-team")).to_have_attribute("href", "/team")

    boss.get_by_test_id("invites-new").click()
    form = boss.get_by_test_id("invite-form")
    expect(form).to_be_visible()
    expect(boss.get_by_test_id("invite-store-fixed")).to_have_text(store["name"])
    # A manager hands out staff and manager roles, nothing above.
    expect(form.get_by_role("radio")).to_have_count(2)
    expect(boss.get_by_test_id("invite-role-hq")).to_have_count(0)
    expect(boss.get_by_test_id("invite-role-staff")).to_be_checked()
    expect(boss.get_by_test_id("invite-expiry-7")).to_have_attribute("aria-pressed", "true")
    boss.get_by_test_id("invite-uses").fill("2")
    with boss.expect_response(
        lambda r: r.request.method == "POST" and r.url.endswith("/api/v1/invites")
    ) as created:
        boss.get_by_test_id("invite-create").click()
    assert created.value.status == 201
    invite = created.value.json()
    assert (invite["store_id"], invite["role"], invite["max_uses"]) == (store["id"], "staff", 2)

    # The invite's page: the code in large type and a QR code of the join link.
    expect(boss).to_have_url(f"{live_server.url}/team/invites/{invite['id']}")
    code = boss.get_by_test_id("invite-code")
    expect(code).to_have_text(invite["code"])
    assert re.fullmatch(r"[0-9A-Z]{5}-[0-9A-Z]{5}", invite["code"])
    qr = boss.get_by_test_id("invite-qr")
    expect(qr).to_be_visible()
    box = qr.bounding_box()
    assert box and box["width"] >= 250, f"too small to scan from another phone: {box}"
    assert scan_qr(qr.screenshot(scale="css")) == [invite["url"]]
    assert invite["url"] == f"{live_server.url}/join/{invite['code']}"
    # The screens came as managers' chunks, fetched when opened.
    assert any("/assets/manage-InviteList-" in url for url in boss_requests)

    # Share: Chromium on Linux has no share sheet, so the link and code go to the clipboard.
    boss.context.grant_permissions(["clipboard-read", "clipboard-write"])
    boss.get_by_test_id("invite-share").click()
    expect(boss.get_by_test_id("invite-share-status")).to_have_text(NL["invites.copied"])
    copied = boss.evaluate("() => navigator.clipboard.readText()")
    assert invite["url"] in copied and invite["code"] in copied

    # The new hire scans the QR code (opens its link) on their own phone.
    newcomer: Page = new_phone()
    name, username = "Noor Jansen", unique("noor.")
    join_in_browser(
        newcomer, invite["url"], name=name, username=username, password="pw-" + secrets.token_hex(6)
    )
    expect(newcomer).to_have_url(f"{live_server.url}/")
    expect(newcomer.get_by_test_id("home-greeting")).to_have_text(
        fill(NL["home.greeting"], name=name)
    )
    expect(newcomer.get_by_test_id("home-store")).to_have_text(store["name"])
    joined = [p for p in admin_api.users_of_store(store["id"]) if p["username"] == username]
    assert [(p["role"], p["store_id"]) for p in joined] == [("staff", store["id"])]

    # One use fewer in the manager's list...
    boss.goto("/team/invites")
    row = boss.get_by_test_id("invite-row").filter(has_text=invite["code"])
    expect(row.get_by_test_id("invite-uses-left")).to_have_text(
        fill(NL["invites.usesLeft"], left=1, max=2)
    )
    # ...and gone once used up.
    admin_api.join(
        invite["code"], name="Tweede", username=unique("tweede."), password="pw-12345678"
    )
    boss.reload()
    expect(boss.get_by_test_id("invites-empty")).to_be_visible()
    expect(boss.get_by_test_id("invite-row")).to_have_count(0)

    # Revoke: asked first, then the code stops working.
    manager_api = api_as(manager)
    doomed = manager_api.create_invite(store["id"], max_uses=5)
    boss.reload()
    row = boss.get_by_test_id("invite-row").filter(has_text=doomed["code"])
    dialogs: list[str] = []

    def answer(dialog: Any) -> None:
        dialogs.append(dialog.message)
        if len(dialogs) == 1:
            dialog.dismiss()
        else:
            dialog.accept()

    boss.on("dialog", answer)
    row.get_by_test_id("invite-revoke").click()  # dismissed: nothing happens
    expect(row).to_be_visible()
    row.get_by_test_id("invite-revoke").click()
    expect(boss.get_by_test_id("invites-notice")).to_have_text(
        fill(NL["invites.revoked"], code=doomed["code"])
    )
    expect(boss.get_by_test_id("invite-row")).to_have_count(0)
    assert len(dialogs) == 2 and doomed["code"] in dialogs[0]
    assert open_invites(manager_api, store["id"]) == []
    refused = httpx.post(
        f"{live_server.url}/api/v1/auth/join",
        json={
            "code": doomed["code"],
            "name": "Te laat",
            "username": unique("laat."),
            "password": "pw-12345678",
        },
        timeout=10,
    )
    assert refused.status_code in (400, 410), refused.text
    no_page_errors(boss)
    no_page_errors(newcomer)


def test_staff_get_no_invite_screens(page: Page, staff: Person) -> None:
    requests = record_requests(page)
    log_in(page, staff.username, staff.password)
    for path in ("/team/invites", "/team/invites/new", "/team/import"):
        page.goto(path)
        expect(page.get_by_test_id("forbidden")).to_be_visible()
    assert not [url for url in requests if "/assets/manage-" in url]
    no_page_errors(page)


def test_invite_screens_fit_a_360_px_phone_held_in_one_hand(
    new_phone: Any, api_as: Callable[[Person], Api], store: dict[str, Any], join_as: JoinAs
) -> None:
    manager = join_as("store_manager", store)
    invite = api_as(manager).create_invite(store["id"], max_uses=5)
    phone: Page = new_phone(viewport={"width": 360, "height": 640})
    log_in(phone, manager.username, manager.password)
    screens = {
        "/team/invites": "invite-revoke",
        "/team/invites/new": "invite-create",
        f"/team/invites/{invite['id']}": "invite-share",
        f"/team/invites/{invite['id']}/print": "poster-print",
    }
    for path, action in screens.items():
        phone.goto(path)
        button = phone.get_by_test_id(action).first
        expect(button).to_be_visible()
        width = phone.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
        assert width[0] <= width[1], f"{path} scrolls sideways: {width}"
        box = button.bounding_box()
        assert box and box["height"] >= 44 and box["width"] >= 44, (path, box)
    no_page_errors(phone)


# (b) The poster for the stockroom wall


def test_printed_poster_has_a_qr_code_that_scans_to_the_invite_link(
    new_phone: Any,
    api_as: Callable[[Person], Api],
    store: dict[str, Any],
    join_as: JoinAs,
    live_server: LiveServer,
) -> None:
    manager = join_as("store_manager", store)
    invite = api_as(manager).create_invite(store["id"], max_uses=50)
    boss: Page = new_phone()
    log_in(boss, manager.username, manager.password)
    boss.goto(f"/team/invites/{invite['id']}")
    boss.get_by_test_id("invite-print").click()
    expect(boss).to_have_url(f"{live_server.url}/team/invites/{invite['id']}/print")

    poster = boss.get_by_test_id("poster")
    expect(boss.get_by_test_id("poster-store")).to_have_text(store["name"])
    expect(boss.get_by_test_id("poster-code")).to_have_text(invite["code"])
    steps = boss.get_by_test_id("poster-steps").get_by_role("listitem")
    expect(steps).to_have_count(3)
    expect(steps.nth(0)).to_have_text(fill(NL["poster.step1"], url=invite["url"]))
    expect(poster).to_have_attribute("lang", "nl")

    # The store's language: English at a tap, the app itself stays Dutch.
    boss.get_by_test_id("poster-lang-en").click()
    expect(poster).to_have_attribute("lang", "en")
    expect(steps.nth(1)).to_have_text(EN["poster.step2"])
    expect(boss.get_by_role("heading", level=1)).to_have_text(NL["poster.title"])

    # On screen the QR code scans...
    assert scan_qr(boss.get_by_test_id("poster-qr").screenshot(scale="css")) == [invite["url"]]

    # ...and printed: only the poster, without the app's bars or the buttons, laid out on A4
    # (210 mm less 2 x 12 mm margin is 703 CSS px wide) whatever the phone's screen.
    boss.set_viewport_size({"width": 703, "height": 1031})
    boss.emulate_media(media="print")
    for hidden in (
        "header.app-header",
        "nav.bottom-nav",
        "[data-testid=poster-lang]",
        "[data-testid=poster-print]",
    ):
        expect(boss.locator(hidden)).to_be_hidden()
    expect(poster).to_be_visible()
    qr = boss.get_by_test_id("poster-qr")
    assert scan_qr(qr.screenshot(scale="css")) == [invite["url"]]
    box = qr.bounding_box()
    # 115 mm on paper is 435 CSS px (96 per inch).
    assert box and box["width"] > 430, box
    # One A4 page (595 x 842 pt).
    pdf = boss.pdf(prefer_css_page_size=True, print_background=True)
    assert pdf_pages(pdf) == 1
    assert re.search(rb"/MediaBox\s*\[\s*0 0 59[45](?:\.\d+)? 84[12](?:\.\d+)?\s*\]", pdf)
    no_page_errors(boss)


# (c) Bulk onboarding by head office


def csv_file(name: str, text: str) -> dict[str, Any]:
    return {"name": name, "mimeType": "text/csv", "buffer": text.encode()}


def test_hq_imports_invites_for_two_stores_and_gets_a_sheet_per_store(
    new_phone: Any,
    admin_api: Api,
    store: dict[str, Any],
    new_store: Callable[[], dict[str, Any]],
    join_as: JoinAs,
) -> None:
    other = new_store()
    office = join_as("hq")
    phone: Page = new_phone()
    log_in(phone, office.username, office.password)
    phone.goto("/team/invites")
    phone.get_by_test_id("invites-import").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(NL["import.title"])
    expect(phone.get_by_test_id("import-sample")).to_contain_text("store_code,role,uses")

    text = (
        "store_code,role,uses\n"
        f"{store['code']},staff,25\n"
        f"{other['code']},staff,10\n"
        f"{store['code']},store_manager,1\n"
    )
    phone.get_by_test_id("import-file").set_input_files(csv_file("invites.csv", text))
    phone.get_by_test_id("import-submit").click()

    sheet = phone.get_by_test_id("code-sheet")
    expect(sheet).to_be_visible()
    sections = sheet.get_by_test_id("sheet-store")
    expect(sections).to_have_count(2)
    by_store = {section.get_attribute("data-store-id"): section for section in sections.all()}
    assert set(by_store) == {str(store["id"]), str(other["id"])}
    first = by_store[str(store["id"])]
    expect(first.get_by_role("heading")).to_have_text(store["name"])
    expect(first.get_by_test_id("sheet-entry")).to_have_count(2)
    expect(by_store[str(other["id"])].get_by_test_id("sheet-entry")).to_have_count(1)
    made = open_invites(admin_api, store["id"])
    assert sorted(i["role"] for i in made) == ["staff", "store_manager"]
    codes = first.get_by_test_id("sheet-entry-code").all_inner_texts()
    assert sorted(codes) == sorted(i["code"] for i in made)
    # Printed: the form is left out and each store starts on a page of its own.
    phone.emulate_media(media="print")
    expect(phone.get_by_test_id("import-form")).to_be_hidden()
    expect(sheet.get_by_test_id("sheet-print")).to_be_hidden()
    assert pdf_pages(phone.pdf(prefer_css_page_size=True)) == 2
    no_page_errors(phone)


def test_a_file_with_a_bad_line_shows_that_line_and_creates_nothing(
    new_phone: Any,
    admin_api: Api,
    store: dict[str, Any],
    join_as: JoinAs,
) -> None:
    office = join_as("hq")
    phone: Page = new_phone()
    log_in(phone, office.username, office.password)
    phone.goto("/team/import")
    text = (
        "store_code,role,uses\n"
        f"{store['code']},staff,25\n"
        "NO-SUCH-STORE,staff,5\n"
        f"{store['code']},staff,many\n"
    )
    phone.get_by_test_id("import-file").set_input_files(csv_file("invites.csv", text))
    phone.get_by_test_id("import-submit").click()

    rows = phone.get_by_test_id("import-error-row")
    expect(rows.first).to_be_visible()
    lines = rows.evaluate_all("(rows) => rows.map((row) => row.dataset.line)")
    assert lines == ["3", "4"], lines
    bad = rows.filter(has=phone.locator("[data-testid=import-error-line]", has_text="3"))
    expect(bad.get_by_test_id("import-error-column")).to_have_text("store_code")
    expect(bad.get_by_test_id("import-error-message")).to_contain_text("NO-SUCH-STORE")
    expect(phone.get_by_test_id("import-errors-summary")).to_have_text(
        fill(NL["import.errorsLines"], lines="3, 4")
    )
    expect(phone.get_by_test_id("code-sheet")).to_have_count(0)
    # All or nothing: the good line 2 made no invite either.
    assert open_invites(admin_api, store["id"]) == []
    no_page_errors(phone)


def test_hq_imports_accounts_and_gets_their_sign_in_codes_per_store(
    new_phone: Any,
    admin_api: Api,
    store: dict[str, Any],
    new_store: Callable[[], dict[str, Any]],
    join_as: JoinAs,
) -> None:
    other = new_store()
    office = join_as("hq")
    phone: Page = new_phone()
    log_in(phone, office.username, office.password)
    phone.goto("/team/import")
    phone.get_by_test_id("import-kind-accounts").check()
    expect(phone.get_by_test_id("import-sample")).to_contain_text("name,username,store_code,role")
    sam, mira = unique("sam."), unique("mira.")
    text = (
        "name,username,store_code,role\n"
        f"Sam Vermeer,{sam},{store['code']},staff\n"
        f"Mira de Boer,{mira},{other['code']},store_manager\n"
    )
    phone.get_by_test_id("import-file").set_input_files(csv_file("people.csv", text))
    phone.get_by_test_id("import-submit").click()

    sections = phone.get_by_test_id("sheet-store")
    expect(sections).to_have_count(2)
    titles = phone.get_by_test_id("sheet-entry-title").all_inner_texts()
    assert sorted(titles) == ["Mira de Boer", "Sam Vermeer"]
    people = admin_api.users_of_store(store["id"])
    assert [(p["username"], p["role"]) for p in people] == [(sam, "staff")]
    no_page_errors(phone)
