"""Idempotency-Key: a retried create returns what the first attempt made.

The PWA's offline outbox resends a post until it hears back; without this, a lost response
would publish the same comment twice. One table serves every create endpoint.

A key belongs to one user and one kind of request: the same key on another endpoint starts
afresh. A replay must send the same request (else 422 `idempotency_key_reused`), and it returns
the original only while that is still this user's, still visible to them, and really the row
the key made: SQLite hands a deleted row's id to the next row, so a bare id could point at
somebody else's private question. A row made after the key was stored cannot be the original.
"""

import hashlib
import json
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Protocol, TypeVar

from fastapi import Header
from fastapi.encoders import jsonable_encoder
from sqlalchemy import String, UniqueConstraint
from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, Session, SQLModel, select

from api.common.clock import now
from api.db import UTCDateTime
from api.errors import Gone, InvalidField, NotFound

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
    __table_args__ = (UniqueConstraint("user_id", "resource_type", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="org_user.id", ondelete="CASCADE")
    key: str = Field(sa_type=String(200))
    resource_type: str = Field(sa_type=String(40))
    # SHA-256 of the request that made it ("" for keys stored before requests were compared).
    request_hash: str = Field(default="", sa_type=String(64))
    resource_id: int
    created_at: datetime = Field(default_factory=now, sa_type=UTCDateTime)


class KeyReused(InvalidField):
    """422 in the usual field-list shape, on the header, with its own code."""

    code = "idempotency_key_reused"

    def __init__(self, detail: str) -> None:
        super().__init__(("header", "Idempotency-Key"), detail)


class Made(Protocol):
    @property
    def created_at(self) -> datetime: ...


T = TypeVar("T", bound=Made)


def request_hash(request: object) -> str:
    """A digest of what was asked (the validated body and the ids in the path)."""
    canonical = json.dumps(jsonable_encoder(request), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def create_once(
    session: Session,
    *,
    user_id: int,
    key: str | None,
    resource_type: str,
    request: object,
    create: Callable[[], int],
    load: Callable[[int], T],
    still_theirs: Callable[[T], bool],
) -> T:
    """Run `create` (which adds and flushes, returning the new id) unless this user already sent
    this request with this key; commit; return the resource. Every create endpoint goes
    through here. `still_theirs` says whether a replay may see what it made: made by this user,
    and visible to them now."""
    digest = request_hash(request)
    earlier = _record(session, user_id=user_id, key=key, resource_type=resource_type)
    if earlier is not None:
        return _replay(earlier, digest=digest, load=load, still_theirs=still_theirs)
    resource_id = create()
    if not remember(
        session,
        user_id=user_id,
        key=key,
        resource_type=resource_type,
        resource_id=resource_id,
        digest=digest,
    ):
        session.rollback()  # a concurrent retry with the same key won: return what it made
        earlier = _record(session, user_id=user_id, key=key, resource_type=resource_type)
        assert earlier is not None
        return _replay(earlier, digest=digest, load=load, still_theirs=still_theirs)
    session.commit()
    return load(resource_id)


def _replay(
    record: "IdempotencyRecord",
    *,
    digest: str,
    load: Callable[[int], T],
    still_theirs: Callable[[T], bool],
) -> T:
    if record.request_hash and record.request_hash != digest:
        raise KeyReused(
            "This Idempotency-Key was used for a different request. Use a new key for a new "
            "request."
        )
    gone = Gone(
        "What this request made earlier is no longer there.", code="idempotency_original_gone"
    )
    try:
        resource = load(record.resource_id)
    except NotFound as exc:
        raise gone from exc
    # A row made after the key was stored reuses a deleted row's id: it is not the original.
    if resource.created_at > record.created_at or not still_theirs(resource):
        raise gone
    return resource


def _record(
    session: Session, *, user_id: int, key: str | None, resource_type: str
) -> IdempotencyRecord | None:
    if not key:
        return None
    return session.exec(
        select(IdempotencyRecord).where(
            IdempotencyRecord.user_id == user_id,
            IdempotencyRecord.resource_type == resource_type,
            IdempotencyRecord.key == key,
        )
    ).first()


def remember(
    session: Session,
    *,
    user_id: int,
    key: str | None,
    resource_type: str,
    resource_id: int,
    digest: str = "",
) -> bool:
    """Record what a key produced (flush only). False when a concurrent retry won the race;
    the caller then rolls back and replays what that retry made."""
    if not key:
        return True
    session.add(
        IdempotencyRecord(
            user_id=user_id,
            key=key,
            resource_type=resource_type,
            resource_id=resource_id,
            request_hash=digest,
        )
    )
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:
        return False
    return True
