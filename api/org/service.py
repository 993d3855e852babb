"""Regions, stores and user records."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from api.common.clock import now
from api.common.pagination import PageParams, paginate_by_id
from api.errors import Conflict, InvalidField, NotFound
from api.org.models import STORE_ROLES, Locale, Region, Role, Store, User
from api.org.schemas import (
    MeUpdate,
    RegionCreate,
    RegionUpdate,
    StoreCreate,
    StoreUpdate,
    UserUpdate,
)


def create_region(session: Session, *, data: RegionCreate) -> Region:
    if session.exec(select(Region).where(Region.name == data.name)).first():
        raise Conflict(f"A region named '{data.name}' already exists", code="region_exists")
    region = Region(name=data.name)
    session.add(region)
    session.commit()
    session.refresh(region)
    return region


def get_region(session: Session, region_id: int) -> Region:
    region = session.get(Region, region_id)
    if region is None:
        raise NotFound("Region not found")
    return region


def rename_region(session: Session, *, region: Region, data: RegionUpdate) -> Region:
    taken = session.exec(
        select(Region).where(Region.name == data.name, col(Region.id) != region.id)
    ).first()
    if taken:
        raise Conflict(f"A region named '{data.name}' already exists", code="region_exists")
    region.name = data.name
    session.add(region)
    session.commit()
    session.refresh(region)
    return region


def list_regions(session: Session, *, page: PageParams) -> tuple[Sequence[Region], str | None]:
    return paginate_by_id(session, select(Region), Region.id, page)


def create_store(session: Session, *, data: StoreCreate) -> Store:
    if session.get(Region, data.region_id) is None:
        raise InvalidField(("body", "region_id"), f"Region {data.region_id} does not exist")
    if session.exec(select(Store).where(Store.code == data.code)).first():
        raise Conflict(f"A store with code '{data.code}' already exists", code="store_exists")
    store = Store(code=data.code, name=data.name, region_id=data.region_id, timezone=data.timezone)
    session.add(store)
    session.commit()
    session.refresh(store)
    return store


def list_stores(
    session: Session, *, page: PageParams, region_id: int | None = None
) -> tuple[Sequence[Store], str | None]:
    statement = select(Store)
    if region_id is not None:
        statement = statement.where(Store.region_id == region_id)
    return paginate_by_id(session, statement, Store.id, page)


def change_store(session: Session, *, store: Store, data: StoreUpdate) -> bool:
    """Rename a store, move it to another region or change its time zone (flush only).
    Returns whether the time zone changed: what was held for its people is then planned again."""
    if data.region_id is not None and session.get(Region, data.region_id) is None:
        raise InvalidField(("body", "region_id"), f"Region {data.region_id} does not exist")
    zone_changed = data.timezone is not None and data.timezone != store.timezone
    if data.name is not None:
        store.name = data.name
    if data.region_id is not None:
        store.region_id = data.region_id
    if data.timezone is not None:
        store.timezone = data.timezone
    session.add(store)
    session.flush()
    return zone_changed


def find_store(session: Session, store_id: int) -> Store:
    store = session.get(Store, store_id)
    if store is None:
        raise NotFound("Store not found")
    return store


def member_ids(session: Session, store_id: int) -> list[int]:
    """Everyone whose home store this is."""
    return [
        user_id
        for user_id in session.exec(select(User.id).where(User.store_id == store_id))
        if user_id is not None
    ]


def get_store(session: Session, store_id: int | None) -> Store | None:
    return session.get(Store, store_id) if store_id is not None else None


def find_user_by_username(session: Session, username: str) -> User | None:
    return session.exec(select(User).where(User.username == username.strip().lower())).first()


def add_user(
    session: Session,
    *,
    username: str,
    name: str,
    password_hash: str,
    role: Role,
    store_id: int | None,
    locale: Locale = Locale.NL,
) -> User:
    """Add a user (flush only); a taken username is a 409."""
    if find_user_by_username(session, username):
        raise Conflict("This username is already taken", code="username_taken")
    user = User(
        username=username,
        name=name,
        password_hash=password_hash,
        role=role,
        store_id=store_id,
        locale=locale,
    )
    session.add(user)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as exc:  # a concurrent join took the same username
        raise Conflict("This username is already taken", code="username_taken") from exc
    return user


@dataclass(frozen=True)
class PeopleFilter:
    """Which people a team list shows; None leaves a criterion out."""

    store_id: int | None = None
    region_id: int | None = None
    role: Role | None = None
    active: bool | None = None
    text: str | None = None  # part of the name or username, any case


def list_users(
    session: Session, *, people: PeopleFilter, page: PageParams
) -> tuple[Sequence[User], str | None]:
    statement = select(User)
    if people.store_id is not None:
        statement = statement.where(User.store_id == people.store_id)
    if people.region_id is not None:
        in_region = select(Store.id).where(Store.region_id == people.region_id)
        statement = statement.where(col(User.store_id).in_(in_region))
    if people.role is not None:
        statement = statement.where(User.role == people.role)
    if people.active is not None:
        statement = statement.where(User.is_active == people.active)
    if people.text:
        pattern = f"%{_escape_like(people.text.lower())}%"
        statement = statement.where(
            or_(
                func.lower(User.name).like(pattern, escape="\\"),
                col(User.username).like(pattern, escape="\\"),
            )
        )
    return paginate_by_id(session, statement, User.id, page)


def _escape_like(text: str) -> str:
    """`text` matched literally in LIKE: a typed % or _ is not a wildcard."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def users_by_id(session: Session, user_ids: Iterable[int]) -> dict[int, User]:
    """People by id, in one query (authors of a page of comments, answers, shifts...)."""
    wanted = set(user_ids)
    if not wanted:
        return {}
    users = session.exec(select(User).where(col(User.id).in_(wanted))).all()
    return {user.id: user for user in users if user.id is not None}


def get_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("User not found")
    return user


def update_me(session: Session, *, user: User, data: MeUpdate) -> User:
    if data.name is not None:
        user.name = data.name
    if data.locale is not None:
        user.locale = data.locale
    session.add(user)
    session.commit()
    session.refresh(user)
    return user


def update_user(session: Session, *, user: User, data: UserUpdate) -> User:
    """Apply an HQ/admin change, keeping role and home store consistent (flush only)."""
    role = data.role or user.role
    store_id = data.store_id if "store_id" in data.model_fields_set else user.store_id
    if (
        data.role is not None
        and data.role not in STORE_ROLES
        and "store_id" not in data.model_fields_set
    ):
        store_id = None  # promoting to hq/admin leaves the home store
    if role in STORE_ROLES and store_id is None:
        raise InvalidField(("body", "store_id"), "Staff and store managers need a store")
    if role not in STORE_ROLES and store_id is not None:
        raise InvalidField(("body", "store_id"), "HQ and admin accounts have no home store")
    if store_id is not None and session.get(Store, store_id) is None:
        raise InvalidField(("body", "store_id"), f"Store {store_id} does not exist")
    user.role = role
    user.store_id = store_id
    if data.name is not None:
        user.name = data.name
    if data.expert_categories is not None:
        user.expert_categories = sorted(set(data.expert_categories))
    session.add(user)
    session.flush()
    return user


def mark_reactivated(session: Session, *, user: User) -> None:
    """Let the account sign in again (flush only); its old logins stay ended."""
    user.is_active = True
    user.deactivated_at = None
    session.add(user)
    session.flush()


def mark_deactivated(session: Session, *, user: User) -> None:
    """Flag the account inactive (flush only); callers revoke tokens and devices too."""
    user.is_active = False
    user.deactivated_at = now()
    session.add(user)
    session.flush()
