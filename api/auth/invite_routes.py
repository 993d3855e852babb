from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api import policy
from api.auth import invite_codes
from api.auth import service as auth_service
from api.auth.deps import CurrentUser
from api.auth.models import Invite
from api.auth.schemas import InviteCreate, InvitePublic
from api.common.pagination import Page, PageDep
from api.common.schemas import MAX_ID, IdPath
from api.config import AppSettings, Settings
from api.db import SessionDep
from api.errors import error_responses

router = APIRouter(prefix="/invites", tags=["invites"], responses=error_responses(401))


def _base_url(request: Request, settings: Settings) -> str:
    # Set WINKELPRAAT_PUBLIC_URL in production: the QR code must not trust the Host header.
    return settings.public_url or str(request.base_url)


def _public(invite: Invite, *, base_url: str) -> InvitePublic:
    assert invite.id is not None
    url = f"{base_url.rstrip('/')}/join/{invite_codes.display(invite.code)}"
    return InvitePublic(
        id=invite.id,
        code=invite_codes.display(invite.code),
        url=url,
        qr_svg=invite_codes.qr_svg(url),
        store_id=invite.store_id,
        role=invite.role,
        max_uses=invite.max_uses,
        use_count=invite.use_count,
        expires_at=invite.expires_at,
        created_at=invite.created_at,
        is_revoked=invite.revoked_at is not None,
    )


@router.post("", status_code=201, response_model=InvitePublic, responses=error_responses(401, 403))
def create_invite(
    data: InviteCreate,
    request: Request,
    session: SessionDep,
    user: CurrentUser,
    settings: AppSettings,
) -> InvitePublic:
    """Create an invite code and QR code for a store and role."""
    policy.ensure_can_invite(user, store_id=data.store_id, role=data.role)
    invite = auth_service.create_invite(
        session, creator=user, data=data, default_days=settings.invite_default_days
    )
    return _public(invite, base_url=_base_url(request, settings))


@router.get("", response_model=Page[InvitePublic], responses=error_responses(403))
def list_invites(
    request: Request,
    session: SessionDep,
    user: CurrentUser,
    settings: AppSettings,
    page: PageDep,
    store_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    include_used: bool = False,
) -> Page[InvitePublic]:
    """List invites, newest first (managers: their own store; HQ and admins: any or all)."""
    scope = policy.users_store_filter(user, store_id)
    invites, next_cursor = auth_service.list_invites(
        session, store_id=scope, include_used=include_used, page=page
    )
    base_url = _base_url(request, settings)
    return Page(
        items=[_public(invite, base_url=base_url) for invite in invites], next_cursor=next_cursor
    )


@router.delete("/{invite_id}", status_code=204, responses=error_responses(401, 403, 404))
def revoke_invite(invite_id: IdPath, session: SessionDep, user: CurrentUser) -> Response:
    """Revoke an invite so its code no longer works."""
    invite = auth_service.get_invite(session, invite_id)
    policy.ensure_can_manage_invite(user, invite.store_id)
    auth_service.revoke_invite(session, invite=invite)
    return Response(status_code=204)
