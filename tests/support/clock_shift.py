"""Run the suite, and the Python processes it starts, with the wall clock moved days ahead.

`pytest --clock-shift-days=400` proves that no test, fixture or piece of code depends on the day
it runs: every date a test writes down has to be relative to the clock, or the run fails.

Why time-machine rather than libfaketime: it moves the clock inside the Python process only
(`datetime.now`, `time.time`, `time.gmtime`, ...), which is exactly what the code under test and
the libraries it calls read (python-jose, pywebpush's VAPID claims, Huey's schedule). The
database servers keep the real time, and that is safe because the app never asks them for the
time: every timestamp is written from `api.common.clock.now()` (tests/test_clock_discipline.py
keeps it so), on SQLite and PostgreSQL alike. `time.monotonic` is not moved, so timeouts,
sleeps and asyncio behave as usual. It comes from the lock file like every other package, with
no system library to preload.

A process the tests start (`python -m api.cli serve`) gets the same shift through
`python_command`, which runs it under this module.
"""

import runpy
import sys
from datetime import UTC, datetime, timedelta

import time_machine

_shift_days = 0


def shift_days() -> int:
    """How many days the clock of this process runs ahead (0: the real clock)."""
    return _shift_days


def start(days: int) -> None:
    """Move this process's wall clock `days` ahead from now on; it keeps ticking."""
    global _shift_days
    if days == 0:
        return
    time_machine.travel(datetime.now(UTC) + timedelta(days=days), tick=True).start()
    _shift_days = days


def python_command(*args: str) -> list[str]:
    """`python ARGS` as a subprocess command that runs with this process's clock shift."""
    if _shift_days == 0:
        return [sys.executable, *args]
    return [sys.executable, "-m", "tests.support.clock_shift", str(_shift_days), *args]


def _main(argv: list[str]) -> None:
    # python -m tests.support.clock_shift DAYS -m module args...  or  DAYS -c code args...
    days, flag, target, *rest = argv
    start(int(days))
    if flag == "-m":
        sys.argv = [target, *rest]
        runpy.run_module(target, run_name="__main__", alter_sys=True)
    elif flag == "-c":
        sys.argv = ["-c", *rest]
        exec(compile(target, "<string>", "exec"), {"__name__": "__main__"})  # noqa: S102
    else:
        raise SystemExit(f"clock_shift: expected -m MODULE or -c CODE, got {flag!r}")


if __name__ == "__main__":
    _main(sys.argv[1:])
