"""Web Push delivery: one message, encrypted for each subscription by pywebpush (RFC 8291,
aes128gcm), signed with py_vapid (RFC 8292, vapid.py) and POSTed to the push services
concurrently (RFC 8030) over one aiohttp pool of our own.

Of pywebpush only the encoding is used (WebPusher.encode). Its senders (webpush, webpush_async)
follow redirects, raise on any status above 202, default to TTL 0, sign a JWT for every push
and open a pool per push unless handed one: the fan-out, retries, outcomes and headers stay here.

Knows nothing of the database: plain targets in, one result per target out. The caller deletes
what is gone and stores the attempts; nothing here holds a transaction open while it waits.

Encryption runs inline on the event loop. In `python -m bench push` on the 2-core machine it
costs 0.12-0.13 ms of CPU a message (7,700-8,300 a second on one core), about 20 µs (15-18 %)
more than calling http_ece directly, as this module did before: WebPusher copies the
subscription and makes a key header aes128gcm does not use. That is 4 % of the CPU a delivery
costs, and send_each() to 10,000 devices measured the same with it (2,134 and 1,977
deliveries a second, against 2,139 and 1,995 before), so we keep no encryption code of our own.
Cryptography keeps the GIL for most of it: a thread pool measured no faster (4,400/s inline,
3,200/s with one thread, 3,700/s with two, on a busy machine) and only adds hand-offs.
"""

import asyncio
import logging
import random
import re
import time
from collections import Counter, defaultdict
from collections.abc import Coroutine, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from enum import StrEnum
from typing import Any, TypeVar

import aiohttp
import http_ece
from pywebpush import WebPusher, WebPushException
from yarl import URL

from api.common import clock
from api.push.message import Message
from api.push.vapid import VapidSigner

log = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_TTL = int(timedelta(hours=24).total_seconds())
# RFC 8030 section 5.4: a Topic is at most 32 characters of the URL-safe base64 alphabet.
_TOPIC = re.compile(r"[A-Za-z0-9_-]{1,32}")


class Urgency(StrEnum):
    """RFC 8030 section 5.3: a phone saving battery wakes only for what is urgent enough."""

    VERY_LOW = "very-low"
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"


class Outcome(StrEnum):
    DELIVERED = "delivered"  # 2xx: the push service has it
    GONE = "gone"  # 404/410: expired or unsubscribed; the caller deletes the subscription
    # 401/403: our VAPID key or subject is wrong. Keep the subscription: one bad setting must not
    # wipe every device.
    AUTH_ALARM = "auth_alarm"
    RETRY = "retry"  # 429, 5xx or no answer, still so after the last attempt: try again later
    FAILED = "failed"  # any other answer: this message will not be accepted as it is


@dataclass(frozen=True)
class Target:
    """One subscription to deliver to."""

    subscription_id: int
    # The path of an endpoint is a bearer token for that device: never in a repr or a log.
    endpoint: str = field(repr=False)
    p256dh: str = field(repr=False)
    auth: str = field(repr=False)


@dataclass(frozen=True)
class PushOptions:
    # Pywebpush defaults to TTL 0, "now or never": a phone asleep in a locker never gets it.
    ttl: int = DEFAULT_TTL
    urgency: Urgency = Urgency.NORMAL
    # Summaries carry a Topic, so a newer summary replaces an older one not yet delivered.
    topic: str | None = None

    def __post_init__(self) -> None:
        if self.ttl < 1:
            raise ValueError("TTL must be at least 1 second")
        if self.topic is not None and not _TOPIC.fullmatch(self.topic):
            raise ValueError("a Topic is 1 to 32 base64url characters")


@dataclass(frozen=True)
class Limits:
    # Requests in flight at once, over one connection pool. Pushes mostly wait on the network:
    # On two cores 200 keeps the sender near 2,000 deliveries/s to a push service answering in
    # 50 ms (bench/push.py prints it at 200 and at twice that).
    concurrency: int = 200
    timeout: float = 10.0  # seconds for one request, connecting included
    attempts: int = 4  # per subscription, the first one included
    first_backoff: float = 1.0  # seconds before the second attempt, doubling after that
    # The longest wait inside one send. A push service asking for more (Retry-After) ends the
    # send with RETRY and its wish in Result.retry_after, for the caller to schedule.
    max_backoff: float = 30.0


@dataclass(frozen=True)
class Attempt:
    at: datetime
    status: int | None  # None: no answer (connection refused, reset or timed out)
    seconds: float
    error: str | None = None  # the exception's class name when there was no answer


@dataclass
class Result:
    subscription_id: int
    host: str
    outcome: Outcome
    attempts: list[Attempt]
    retry_after: float | None = None  # seconds the push service last asked us to wait

    @property
    def status(self) -> int | None:
        return self.attempts[-1].status if self.attempts else None


def outcome_of(status: int | None) -> Outcome:
    if status is None or status == 429 or status >= 500:
        return Outcome.RETRY
    if 200 <= status < 300:
        return Outcome.DELIVERED
    if status in (404, 410):
        return Outcome.GONE
    if status in (401, 403):
        return Outcome.AUTH_ALARM
    return Outcome.FAILED


def encrypt(payload: bytes, target: Target) -> bytes:
    """aes128gcm for one subscriber (RFC 8291) by pywebpush, with a fresh ephemeral key per
    message. Only its encoding: the request itself goes through our own pool (send_each)."""
    subscription_info = {
        "endpoint": target.endpoint,
        "keys": {"p256dh": target.p256dh, "auth": target.auth},
    }
    body: bytes = WebPusher(subscription_info).encode(payload, content_encoding="aes128gcm")["body"]
    return body


def new_client(limits: Limits = Limits()) -> aiohttp.ClientSession:
    """One connection pool for a whole fan-out: a TLS handshake per connection, not per push."""
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=limits.concurrency),
        timeout=aiohttp.ClientTimeout(total=limits.timeout),
        cookie_jar=aiohttp.DummyCookieJar(),
    )


@dataclass(frozen=True)
class Delivery:
    """One message for one device (summaries differ per person)."""

    target: Target
    message: Message
    options: PushOptions = PushOptions()


async def send_each(
    deliveries: Sequence[Delivery],
    *,
    signer: VapidSigner,
    limits: Limits = Limits(),
    client: aiohttp.ClientSession | None = None,
) -> list[Result]:
    """Send every delivery at once (at most `limits.concurrency` in flight), in input order."""
    if client is None:
        async with new_client(limits) as own:
            return await send_each(deliveries, signer=signer, limits=limits, client=own)
    gate = asyncio.Semaphore(limits.concurrency)
    payloads: dict[Message, bytes] = {}
    for delivery in deliveries:
        if delivery.message not in payloads:
            payloads[delivery.message] = delivery.message.payload()
    results = await asyncio.gather(
        *(
            _send_one(d.target, payloads[d.message], signer, d.options, limits, client, gate)
            for d in deliveries
        )
    )
    _log_problems(results)
    return results


def run_blocking(work: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to completion from synchronous code, on a fresh event loop.

    When this thread already runs a loop (a synchronous caller inside async code, or a library
    such as Playwright's sync API holding one), asyncio.run() refuses: the loop then gets a
    thread of its own for the duration.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(work)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, work).result()


async def _send_one(
    target: Target,
    payload: bytes,
    signer: VapidSigner,
    options: PushOptions,
    limits: Limits,
    client: aiohttp.ClientSession,
    gate: asyncio.Semaphore,
) -> Result:
    host = _host(target.endpoint)
    attempts: list[Attempt] = []
    body: bytes | None = None
    for number in range(1, limits.attempts + 1):
        # The gate is held while encrypting and for the request, never while backing off.
        async with gate:
            body = body or _encrypt_for(target, payload)
            if body is None:
                return Result(target.subscription_id, host, Outcome.FAILED, attempts)
            headers = _headers(options, signer.authorization(target.endpoint))
            attempt, retry_after = await _post(client, target.endpoint, body, headers, limits)
        attempts.append(attempt)
        outcome = outcome_of(attempt.status)
        if outcome is not Outcome.RETRY:
            return Result(target.subscription_id, host, outcome, attempts)
        if number == limits.attempts or (retry_after or 0) > limits.max_backoff:
            return Result(target.subscription_id, host, outcome, attempts, retry_after)
        await asyncio.sleep(max(retry_after or 0, _backoff(number, limits)))
    raise AssertionError("unreachable: the last attempt returns")


def _host(endpoint: str) -> str:
    try:
        return URL(endpoint).host or ""
    except ValueError:
        return ""


def _encrypt_for(target: Target, payload: bytes) -> bytes | None:
    try:
        return encrypt(payload, target)
    except (ValueError, http_ece.ECEException, WebPushException):
        # Keys are checked when a device subscribes; this is a row changed behind our back.
        log.warning("push: subscription %s has unusable keys", target.subscription_id)
        return None


def _headers(options: PushOptions, authorization: str) -> dict[str, str]:
    headers = {
        "Authorization": authorization,
        "Content-Encoding": "aes128gcm",
        "Content-Type": "application/octet-stream",
        "TTL": str(options.ttl),
        "Urgency": options.urgency.value,
    }
    if options.topic:
        headers["Topic"] = options.topic
    return headers


async def _post(
    client: aiohttp.ClientSession,
    endpoint: str,
    body: bytes,
    headers: dict[str, str],
    limits: Limits,
) -> tuple[Attempt, float | None]:
    at = clock.now()
    started = time.perf_counter()
    try:
        # No redirects: an allowed push service must not be able to bounce us to another host.
        async with client.post(
            endpoint,
            data=body,
            headers=headers,
            allow_redirects=False,
            timeout=aiohttp.ClientTimeout(total=limits.timeout),
        ) as response:
            await response.read()  # a drained response lets the connection be reused
            attempt = Attempt(at, response.status, time.perf_counter() - started)
            return attempt, retry_after_seconds(response.headers.get("Retry-After"))
    except (aiohttp.ClientError, TimeoutError) as exc:
        return Attempt(at, None, time.perf_counter() - started, type(exc).__name__), None


def retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as seconds from now: delay-seconds or an HTTP date (RFC 9110 section 10.2.3)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - clock.now()).total_seconds())


def _backoff(number: int, limits: Limits) -> float:
    delay = min(limits.max_backoff, limits.first_backoff * 2.0 ** (number - 1))
    # Jitter: 10,000 pushes refused by one 503 must not all come back in the same instant.
    return delay * random.uniform(0.5, 1.0)  # noqa: S311 - timing, not a secret


def _log_problems(results: Sequence[Result]) -> None:
    """One line per push service and kind of trouble, never one per device. Hosts only: the
    endpoint's path is the device's token."""
    problems: defaultdict[tuple[Outcome, str], Counter[int | None]] = defaultdict(Counter)
    for result in results:
        if result.outcome not in (Outcome.DELIVERED, Outcome.GONE):
            problems[(result.outcome, result.host)][result.status] += 1
    for (outcome, host), statuses in problems.items():
        count = sum(statuses.values())
        if outcome is Outcome.AUTH_ALARM:
            log.error(
                "push: %s refused our VAPID signature for %d subscription(s) (statuses %s); "
                "they are kept. Check WINKELPRAAT_VAPID_SUBJECT and that the VAPID key has not "
                "changed since the devices subscribed",
                host,
                count,
                dict(statuses),
            )
        else:
            log.warning(
                "push: %d subscription(s) at %s: %s (statuses %s)",
                count,
                host,
                outcome,
                dict(statuses),
            )
