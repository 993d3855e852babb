from typing import Annotated

from fastapi import APIRouter, Query

from api import policy
from api.auth.deps import CurrentUser
from api.common.pagination import Page, PageDep
from api.common.schemas import MAX_ID, IdPath
from api.db import SessionDep
from api.errors import NotFound, error_responses
from api.org import service as org_service
from api.org.models import Region, Store, User
from api.org.schemas import (
    MePublic,
    MeUpdate,
    RegionCreate,
    RegionPublic,
    RegionUpdate,
    StoreCreate,
    StorePublic,
    UserPublic,
)

router = APIRouter(tags=["organisation"], responses=error_responses(401))
OptionalId = Annotated[int | None, Query(ge=1, le=MAX_ID)]


@router.post(
    "/regions", status_code=201, response_model=RegionPublic, responses=error_responses(403, 409)
)
def create_region(data: RegionCreate, session: SessionDep, user: CurrentUser) -> Region:
    """Create a region."""
    policy.ensure_can_manage_org(user)
    return org_service.create_region(session, data=data)


@router.patch(
    "/regions/{region_id}", response_model=RegionPublic, responses=error_responses(403, 404, 409)
)
def rename_region(
    region_id: IdPath, data: RegionUpdate, session: SessionDep, user: CurrentUser
) -> Region:
    """Rename a region (HQ and admins)."""
    policy.ensure_can_manage_org(user)
    region = org_service.get_region(session, region_id)
    return org_service.rename_region(session, region=region, data=data)


@router.get("/regions", response_model=Page[RegionPublic])
def list_regions(session: SessionDep, _user: CurrentUser, page: PageDep) -> Page[RegionPublic]:
    """List regions."""
    regions, next_cursor = org_service.list_regions(session, page=page)
    return Page(
        items=[RegionPublic.model_validate(region, from_attributes=True) for region in regions],
        next_cursor=next_cursor,
    )


@router.post(
    "/stores", status_code=201, response_model=StorePublic, responses=error_responses(403, 409)
)
def create_store(data: StoreCreate, session: SessionDep, user: CurrentUser) -> Store:
    """Create a store in a region, with its IANA time zone."""
    policy.ensure_can_manage_org(user)
    return org_service.create_store(session, data=data)


@router.get("/stores", response_model=Page[StorePublic])
def list_stores(
    session: SessionDep, _user: CurrentUser, page: PageDep, region_id: OptionalId = None
) -> Page[StorePublic]:
    """List stores, optionally of one region."""
    stores, next_cursor = org_service.list_stores(session, page=page, region_id=region_id)
    return Page(
        items=[StorePublic.model_validate(store, from_attributes=True) for store in stores],
        next_cursor=next_cursor,
    )


def _me(session: SessionDep, user: User) -> MePublic:
    store = org_service.get_store(session, user.store_id)
    public = UserPublic.model_validate(user, from_attributes=True)
    return MePublic(**public.model_dump(), store=store.model_dump() if store else None)


@router.get("/me", response_model=MePublic)
def read_me(session: SessionDep, user: CurrentUser) -> MePublic:
    """Show the signed-in user, with their home store."""
    return _me(session, user)


@router.patch("/me", response_model=MePublic)
def update_me(data: MeUpdate, session: SessionDep, user: CurrentUser) -> MePublic:
    """Change your display name or language."""
    return _me(session, org_service.update_me(session, user=user, data=data))


@router.get("/users/{user_id:int}", response_model=UserPublic, responses=error_responses(404))
def read_user(user_id: IdPath, session: SessionDep, viewer: CurrentUser) -> User:
    """Show one person (yourself; managers their store's people; HQ and admins anyone)."""
    target = org_service.get_user(session, user_id)
    if not policy.can_see_user(viewer, target):
        raise NotFound("User not found")
    return target
