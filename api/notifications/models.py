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


class Notification(SQLModel, table=True):
    """One inbox row for one person: the inbox shows every notification, pushed or held."""

    __tablename__ = "notification_item"
    # The inbox reads one person's rows newest first.
    __table_args__ = (Index("ix_notification_item_inbox", "user_id", "id"),)

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
