from datetime import datetime

from sqlalchemy import JSON, Column, String, Text
from sqlmodel import Field, SQLModel

from api.common.clock import now
from api.db import UTCDateTime


class AuditEntry(SQLModel, table=True):
    __tablename__ = "audit_entry"

    id: int | None = Field(default=None, primary_key=True)
    actor_id: int = Field(foreign_key="org_user.id", index=True)
    action: str = Field(sa_type=String(60), index=True)
    subject_type: str = Field(sa_type=String(40))
    subject_id: int
    reason: str = Field(sa_type=Text)
    details: dict[str, object] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    ip: str | None = Field(default=None, sa_type=String(45))  # where the request came from
    created_at: datetime = Field(default_factory=now, sa_type=UTCDateTime, index=True)
