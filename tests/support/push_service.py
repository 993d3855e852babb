"""A real Web Push service on 127.0.0.1, for tests and benchmarks.

For every `POST /push/<token>` it does what FCM, Mozilla and Apple do: checks the VAPID header
(an ES256 JWT verified here with cryptography, not with the library that signed it; `k` must be
the app's public key, `aud` this service's origin, `exp` in the future and at most 24 hours ahead,
`sub` a contact), checks TTL, Urgency, Topic and Content-Encoding, decrypts the aes128gcm body
with the subscriber's private key and auth secret (http_ece), and records the message. Each
subscription can be told how to answer: a status per request (201 by default; 404, 410, 429 with
Retry-After, 500, 401...) and a delay.

    with PushService(public_key=key.public_key) as service:
        device = service.subscribe()
        service.answer(device, 429, 201, retry_after="1")
        ...send to device.target(1)...
        assert service.messages(device) == [{"title": ...}]
"""

import asyncio
import json
import os
import re
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import http_ece
from aiohttp import web
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from api.push import base64url
from api.push.sender import Target

_VAPID = re.compile(r"vapid t=([A-Za-z0-9_.-]+),\s*k=([A-Za-z0-9_-]+)")
_TOPIC = re.compile(r"[A-Za-z0-9_-]{1,32}")
_URGENCIES = {"very-low", "low", "normal", "high"}


@dataclass
class Subscriber:
    """A browser's side of a subscription: what it would hand the app, and its private keys."""

    token: str
    endpoint: str
    private_key: ec.EllipticCurvePrivateKey = field(repr=False)
    auth_secret: bytes = field(repr=False)

    @property
    def p256dh(self) -> str:
        return base64url.encode(
            self.private_key.public_key().public_bytes(
                serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
            )
        )

    @property
    def auth(self) -> str:
        return base64url.encode(self.auth_secret)

    def as_json(self) -> dict[str, Any]:
        """The body of POST /api/v1/push/subscriptions, as PushSubscription.toJSON() gives it."""
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}

    def target(self, subscription_id: int) -> Target:
        return Target(subscription_id, self.endpoint, self.p256dh, self.auth)


@dataclass
class Received:
    """One request as the service saw it."""

    token: str
    status: int  # what the service answered
    headers: dict[str, str]  # names in lower case
    problem: str | None = None  # why it was refused, when it broke the protocol
    claims: dict[str, Any] | None = None
    message: Any = None  # the decrypted JSON
    connection: object = None  # the client's address and port: one per connection it opened
    at: float = field(default_factory=time.monotonic)


@dataclass
class _Behaviour:
    statuses: deque[int] = field(default_factory=lambda: deque([201]))
    retry_after: str | None = None
    delay: float = 0.0

    def next_status(self) -> int:
        # Each request takes the next status; the last one repeats.
        return self.statuses.popleft() if len(self.statuses) > 1 else self.statuses[0]


class PushService:
    def __init__(self, *, public_key: str, delay: float = 0.0) -> None:
        self.public_key = public_key
        self.delay = delay
        self.received: list[Received] = []
        self.in_flight = self.max_in_flight = 0
        self._subscribers: dict[str, Subscriber] = {}
        self._behaviour: dict[str, _Behaviour] = {}
        self._verified: dict[str, dict[str, Any]] = {}  # JWT -> claims: verify each one once
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._runner: web.AppRunner | None = None
        self.origin = ""

    # -- lifecycle ------------------------------------------------------------------------------

    def __enter__(self) -> "PushService":
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def start(self) -> "PushService":
        self._thread.start()
        port = asyncio.run_coroutine_threadsafe(self._serve(), self._loop).result(timeout=10)
        self.origin = f"http://127.0.0.1:{port}"
        return self

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    async def _serve(self) -> int:
        app = web.Application(client_max_size=64 * 1024)
        app.router.add_post("/push/{token}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0, backlog=1024)
        await site.start()
        port: int = self._runner.addresses[0][1]
        return port

    # -- what tests use -------------------------------------------------------------------------

    def subscribe(self) -> Subscriber:
        """A new subscription, as a browser would create it: its own P-256 key and auth secret."""
        token = uuid.uuid4().hex
        subscriber = Subscriber(
            token=token,
            endpoint=f"{self.origin}/push/{token}",
            private_key=ec.generate_private_key(ec.SECP256R1()),
            auth_secret=os.urandom(16),
        )
        with self._lock:
            self._subscribers[token] = subscriber
        return subscriber

    def answer(
        self,
        subscriber: Subscriber,
        *statuses: int,
        retry_after: str | None = None,
        delay: float | None = None,
    ) -> None:
        """How to answer this subscription's next requests (the last status repeats)."""
        with self._lock:
            self._behaviour[subscriber.token] = _Behaviour(
                statuses=deque(statuses or (201,)),
                retry_after=retry_after,
                delay=self.delay if delay is None else delay,
            )

    def requests_for(self, subscriber: Subscriber) -> list[Received]:
        with self._lock:
            return [r for r in self.received if r.token == subscriber.token]

    def messages(self, subscriber: Subscriber) -> list[Any]:
        """The decrypted messages this subscription accepted (answered 2xx)."""
        return [r.message for r in self.requests_for(subscriber) if 200 <= r.status < 300]

    @property
    def problems(self) -> list[str]:
        """Every protocol violation seen: a correct sender leaves this empty."""
        with self._lock:
            return [r.problem for r in self.received if r.problem]

    # -- the push service -----------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            return await self._receive(request)
        finally:
            with self._lock:
                self.in_flight -= 1

    async def _receive(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        body = await request.read()
        with self._lock:
            subscriber = self._subscribers.get(token)
            if subscriber is None:
                return web.Response(status=404)
            behaviour = self._behaviour.setdefault(token, _Behaviour(delay=self.delay))
            status = behaviour.next_status()
        headers = {name.lower(): value for name, value in request.headers.items()}
        received = Received(token=token, status=status, headers=headers)
        if request.transport is not None:
            received.connection = request.transport.get_extra_info("peername")
        try:
            received.claims = self._check_vapid(request.headers.get("Authorization", ""))
            self._check_headers(request, body)
            plaintext = http_ece.decrypt(
                body,
                private_key=subscriber.private_key,
                auth_secret=subscriber.auth_secret,
                version="aes128gcm",
            )
            received.message = json.loads(plaintext)
        except _Refused as refused:
            received.status, received.problem = refused.status, str(refused)
        except (http_ece.ECEException, ValueError) as exc:
            received.status, received.problem = 400, f"cannot decrypt: {exc}"
        with self._lock:
            self.received.append(received)
        if behaviour.delay:
            await asyncio.sleep(behaviour.delay)
        answer_headers = {}
        if behaviour.retry_after and received.status == 429:
            answer_headers["Retry-After"] = behaviour.retry_after
        return web.Response(status=received.status, headers=answer_headers)

    def _check_vapid(self, authorization: str) -> dict[str, Any]:
        match = _VAPID.fullmatch(authorization)
        if not match:
            raise _Refused(401, "Authorization is not 'vapid t=<jwt>, k=<key>'")
        token, key = match.groups()
        if key != self.public_key:
            raise _Refused(403, "k is not the application server key the device subscribed with")
        claims = self._verified.get(token)
        if claims is None:
            claims = self._verify_jwt(token, key)
            self._verified[token] = claims
        now = time.time()
        if claims.get("aud") != self.origin:
            raise _Refused(403, f"aud {claims.get('aud')!r} is not {self.origin!r}")
        exp = claims.get("exp")
        if not isinstance(exp, int) or not now < exp <= now + 24 * 3600:
            raise _Refused(403, f"exp {exp!r} is not within the next 24 hours")
        if not str(claims.get("sub", "")).startswith(("mailto:", "https://")):
            raise _Refused(403, "sub is not a mailto: or https: contact")
        return claims

    @staticmethod
    def _verify_jwt(token: str, key: str) -> dict[str, Any]:
        try:
            header_b64, claims_b64, signature_b64 = token.split(".")
            header = json.loads(base64url.decode(header_b64))
            signature = base64url.decode(signature_b64)
            public = ec.EllipticCurvePublicKey.from_encoded_point(
                ec.SECP256R1(), base64url.decode(key)
            )
        except ValueError as exc:
            raise _Refused(401, f"malformed JWT: {exc}") from exc
        if header.get("alg") != "ES256" or len(signature) != 64:
            raise _Refused(401, "the JWT is not ES256 with a 64-byte signature")
        der = encode_dss_signature(
            int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
        )
        try:
            public.verify(der, f"{header_b64}.{claims_b64}".encode(), ec.ECDSA(hashes.SHA256()))
        except InvalidSignature as exc:
            raise _Refused(401, "the JWT signature does not verify") from exc
        claims: dict[str, Any] = json.loads(base64url.decode(claims_b64))
        return claims

    @staticmethod
    def _check_headers(request: web.Request, body: bytes) -> None:
        ttl = request.headers.get("TTL", "")
        if not ttl.isdigit():
            raise _Refused(400, f"TTL header missing or not a number: {ttl!r}")
        urgency = request.headers.get("Urgency")
        if urgency is not None and urgency not in _URGENCIES:
            raise _Refused(400, f"Urgency {urgency!r} is not one of RFC 8030's")
        topic = request.headers.get("Topic")
        if topic is not None and not _TOPIC.fullmatch(topic):
            raise _Refused(400, f"Topic {topic!r} is not 1-32 base64url characters")
        if request.headers.get("Content-Encoding") != "aes128gcm":
            raise _Refused(415, "Content-Encoding is not aes128gcm")
        if len(body) > 4096:
            raise _Refused(413, f"payload of {len(body)} bytes is over 4096")


class _Refused(Exception):
    def __init__(self, status: int, problem: str) -> None:
        super().__init__(problem)
        self.status = status
