"""Two ways for an event to reach every API process, behind one small interface.

`InProcessBroker` is the embedded default: one API process, jobs on its own threads, so a
publish only has to cross from a worker thread to the event loop. `RedisBroker` (with
WINKELPRAAT_REDIS_URL) publishes on a pub/sub channel; each API process holds ONE subscription
and fans out to its own streams (hub.py), so Redis sees one connection per process, not one
per phone. `winkelpraat worker` publishes through Redis as well.

Delivery is best effort by design: a live event is a hint to reload, the feed stays the truth.
So `publish` never raises and never blocks for long, and a Redis outage costs live updates,
never a post.
"""

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Protocol

import redis
import redis.asyncio as aioredis
from redis.exceptions import RedisError

from api.live.events import LiveEvent

log = logging.getLogger(__name__)

OnEvent = Callable[[LiveEvent], None]
# Publishing runs inside request threads and jobs: a dead Redis must not hold them up.
PUBLISH_TIMEOUT_S = 2.0
# Waits between attempts to get the subscription back after Redis went away.
RECONNECT_DELAYS_S = (0.5, 1.0, 2.0, 5.0, 10.0)


class Broker(Protocol):
    def publish(self, event: LiveEvent) -> None:
        """Send to every listening process; from any thread; never raises."""

    async def start(self, on_event: OnEvent) -> None:
        """Call `on_event` on the running event loop for every event from now on."""

    async def aclose(self) -> None:
        """Stop listening and let go of connections."""


class InProcessBroker:
    """Listeners in this process only; publish hops onto each listener's event loop."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._listeners: list[tuple[asyncio.AbstractEventLoop, OnEvent]] = []

    def publish(self, event: LiveEvent) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for loop, on_event in listeners:
            try:
                loop.call_soon_threadsafe(on_event, event)
            except RuntimeError:  # that loop has closed: its app is gone
                with self._lock, contextlib.suppress(ValueError):
                    self._listeners.remove((loop, on_event))

    async def start(self, on_event: OnEvent) -> None:
        with self._lock:
            self._listeners.append((asyncio.get_running_loop(), on_event))

    async def aclose(self) -> None:
        with self._lock:
            self._listeners.clear()


class RedisBroker:
    """Redis pub/sub on one channel: a sync client to publish, an asyncio client to listen."""

    def __init__(self, url: str, *, channel: str) -> None:
        self.url, self.channel = url, channel
        self._publisher: redis.Redis | None = None
        self._publisher_lock = threading.Lock()
        self._client: aioredis.Redis | None = None
        self._reader: asyncio.Task[None] | None = None

    def publish(self, event: LiveEvent) -> None:
        try:
            self._sync_client().publish(self.channel, event.to_json())
        except (RedisError, OSError):
            log.warning("live: could not publish %s %s to Redis", event.kind, event.subject_id)

    def _sync_client(self) -> "redis.Redis":
        with self._publisher_lock:
            if self._publisher is None:
                self._publisher = redis.Redis.from_url(
                    self.url,
                    socket_timeout=PUBLISH_TIMEOUT_S,
                    socket_connect_timeout=PUBLISH_TIMEOUT_S,
                )
            return self._publisher

    async def start(self, on_event: OnEvent) -> None:
        # Subscribed before start() returns: what is published afterwards is never missed.
        self._client = aioredis.Redis.from_url(self.url, socket_keepalive=True)
        pubsub = await self._subscribe()
        self._reader = asyncio.create_task(self._read(pubsub, on_event), name="live-redis")

    async def _subscribe(self) -> "aioredis.client.PubSub":
        assert self._client is not None
        pubsub = self._client.pubsub(ignore_subscribe_messages=True)
        await pubsub.subscribe(self.channel)
        return pubsub

    async def _read(self, pubsub: "aioredis.client.PubSub | None", on_event: OnEvent) -> None:
        failures = 0
        while True:
            try:
                if pubsub is None:
                    pubsub = await self._subscribe()
                    log.info("live: subscribed to %s again", self.channel)
                async for message in pubsub.listen():
                    failures = 0
                    event = LiveEvent.from_json(message["data"])
                    if event is None:
                        log.warning("live: ignored a malformed message on %s", self.channel)
                        continue
                    on_event(event)
            except (RedisError, OSError):
                # Events published meanwhile are lost; clients reload when they reconnect.
                delay = RECONNECT_DELAYS_S[min(failures, len(RECONNECT_DELAYS_S) - 1)]
                failures += 1
                log.warning("live: lost the Redis subscription; retrying in %.1f s", delay)
                if pubsub is not None:
                    with contextlib.suppress(RedisError, OSError):
                        await pubsub.aclose()
                pubsub = None
                await asyncio.sleep(delay)

    async def aclose(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
            self._reader = None
        if self._client is not None:
            with contextlib.suppress(RedisError, OSError):
                await self._client.aclose()
            self._client = None
        with self._publisher_lock:
            if self._publisher is not None:
                self._publisher.close()
                self._publisher = None


_in_process: dict[str, InProcessBroker] = {}
_in_process_lock = threading.Lock()


def make_broker(*, redis_url: str, channel: str) -> Broker:
    """Redis when the deployment has one (several processes), else in-process.

    In-process, a channel works as a Redis channel does: everything in this process that
    publishes on it (the app's requests and the embedded job queue, each with its own wiring)
    reaches everything that listens on it. A second app in the process (a test) that must not
    hear the first one's events uses its own channel name, as it would with Redis.
    """
    if redis_url:
        return RedisBroker(redis_url, channel=channel)
    with _in_process_lock:
        return _in_process.setdefault(channel, InProcessBroker())
