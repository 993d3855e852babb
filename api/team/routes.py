"""The team screen's API: the people of a store, leavers and returners, changing a person or a
store. Everything here is for store managers (their own store), head office and admins."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from api import policy
from api.auth.deps import ClientDep, CurrentUser
from api.common.pagination import Page, PageDep
from api.common.schemas import MAX_ID, IdPath, from_row
from api.db import SessionDep
from api.errors import error_responses
from api.org import service as org_service
from api.org.models import Role, Store, User
from api.org.schemas import StorePublic, StoreUpdate, UserPublic, UserUpdate
from api.team import service as team_service
from api.team.schemas import TeamMember

router = APIRouter(tags=["team"], responses=error_responses(401))
OptionalId = Annotated[int | None, Query(ge=1, le=MAX_ID)]
SearchText = Annotated[str | None, Query(max_length=100, description="Part of a name or username")]


async def get_actor(user: CurrentUser, client: ClientDep) -> team_service.Actor:
    return team_service.Actor(user=user, ip=client.ip)


ActorDep = Annotated[team_service.Actor, Depends(get_actor)]


@router.get("/users", response_model=Page[TeamMember], responses=error_responses(403))
def list_users(
    session: SessionDep,
    user: CurrentUser,
    page: PageDep,
    store_id: OptionalId = None,
    region_id: OptionalId = None,
    q: SearchText = None,
    role: Role | None = None,
    active: bool | None = None,
) -> Page[TeamMember]:
    """List people (store managers: their own store; HQ and admins: any store or all), with
    the day each was last active and their shifts this week."""
    people = org_service.PeopleFilter(
        store_id=policy.users_store_filter(user, store_id),
        region_id=region_id,
        role=role,
        active=active,
        text=q.strip() if q else None,
    )
    members, next_cursor = team_service.list_team(session, people=people, page=page)
    return Page(
        items=[
            from_row(TeamMember, member.user, shifts_this_week=member.shifts_this_week)
            for member in members
        ],
        next_cursor=next_cursor,
    )


@router.patch(
    "/users/{user_id:int}", response_model=UserPublic, responses=error_responses(403, 404, 409)
)
def update_user(user_id: IdPath, data: UserUpdate, session: SessionDep, actor: ActorDep) -> User:
    """Change someone's role, home store, name or expert categories (HQ and admins; only
    admins touch admins; nobody changes their own role)."""
    target = org_service.get_user(session, user_id)
    policy.ensure_can_edit_user(actor.user, target, new_role=data.role)
    return team_service.change_person(session, actor=actor, user=target, data=data)


@router.post(
    "/users/{user_id}/deactivate", status_code=204, responses=error_responses(403, 404, 409)
)
def deactivate_user(user_id: IdPath, session: SessionDep, actor: ActorDep) -> Response:
    """Deactivate an account: it is signed out everywhere at once (its open live streams end),
    its devices get no more pushes; what the person wrote stays."""
    target = org_service.get_user(session, user_id)
    policy.ensure_can_deactivate(actor.user, target)
    team_service.deactivate(session, actor=actor, user=target)
    return Response(status_code=204)


@router.post(
    "/users/{user_id}/reactivate", status_code=204, responses=error_responses(403, 404, 409)
)
def reactivate_user(user_id: IdPath, session: SessionDep, actor: ActorDep) -> Response:
    """Let a deactivated account sign in again. Its old sessions stay ended."""
    target = org_service.get_user(session, user_id)
    policy.ensure_can_deactivate(actor.user, target)
    team_service.reactivate(session, actor=actor, user=target)
    return Response(status_code=204)


@router.patch("/stores/{store_id}", response_model=StorePublic, responses=error_responses(403, 404))
def change_store(
    store_id: IdPath, data: StoreUpdate, session: SessionDep, actor: ActorDep
) -> Store:
    """Rename a store, move it to another region or change its time zone (HQ and admins).
    A new time zone plans again what is held for the store's people (quiet hours and shifts
    are read on the store's clock)."""
    policy.ensure_can_manage_org(actor.user)
    store = org_service.find_store(session, store_id)
    return team_service.change_store(session, actor=actor, store=store, data=data)
