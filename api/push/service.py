"""Push subscriptions: the devices a user can be reached on."""

from sqlalchemy import delete
from sqlmodel import Session, col

from api.push.models import PushSubscription


def drop_subscriptions_for(session: Session, *, user_id: int) -> int:
    """Forget every device of a user (flush only), e.g. when they leave the company."""
    result = session.execute(
        delete(PushSubscription).where(col(PushSubscription.user_id) == user_id)
    )
    session.flush()
    return int(getattr(result, "rowcount", 0) or 0)
