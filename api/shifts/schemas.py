from datetime import datetime

from pydantic import BaseModel, Field

from api.common.schemas import AwareTime, Id, StrictInput


class ShiftCreate(StrictInput):
    user_id: Id
    starts_at: AwareTime = Field(description="ISO 8601 with an offset")
    ends_at: AwareTime = Field(description="ISO 8601 with an offset; after starts_at")


class ShiftPublic(BaseModel):
    id: int
    user_id: int
    username: str
    user_name: str
    store_id: int
    starts_at: datetime
    ends_at: datetime
    created_by_id: int | None
    created_at: datetime


class ShiftImportResult(BaseModel):
    imported: int = Field(description="How many shifts were added")
    items: list[ShiftPublic] = Field(description="The new shifts, in the file's order")
