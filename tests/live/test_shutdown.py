"""`winkelpraat serve` stops promptly on SIGTERM and SIGINT with an event stream open."""

import os
import signal
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import TEST_SECRET
from tests.live.conftest import free_port
from tests.live.sse import EventStream
from tests.support import clock_shift

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_serve_stops_promptly_with_a_client_connected(signum: int, tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("WINKELPRAAT_")}
    env |= {
        "WINKELPRAAT_VAR_DIR": str(tmp_path),
        "WINKELPRAAT_DATABASE_URL": f"sqlite:///{tmp_path / 'serve.db'}",
        "WINKELPRAAT_SECRET_KEY": TEST_SECRET,
        "WINKELPRAAT_ENV": "test",
        "WINKELPRAAT_ADMIN_USERNAME": "boss",
        "WINKELPRAAT_ADMIN_PASSWORD": "a-long-password",
        "WINKELPRAAT_PWA_DIST": str(tmp_path / "no-pwa"),
    }
    log = (tmp_path / "serve.log").open("wb")
    process = subprocess.Popen(
        clock_shift.python_command(
            "-m", "api.cli", "serve", "--host", "127.0.0.1", "--port", str(port)
        ),
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    stream = None
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None and time.monotonic() < deadline, "did not start"
            try:
                if httpx.get(f"{url}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        token = httpx.post(
            f"{url}/api/v1/auth/token", data={"username": "boss", "password": "a-long-password"}
        ).json()["access_token"]
        stream = EventStream(url, token)
        assert stream.status == 200 and stream.next().comments == ["connected"]

        sent_at = time.monotonic()
        process.send_signal(signum)
        process.wait(timeout=10)
        assert time.monotonic() - sent_at < 5, (tmp_path / "serve.log").read_text()
        assert stream.ended(5)
    finally:
        if stream is not None:
            stream.close()
        if process.poll() is None:
            process.kill()
            process.wait(5)
        log.close()
