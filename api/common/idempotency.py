"""Idempotency-Key: a retried create returns what the first attempt made.

The PWA's offline outbox resends a post until it hears back; without this, a lost response
would publish the same comment twice. One table serves every create endpoint: the key, scoped
to the user, points at the resource it produced.
"""

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, TypeVar

from fastapi import Header
from sqlalchemy import String, UniqueConstraint
from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, Session, SQLModel, select

from api.common.clock import now
from api.db import UTCDateTime

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        max_length=200,
        description="Any string; a retry with the same key returns the original resource",
    ),
]


class IdempotencyRecord(SQLModel, table=True):
    __tablename__ = "common_idempotency"
    __table_args__ = (UniqueConstraint("user_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="org_user.id", ondelete="CASCADE")
    key: str = Field(sa_type=String(200))
    resource_type: str = Field(sa_type=String(40))
    resource_id: int
    created_at: datetime = Field(default_factory=now, sa_type=UTCDateTime)


T = TypeVar("T")


def create_once(
    session: Session,
    *,
    user_id: int,
    key: str | None,
    resource_type: str,
    create: Callable[[], int],
    load: Callable[[int], T],
) -> T:
    """Run `create` (which adds and flushes, returning the new id) unless this key already
    made something; commit; return the resource. Every create endpoint goes through here."""
    earlier = earlier_result(session, user_id=user_id, key=key, resource_type=resource_type)
    if earlier is not None:
        return load(earlier)
    resource_id = create()
    if not remember(
        session, user_id=user_id, key=key, resource_type=resource_type, resource_id=resource_id
    ):
        session.rollback()  # a concurrent retry with the same key won: return what it made
        earlier = earlier_result(session, user_id=user_id, key=key, resource_type=resource_type)
        assert earlier is not None
        return load(earlier)
    session.commit()
    return load(resource_id)


def earlier_result(
    session: Session, *, user_id: int, key: str | None, resource_type: str
) -> int | None:
    """The id created earlier with this key by this user, if any."""
    if not key:
        return None
    record = session.exec(
        select(IdempotencyRecord).where(
            IdempotencyRecord.user_id == user_id, IdempotencyRecord.key == key
        )
    ).first()
    if record is None or record.resource_type != resource_type:
        return None
    return record.resource_id


def remember(
    session: Session, *, user_id: int, key: str | None, resource_type: str, resource_id: int
) -> bool:
    """Record what a key produced (flush only). False when a concurrent retry won the race;
    the caller then rolls back and returns `earlier_result`."""
    if not key:
        return True
    session.add(
        IdempotencyRecord(
            user_id=user_id, key=key, resource_type=resource_type, resource_id=resource_id
        )
    )
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:
        return False
    return True
