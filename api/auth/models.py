from datetime import datetime

from sqlalchemy import Index, String
from sqlmodel import Field, SQLModel

from api.common.clock import now
from api.db import UTCDateTime, str_enum
from api.org.models import Role


class Login(SQLModel, table=True):
    """One signed-in device: every token pair issued since a password login or join."""

    __tablename__ = "auth_login"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="org_user.id", index=True)
    user_agent: str = Field(default="", sa_type=String(200))
    created_at: datetime = Field(default_factory=now, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class RefreshToken(SQLModel, table=True):
    """A refresh token, stored as its SHA-256 only; a rotated one must never come back."""

    __tablename__ = "auth_refresh_token"

    id: int | None = Field(default=None, primary_key=True)
    login_id: int = Field(foreign_key="auth_login.id", index=True)
    token_hash: str = Field(sa_type=String(64), unique=True)
    created_at: datetime = Field(default_factory=now, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    rotated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class AuthFailure(SQLModel, table=True):
    """A failed sign-in or join attempt, counted per username and per client address."""

    __tablename__ = "auth_failure"
    # Matches the rate limiter's query: recent failures for one username or one address.
    __table_args__ = (
        Index("ix_auth_failure_username_failed_at", "username", "failed_at"),
        Index("ix_auth_failure_ip_failed_at", "ip", "failed_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(sa_type=String(80))
    ip: str = Field(sa_type=String(45))
    failed_at: datetime = Field(default_factory=now, sa_type=UTCDateTime, index=True)


class Invite(SQLModel, table=True):
    """An invite code (and QR poster) that lets new staff join a store with a role."""

    __tablename__ = "auth_invite"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(sa_type=String(16), unique=True)
    store_id: int | None = Field(default=None, foreign_key="org_store.id", index=True)
    role: Role = Field(sa_type=str_enum(Role))
    max_uses: int
    use_count: int = 0
    expires_at: datetime = Field(sa_type=UTCDateTime)
    created_by_id: int = Field(foreign_key="org_user.id")
    created_at: datetime = Field(default_factory=now, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class SignInCode(SQLModel, table=True):
    """A one-time code a manager makes for someone who forgot their password (no e-mail needed).

    Stored as its SHA-256 only: whoever reads the table cannot take over the account."""

    __tablename__ = "auth_sign_in_code"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="org_user.id", index=True)
    code_hash: str = Field(sa_type=String(64), unique=True)
    created_by_id: int = Field(foreign_key="org_user.id")
    created_at: datetime = Field(default_factory=now, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
