"""Every table, imported in one place so Alembic sees the whole schema."""

from api.audit.models import AuditEntry
from api.auth.models import AuthFailure, Invite, Login, RefreshToken
from api.common.idempotency import IdempotencyRecord
from api.news.models import (
    NewsAck,
    NewsAudienceRegion,
    NewsAudienceRole,
    NewsAudienceStore,
    NewsComment,
    NewsPost,
    NewsReaction,
    NewsRead,
    NewsTranslation,
)
from api.org.models import Region, Store, User
from api.push.models import PushSubscription

__all__ = [
    "AuditEntry",
    "AuthFailure",
    "IdempotencyRecord",
    "Invite",
    "Login",
    "NewsAck",
    "NewsAudienceRegion",
    "NewsAudienceRole",
    "NewsAudienceStore",
    "NewsComment",
    "NewsPost",
    "NewsReaction",
    "NewsRead",
    "NewsTranslation",
    "PushSubscription",
    "RefreshToken",
    "Region",
    "Store",
    "User",
]
