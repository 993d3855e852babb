"""One API process's open event streams, and the fan-out from the broker to them.

Events are routed one at a time, in order: for each, one SQL query (in a worker thread)
decides which of the connected people may receive it, however many streams are open.
"""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from redis.exceptions import RedisError
from sqlalchemy import Engine
from sqlmodel import Session

from api.db import for_reading
from api.live import service as live_service
from api.live.broker import Broker
from api.live.events import Kind, LiveEvent

log = logging.getLogger(__name__)

# A few devices or tabs per person. Over the limit the OLDEST stream ends: on a flaky mobile
# network it is most likely a dead connection the server has not noticed yet, and refusing the
# new one would lock the person out until it times out.
MAX_STREAMS_PER_USER = 4
# A client this far behind is not reading; it is dropped and reloads when it reconnects.
MAX_QUEUED_PER_STREAM = 50


class HubUnavailable(Exception):
    """The broker could not be reached (Redis down at start-up)."""


class Stream:
    """One open connection's mailbox."""

    def __init__(self, user_id: int) -> None:
        self.user_id = user_id
        self.closed = False
        self._queue: asyncio.Queue[LiveEvent | None] = asyncio.Queue(MAX_QUEUED_PER_STREAM + 1)

    def offer(self, event: LiveEvent) -> None:
        if self.closed:
            return
        if self._queue.qsize() >= MAX_QUEUED_PER_STREAM:
            self.close()
            return
        self._queue.put_nowait(event)

    def close(self, last: LiveEvent | None = None) -> None:
        """End the stream: what is still queued is dropped; `last`, if given, is still sent."""
        if not self.closed:
            self.closed = True
            while not self._queue.empty():
                self._queue.get_nowait()
            if last is not None:
                self._queue.put_nowait(last)
            self._queue.put_nowait(None)  # wakes a waiting next()

    async def next(self, timeout: float) -> LiveEvent | None:
        """The next event, or None after `timeout` seconds or once the stream is closed."""
        if self.closed and self._queue.empty():
            return None
        try:
            return await asyncio.wait_for(self._queue.get(), timeout)
        except TimeoutError:
            return None


class Hub:
    def __init__(
        self,
        broker: Broker,
        engine: Engine,
        audiences: live_service.Audiences,
        *,
        per_user: int = MAX_STREAMS_PER_USER,
    ) -> None:
        self.broker, self.engine, self.per_user = broker, engine, per_user
        # Per kind of event, who may hear of it (each kind's own visibility rule).
        self.audiences = audiences
        self._streams: dict[int, list[Stream]] = {}
        self._incoming: asyncio.Queue[LiveEvent] = asyncio.Queue()
        self._router: asyncio.Task[None] | None = None
        self._start_lock = asyncio.Lock()
        self._shut_down = False

    async def start(self) -> None:
        """Listen to the broker (once, on the first stream: processes nobody streams from
        never open a Redis subscription)."""
        if self._router is not None:
            return
        async with self._start_lock:
            if self._router is not None:
                return
            try:
                await self.broker.start(self._incoming.put_nowait)
            except (RedisError, OSError) as exc:
                raise HubUnavailable from exc
            self._router = asyncio.create_task(self._route_forever(), name="live-router")

    @contextlib.asynccontextmanager
    async def connect(self, user_id: int) -> AsyncIterator[Stream]:
        stream = Stream(user_id)
        mine = self._streams.setdefault(user_id, [])
        mine.append(stream)
        while len(mine) > self.per_user:
            mine.pop(0).close()
        if self._shut_down:
            stream.close()
        try:
            yield stream
        finally:
            stream.close()
            with contextlib.suppress(ValueError):
                mine.remove(stream)
            if not mine and self._streams.get(user_id) is mine:
                del self._streams[user_id]

    def open_streams(self, user_id: int | None = None) -> int:
        if user_id is not None:
            return len(self._streams.get(user_id, []))
        return sum(len(streams) for streams in self._streams.values())

    async def _route_forever(self) -> None:
        while True:
            event = await self._incoming.get()
            if not self._streams:
                continue
            if event.kind == Kind.SIGNED_OUT:
                for stream in list(self._streams.get(event.subject_id, [])):
                    stream.close(last=event)
                continue
            try:
                receivers = await asyncio.to_thread(self._receivers, event, set(self._streams))
            except Exception:  # one bad event must not end live updates for everyone
                log.exception("live: could not decide who receives %s", event.kind)
                continue
            for user_id in receivers:
                for stream in self._streams.get(user_id, []):
                    stream.offer(event)

    def _receivers(self, event: LiveEvent, user_ids: set[int]) -> set[int]:
        # Only reads: never wait for, or hold, SQLite's write lock.
        with Session(for_reading(self.engine)) as session:
            return live_service.receivers_among(session, event, user_ids, self.audiences)

    def shut_down(self) -> None:
        """End every stream now and any opened later: the server is stopping, and it waits for
        open responses to finish before it exits."""
        self._shut_down = True
        for streams in list(self._streams.values()):
            for stream in list(streams):
                stream.close()

    async def aclose(self) -> None:
        self.shut_down()
        if self._router is not None:
            self._router.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._router
            self._router = None
        await self.broker.aclose()
