from datetime import datetime
from enum import StrEnum

from sqlalchemy import Index, String
from sqlmodel import Field, SQLModel

from api.common.clock import now
from api.db import UTCDateTime, str_enum


class Urgency(StrEnum):
    """How soon something must reach a person; news posts carry it too."""

    URGENT = "urgent"
    NORMAL = "normal"
    LOW = "low"


class Category(StrEnum):
    """What a person can switch off in their preferences."""

    NEWS = "news"
    QA = "qa"


class OffShift(StrEnum):
    """What a person wants pushed off shift, outside quiet hours (their preference)."""

    HOLD = "hold"
    DELIVER = "deliver"


class Delivery(StrEnum):
    """Where a notification is on its way to the person's phones."""

    QUEUED = "queued"  # to be pushed now (a job is on its way)
    SENDING = "sending"  # claimed by a worker that is sending it right now
    HELD = "held"  # waits for release_at, then goes out inside one summary
    INBOX_ONLY = "inbox_only"  # never pushed: the person switched the category off
    PUSHED = "pushed"  # handed to the push services (or the person has no device)
    SUMMARIZED = "summarized"  # went out counted in a summary push


class Notification(SQLModel, table=True):
    """One inbox row for one person: the inbox shows every notification, pushed or held."""

    __tablename__ = "notification_item"
    # The inbox reads one person's rows newest first.
    __table_args__ = (
        Index("ix_notification_item_inbox", "user_id", "id"),
        # The release sweep reads held rows by release time.
        Index("ix_notification_item_release", "delivery", "release_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="org_user.id", ondelete="CASCADE")
    kind: str = Field(sa_type=String(40))
    category: Category = Field(sa_type=str_enum(Category))
    urgency: Urgency = Field(default=Urgency.NORMAL, sa_type=str_enum(Urgency))
    # Rendered in the recipient's language when written, so a push needs no second lookup.
    title: str = Field(sa_type=String(200))
    body: str = Field(sa_type=String(500))
    url: str = Field(sa_type=String(300))
    created_at: datetime = Field(default_factory=now, sa_type=UTCDateTime)
    read_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    delivery: Delivery = Field(default=Delivery.QUEUED, sa_type=str_enum(Delivery))
    release_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    pushed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # What it is about, e.g. "news_post:12", so the feature can settle it later.
    subject: str | None = Field(default=None, sa_type=String(60))
    # Must-read news: repeated in summaries until the person acknowledges it (resolved_at).
    needs_ack: bool = False
    resolved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
