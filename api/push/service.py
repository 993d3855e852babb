"""Push subscriptions: the devices a user can be reached on."""

import secrets
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence

from sqlalchemy import delete, insert, literal, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from api.common.clock import now
from api.errors import Conflict, InvalidField, NotFound
from api.org.models import User
from api.push import sender, subscriptions
from api.push.models import PushAttempt, PushSubscription


def save_subscription(
    session: Session, *, user: User, endpoint: str, p256dh: str, auth: str, allowed_hosts: str
) -> PushSubscription:
    """Register a device, or update it.

    An endpoint held by another account is taken over only by the same browser profile, which
    proves itself with the same keys (a shared till tablet where nobody signed out; the app
    drops its subscription on sign-out, so the next person normally gets a new endpoint). Anyone
    else who posts that endpoint gets 409: the owner's device would receive pushes it cannot
    decrypt, and the owner could no longer remove it.
    """
    assert user.id is not None
    problem = subscriptions.endpoint_problem(endpoint, allowed_hosts)
    if problem:
        raise InvalidField(("body", "endpoint"), f"endpoint {problem}")
    row = _by_endpoint(session, endpoint)
    if row is None:
        row = PushSubscription(user_id=user.id, endpoint=endpoint, p256dh=p256dh, auth=auth)
        try:
            with session.begin_nested():
                session.add(row)
                session.flush()
        except IntegrityError:
            # The same browser subscribing twice at once: the other request inserted it first.
            row = _by_endpoint(session, endpoint)
            assert row is not None
    if row.user_id != user.id and not secrets.compare_digest(
        f"{row.p256dh}.{row.auth}", f"{p256dh}.{auth}"
    ):
        raise Conflict(
            "This device is registered for another account. Turn notifications off and on "
            "again to register it for yours.",
            code="push_endpoint_taken",
        )
    row.user_id, row.p256dh, row.auth = user.id, p256dh, auth
    session.add(row)
    session.commit()
    session.refresh(row)
    return row


def remove_subscription(session: Session, *, user: User, endpoint: str) -> None:
    """Forget one of this user's devices; someone else's endpoint is "not found" too."""
    result = session.execute(
        delete(PushSubscription).where(
            col(PushSubscription.endpoint) == endpoint, col(PushSubscription.user_id) == user.id
        )
    )
    if not getattr(result, "rowcount", 0):
        raise NotFound("No such push subscription on your account")
    session.commit()


def delete_subscriptions(session: Session, *, subscription_ids: Collection[int]) -> int:
    """Forget devices whose push service answered 404/410 (flush only)."""
    if not subscription_ids:
        return 0
    result = session.execute(
        delete(PushSubscription).where(col(PushSubscription.id).in_(subscription_ids))
    )
    session.flush()
    return int(getattr(result, "rowcount", 0) or 0)


def drop_subscriptions_for(session: Session, *, user_id: int) -> int:
    """Forget every device of a user (flush only), e.g. when they leave the company."""
    result = session.execute(
        delete(PushSubscription).where(col(PushSubscription.user_id) == user_id)
    )
    session.flush()
    return int(getattr(result, "rowcount", 0) or 0)


def _by_endpoint(session: Session, endpoint: str) -> PushSubscription | None:
    return session.exec(
        select(PushSubscription).where(col(PushSubscription.endpoint) == endpoint)
    ).first()


def record_results(
    session: Session,
    results: Sequence[sender.Result],
    *,
    owners: Mapping[int, int],
    notification_ids: Sequence[int | None],
) -> None:
    """After a send (flush only): every attempt kept for diagnostics, devices the push service
    no longer knows (404/410) deleted, each device's latest outcome and failures in a row."""
    attempts = [
        {
            "subscription_id": result.subscription_id,
            "user_id": owners.get(result.subscription_id, 0),
            "notification_id": notification_id,
            "host": result.host[:255],
            "attempt_no": number,
            "status": attempt.status,
            "error": (attempt.error or None) and attempt.error[:60],
            "outcome": result.outcome.value,
            "attempted_at": attempt.at,
            "duration_ms": round(attempt.seconds * 1000),
        }
        for result, notification_id in zip(results, notification_ids, strict=True)
        for number, attempt in enumerate(result.attempts, start=1)
    ]
    if attempts:
        session.execute(insert(PushAttempt), attempts)
    gone = [r.subscription_id for r in results if r.outcome is sender.Outcome.GONE]
    delete_subscriptions(session, subscription_ids=gone)
    at = now()
    by_outcome: defaultdict[sender.Outcome, list[int]] = defaultdict(list)
    for result in results:
        if result.outcome is not sender.Outcome.GONE:
            by_outcome[result.outcome].append(result.subscription_id)
    for outcome, ids in by_outcome.items():
        failures = (
            literal(0)
            if outcome is sender.Outcome.DELIVERED
            else col(PushSubscription.failure_count) + 1
        )
        session.execute(
            update(PushSubscription)
            .where(col(PushSubscription.id).in_(ids))
            .values(last_attempt_at=at, last_outcome=outcome.value, failure_count=failures)
        )
    session.flush()
