"""A local Web Push service for `python -m bench push`, in a process of its own.

The correctness tests use tests/support/push_service.py: a service in a thread of the test's own
process that verifies every VAPID JWT and decrypts every message. On the 2-core benchmark machine
that service's CPU would be charged to the sender it measures (same process, same GIL), so the
benchmark runs this one instead, in a child process (multiprocessing, spawn):

- every request is checked as a push service would: the VAPID header (the ES256 signature
  verified once per distinct JWT with the test service's own verifier, then `k`, `aud`, `exp` and
  `sub` on every request), TTL, Urgency, Topic, Content-Encoding and the 4 KB limit;
- a message is decrypted (aes128gcm, http_ece, with the subscriber's private key) for one request
  in `decrypt_every` (1: every message, as the tests do); its JSON is kept for the report;
- it answers 201 after `delay` seconds (50 ms: what a real push service takes, give or take).

A device's keys follow from its number (a hash of a fixed seed), so the benchmark can store
10,000 subscriptions without shipping 10,000 private keys between processes: the service derives
a subscriber's private key from the token in the endpoint when it decrypts.

Counters come back from `GET /_stats`; `POST /_reset` clears them between runs.
"""

import asyncio
import hashlib
import json
import multiprocessing
import re
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from multiprocessing.connection import Connection
from typing import Any

import http_ece
from aiohttp import web
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from api.push import base64url
from api.push.sender import Target
from tests.support.push_service import PushService, _Refused

_SEED = b"winkelpraat-bench-push"
_P256_ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
_VAPID = re.compile(r"vapid t=([A-Za-z0-9_.-]+),\s*k=([A-Za-z0-9_-]+)")
_TOKEN = re.compile(r"bench-\d+")


def token_of(number: int) -> str:
    return f"bench-{number}"


@cache
def subscriber_keys(token: str) -> tuple[ec.EllipticCurvePrivateKey, bytes]:
    """The private key and auth secret of the device behind `token`."""
    digest = hashlib.sha256(_SEED + b"key" + token.encode()).digest()
    scalar = int.from_bytes(digest, "big") % (_P256_ORDER - 1) + 1
    auth = hashlib.sha256(_SEED + b"auth" + token.encode()).digest()[:16]
    return ec.derive_private_key(scalar, ec.SECP256R1()), auth


@dataclass(frozen=True)
class Device:
    """What a browser would hand the app for one subscription."""

    number: int
    endpoint: str = field(repr=False)
    p256dh: str = field(repr=False)
    auth: str = field(repr=False)

    def target(self, subscription_id: int) -> Target:
        return Target(subscription_id, self.endpoint, self.p256dh, self.auth)

    def subscription_info(self) -> dict[str, Any]:
        """pywebpush's shape."""
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


@dataclass
class Stats:
    """What the service saw since the last reset."""

    requests: int
    statuses: dict[int, int]
    problems: int
    first_problems: list[str]
    devices: int  # distinct subscriptions that got at least one accepted message
    repeated: int  # accepted messages beyond the first for a subscription
    decrypted: int
    payloads: dict[str, int]  # decrypted JSON (title and count) -> how often
    connections: int  # distinct client connections
    max_in_flight: int
    cpu_seconds: float  # the service process's own CPU time

    @property
    def accepted(self) -> int:
        return sum(count for status, count in self.statuses.items() if 200 <= status < 300)

    def line(self, expected: int) -> str:
        ok = "as expected" if self.accepted == expected and not self.repeated else "UNEXPECTED"
        text = (
            f"push service: {self.accepted:,} of {expected:,} accepted ({ok}),"
            f" {self.devices:,} devices, {self.repeated:,} repeated, {self.problems:,} protocol"
            f" problems, {self.decrypted:,} decrypted and read, {self.connections:,} connections,"
            f" at most {self.max_in_flight} in flight, {self.cpu_seconds:.1f} s CPU"
        )
        if self.problems:
            text += "\n      " + "\n      ".join(self.first_problems)
        return text


class BenchPushService:
    """The service process, seen from the benchmark."""

    def __init__(self, *, public_key: str, delay: float = 0.05, decrypt_every: int = 1) -> None:
        self.public_key = public_key
        self.delay = delay
        self.decrypt_every = decrypt_every
        self.origin = ""
        context = multiprocessing.get_context("spawn")
        self._ready, child = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_serve,
            args=(child, public_key, delay, decrypt_every),
            name="bench-push-service",
            daemon=True,
        )

    def __enter__(self) -> "BenchPushService":
        self._process.start()
        if not self._ready.poll(60):
            self._process.kill()
            raise RuntimeError("the bench push service did not start")
        self.origin = f"http://127.0.0.1:{self._ready.recv()}"
        return self

    def __exit__(self, *_exc: object) -> None:
        self._process.terminate()
        self._process.join(10)

    def device(self, number: int) -> Device:
        key, auth = subscriber_keys(token_of(number))
        p256dh = key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return Device(
            number,
            f"{self.origin}/push/{token_of(number)}",
            base64url.encode(p256dh),
            base64url.encode(auth),
        )

    def devices(self, count: int, *, first: int = 1) -> list[Device]:
        return [self.device(number) for number in range(first, first + count)]

    def stats(self) -> Stats:
        with urllib.request.urlopen(f"{self.origin}/_stats", timeout=30) as response:  # noqa: S310
            data = json.load(response)
        data["statuses"] = {int(status): count for status, count in data["statuses"].items()}
        return Stats(**data)

    def reset(self) -> None:
        request = urllib.request.Request(f"{self.origin}/_reset", method="POST")  # noqa: S310
        with urllib.request.urlopen(request, timeout=30):  # noqa: S310
            pass


# -- the child process ----------------------------------------------------------------------------


class _Service:
    def __init__(self, public_key: str, delay: float, decrypt_every: int) -> None:
        self.public_key = public_key
        self.delay = delay
        self.decrypt_every = decrypt_every
        self.origin = ""
        self._verified: dict[str, dict[str, Any]] = {}
        self.reset()

    def reset(self) -> None:
        self.requests = 0
        self.statuses: Counter[int] = Counter()
        self.problems: Counter[str] = Counter()
        self.accepted_by: Counter[str] = Counter()
        self.payloads: Counter[str] = Counter()
        self.decrypted = 0
        self.connections: set[object] = set()
        self.in_flight = self.max_in_flight = 0
        self.cpu_started = time.process_time()

    def stats(self) -> dict[str, Any]:
        return {
            "requests": self.requests,
            "statuses": dict(self.statuses),
            "problems": sum(self.problems.values()),
            "first_problems": [f"{n} x {p}" for p, n in self.problems.most_common(5)],
            "devices": len(self.accepted_by),
            "repeated": sum(n - 1 for n in self.accepted_by.values()),
            "decrypted": self.decrypted,
            "payloads": dict(self.payloads.most_common(5)),
            "connections": len(self.connections),
            "max_in_flight": self.max_in_flight,
            "cpu_seconds": time.process_time() - self.cpu_started,
        }

    async def push(self, request: web.Request) -> web.Response:
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            status = await self._receive(request)
            if self.delay:
                await asyncio.sleep(self.delay)
            return web.Response(status=status)
        finally:
            self.in_flight -= 1

    async def _receive(self, request: web.Request) -> int:
        token = request.match_info["token"]
        body = await request.read()
        self.requests += 1
        if request.transport is not None:
            self.connections.add(request.transport.get_extra_info("peername"))
        status = 201
        try:
            if not _TOKEN.fullmatch(token):
                raise _Refused(404, "no such subscription")
            self._check_vapid(request.headers.get("Authorization", ""))
            PushService._check_headers(request, body)
            if self.requests % self.decrypt_every == 0:
                key, auth = subscriber_keys(token)
                plaintext = http_ece.decrypt(
                    body, private_key=key, auth_secret=auth, version="aes128gcm"
                )
                message = json.loads(plaintext)
                self.decrypted += 1
                self.payloads[f"{message['title']!r} count={message.get('count')}"] += 1
        except _Refused as refused:
            status = refused.status
            self.problems[str(refused)] += 1
        except (http_ece.ECEException, ValueError, KeyError) as exc:
            status = 400
            self.problems[f"cannot decrypt: {type(exc).__name__}: {exc}"] += 1
        self.statuses[status] += 1
        if 200 <= status < 300:
            self.accepted_by[token] += 1
        return status

    def _check_vapid(self, authorization: str) -> None:
        """As tests/support/push_service.py checks it (signature verified once per JWT)."""
        match = _VAPID.fullmatch(authorization)
        if not match:
            raise _Refused(401, "Authorization is not 'vapid t=<jwt>, k=<key>'")
        token, key = match.groups()
        if key != self.public_key:
            raise _Refused(403, "k is not the application server key the device subscribed with")
        claims = self._verified.get(token)
        if claims is None:
            claims = PushService._verify_jwt(token, key)
            self._verified[token] = claims
        now = time.time()
        if claims.get("aud") != self.origin:
            raise _Refused(403, f"aud {claims.get('aud')!r} is not {self.origin!r}")
        exp = claims.get("exp")
        if not isinstance(exp, int) or not now < exp <= now + 24 * 3600:
            raise _Refused(403, f"exp {exp!r} is not within the next 24 hours")
        if not str(claims.get("sub", "")).startswith(("mailto:", "https://")):
            raise _Refused(403, "sub is not a mailto: or https: contact")

    async def get_stats(self, _request: web.Request) -> web.Response:
        return web.json_response(self.stats())

    async def post_reset(self, _request: web.Request) -> web.Response:
        self.reset()
        return web.Response(status=204)


def _serve(ready: Connection, public_key: str, delay: float, decrypt_every: int) -> None:
    service = _Service(public_key, delay, decrypt_every)

    async def main() -> None:
        app = web.Application(client_max_size=64 * 1024)
        app.router.add_post("/push/{token}", service.push)
        app.router.add_get("/_stats", service.get_stats)
        app.router.add_post("/_reset", service.post_reset)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0, backlog=4096)
        await site.start()
        port = runner.addresses[0][1]
        service.origin = f"http://127.0.0.1:{port}"
        ready.send(port)
        await asyncio.Event().wait()  # until the benchmark terminates the process

    asyncio.run(main())
