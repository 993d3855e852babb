from datetime import datetime
from typing import Annotated

from pydantic import (
    BaseModel,
    Field,
    StrictBool,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from api.common.schemas import AwareTime, Id, Line, StrictInput
from api.news.models import PostStatus, ReactionKind, Urgency
from api.org.models import Locale, Role

Title = Annotated[Line, StringConstraints(max_length=200)]
# Long enough for a real announcement, short enough that nobody pastes a manual into it.
Body = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
CommentBody = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4_000)
]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class Audience(StrictInput):
    store_ids: Annotated[list[Id], Field(max_length=1000)] = Field(default_factory=list)
    region_ids: Annotated[list[Id], Field(max_length=200)] = Field(default_factory=list)
    roles: Annotated[list[Role], Field(max_length=4)] = Field(default_factory=list)


class TranslationIn(StrictInput):
    title: Title
    body: Body


class NewsPostCreate(StrictInput):
    title: Title
    body: Body
    audience: Audience = Field(default_factory=Audience)
    must_read: StrictBool = False
    urgency: Urgency = Urgency.NORMAL
    urgent_reason: Reason | None = None
    pinned: StrictBool = False
    draft: StrictBool = Field(default=False, description="Save without publishing")
    publish_at: AwareTime | None = None
    expires_at: AwareTime | None = None
    locale: Locale = Field(default=Locale.NL, description="The language title and body are in")
    translations: dict[Locale, TranslationIn] = Field(default_factory=dict)

    @field_validator("translations")
    @classmethod
    def _other_languages(
        cls, translations: dict[Locale, TranslationIn], info: ValidationInfo
    ) -> dict[Locale, TranslationIn]:
        if info.data.get("locale") in translations:
            raise ValueError("translations must be in another language than the post itself")
        return translations


class NewsPostUpdate(StrictInput):
    """Every field optional; what is sent replaces what was there."""

    title: Title | None = None
    body: Body | None = None
    audience: Audience | None = None
    must_read: StrictBool | None = None
    urgency: Urgency | None = None
    urgent_reason: Reason | None = None
    pinned: StrictBool | None = None
    draft: StrictBool | None = None
    publish_at: AwareTime | None = None
    expires_at: AwareTime | None = None
    locale: Locale | None = Field(default=None, description="The language title and body are in")
    translations: dict[Locale, TranslationIn] | None = None


class TranslationOut(BaseModel):
    title: str
    body: str


class AuthorPublic(BaseModel):
    id: int
    name: str


class AudiencePublic(BaseModel):
    store_ids: list[int]
    region_ids: list[int]
    roles: list[Role]


class NewsPostPublic(BaseModel):
    id: int
    status: PostStatus
    title: str
    body: str
    body_html: str
    locale: Locale = Field(description="The language title and body are shown in")
    author: AuthorPublic
    audience: AudiencePublic
    published_at: datetime | None
    publish_at: datetime | None
    expires_at: datetime | None
    must_read: bool
    urgency: Urgency
    pinned: bool
    read: bool
    acknowledged: bool
    comment_count: int
    reactions: dict[ReactionKind, int] = Field(description="Count per reaction kind")
    my_reactions: list[ReactionKind]
    translations: list[Locale] = Field(description="Languages this post is available in")


class NewsPostSource(BaseModel):
    """What an editor needs: the original text and language, and every translation in full."""

    id: int
    author_id: int
    status: PostStatus
    title: str
    body: str
    locale: Locale
    audience: AudiencePublic
    must_read: bool
    urgency: Urgency
    pinned: bool
    publish_at: datetime | None
    published_at: datetime | None
    expires_at: datetime | None
    translations: dict[Locale, TranslationOut]


class ReactionsPublic(BaseModel):
    reactions: dict[ReactionKind, int]
    my_reactions: list[ReactionKind]


class CommentCreate(StrictInput):
    body: CommentBody


class CommentPublic(BaseModel):
    id: int
    post_id: int
    author: AuthorPublic
    body: str
    created_at: datetime
    edited_at: datetime | None


class StoreStats(BaseModel):
    store_id: int
    audience: int
    read: int
    acknowledged: int


class Counts(BaseModel):
    audience: int
    read: int
    acknowledged: int


class NewsStats(BaseModel):
    audience_size: int = Field(description="Everyone the post is for, headquarters included")
    read: int
    acknowledged: int
    by_store: list[StoreStats]
    without_store: Counts = Field(
        description="HQ and admins in the audience; by_store plus this adds up to the totals"
    )
