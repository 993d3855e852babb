from datetime import datetime

from pydantic import BaseModel

from api.notifications.models import Category, Urgency


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


class UnreadCount(BaseModel):
    unread: int
