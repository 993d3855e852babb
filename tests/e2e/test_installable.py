"""The app can be added to a phone's home screen: a complete manifest and a service worker."""

import re
import struct
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page, Playwright, expect

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, PHONE, LiveServer, no_page_errors

pytestmark = pytest.mark.e2e

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    assert data[:8] == PNG_SIGNATURE, "not a PNG"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_manifest_is_linked_and_complete_with_working_icons(
    page: Page, live_server: LiveServer
) -> None:
    page.goto("/")
    link = page.locator('head link[rel="manifest"]')
    expect(link).to_have_count(1)
    manifest_url = urljoin(live_server.url + "/", link.get_attribute("href") or "")
    assert manifest_url.startswith(live_server.url)

    response = page.request.get(manifest_url)
    assert response.status == 200
    manifest = response.json()
    assert manifest["name"] == "Winkelpraat"
    assert manifest["short_name"]
    assert urljoin(manifest_url, manifest["start_url"]) == f"{live_server.url}/"
    assert manifest["display"] == "standalone"
    # A stable identity (the same installed app across start_url changes) and what the
    # install dialog and the phone's app list show.
    assert urljoin(manifest_url, manifest["id"]) == f"{live_server.url}/"
    assert manifest["description"].strip()
    assert manifest["lang"] == "nl"
    for colour in ("theme_color", "background_color"):
        assert re.fullmatch(r"#[0-9a-fA-F]{6}", manifest[colour]), colour

    icons = manifest["icons"]
    sizes = {size for icon in icons for size in icon["sizes"].split()}
    assert {"192x192", "512x512"} <= sizes
    assert any("maskable" in icon.get("purpose", "any").split() for icon in icons)
    for icon in icons:
        icon_response = page.request.get(urljoin(manifest_url, icon["src"]))
        assert icon_response.status == 200, icon["src"]
        assert icon_response.headers["content-type"] == "image/png", icon["src"]
        # The declared size is the real size (a browser refuses an icon that lies).
        width, height = png_size(icon_response.body())
        assert f"{width}x{height}" in icon["sizes"].split(), icon["src"]
    no_page_errors(page)


def test_chromium_finds_the_app_installable(
    playwright: Playwright, live_server: LiveServer, tmp_path: Path
) -> None:
    # Chromium checks installability only outside incognito, and every new_context() is
    # incognito; so this test uses a profile on disk, like a real phone's browser.
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=CHROMIUM,
        headless=True,
        args=CHROMIUM_ARGS,
        base_url=live_server.url,
        **PHONE,  # type: ignore[arg-type]
    )
    try:
        page = context.pages[0] if context.pages else context.new_page()
        page.goto("/")
        page.evaluate("async () => { await navigator.serviceWorker.ready; }")
        cdp = context.new_cdp_session(page)
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["url"] == f"{live_server.url}/manifest.webmanifest"
        assert manifest["errors"] == []
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    finally:
        context.close()


def test_service_worker_registers_for_the_whole_app(page: Page, live_server: LiveServer) -> None:
    page.goto("/login")
    registration = page.evaluate(
        """async () => {
            const registration = await navigator.serviceWorker.ready;
            return { scope: registration.scope, script: registration.active.scriptURL };
        }"""
    )
    assert registration == {
        "scope": f"{live_server.url}/",
        "script": f"{live_server.url}/sw.js",
    }
    no_page_errors(page)
