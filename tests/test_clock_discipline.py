"""Every "now" in the app comes from api.common.clock, so tests can move time for all of it.

A wall-clock read elsewhere in api/ (or a library that does one for us, as python-jose did with
`require_exp`) makes a test pass or fail by the day it runs. The suite is also run with the
clock 400 days ahead (`make test`, `--clock-shift-days`) to catch what this scan cannot see.
"""

import ast
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from time_machine import escape_hatch

from tests.support import clock_shift
from tests.support.live_server import running_server

API = Path(__file__).resolve().parent.parent / "api"
CLOCK_MODULE = API / "common" / "clock.py"
# (object, attribute) pairs that read the machine's date or time of day.
WALL_CLOCK_READS = {
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("datetime", "today"),
    ("date", "today"),
    ("time", "time"),
    ("time", "time_ns"),
    ("time", "localtime"),
    ("time", "gmtime"),
}


def _wall_clock_reads(source: str, where: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source, filename=where)):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        owner = node.func.value
        name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", None)
        if (name, node.func.attr) in WALL_CLOCK_READS:
            found.append(f"{where}:{node.lineno} {name}.{node.func.attr}()")
    return found


def test_only_the_clock_module_reads_the_wall_clock() -> None:
    reads = [
        read
        for path in sorted(API.rglob("*.py"))
        if path != CLOCK_MODULE
        for read in _wall_clock_reads(path.read_text(), str(path.relative_to(API.parent)))
    ]
    assert reads == [], "use api.common.clock.now() instead"


def test_the_scan_finds_wall_clock_reads() -> None:
    sample = "import datetime, time\nx = datetime.datetime.now(UTC)\ny = time.time()\n"
    assert _wall_clock_reads(sample, "sample.py") == [
        "sample.py:2 datetime.now()",
        "sample.py:3 time.time()",
    ]


def test_the_process_clock_runs_the_chosen_number_of_days_ahead() -> None:
    # The escape hatch reads the real clock, and only works while travelling.
    real = datetime.fromtimestamp(
        escape_hatch.time.time() if escape_hatch.is_travelling() else time.time(), UTC
    )
    ahead = datetime.now(UTC) - real
    assert abs(ahead - timedelta(days=clock_shift.shift_days())) < timedelta(minutes=1)


def test_a_server_the_tests_start_shares_their_clock(tmp_path: Path) -> None:
    # The HTTP Date header is the server process's wall clock (RFC 9110 §6.6.1).
    with running_server(
        pwa_dist=tmp_path / "no-pwa",
        admin_username="clock.admin",
        admin_password="a-long-enough-password",
        prefix="winkelpraat-clock-",
    ) as server:
        answered = httpx.get(f"{server.url}/api/health", timeout=5).headers["date"]
    server_now = datetime.strptime(answered, "%a, %d %b %Y %H:%M:%S GMT").replace(tzinfo=UTC)
    assert abs(server_now - datetime.now(UTC)) < timedelta(minutes=1)
