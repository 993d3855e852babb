"""Regions, stores and user records."""

from collections.abc import Iterable, Sequence

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from api.common.clock import now
from api.common.pagination import PageParams, paginate_by_id
from api.errors import Conflict, InvalidField, NotFound
from api.org.models import STORE_ROLES, Locale, Region, Role, Store, User
from api.org.schemas import MeUpdate, RegionCreate, StoreCreate, UserUpdate


def create_region(session: Session, *, data: RegionCreate) -> Region:
    if session.exec(select(Region).where(Region.name == data.name)).first():
        raise Conflict(f"A region named '{data.name}' already exists", code="region_exists")
    region = Region(name=data.name)
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


def list_users(
    session: Session, *, store_id: int | None, page: PageParams
) -> tuple[Sequence[User], str | None]:
    statement = select(User)
    if store_id is not None:
        statement = statement.where(User.store_id == store_id)
    return paginate_by_id(session, statement, User.id, page)


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
    """Apply an HQ/admin change, keeping role and home store consistent."""
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
    session.commit()
    session.refresh(user)
    return user


def mark_deactivated(session: Session, *, user: User) -> None:
    """Flag the account inactive (flush only); callers revoke tokens and devices too."""
    user.is_active = False
    user.deactivated_at = now()
    session.add(user)
    session.flush()
