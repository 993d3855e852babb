"""From inbox row to phone: the delivery rule per person, then pushes and held summaries.

`plan()` runs inside the notifying transaction: it decides per recipient (rule.decide) and
marks each row queued, held (with its release time) or inbox-only. Jobs are only handed to the
queue once that transaction has committed (`after_commit`), so a worker never looks for rows
that are not there yet, and a rolled-back notification never buzzes a phone.

The jobs (`tasks.py`) call `push_queued()` and `release_due()`. Both claim their rows first
(one UPDATE ... RETURNING, so two workers never send the same row), commit, and only then talk
to the push services: no database transaction is held open while sending. Results are written
afterwards: every attempt, gone devices deleted, failure counts.
"""

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, and_, or_, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from api.common import after_commit as after_commit_work
from api.common.clock import now
from api.config import Settings
from api.notifications import messages, rule
from api.notifications.models import Category, Delivery, Notification, Urgency
from api.notifications.recipients import load_delivery_facts
from api.org.models import Locale, User
from api.push import sender
from api.push import service as push_service
from api.push.message import Message
from api.push.models import PushSubscription
from api.push.vapid import VapidSigner

log = logging.getLogger(__name__)

# Pushes handed to one job: several rounds of the sender's concurrency, so a job's start-up
# costs little per push, and small enough that a crashed worker's batch is soon re-sent.
BATCH_SIZE = 1000
# A summary replaces an older undelivered one on the device (the Topic header, RFC 8030 5.4).
SUMMARY_TOPIC = "summary"
# A summary nobody could deliver within this long is stale: the next one says it all again.
SUMMARY_TTL = int(timedelta(hours=12).total_seconds())
_URGENCY = {
    Urgency.URGENT: sender.Urgency.HIGH,
    Urgency.NORMAL: sender.Urgency.NORMAL,
    Urgency.LOW: sender.Urgency.LOW,
}


@dataclass
class Planned:
    """What the notifying transaction leaves for the job queue once it commits."""

    push_ids: list[int] = field(default_factory=list)
    release_times: set[datetime] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.push_ids or self.release_times)


# The after-commit channel planned work travels on to the job queue (api.common.after_commit;
# api.wiring connects it to notifications.tasks.dispatch_all).
CHANNEL = "notifications"


def lead_of(settings: Settings) -> timedelta:
    """How long before a shift held items are released (WINKELPRAAT_PRESHIFT_LEAD_MINUTES)."""
    return timedelta(minutes=settings.preshift_lead_minutes)


def plan(
    session: Session,
    rows: Sequence[tuple[int, int]],
    *,
    urgency: Urgency,
    category: Category,
    lead: timedelta,
    at: datetime | None = None,
) -> Planned:
    """Decide for each (notification id, user id) row and mark it; flush only."""
    at = at or now()
    facts = load_delivery_facts(session, {user_id for _, user_id in rows}, at=at)
    planned = Planned()
    held: defaultdict[datetime, list[int]] = defaultdict(list)
    silent: list[int] = []
    for notification_id, user_id in rows:
        person = facts.get(user_id)
        if person is None:  # deactivated since: the inbox row stays, no push
            silent.append(notification_id)
            continue
        decision = rule.decide(now=at, urgency=urgency, category=category, facts=person, lead=lead)
        if decision.action is rule.Action.PUSH:
            planned.push_ids.append(notification_id)
        elif decision.action is rule.Action.HOLD and decision.release_at is not None:
            held[decision.release_at].append(notification_id)
        else:
            silent.append(notification_id)
    for release_at, ids in held.items():
        _mark(session, ids, delivery=Delivery.HELD, release_at=release_at)
    _mark(session, silent, delivery=Delivery.INBOX_ONLY)
    _mark(session, planned.push_ids, delivery=Delivery.QUEUED)
    planned.release_times = set(held)
    session.flush()
    return planned


def batches(ids: Sequence[int], size: int = BATCH_SIZE) -> list[list[int]]:
    """Ids in groups of `size`: one job each, or one UPDATE each (bounded IN lists)."""
    return [list(ids[start : start + size]) for start in range(0, len(ids), size)]


def _mark(session: Session, ids: Sequence[int], **values: Any) -> None:
    for batch in batches(ids):
        session.execute(update(Notification).where(col(Notification.id).in_(batch)).values(values))


def after_commit(session: Session, planned: Planned) -> None:
    """Hand `planned` to the job queue when (and only if) this session's transaction commits."""
    if planned:
        after_commit_work.defer(session, CHANNEL, planned)


def replan(session: Session, *, user_ids: Iterable[int], lead: timedelta) -> Planned:
    """Decide again for everything still held for these people (their shifts or preferences
    changed); flush only. Released items are pushed now, others get their new release time."""
    at = now()
    rows = session.execute(
        sa_select(
            col(Notification.id),
            col(Notification.user_id),
            col(Notification.urgency),
            col(Notification.category),
        ).where(
            col(Notification.user_id).in_(set(user_ids)),
            col(Notification.delivery) == Delivery.HELD,
        )
    ).all()
    planned = Planned()
    groups: defaultdict[tuple[Urgency, Category], list[tuple[int, int]]] = defaultdict(list)
    for notification_id, user_id, urgency, category in rows:
        groups[(Urgency(urgency), Category(category))].append((notification_id, user_id))
    for (urgency, category), group in groups.items():
        again = plan(session, group, urgency=urgency, category=category, lead=lead, at=at)
        # Released by the new plan: held items go out together as a summary, not one by one.
        if again.push_ids:
            _mark(session, again.push_ids, delivery=Delivery.HELD, release_at=at)
            again.release_times.add(at)
            again.push_ids = []
        planned.release_times |= again.release_times
    return planned


@dataclass(frozen=True)
class _Outgoing:
    """One claimed notification (or summary) for one person, with their devices."""

    user_id: int
    message: Message
    options: sender.PushOptions
    notification_id: int | None


def push_queued(
    engine: Engine, notification_ids: Sequence[int], *, signer: VapidSigner
) -> list[sender.Result]:
    """Send these queued notifications now (a job's work)."""
    with Session(engine) as session:
        claimed = session.execute(
            update(Notification)
            .where(
                col(Notification.id).in_(notification_ids),
                col(Notification.delivery) == Delivery.QUEUED,
            )
            .values(delivery=Delivery.SENDING, pushed_at=now())
            .returning(
                col(Notification.id),
                col(Notification.user_id),
                col(Notification.title),
                col(Notification.body),
                col(Notification.url),
                col(Notification.urgency),
                col(Notification.subject),
            )
        ).all()
        session.commit()
    outgoing = [
        _Outgoing(
            user_id=user_id,
            message=Message(title=title, body=body, url=url, tag=subject),
            options=sender.PushOptions(urgency=_URGENCY[Urgency(urgency)]),
            notification_id=notification_id,
        )
        for notification_id, user_id, title, body, url, urgency, subject in claimed
    ]
    results = _send(engine, outgoing, signer=signer)
    # Sent (or nobody had a device): done. A worker that dies before this line leaves the rows
    # "sending"; the sweep hands them out again (a rare duplicate beats a lost push).
    with Session(engine) as session:
        _mark(session, [row[0] for row in claimed], delivery=Delivery.PUSHED)
        session.commit()
    return results


def requeue_stalled(engine: Engine, *, before: datetime) -> list[int]:
    """Pushes queued but never picked up, or claimed by a worker that died while sending,
    since before `before`: queued again; returns their ids (the sweep sends them)."""
    with Session(engine) as session:
        ids = (
            session.execute(
                update(Notification)
                .where(
                    or_(
                        and_(
                            col(Notification.delivery) == Delivery.QUEUED,
                            col(Notification.created_at) < before,
                        ),
                        and_(
                            col(Notification.delivery) == Delivery.SENDING,
                            col(Notification.pushed_at) < before,
                        ),
                    )
                )
                .values(delivery=Delivery.QUEUED)
                .returning(col(Notification.id))
            )
            .scalars()
            .all()
        )
        session.commit()
    return list(ids)


def release_due(
    engine: Engine, *, signer: VapidSigner, at: datetime | None = None
) -> list[sender.Result]:
    """Send one summary to each person whose held items are due (a job's work)."""
    at = at or now()
    with Session(engine) as session:
        claimed = session.execute(
            update(Notification)
            .where(
                col(Notification.delivery) == Delivery.HELD,
                col(Notification.release_at) <= at,
            )
            .values(delivery=Delivery.SUMMARIZED, pushed_at=at)
            .returning(col(Notification.id), col(Notification.user_id))
        ).all()
        counts: defaultdict[int, set[int]] = defaultdict(set)
        for notification_id, user_id in claimed:
            counts[user_id].add(notification_id)
        # Must-read items pushed earlier but still not acknowledged count again.
        for notification_id, user_id in session.execute(
            sa_select(col(Notification.id), col(Notification.user_id)).where(
                col(Notification.user_id).in_(list(counts)),
                col(Notification.needs_ack),
                col(Notification.resolved_at).is_(None),
                col(Notification.delivery).in_(
                    (Delivery.SENDING, Delivery.PUSHED, Delivery.SUMMARIZED)
                ),
            )
        ).all():
            counts[user_id].add(notification_id)
        locales = dict(
            session.execute(
                sa_select(col(User.id), col(User.locale)).where(col(User.id).in_(list(counts)))
            ).all()
        )
        session.commit()
    outgoing = []
    for user_id, items in counts.items():
        title, body = messages.summary(count=len(items), locale=Locale(locales[user_id]))
        outgoing.append(
            _Outgoing(
                user_id=user_id,
                message=Message(
                    title=title, body=body, url="/inbox", tag=SUMMARY_TOPIC, count=len(items)
                ),
                options=sender.PushOptions(ttl=SUMMARY_TTL, topic=SUMMARY_TOPIC),
                notification_id=None,
            )
        )
    return _send(engine, outgoing, signer=signer)


def _send(
    engine: Engine, outgoing: Sequence[_Outgoing], *, signer: VapidSigner
) -> list[sender.Result]:
    if not outgoing:
        return []
    with Session(engine) as session:
        devices: defaultdict[int, list[sender.Target]] = defaultdict(list)
        owner: dict[int, int] = {}
        for row in session.execute(
            sa_select(
                col(PushSubscription.id),
                col(PushSubscription.user_id),
                col(PushSubscription.endpoint),
                col(PushSubscription.p256dh),
                col(PushSubscription.auth),
            ).where(col(PushSubscription.user_id).in_({item.user_id for item in outgoing}))
        ).all():
            subscription_id, user_id, endpoint, p256dh, auth = row
            devices[user_id].append(sender.Target(subscription_id, endpoint, p256dh, auth))
            owner[subscription_id] = user_id
    deliveries: list[sender.Delivery] = []
    about: list[int | None] = []
    for item in outgoing:
        for target in devices.get(item.user_id, []):
            deliveries.append(sender.Delivery(target, item.message, item.options))
            about.append(item.notification_id)
    if not deliveries:
        return []
    results = sender.run_blocking(sender.send_each(deliveries, signer=signer))
    with Session(engine) as session:
        push_service.record_results(session, results, owners=owner, notification_ids=about)
        session.commit()
    return results
