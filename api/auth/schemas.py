from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StrictInt, StringConstraints, model_validator

from api.common.schemas import Id, StrictInput
from api.org.models import Locale, Role
from api.org.schemas import (
    PersonName,
    StorePublic,
    Username,
    UserPublic,
    check_role_matches_store,
)

Password = Annotated[str, StringConstraints(min_length=8, max_length=256)]
InviteCode = Annotated[str, StringConstraints(strip_whitespace=True, min_length=4, max_length=40)]
MAX_INVITE_USES = 10_000


class TokenPair(BaseModel):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105  (the OAuth2 token type)
    expires_in: int = Field(description="Seconds until the access token expires")


class RefreshRequest(StrictInput):
    refresh_token: Annotated[str, StringConstraints(min_length=1, max_length=200)]


class JoinRequest(StrictInput):
    code: InviteCode
    name: PersonName
    username: Username
    password: Password
    locale: Locale = Locale.NL


class InviteCreate(StrictInput):
    store_id: Id | None = None
    role: Role
    max_uses: Annotated[StrictInt, Field(ge=1, le=MAX_INVITE_USES)] = 1
    expires_at: datetime | None = Field(
        default=None, description="Defaults to WINKELPRAAT_INVITE_DEFAULT_DAYS from now"
    )

    @model_validator(mode="after")
    def _store_fits_role(self) -> "InviteCreate":
        check_role_matches_store(self.role, self.store_id, store_given=True)
        if self.expires_at is not None and self.expires_at.tzinfo is None:
            raise ValueError("expires_at needs a time zone offset, e.g. 2026-12-01T09:00:00+01:00")
        return self


class InvitePublic(BaseModel):
    id: int
    code: str = Field(description="Shown grouped as XXXXX-XXXXX; typing is forgiving")
    url: str = Field(description="The join link encoded in the QR code")
    qr_svg: str = Field(description="The join link as a QR code (SVG)")
    store_id: int | None
    role: Role
    max_uses: int
    use_count: int
    uses_left: int = Field(description="How many more people can join with it")
    expires_at: datetime
    created_at: datetime
    is_revoked: bool


class InvitePreview(BaseModel):
    """What someone about to join sees: where and as what."""

    code: str
    role: Role
    store: StorePublic | None
    expires_at: datetime


class InviteImportResult(BaseModel):
    """The invites made from a CSV file, sorted by store code (one printed sheet per store),
    invites for HQ and admins last, each store's in the file's order."""

    imported: int
    items: list[InvitePublic]


class ResetRequest(StrictInput):
    code: InviteCode
    password: Password


class SignInCodePublic(BaseModel):
    """Shown once: only a hash of the code is stored."""

    code: str = Field(description="Shown grouped as XXXXX-XXXXX; typing is forgiving")
    expires_at: datetime
    url: str = Field(description="The page where the code is used to choose a new password")
    qr_svg: str = Field(description="The url as a QR code (SVG)")


class ImportedUser(BaseModel):
    user: UserPublic
    sign_in_code: SignInCodePublic


class UserImportResult(BaseModel):
    """The accounts made from a CSV file, each with its first sign-in code, sorted like
    InviteImportResult (a sheet per store)."""

    imported: int
    items: list[ImportedUser]
