"""The real server in a subprocess, started the way it is deployed (`python -m api.cli serve`).

It gets a free port, its own temporary var dir, SQLite file and secret, and nothing of the outer
environment's WINKELPRAAT_* settings; it migrates and creates the bootstrap admin on start. The
end-to-end tests and `python -m bench pwa` both run it.
"""

import os
import secrets
import shutil
import socket
import string
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.support import clock_shift

PROJECT_ROOT = Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class LiveServer:
    url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


class ServerDidNotStart(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(
    *, pwa_dist: Path, admin_username: str, admin_password: str, prefix: str
) -> Iterator[LiveServer]:
    """Serve `pwa_dist` on a free port until the block ends; `prefix` names the temporary dir."""
    var_dir = Path(tempfile.mkdtemp(prefix=prefix))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    # Nothing from the outer environment (tests/conftest.py sets some, a developer's shell may
    # set WINKELPRAAT_REDIS_URL or WINKELPRAAT_DATABASE_URL) may reach the server.
    env = {k: v for k, v in os.environ.items() if not k.startswith("WINKELPRAAT_")}
    for name in ("WEB_CONCURRENCY", "HOST", "PORT"):
        env.pop(name, None)
    alphabet = string.ascii_letters + string.digits
    env.update(
        {
            "WINKELPRAAT_VAR_DIR": str(var_dir),
            "WINKELPRAAT_DATABASE_URL": f"sqlite:///{var_dir / 'winkelpraat.db'}",
            "WINKELPRAAT_SECRET_KEY": "".join(secrets.choice(alphabet) for _ in range(48)),
            "WINKELPRAAT_ENV": "test",
            "WINKELPRAAT_ADMIN_USERNAME": admin_username,
            "WINKELPRAAT_ADMIN_PASSWORD": admin_password,
            "WINKELPRAAT_PUBLIC_URL": url,
            "WINKELPRAAT_PWA_DIST": str(pwa_dist),
            "PYTHONUNBUFFERED": "1",
        }
    )
    log_path = var_dir / "server.log"
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(
            clock_shift.python_command(
                "-m", "api.cli", "serve", "--host", "127.0.0.1", "--port", str(port)
            ),
            cwd=PROJECT_ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    server = LiveServer(url=url, process=process, log_path=log_path)
    try:
        _wait_until_healthy(server)
        yield server
    finally:
        stop(server)
        shutil.rmtree(var_dir, ignore_errors=True)


def stop(server: LiveServer) -> None:
    """Terminate the server (kill it if it does not go); nothing happens if it already ended."""
    if server.process.poll() is not None:
        return
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait(timeout=5)


def _wait_until_healthy(server: LiveServer) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    last_error = "no answer yet"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            code = server.process.returncode
            raise ServerDidNotStart(
                f"the server exited with {code} while starting:\n{server.log()}"
            )
        try:
            response = httpx.get(f"{server.url}/api/health", timeout=2)
            if response.status_code == 200:
                return
            last_error = f"{response.status_code} {response.text}"
        except httpx.TransportError as exc:
            last_error = repr(exc)
        time.sleep(0.1)
    raise ServerDidNotStart(
        f"the server was not healthy within {STARTUP_TIMEOUT_S:.0f} s ({last_error}):\n"
        f"{server.log()}"
    )
