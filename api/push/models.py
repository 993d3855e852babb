from datetime import datetime

from sqlalchemy import Index, String
from sqlmodel import Field, SQLModel

from api.common.clock import now
from api.db import UTCDateTime


class PushSubscription(SQLModel, table=True):
    """One browser's push subscription; a user has one per device."""

    __tablename__ = "push_subscription"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="org_user.id", index=True)
    endpoint: str = Field(sa_type=String(2048), unique=True)
    p256dh: str = Field(sa_type=String(200))
    auth: str = Field(sa_type=String(100))
    created_at: datetime = Field(default_factory=now, sa_type=UTCDateTime)
    # The latest send, so a device that keeps failing can be spotted (and pruned) cheaply.
    last_attempt_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_outcome: str | None = Field(default=None, sa_type=String(20))
    failure_count: int = 0  # sends in a row that did not deliver


class PushAttempt(SQLModel, table=True):
    """One request to a push service, kept for diagnostics ("why did my phone not buzz?").

    No foreign keys: a row must outlive the subscription a 410 deleted, since it explains why.
    """

    __tablename__ = "push_attempt"
    __table_args__ = (Index("ix_push_attempt_user", "user_id", "attempted_at"),)

    id: int | None = Field(default=None, primary_key=True)
    subscription_id: int
    user_id: int
    notification_id: int | None = None  # null for summaries, which stand for several
    host: str = Field(sa_type=String(255))
    attempt_no: int
    status: int | None = None  # null: no answer (refused, reset, timed out)
    error: str | None = Field(default=None, sa_type=String(60))
    outcome: str = Field(sa_type=String(20))
    attempted_at: datetime = Field(sa_type=UTCDateTime, index=True)
    duration_ms: int
