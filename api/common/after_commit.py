"""Work a transaction leaves for after its commit: live announcements, jobs for the queue.

A service calls `defer(session, channel, item)` inside its transaction. When the outermost
transaction commits, each channel's items go to that channel's handler in one call, in the
order they were deferred; when it rolls back they are dropped. So a listener never hears of a
row it cannot load yet, and a rolled-back change never buzzes a phone.

The handlers are the process's wiring, handed to the session when it is made (`bind`): the
app's request sessions get that app's handlers, a worker's sessions the worker's, so a second
app in the same process (a test) never inherits another's. A session nobody bound (a one-off
script, a unit test of a service) has nowhere to send the work; it is dropped, and the job
queue's sweep still finds what was left queued in the database.
"""

import logging
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import event
from sqlmodel import Session

log = logging.getLogger(__name__)

Handler = Callable[[Sequence[Any]], None]
Handlers = Mapping[str, Handler]

_HANDLERS = "after_commit_handlers"
_PENDING = "after_commit_pending"
_LISTENING = "after_commit_listening"


def bind(session: Session, handlers: Handlers) -> Session:
    """Give this session the process's handlers; returns the session."""
    session.info[_HANDLERS] = handlers
    return session


def handlers_of(session: Session) -> Handlers:
    found: Handlers = session.info.get(_HANDLERS, {})
    return found


def defer(session: Session, channel: str, item: Any) -> None:
    """Hand `item` to the `channel` handler once this session's transaction has committed."""
    session.info.setdefault(_PENDING, []).append((channel, item))
    if not session.info.get(_LISTENING):
        session.info[_LISTENING] = True
        event.listen(session, "after_commit", _run)
        event.listen(session, "after_rollback", _drop)


def _run(session: Session) -> None:
    # SQLAlchemy fires after_commit when a SAVEPOINT is released too (begin_nested, as in
    # idempotency.remember): the outer transaction is still open then, nothing is visible yet.
    if session.in_nested_transaction():
        return
    pending: list[tuple[str, Any]] = session.info.pop(_PENDING, [])
    by_channel: defaultdict[str, list[Any]] = defaultdict(list)
    for channel, item in pending:
        by_channel[channel].append(item)
    handlers = handlers_of(session)
    for channel, items in by_channel.items():
        handler = handlers.get(channel)
        if handler is None:
            log.debug("after commit: no handler for %s, %d items dropped", channel, len(items))
            continue
        try:
            handler(items)
        except Exception:  # committed is committed: the work is late, never the request
            log.exception("after commit: the %s handler failed", channel)


def _drop(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a SAVEPOINT rolled back; the transaction that deferred the work goes on
    session.info.pop(_PENDING, None)
