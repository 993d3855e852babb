from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import JSON, Column, String
from sqlmodel import Field, SQLModel

from api.common.clock import now
from api.db import UTCDateTime, str_enum


class Role(StrEnum):
    STAFF = "staff"
    STORE_MANAGER = "store_manager"
    HQ = "hq"
    ADMIN = "admin"


# Roles that belong to one store; the others work for the whole chain.
STORE_ROLES = frozenset({Role.STAFF, Role.STORE_MANAGER})
CHAIN_WIDE_ROLES = frozenset({Role.HQ, Role.ADMIN})


class Locale(StrEnum):
    NL = "nl"
    EN = "en"


class Region(SQLModel, table=True):
    __tablename__ = "org_region"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_type=String(100), unique=True)
    created_at: datetime = Field(default_factory=now, sa_type=UTCDateTime)


class Store(SQLModel, table=True):
    __tablename__ = "org_store"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(sa_type=String(20), unique=True)
    name: str = Field(sa_type=String(120))
    region_id: int = Field(foreign_key="org_region.id", index=True)
    timezone: str = Field(sa_type=String(64))
    created_at: datetime = Field(default_factory=now, sa_type=UTCDateTime)


class User(SQLModel, table=True):
    __tablename__ = "org_user"

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(sa_type=String(40), unique=True)
    name: str = Field(sa_type=String(100))
    password_hash: str = Field(sa_type=String(200))
    role: Role = Field(sa_type=str_enum(Role))
    store_id: int | None = Field(default=None, foreign_key="org_store.id", index=True)
    locale: Locale = Field(default=Locale.NL, sa_type=str_enum(Locale))
    expert_categories: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    is_active: bool = True
    # Day precision on purpose: enough to see who drifted away, too coarse to watch anyone.
    last_active_on: date | None = None
    created_at: datetime = Field(default_factory=now, sa_type=UTCDateTime)
    deactivated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
