from typing import Annotated

from fastapi import APIRouter, Form, Path, Response

from api.auth import invite_codes, sign_in_codes
from api.auth import service as auth_service
from api.auth.deps import AuthConfigDep, AuthenticatedDep, ClientDep
from api.auth.schemas import (
    InvitePreview,
    JoinRequest,
    RefreshRequest,
    ResetRequest,
    TokenPair,
)
from api.common.schemas import NoNulStr
from api.db import SessionDep
from api.errors import error_responses
from api.org import service as org_service
from api.org.schemas import StorePublic

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/token", response_model=TokenPair, responses=error_responses(401, 429))
def sign_in(
    session: SessionDep,
    config: AuthConfigDep,
    client: ClientDep,
    username: Annotated[NoNulStr, Form(max_length=80)],
    password: Annotated[NoNulStr, Form(max_length=256)],
    grant_type: Annotated[str | None, Form(pattern="^password$")] = None,
) -> TokenPair:
    """Sign in with username and password (OAuth2 password flow)."""
    return auth_service.sign_in(
        session, username=username, password=password, client=client, config=config
    )


@router.post("/refresh", response_model=TokenPair, responses=error_responses(401))
def refresh(data: RefreshRequest, session: SessionDep, config: AuthConfigDep) -> TokenPair:
    """Swap a refresh token for a new pair; the old refresh token stops working."""
    return auth_service.refresh(session, refresh_token=data.refresh_token, config=config)


@router.post("/logout", status_code=204, responses=error_responses(401))
def sign_out(session: SessionDep, authenticated: AuthenticatedDep) -> Response:
    """End this login: its access and refresh tokens stop working."""
    auth_service.sign_out(session, login_id=authenticated.login_id)
    return Response(status_code=204)


@router.get(
    "/invites/{code}", response_model=InvitePreview, responses=error_responses(400, 410, 429)
)
def preview_invite(
    code: Annotated[str, Path(min_length=4, max_length=40)],
    session: SessionDep,
    config: AuthConfigDep,
    client: ClientDep,
) -> InvitePreview:
    """Show which store and role an invite code joins, before creating the account."""
    invite = auth_service.preview_invite(session, typed_code=code, client=client, config=config)
    store = org_service.get_store(session, invite.store_id)
    return InvitePreview(
        code=invite_codes.display(invite.code),
        role=invite.role,
        store=StorePublic.model_validate(store, from_attributes=True) if store else None,
        expires_at=invite.expires_at,
    )


@router.post(
    "/join",
    status_code=201,
    response_model=TokenPair,
    responses=error_responses(400, 409, 410, 429),
)
def join(
    data: JoinRequest, session: SessionDep, config: AuthConfigDep, client: ClientDep
) -> TokenPair:
    """Create an account with an invite code and sign in."""
    return auth_service.join(session, data=data, client=client, config=config)


@router.post("/reset", response_model=TokenPair, responses=error_responses(400, 410, 429))
def reset_password(
    data: ResetRequest, session: SessionDep, config: AuthConfigDep, client: ClientDep
) -> TokenPair:
    """Choose a new password with a one-time sign-in code and sign in; other logins end."""
    return sign_in_codes.reset_password(session, data=data, client=client, config=config)
