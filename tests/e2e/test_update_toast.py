"""A new release reaches phones without surprising anyone: the new service worker waits, the app
says "update available", and only the tap on reload lets the new version take over."""

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import (
    ADMIN_PASSWORD,
    ADMIN_USERNAME,
    PWA_DIST,
    catalogue,
    no_page_errors,
    wait_for_service_worker_control,
)
from tests.support.live_server import LiveServer, running_server

pytestmark = pytest.mark.e2e

NL = catalogue("nl")
HAS_WAITING_WORKER = "async () => !!(await navigator.serviceWorker.getRegistration()).waiting"


@pytest.fixture
def release_dir(tmp_path: Path) -> Path:
    """A copy of the built app that this test can "release" a new version into."""
    dist = tmp_path / "dist"
    shutil.copytree(PWA_DIST, dist)
    return dist


@pytest.fixture
def own_server(release_dir: Path) -> Iterator[LiveServer]:
    with running_server(
        pwa_dist=release_dir,
        admin_username=ADMIN_USERNAME,
        admin_password=ADMIN_PASSWORD,
        prefix="winkelpraat-update-",
    ) as server:
        yield server


def release_new_version(dist: Path) -> None:
    """What a deploy does to a phone's point of view: a service worker that differs by a byte."""
    worker = dist / "sw.js"
    worker.write_text(worker.read_text(encoding="utf-8") + "\n// release 2\n", encoding="utf-8")


def check_for_update(page: Page) -> None:
    """What the app does every hour and the browser on navigations."""
    page.evaluate("async () => (await navigator.serviceWorker.getRegistration()).update()")


def test_a_new_version_waits_until_the_reload_is_tapped(
    new_phone: Callable[..., Page], own_server: LiveServer, release_dir: Path
) -> None:
    page = new_phone(base_url=own_server.url)
    page.goto("/login")
    wait_for_service_worker_control(page)
    toast = page.locator(".toast").filter(has_text=NL["update.available"])
    expect(toast).to_have_count(0)

    release_new_version(release_dir)
    check_for_update(page)
    expect(toast).to_be_visible()
    # The new worker is installed but waits: the old one keeps serving this page, so a
    # half-written form is never lost to a surprise reload.
    assert page.evaluate(HAS_WAITING_WORKER) is True

    # "Not now" hides the toast and changes nothing.
    toast.get_by_role("button", name=NL["common.dismiss"]).click()
    expect(toast).to_have_count(0)
    assert page.evaluate(HAS_WAITING_WORKER) is True

    # The next check offers it again; the tap lets the new version take over and reloads.
    page.reload()
    check_for_update(page)
    expect(toast).to_be_visible()
    with page.expect_navigation():
        toast.get_by_role("button", name=NL["update.reload"]).click()
    page.wait_for_function(f"async () => !(await ({HAS_WAITING_WORKER})())")
    assert page.evaluate("() => navigator.serviceWorker.controller !== null")
    expect(toast).to_have_count(0)
    no_page_errors(page)
