from datetime import date
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    Field,
    StringConstraints,
    model_validator,
)

from api.common.schemas import Id, Line, StrictInput
from api.org.models import STORE_ROLES, Locale, Role


def _fold_case(value: object) -> object:
    return value.strip().lower() if isinstance(value, str) else value


# Usernames are compared without case; typing "Lisa" on a phone keyboard must work.
Username = Annotated[
    str,
    BeforeValidator(_fold_case),
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]{2,39}$"),
]
PersonName = Annotated[Line, StringConstraints(max_length=100)]
ExpertCategory = Annotated[
    str, BeforeValidator(_fold_case), StringConstraints(pattern=r"^[a-z][a-z0-9_-]{1,29}$")
]


def _known_time_zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"'{name}' is not an IANA time zone such as Europe/Amsterdam") from exc
    return name


TimeZone = Annotated[str, StringConstraints(max_length=64), AfterValidator(_known_time_zone)]


class RegionCreate(StrictInput):
    name: Annotated[Line, StringConstraints(max_length=100)]


class RegionUpdate(StrictInput):
    name: Annotated[Line, StringConstraints(max_length=100)]


class RegionPublic(BaseModel):
    id: int
    name: str


class StoreCreate(StrictInput):
    code: Annotated[
        str,
        BeforeValidator(lambda v: v.strip().upper() if isinstance(v, str) else v),
        StringConstraints(pattern=r"^[A-Z0-9][A-Z0-9-]{1,19}$"),
    ]
    name: Annotated[Line, StringConstraints(max_length=120)]
    region_id: Id
    timezone: TimeZone = Field(examples=["Europe/Amsterdam"])


class StoreUpdate(StrictInput):
    """Only what is sent changes; the code stays (it is printed on posters and in CSV files)."""

    name: Annotated[Line, StringConstraints(max_length=120)] | None = None
    region_id: Id | None = None
    timezone: TimeZone | None = Field(default=None, examples=["Europe/Amsterdam"])


class StorePublic(BaseModel):
    id: int
    code: str
    name: str
    region_id: int
    timezone: str


class UserPublic(BaseModel):
    id: int
    username: str
    name: str
    role: Role
    store_id: int | None
    locale: Locale
    expert_categories: list[str]
    is_active: bool
    last_active_on: date | None = Field(
        default=None, description="The last day (UTC) this person used the app; no finer"
    )


class MePublic(UserPublic):
    """The signed-in user, with their home store spelled out for the app's header."""

    store: StorePublic | None


class MeUpdate(StrictInput):
    name: PersonName | None = None
    locale: Locale | None = None


def check_role_matches_store(role: Role | None, store_id: int | None, *, store_given: bool) -> None:
    """Staff and store managers belong to a store; HQ and admins to none."""
    if role is None:
        return
    if role in STORE_ROLES and store_given and store_id is None:
        raise ValueError("store_id is required for staff and store managers")
    if role not in STORE_ROLES and store_id is not None:
        raise ValueError("store_id must be null for hq and admin")


class UserUpdate(StrictInput):
    name: PersonName | None = None
    role: Role | None = None
    store_id: Id | None = None
    expert_categories: Annotated[list[ExpertCategory], Field(max_length=20)] | None = None

    @model_validator(mode="after")
    def _role_and_store_agree(self) -> "UserUpdate":
        check_role_matches_store(
            self.role, self.store_id, store_given="store_id" in self.model_fields_set
        )
        return self
