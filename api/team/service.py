"""Offboarding: access ends at once, everywhere."""

from sqlmodel import Session

from api.auth import service as auth_service
from api.org import service as org_service
from api.org.models import User
from api.push import service as push_service


def deactivate(session: Session, *, user: User) -> None:
    """Deactivate an account: every token fails from the next request, devices get nothing."""
    assert user.id is not None
    org_service.mark_deactivated(session, user=user)
    auth_service.revoke_all_logins(session, user_id=user.id)
    push_service.drop_subscriptions_for(session, user_id=user.id)
    session.commit()
