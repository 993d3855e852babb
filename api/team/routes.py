from fastapi import APIRouter, Response

from api import policy
from api.auth.deps import CurrentUser
from api.common.schemas import IdPath
from api.db import SessionDep
from api.errors import error_responses
from api.org import service as org_service
from api.team import service as team_service

router = APIRouter(prefix="/users", tags=["users"], responses=error_responses(401))


@router.post(
    "/{user_id}/deactivate", status_code=204, responses=error_responses(401, 403, 404, 409)
)
def deactivate_user(user_id: IdPath, session: SessionDep, actor: CurrentUser) -> Response:
    """Deactivate an account: its tokens stop working and its push subscriptions are dropped."""
    target = org_service.get_user(session, user_id)
    policy.ensure_can_deactivate(actor, target)
    team_service.deactivate(session, user=target)
    return Response(status_code=204)
