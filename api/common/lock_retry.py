"""On SQLite, a request whose transaction still meets a lock is run once more, inside the request.

Writing transactions begin IMMEDIATE and wait up to the busy timeout for the lock (api/db.py),
so this is rare: a writer that held the lock longer than that, or a reading (GET) transaction
that turned out to write. The first attempt's transaction was rolled back, so nothing of it
was stored and running it again is safe; the second attempt begins IMMEDIATE whatever its
method. An answer that has started is never retried. The request body is kept for the second
attempt; it is small, as BodyLimitMiddleware (outside this one) sees to.
"""

import logging

from sqlalchemy.exc import OperationalError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.db import RETRYING_AFTER_LOCK

log = logging.getLogger(__name__)


def is_lock_error(exc: BaseException) -> bool:
    text = str(getattr(exc, "orig", exc)).lower()
    return isinstance(exc, OperationalError) and ("locked" in text or "busy" in text)


class RetryOnLockMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        received: list[Message] = []
        started = False

        async def recording_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                received.append(message)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, recording_receive, tracking_send)
            return
        except OperationalError as exc:
            if started or not is_lock_error(exc):
                raise
        # No path: paths carry invite codes (/join/CODE), queries and headers tokens.
        log.warning("sqlite: a %s request met a lock; running it once more", scope["method"])
        replay = iter(received)

        async def replaying_receive() -> Message:
            # What the first attempt read, then whatever it had not read yet.
            return next(replay, None) or await receive()

        state = {**scope.get("state", {}), RETRYING_AFTER_LOCK: True}
        await self.app({**scope, "state": state}, replaying_receive, send)
