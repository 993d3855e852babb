"""Announcing changes once they are committed, and deciding who may hear about them.

Live knows no kind of content: each kind that announces itself brings its own audience rule
(`Audience`), handed to the hub by whoever builds the app (api.wiring). So news, and every
kind that comes after it, stays above live in the import layers.
"""

from collections.abc import Callable, Collection, Mapping, Sequence

from sqlmodel import Session

from api.common import after_commit
from api.live.broker import Broker
from api.live.events import Kind, LiveEvent

# The after-commit channel live events travel on (api.common.after_commit).
CHANNEL = "live"

# Bounded IN lists: a process with many open streams asks in slices.
IDS_PER_QUERY = 1000

# Which of these connected people may hear of this subject now (one kind's visibility rule).
Audience = Callable[[Session, int, Sequence[int]], set[int]]
Audiences = Mapping[Kind, Audience]


def announce_after_commit(session: Session, live_event: LiveEvent) -> None:
    """Publish `live_event` when (and only if) this session's transaction commits, so a
    listener never hears of a thing it cannot load yet, nor of one that was rolled back."""
    after_commit.defer(session, CHANNEL, live_event)


def publisher(broker: Broker) -> after_commit.Handler:
    """The after-commit handler that hands committed events to `broker`."""

    def publish(events: Sequence[LiveEvent]) -> None:
        for live_event in events:
            broker.publish(live_event)

    return publish


def signed_out_publisher(broker: Broker) -> after_commit.Handler:
    """The after-commit handler for people whose every login ended: each of their open streams,
    in any process, gets `signed_out` and ends."""
    publish = publisher(broker)

    def sign_out(user_ids: Sequence[int]) -> None:
        publish([LiveEvent(kind=Kind.SIGNED_OUT, subject_id=user_id) for user_id in user_ids])

    return sign_out


def receivers_among(
    session: Session, live_event: LiveEvent, user_ids: Collection[int], audiences: Audiences
) -> set[int]:
    """Which of these (connected) people may hear of `live_event`, by its kind's rule, asked
    in slices of IDS_PER_QUERY against the current state: someone moved to another store or
    deactivated since they connected hears nothing more about the old one."""
    audience = audiences.get(live_event.kind)
    if audience is None or not user_ids:
        return set()
    ids = sorted(user_ids)
    found: set[int] = set()
    for start in range(0, len(ids), IDS_PER_QUERY):
        found |= audience(session, live_event.subject_id, ids[start : start + IDS_PER_QUERY])
    return found
