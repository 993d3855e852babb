from datetime import datetime

from pydantic import BaseModel, Field


class AuditEntryPublic(BaseModel):
    id: int
    at: datetime
    actor_id: int
    actor_name: str | None = Field(description="The actor's display name, for the screen")
    action: str = Field(examples=["user.deactivate", "news.urgent", "invite.create"])
    target_type: str = Field(examples=["user", "store", "news", "invite"])
    target_id: int
    detail: dict[str, object] = Field(description="What changed; the reason where one is given")
    ip: str | None = Field(description="The address the request came from")
