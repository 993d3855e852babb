from typing import Annotated

from fastapi import APIRouter, File, Query, Response, UploadFile

from api import policy
from api.auth import bulk_onboarding, invite_codes
from api.auth import service as auth_service
from api.auth.deps import ClientDep, CurrentUser
from api.auth.models import Invite
from api.auth.schemas import InviteCreate, InviteImportResult, InvitePublic
from api.common.csv_file import MAX_BYTES
from api.common.pagination import Page, PageDep
from api.common.schemas import MAX_ID, IdPath
from api.config import AppSettings, PublicUrl
from api.db import SessionDep
from api.errors import error_responses

router = APIRouter(prefix="/invites", tags=["invites"], responses=error_responses(401))


def _public(invite: Invite, *, base_url: str) -> InvitePublic:
    assert invite.id is not None
    url = f"{base_url}/join/{invite_codes.display(invite.code)}"
    return InvitePublic(
        id=invite.id,
        code=invite_codes.display(invite.code),
        url=url,
        qr_svg=invite_codes.qr_svg(url),
        store_id=invite.store_id,
        role=invite.role,
        max_uses=invite.max_uses,
        use_count=invite.use_count,
        uses_left=max(0, invite.max_uses - invite.use_count),
        expires_at=invite.expires_at,
        created_at=invite.created_at,
        is_revoked=invite.revoked_at is not None,
    )


@router.post("", status_code=201, response_model=InvitePublic, responses=error_responses(401, 403))
def create_invite(
    data: InviteCreate,
    session: SessionDep,
    user: CurrentUser,
    client: ClientDep,
    settings: AppSettings,
    base_url: PublicUrl,
) -> InvitePublic:
    """Create an invite code and QR code for a store and role."""
    policy.ensure_can_invite(user, store_id=data.store_id, role=data.role)
    invite = auth_service.create_invite(
        session, creator=user, data=data, default_days=settings.invite_default_days, ip=client.ip
    )
    return _public(invite, base_url=base_url)


@router.post(
    "/import",
    status_code=201,
    response_model=InviteImportResult,
    responses=error_responses(403, 413),
)
def import_invites(
    file: Annotated[
        UploadFile,
        File(
            description="CSV with the header store_code,role,uses (`,` or `;`, UTF-8, at most "
            f"{MAX_BYTES // 1024} KB and {bulk_onboarding.MAX_ROWS} lines); store_code empty "
            "for hq and admin"
        ),
    ],
    session: SessionDep,
    user: CurrentUser,
    client: ClientDep,
    settings: AppSettings,
    base_url: PublicUrl,
) -> InviteImportResult:
    """Create an invite for every line of a CSV file, or none and a 422 listing every bad line."""
    policy.ensure_can_import_people(user)
    # One byte past the limit is enough to know the file is too large.
    data = file.file.read(MAX_BYTES + 1)
    invites = bulk_onboarding.import_invites(
        session,
        actor=user,
        data=data,
        default_days=settings.invite_default_days,
        ip=client.ip,
    )
    return InviteImportResult(
        imported=len(invites), items=[_public(invite, base_url=base_url) for invite in invites]
    )


@router.get("", response_model=Page[InvitePublic], responses=error_responses(403))
def list_invites(
    session: SessionDep,
    user: CurrentUser,
    base_url: PublicUrl,
    page: PageDep,
    store_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    include_used: bool = False,
) -> Page[InvitePublic]:
    """List invites, newest first (managers: their own store; HQ and admins: any or all)."""
    scope = policy.users_store_filter(user, store_id)
    invites, next_cursor = auth_service.list_invites(
        session, store_id=scope, include_used=include_used, page=page
    )
    return Page(
        items=[_public(invite, base_url=base_url) for invite in invites], next_cursor=next_cursor
    )


@router.get("/{invite_id:int}", response_model=InvitePublic, responses=error_responses(403, 404))
def read_invite(
    invite_id: IdPath, session: SessionDep, user: CurrentUser, base_url: PublicUrl
) -> InvitePublic:
    """One invite, used or not, with its code and QR (for the poster): its store's managers,
    HQ and admins."""
    invite = auth_service.get_invite(session, invite_id)
    policy.ensure_can_manage_invite(user, invite.store_id)
    return _public(invite, base_url=base_url)


@router.delete("/{invite_id:int}", status_code=204, responses=error_responses(401, 403, 404))
def revoke_invite(
    invite_id: IdPath, session: SessionDep, user: CurrentUser, client: ClientDep
) -> Response:
    """Revoke an invite so its code no longer works."""
    invite = auth_service.get_invite(session, invite_id)
    policy.ensure_can_manage_invite(user, invite.store_id)
    auth_service.revoke_invite(session, invite=invite, actor=user, ip=client.ip)
    return Response(status_code=204)
