"""Every table, imported in one place so Alembic sees the whole schema."""

from api.auth.models import AuthFailure, Invite, Login, RefreshToken
from api.org.models import Region, Store, User
from api.push.models import PushSubscription

__all__ = [
    "AuthFailure",
    "Invite",
    "Login",
    "PushSubscription",
    "RefreshToken",
    "Region",
    "Store",
    "User",
]
