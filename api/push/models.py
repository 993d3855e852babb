from datetime import datetime

from sqlalchemy import String
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
