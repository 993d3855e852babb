"""Measuring request latency in-process over the ASGI app, next to a bare FastAPI endpoint.

Requests go through httpx's ASGITransport inside one event loop: no sockets and no test-client
thread hop, so the figures are the app's own cost.
"""

import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
from fastapi import FastAPI

from api.bootstrap import migrate
from api.config import Settings
from tests.support.app_settings import app_settings

# Signs the benchmark's own tokens; never used outside a throwaway database.
KEY = "bench-secret-key-bench-secret-key-bench-secret"


@dataclass(frozen=True)
class Latency:
    name: str
    p50_ms: float
    p95_ms: float

    def line(self, baseline: "Latency | None" = None) -> str:
        text = f"{self.name:<40} p50 {self.p50_ms:7.2f} ms   p95 {self.p95_ms:7.2f} ms"
        if baseline is not None:
            text += f"   x{self.p95_ms / baseline.p95_ms:5.1f} bare p95"
        return text


async def measure(
    name: str, call: Callable[[], Awaitable[object]], *, warmup: int = 20, runs: int = 300
) -> Latency:
    for _ in range(warmup):
        await call()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        await call()
        samples.append((time.perf_counter() - start) * 1000)
    quantiles = statistics.quantiles(samples, n=100)
    return Latency(name, p50_ms=statistics.median(samples), p95_ms=quantiles[94])


def migrated_settings(var_dir: Path, database_url: str) -> Settings:
    """Settings for an app over a benchmark database, migrated to the newest schema."""
    settings = app_settings(database_url, var_dir, secret_key=KEY)
    migrate(settings.sqlalchemy_url)
    return settings


def client_for(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench")


async def bare_baseline() -> Latency:
    """The floor: a FastAPI endpoint that returns a constant JSON object, same client."""
    bare = FastAPI()

    @bare.get("/bare")
    def _bare() -> dict[str, str]:
        return {"status": "ok"}

    async with client_for(bare) as client:
        return await measure("bare FastAPI JSON endpoint", lambda: client.get("/bare"))
