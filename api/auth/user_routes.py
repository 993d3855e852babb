from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, File, UploadFile

from api import policy
from api.auth import bulk_onboarding, invite_codes, sign_in_codes
from api.auth.deps import ClientDep, CurrentUser
from api.auth.schemas import ImportedUser, SignInCodePublic, UserImportResult
from api.common.csv_file import MAX_BYTES
from api.common.schemas import IdPath
from api.config import AppSettings, PublicUrl
from api.db import SessionDep
from api.errors import error_responses
from api.org import service as org_service
from api.org.schemas import UserPublic

router = APIRouter(prefix="/users", tags=["users"], responses=error_responses(401))


def _code_public(issued: sign_in_codes.IssuedCode, *, base_url: str) -> SignInCodePublic:
    url = f"{base_url}/reset/{issued.code}"
    return SignInCodePublic(
        code=issued.code, expires_at=issued.expires_at, url=url, qr_svg=invite_codes.qr_svg(url)
    )


@router.post(
    "/import",
    status_code=201,
    response_model=UserImportResult,
    responses=error_responses(403, 413),
)
def import_users(
    file: Annotated[
        UploadFile,
        File(
            description="CSV with the header name,username,store_code,role (`,` or `;`, UTF-8, "
            f"at most {MAX_BYTES // 1024} KB and {bulk_onboarding.MAX_ROWS} lines); store_code "
            "empty for hq and admin"
        ),
    ],
    session: SessionDep,
    user: CurrentUser,
    client: ClientDep,
    settings: AppSettings,
    base_url: PublicUrl,
) -> UserImportResult:
    """Create an account with a one-time sign-in code for every line of a CSV file, or none."""
    policy.ensure_can_import_people(user)
    # One byte past the limit is enough to know the file is too large.
    data = file.file.read(MAX_BYTES + 1)
    issued = bulk_onboarding.import_users(
        session,
        actor=user,
        data=data,
        code_lifetime=timedelta(hours=settings.sign_in_code_hours),
        ip=client.ip,
    )
    return UserImportResult(
        imported=len(issued),
        items=[
            ImportedUser(
                user=UserPublic.model_validate(item.user, from_attributes=True),
                sign_in_code=_code_public(item, base_url=base_url),
            )
            for item in issued
        ],
    )


@router.post(
    "/{user_id}/sign-in-code",
    status_code=201,
    response_model=SignInCodePublic,
    responses=error_responses(403, 404, 409),
)
def make_sign_in_code(
    user_id: IdPath,
    session: SessionDep,
    actor: CurrentUser,
    client: ClientDep,
    settings: AppSettings,
    base_url: PublicUrl,
) -> SignInCodePublic:
    """Make a one-time sign-in code (and QR code) for someone who forgot their password."""
    target = org_service.get_user(session, user_id)
    policy.ensure_can_make_sign_in_code(actor, target)
    issued = sign_in_codes.make_sign_in_code(
        session,
        actor=actor,
        user=target,
        lifetime=timedelta(hours=settings.sign_in_code_hours),
        ip=client.ip,
    )
    return _code_public(issued, base_url=base_url)
