from datetime import datetime
from enum import StrEnum

from sqlalchemy import Index, String, Text
from sqlmodel import Field, SQLModel

from api.common.clock import now
from api.db import UTCDateTime, str_enum

# Posts carry the notification urgency (re-exported for news code).
from api.notifications.models import Urgency as Urgency
from api.org.models import Locale, Role


class PostStatus(StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"


class ReactionKind(StrEnum):
    LIKE = "like"
    HEART = "heart"
    CLAP = "clap"
    LAUGH = "laugh"
    WOW = "wow"
    THANKS = "thanks"


class NewsPost(SQLModel, table=True):
    __tablename__ = "news_post"
    # The feed reads published posts pinned first, newest first; this index serves that order.
    __table_args__ = (Index("ix_news_post_feed", "status", "is_pinned", "published_at", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    author_id: int = Field(foreign_key="org_user.id", index=True)
    title: str = Field(sa_type=String(200))
    body: str = Field(sa_type=Text)
    body_html: str = Field(sa_type=Text)
    locale: Locale = Field(default=Locale.NL, sa_type=str_enum(Locale))
    status: PostStatus = Field(sa_type=str_enum(PostStatus))
    urgency: Urgency = Field(default=Urgency.NORMAL, sa_type=str_enum(Urgency))
    # Named as in the API; the columns keep the names the first migration gave them.
    must_read: bool = Field(default=False, sa_column_kwargs={"name": "is_must_read"})
    pinned: bool = Field(default=False, sa_column_kwargs={"name": "is_pinned"})
    # Audience: stores and regions are a union ("has_place_filter" false = every store);
    # roles narrow ("has_role_filter" false = every role). The lists live in the tables below.
    has_place_filter: bool = False
    has_role_filter: bool = False
    publish_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    published_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=now, sa_type=UTCDateTime)


class NewsAudienceStore(SQLModel, table=True):
    __tablename__ = "news_audience_store"
    __table_args__ = (Index("ix_news_audience_store_store_id", "store_id", "post_id"),)

    post_id: int = Field(foreign_key="news_post.id", primary_key=True, ondelete="CASCADE")
    store_id: int = Field(foreign_key="org_store.id", primary_key=True)


class NewsAudienceRegion(SQLModel, table=True):
    __tablename__ = "news_audience_region"
    __table_args__ = (Index("ix_news_audience_region_region_id", "region_id", "post_id"),)

    post_id: int = Field(foreign_key="news_post.id", primary_key=True, ondelete="CASCADE")
    region_id: int = Field(foreign_key="org_region.id", primary_key=True)


class NewsAudienceRole(SQLModel, table=True):
    __tablename__ = "news_audience_role"

    post_id: int = Field(foreign_key="news_post.id", primary_key=True, ondelete="CASCADE")
    role: Role = Field(sa_type=str_enum(Role), primary_key=True)


class NewsTranslation(SQLModel, table=True):
    __tablename__ = "news_translation"

    post_id: int = Field(foreign_key="news_post.id", primary_key=True, ondelete="CASCADE")
    locale: Locale = Field(sa_type=str_enum(Locale), primary_key=True)
    title: str = Field(sa_type=String(200))
    body: str = Field(sa_type=Text)
    body_html: str = Field(sa_type=Text)


class NewsRead(SQLModel, table=True):
    __tablename__ = "news_read"
    __table_args__ = (Index("ix_news_read_user_id", "user_id", "post_id"),)

    post_id: int = Field(foreign_key="news_post.id", primary_key=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="org_user.id", primary_key=True, ondelete="CASCADE")
    read_at: datetime = Field(default_factory=now, sa_type=UTCDateTime)


class NewsAck(SQLModel, table=True):
    __tablename__ = "news_ack"
    __table_args__ = (Index("ix_news_ack_user_id", "user_id", "post_id"),)

    post_id: int = Field(foreign_key="news_post.id", primary_key=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="org_user.id", primary_key=True, ondelete="CASCADE")
    acked_at: datetime = Field(default_factory=now, sa_type=UTCDateTime)


class NewsComment(SQLModel, table=True):
    __tablename__ = "news_comment"
    __table_args__ = (Index("ix_news_comment_post_id", "post_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    post_id: int = Field(foreign_key="news_post.id", ondelete="CASCADE")
    author_id: int = Field(foreign_key="org_user.id", index=True)
    body: str = Field(sa_type=Text)
    created_at: datetime = Field(default_factory=now, sa_type=UTCDateTime)
    edited_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class NewsReaction(SQLModel, table=True):
    __tablename__ = "news_reaction"

    post_id: int = Field(foreign_key="news_post.id", primary_key=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="org_user.id", primary_key=True, ondelete="CASCADE")
    kind: ReactionKind = Field(sa_type=str_enum(ReactionKind), primary_key=True)
    created_at: datetime = Field(default_factory=now, sa_type=UTCDateTime)
