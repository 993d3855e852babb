"""What a benchmark ran with, printed first so a figure can be reproduced: the machine, Python,
the digest of the Python locks (requirements/) and the versions of the packages that decide the
figures."""

import hashlib
import os
import platform
import sys
from importlib import metadata
from pathlib import Path

LOCKS = Path(__file__).resolve().parent.parent / "requirements"
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
    locks = b"".join(path.read_bytes() for path in sorted(LOCKS.glob("*.txt")))
    digest = hashlib.sha256(locks).hexdigest()[:12] if locks else "missing"
    lines = [
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform(terse=True)}",
        f"python: {platform.python_implementation()} {sys.version.split()[0]}",
        f"locks (requirements/*.txt): sha256 {digest}",
        "packages: " + ", ".join(f"{name} {_version(name)}" for name in PACKAGES),
    ]
    return "\n".join(lines)
