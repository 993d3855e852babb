"""Counting failed sign-ins (and invite guesses) per username and per address.

Kept in the database so every API process sees the same counts.
"""

import math
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from api.auth.models import AuthFailure
from api.common.clock import now
from api.errors import TooManyRequests


@dataclass(frozen=True)
class FailureLimits:
    per_username: int
    per_ip: int
    window: timedelta


def ensure_not_limited(
    session: Session, *, username: str | None, ip: str, limits: FailureLimits
) -> None:
    """Raise 429 with Retry-After while too many recent failures stand against either key.

    `username` None counts only the address: for guesses that name no account (invite codes),
    a shared key would let anyone block everybody else.
    """
    since = now() - limits.window
    keys = [(AuthFailure.ip, ip, limits.per_ip)]
    if username is not None:
        keys.insert(0, (AuthFailure.username, username, limits.per_username))
    for column, value, limit in keys:
        count, oldest = session.exec(
            select(func.count(), func.min(AuthFailure.failed_at)).where(
                col(column) == value, col(AuthFailure.failed_at) > since
            )
        ).one()
        if count >= limit and oldest is not None:
            retry_after = max(1, math.ceil((oldest + limits.window - now()).total_seconds()))
            raise TooManyRequests(
                "Too many failed attempts. Try again later.",
                headers={"Retry-After": str(retry_after)},
            )


def record_failure(session: Session, *, username: str, ip: str) -> None:
    session.add(AuthFailure(username=username, ip=ip))
    session.flush()


def clear_failures(session: Session, *, username: str) -> None:
    session.execute(delete(AuthFailure).where(col(AuthFailure.username) == username))


def purge_old_failures(session: Session, *, older_than: timedelta) -> int:
    result = session.execute(
        delete(AuthFailure).where(col(AuthFailure.failed_at) < now() - older_than)
    )
    return int(getattr(result, "rowcount", 0) or 0)
