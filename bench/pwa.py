"""python -m bench pwa: what a part-timer's phone pays for the app itself.

(a) The shell's gzipped JS and CSS, from pwa/scripts/size.mjs (budget 60 KB).
(b) Time to the first feed item on a repeat visit with 4x CPU throttling: online, then with the
    network off (CDP Network.emulateNetworkConditions) and the server stopped, so the shell comes
    from the precache and the feed from the service worker's API cache. Measured in the page from
    navigation start (performance.now()) to a MutationObserver seeing the first feed card.
(c) Lighthouse 12 performance and accessibility on a signed-in person's feed, mobile preset.

A real server is started as for the end-to-end tests (tests/support/live_server.py: `python -m
api.cli serve`, its own SQLite file), with a store, a signed-in staff member and 25 posts. The
goals are printed as information next to the figures; nothing here fails on time.

BENCH_PWA_DIST picks another build than pwa/dist (e.g. `vite build --outDir /tmp/x`).
"""

import json
import os
import secrets
import shutil
import statistics
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from playwright.sync_api import CDPSession, Page, sync_playwright

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, PHONE, Api
from tests.support.live_server import LiveServer, running_server, stop

ROOT = Path(__file__).resolve().parents[1]
DIST = Path(os.environ.get("BENCH_PWA_DIST") or ROOT / "pwa" / "dist")
SIZE_SCRIPT = ROOT / "pwa" / "scripts" / "size.mjs"
LIGHTHOUSE_DIR = ROOT / "bench" / "lighthouse"
RUNS = 10
CPU_SLOWDOWN = 4
SCORE_GOAL = 0.95
POSTS = 25
ADMIN = "bench.admin"

# Installed by a document-start script: the moment the first feed card is in the DOM, in ms
# since navigation start.
FIRST_CARD = """
(() => {
  const seen = () => document.querySelector('[data-testid="news-card"]');
  const observer = new MutationObserver(() => {
    if (window.__firstCard === undefined && seen()) {
      window.__firstCard = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
})();
"""


def run() -> None:
    print("\n[pwa] the app on a phone")
    if not (DIST / "index.html").is_file():
        print(f"  {DIST} has no build: run `cd pwa && npm run build` (make bench does)")
        return
    shell_size()
    with serve(DIST) as (server, person):
        lighthouse(server, person)
        first_card_times(server, person)


def node() -> str:
    found = shutil.which("node")
    if found is None:
        raise SystemExit("node is missing: the PWA part of the bench needs Node.js 20")
    return found


def shell_size() -> None:
    """Run size.mjs itself on DIST (via symlinks in its folder layout when DIST is elsewhere)."""
    with tempfile.TemporaryDirectory(prefix="winkelpraat-size-") as tmp:
        script = SIZE_SCRIPT
        if DIST.resolve() != (ROOT / "pwa" / "dist").resolve():
            (Path(tmp) / "scripts").mkdir()
            script = Path(tmp) / "scripts" / "size.mjs"
            script.symlink_to(SIZE_SCRIPT)
            (Path(tmp) / "dist").symlink_to(DIST.resolve())
        # --preserve-symlinks-main: size.mjs finds dist/ next to the link, not next to the file.
        done = subprocess.run(  # noqa: S603 (fixed arguments, nothing from outside)
            [node(), "--preserve-symlinks-main", str(script)],
            capture_output=True,
            text=True,
            check=False,
        )
    print("(a) shell JS+CSS, gzipped (pwa/scripts/size.mjs)")
    for line in done.stdout.splitlines():
        print(f"    {line}")
    if done.returncode:
        print(f"    {done.stderr.strip()}")


@contextmanager
def serve(dist: Path) -> Iterator[tuple[LiveServer, dict[str, Any]]]:
    """The real server on a free port with a store, a staff member (signed in) and posts."""
    password = "bench-" + secrets.token_urlsafe(12)
    with running_server(
        pwa_dist=dist,
        admin_username=ADMIN,
        admin_password=password,
        prefix="winkelpraat-bench-pwa-",
    ) as server:
        yield server, make_people(server.url, password)


def make_people(url: str, admin_password: str) -> dict[str, Any]:
    admin = Api(url)
    try:
        admin.sign_in(ADMIN, admin_password)
        region = admin.create_region("Bench")
        store = admin.create_store(code="BENCH-1", name="Filiaal Bench", region_id=region["id"])
        invite = admin.create_invite(store["id"])
        password = "bench-" + secrets.token_urlsafe(10)
        username = f"bench.{uuid.uuid4().hex[:6]}"
        admin.join(invite["code"], name="Sam Bench", username=username, password=password)
        for n in range(POSTS):
            body = f"Bericht {n} voor het filiaal. " * 12
            admin.create_post(title=f"Nieuws {n}: de nieuwe planning", body=body)
        person = Api(url)
        try:
            return person.sign_in(username, password)
        finally:
            person.close()
    finally:
        admin.close()


def lighthouse(server: LiveServer, tokens: dict[str, Any]) -> None:
    print("(c) Lighthouse 12 on the feed, signed in, mobile preset (first visit)")
    if not (LIGHTHOUSE_DIR / "node_modules" / "lighthouse").is_dir():
        print("    skipped: bench/lighthouse is not installed (make bench runs npm ci there)")
        return
    request = {
        "origin": server.url,
        "access_token": tokens["access_token"],
        "refresh_token": tokens["refresh_token"],
    }
    done = subprocess.run(  # noqa: S603 (fixed arguments; the tokens go through stdin)
        [node(), str(LIGHTHOUSE_DIR / "run.mjs")],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", CHROMIUM)},
        check=False,
    )
    if done.returncode:
        print(f"    Lighthouse failed: {done.stderr.strip()[-800:]}")
        return
    report = json.loads(done.stdout)
    if report["finalUrl"].rstrip("/") != server.url:
        print(f"    note: the page ended at {report['finalUrl']} (not signed in?)")
    for category, score in report["scores"].items():
        print(f"    {category:<14} {score:4.2f}   (goal >= {SCORE_GOAL:.2f})")
    print("    " + ", ".join(f"{k} {v}" for k, v in report["metrics"].items()))
    if min(report["scores"].values()) < SCORE_GOAL:
        for name, lines in report["diagnostics"].items():
            print(f"    {name}:")
            for line in lines:
                print(f"        {line}")
    for problem in report["problems"]:
        print(
            f"    below 0.9: [{problem['category']}] {problem['id']} "
            f"score {problem['score']:.2f} weight {problem['weight']} {problem['value']}"
        )
        for item in problem["items"]:
            print(f"        {item}")


def first_card_times(server: LiveServer, tokens: dict[str, Any]) -> None:
    print(f"(b) first feed card on a repeat visit, {CPU_SLOWDOWN}x CPU slowdown, {RUNS} runs")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(base_url=server.url, **PHONE)  # type: ignore[arg-type]
        context.add_init_script(FIRST_CARD)
        page = context.new_page()
        # Signed in without the login form: the tokens where the app keeps them.
        page.goto("/api/health")
        page.evaluate(
            "([a, r]) => { localStorage.setItem('wp.access_token', a);"
            " localStorage.setItem('wp.refresh_token', r); }",
            [tokens["access_token"], tokens["refresh_token"]],
        )
        page.goto("/")
        page.wait_for_function("() => window.__firstCard !== undefined")
        page.evaluate("async () => { await navigator.serviceWorker.ready; }")
        page.reload()  # controlled from here on; the feed's answer is now in the API cache
        page.wait_for_function("() => navigator.serviceWorker.controller !== null")
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")

        online = time_runs(page, cdp)
        stop(server)  # the server is gone for real, not only the page's network
        httpx_refused(server.url)
        cdp.send(
            "Network.emulateNetworkConditions",
            {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
        )
        offline = time_runs(page, cdp)
        context.close()
        browser.close()

    print(f"    online  (server up)        {summary(online)}")
    print(f"    offline (server stopped)   {summary(offline)}")
    ratio = statistics.median(offline) / statistics.median(online)
    print(f"    offline / online median    x{ratio:4.2f}   (goal: offline no slower than online)")


def time_runs(page: Page, cdp: CDPSession) -> list[float]:
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    samples = []
    for _ in range(RUNS + 1):
        page.reload()
        page.wait_for_function("() => window.__firstCard !== undefined", timeout=30_000)
        samples.append(float(page.evaluate("window.__firstCard")))
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
    return samples[1:]  # the first load after a change warms up


def summary(samples: list[float]) -> str:
    p95 = statistics.quantiles(samples, n=20, method="inclusive")[18]
    return f"median {statistics.median(samples):7.1f} ms   p95 {p95:7.1f} ms"


def httpx_refused(url: str) -> None:
    """Make sure the server really is unreachable before measuring 'offline'."""
    try:
        httpx.get(f"{url}/api/health", timeout=2)
    except httpx.TransportError:
        return
    raise RuntimeError("the server still answers after being stopped")
