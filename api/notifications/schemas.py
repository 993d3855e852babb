from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field, StrictBool, StringConstraints, model_validator

from api.common.schemas import StrictInput
from api.notifications.models import Category, Delivery, OffShift, Urgency


class NotificationPublic(BaseModel):
    id: int
    kind: str
    category: Category
    urgency: Urgency
    title: str
    body: str
    url: str
    created_at: datetime
    read: bool
    delivery: Delivery = Field(
        description="queued/sending/pushed: pushed at once; held: waits for release_at; "
        "summarized: went out in a summary; inbox_only: never pushed (category off)"
    )
    release_at: datetime | None = Field(description="When a held item goes out")


class UnreadCount(BaseModel):
    unread: int


# Preferences (GET/PUT /me/preferences). Times are the store's local wall-clock time.
HourMinute = Annotated[
    str,
    StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$"),
    Field(description="Local time in the store's time zone, HH:MM (24 hours)", examples=["21:00"]),
]


class QuietHours(StrictInput):
    """From `start` until `end`; a start later than the end wraps midnight (21:00-08:00)."""

    start: HourMinute
    end: HourMinute

    @model_validator(mode="after")
    def _not_empty(self) -> "QuietHours":
        if self.start == self.end:
            raise ValueError("quiet hours need different start and end times")
        return self


class PreferencesIn(StrictInput):
    quiet_hours: QuietHours
    off_shift: OffShift = Field(
        description="Off shift and outside quiet hours: hold everything for the next shift "
        "(hold) or push at once (deliver)"
    )
    categories: dict[Category, StrictBool] = Field(
        description="Which kinds of notification may be pushed; one left out is on"
    )


class PreferencesPublic(BaseModel):
    quiet_hours: QuietHours
    off_shift: OffShift
    categories: dict[Category, bool]
