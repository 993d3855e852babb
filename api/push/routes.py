from fastapi import APIRouter, Response

from api.auth.deps import CurrentUser
from api.config import AppSettings
from api.db import SessionDep
from api.errors import error_responses
from api.push import service as push_service
from api.push.deps import VapidKeyDep
from api.push.schemas import PushKey, SubscriptionCreate, SubscriptionDelete, SubscriptionPublic

router = APIRouter(prefix="/push", tags=["push"])


@router.get("/key", response_model=PushKey)
async def get_push_key(key: VapidKeyDep) -> PushKey:
    """Get the VAPID public key to subscribe with (the applicationServerKey); no sign-in needed."""
    return PushKey(public_key=key.public_key)


@router.post(
    "/subscriptions",
    status_code=201,
    response_model=SubscriptionPublic,
    responses=error_responses(401, 409),
)
def subscribe(
    data: SubscriptionCreate, session: SessionDep, user: CurrentUser, settings: AppSettings
) -> SubscriptionPublic:
    """Register this device for push (again); 409 when another account holds the endpoint."""
    row = push_service.save_subscription(
        session,
        user=user,
        endpoint=data.endpoint,
        p256dh=data.keys.p256dh,
        auth=data.keys.auth,
        allowed_hosts=settings.push_allowed_hosts,
    )
    return SubscriptionPublic.of(row)


@router.delete("/subscriptions", status_code=204, responses=error_responses(401, 404))
def unsubscribe(data: SubscriptionDelete, session: SessionDep, user: CurrentUser) -> Response:
    """Stop pushing to one of your devices."""
    push_service.remove_subscription(session, user=user, endpoint=data.endpoint)
    return Response(status_code=204)
