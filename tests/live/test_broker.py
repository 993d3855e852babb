"""The brokers on their own: in-process, and Redis with two instances as two processes would."""

import asyncio
import threading
import time
from collections.abc import Coroutine
from typing import Any

import redis
from sqlalchemy import text
from sqlmodel import Session

from api.common import after_commit
from api.db import make_engine
from api.live.broker import InProcessBroker, RedisBroker
from api.live.events import Kind, LiveEvent
from api.live.service import CHANNEL, publisher
from api.news import live as news_live
from tests.live.conftest import REDIS_URL, unique_channel


def _event(subject_id: int = 7) -> LiveEvent:
    return LiveEvent(kind=Kind.NEWS, subject_id=subject_id)


def _run(coroutine: Coroutine[Any, Any, None]) -> None:
    """`asyncio.run` on a thread of its own: the browser tests' sync Playwright keeps an event
    loop marked as running on the main thread for the rest of the session."""
    failure: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(coroutine)
        except BaseException as error:  # handed to the test thread below
            failure.append(error)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


async def _received(queue: asyncio.Queue[LiveEvent], count: int) -> list[LiveEvent]:
    return [await asyncio.wait_for(queue.get(), 5) for _ in range(count)]


def test_in_process_a_publish_from_another_thread_reaches_the_loop() -> None:
    async def scenario() -> None:
        broker = InProcessBroker()
        received: asyncio.Queue[LiveEvent] = asyncio.Queue()
        await broker.start(received.put_nowait)
        sent = _event()
        # Services publish from request threads and job threads, never from the loop.
        await asyncio.to_thread(broker.publish, sent)
        assert await _received(received, 1) == [sent]
        await broker.aclose()
        broker.publish(_event(8))
        await asyncio.sleep(0.05)
        assert received.empty()

    _run(scenario())


def test_in_process_a_publish_after_the_loop_closed_is_dropped_quietly() -> None:
    broker = InProcessBroker()
    _run(broker.start(lambda event: None))
    broker.publish(_event())  # that loop is gone: no error, and the listener is forgotten
    broker.publish(_event())


def test_redis_two_brokers_agree_what_one_publishes_the_other_receives() -> None:
    channel = unique_channel()

    async def scenario() -> None:
        publisher, listener = (
            RedisBroker(REDIS_URL, channel=channel),
            RedisBroker(REDIS_URL, channel=channel),
        )
        received: asyncio.Queue[LiveEvent] = asyncio.Queue()
        await listener.start(received.put_nowait)
        first, second = _event(1), _event(2)
        await asyncio.to_thread(publisher.publish, first)
        await asyncio.to_thread(publisher.publish, second)
        assert await _received(received, 2) == [first, second]
        await listener.aclose()
        await publisher.aclose()

    _run(scenario())


def test_redis_a_malformed_message_on_the_channel_is_skipped() -> None:
    channel = unique_channel()

    async def scenario() -> None:
        listener = RedisBroker(REDIS_URL, channel=channel)
        received: asyncio.Queue[LiveEvent] = asyncio.Queue()
        await listener.start(received.put_nowait)
        other = redis.Redis.from_url(REDIS_URL)
        for junk in (b"not json", b'{"kind": "news"}', b'{"kind":"x","subject_id":1,"id":"a"}'):
            other.publish(channel, junk)
        sent = _event(3)
        other.publish(channel, sent.to_json())
        other.close()
        assert await _received(received, 1) == [sent]
        await listener.aclose()

    _run(scenario())


def test_redis_publish_with_redis_down_neither_raises_nor_hangs() -> None:
    broker = RedisBroker("redis://127.0.0.1:1/0", channel=unique_channel())
    started = time.monotonic()
    broker.publish(_event())
    assert time.monotonic() - started < 3


def test_events_are_published_after_commit_and_never_after_rollback(live_database: str) -> None:
    class Recording(InProcessBroker):
        def __init__(self) -> None:
            super().__init__()
            self.sent: list[LiveEvent] = []

        def publish(self, event: LiveEvent) -> None:
            self.sent.append(event)

    recording = Recording()
    engine = make_engine(live_database)

    def wired() -> Session:
        return after_commit.bind(Session(engine), {CHANNEL: publisher(recording)})

    try:
        with wired() as session:
            session.execute(text("SELECT 1"))  # services announce inside their transaction
            news_live.published(session, post_id=1)
            assert recording.sent == []  # not before the commit
            session.rollback()
            session.commit()
            assert recording.sent == []  # the rolled-back one is forgotten
            session.execute(text("SELECT 1"))
            news_live.published(session, post_id=2)
            session.commit()
        assert [(e.kind, e.subject_id) for e in recording.sent] == [(Kind.NEWS, 2)]
        with wired() as session:
            session.execute(text("SELECT 1"))
            news_live.published(session, post_id=3)
            # A savepoint released or rolled back inside (Idempotency-Key, insert_once) is not
            # the end of the transaction: nothing is visible to other processes yet.
            with session.begin_nested():
                session.execute(text("SELECT 1"))
            nested = session.begin_nested()
            nested.rollback()
            assert len(recording.sent) == 1
            session.commit()
        assert [e.subject_id for e in recording.sent] == [2, 3]
    finally:
        engine.dispose()
