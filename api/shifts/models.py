from datetime import datetime, timedelta

from sqlalchemy import CheckConstraint, Index
from sqlmodel import Field, SQLModel

from api.common.clock import now
from api.db import UTCDateTime

# Longer than any real shift (a double shift included); it also bounds how far back the
# "on shift now" query and the overlap check have to look.
MAX_SHIFT_LENGTH = timedelta(hours=16)


class Shift(SQLModel, table=True):
    """One planned shift of one person, in UTC."""

    __tablename__ = "shift_entry"
    __table_args__ = (
        # A person's shifts by time: "on shift now", "next shift", overlaps, /me/shifts.
        Index("ix_shift_entry_user_starts", "user_id", "starts_at"),
        # A store's schedule (GET /shifts?store_id=).
        Index("ix_shift_entry_store_starts", "store_id", "starts_at"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
    )

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="org_user.id", ondelete="CASCADE")
    # The person's home store when the shift was planned: a later move leaves past shifts
    # (and who may change them) with the store they were worked in.
    store_id: int = Field(foreign_key="org_store.id", ondelete="CASCADE")
    starts_at: datetime = Field(sa_type=UTCDateTime)
    ends_at: datetime = Field(sa_type=UTCDateTime)
    created_by_id: int | None = Field(default=None, foreign_key="org_user.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=now, sa_type=UTCDateTime)
