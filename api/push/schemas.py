from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field, StringConstraints
from yarl import URL

from api.common.schemas import StrictInput
from api.push import subscriptions
from api.push.models import PushSubscription

# The lengths are the columns'; the checks are in push/subscriptions.py.
Endpoint = Annotated[str, StringConstraints(min_length=1, max_length=2048)]
P256dh = Annotated[
    str, StringConstraints(max_length=200), AfterValidator(subscriptions.check_p256dh)
]
AuthSecret = Annotated[
    str, StringConstraints(max_length=100), AfterValidator(subscriptions.check_auth)
]


class PushKey(BaseModel):
    public_key: str = Field(description="The VAPID applicationServerKey, base64url")


class SubscriptionKeys(StrictInput):
    p256dh: P256dh
    auth: AuthSecret


class SubscriptionCreate(StrictInput):
    """A browser's PushSubscription, as `subscription.toJSON()` gives it."""

    endpoint: Endpoint
    keys: SubscriptionKeys
    expiration_time: float | None = Field(
        default=None,
        alias="expirationTime",
        description="Sent by toJSON(); ignored (browsers report a renewal themselves)",
    )


class SubscriptionDelete(StrictInput):
    endpoint: Endpoint


class SubscriptionPublic(BaseModel):
    """A registered device. Its keys and the endpoint's token stay on the server."""

    id: int
    endpoint_host: str
    created_at: datetime

    @classmethod
    def of(cls, row: PushSubscription) -> "SubscriptionPublic":
        assert row.id is not None
        host = URL(row.endpoint).host or ""
        return cls(id=row.id, endpoint_host=host, created_at=row.created_at)
