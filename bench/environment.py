"""What a benchmark ran with, printed first so a figure can be reproduced: the machine, Python,
the lock file's digest and the versions of the packages that decide the figures."""

import hashlib
import os
import platform
import sys
from importlib import metadata
from pathlib import Path

LOCK_FILE = Path(__file__).resolve().parent.parent / "uv.lock"
# The packages on the measured paths: the web stack, the database drivers, push and the tests'
# own client and browser driver.
PACKAGES = (
    "fastapi",
    "starlette",
    "pydantic",
    "sqlalchemy",
    "sqlmodel",
    "psycopg",
    "psycopg-binary",
    "uvicorn",
    "httpx",
    "huey",
    "redis",
    "pywebpush",
    "aiohttp",
    "cryptography",
    "playwright",
)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def describe() -> str:
    lock = LOCK_FILE.read_bytes() if LOCK_FILE.exists() else b""
    digest = hashlib.sha256(lock).hexdigest()[:12] if lock else "missing"
    lines = [
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform(terse=True)}",
        f"python: {platform.python_implementation()} {sys.version.split()[0]}",
        f"uv.lock: sha256 {digest}",
        "packages: " + ", ".join(f"{name} {_version(name)}" for name in PACKAGES),
    ]
    return "\n".join(lines)
