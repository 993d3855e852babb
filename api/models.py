"""Every table, imported in one place so Alembic sees the whole schema."""

from api.audit.models import AuditEntry
from api.auth.models import AuthFailure, Invite, Login, RefreshToken, SignInCode
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
from api.notifications.models import Notification
from api.notifications.preferences import NotificationPreference
from api.org.models import Region, Store, User
from api.push.models import PushAttempt, PushSubscription
from api.qa.models import Answer, Question, Vote
from api.shifts.models import Shift

__all__ = [
    "Answer",
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
    "Notification",
    "NotificationPreference",
    "PushAttempt",
    "PushSubscription",
    "Question",
    "RefreshToken",
    "Region",
    "Shift",
    "SignInCode",
    "Store",
    "User",
    "Vote",
]
