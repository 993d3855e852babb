from fastapi import APIRouter

from api.auth.deps import CurrentUser
from api.db import SessionDep
from api.errors import error_responses
from api.notifications import preferences
from api.notifications import service as notifications_service
from api.notifications.schemas import PreferencesIn, PreferencesPublic

router = APIRouter(prefix="/me/preferences", tags=["notifications"], responses=error_responses(401))


@router.get("", response_model=PreferencesPublic)
def read_preferences(session: SessionDep, user: CurrentUser) -> PreferencesPublic:
    """Show when you want to be notified: quiet hours, off-shift pushes and categories."""
    return preferences.read_preferences(session, user=user)


@router.put("", response_model=PreferencesPublic)
def save_preferences(
    data: PreferencesIn, session: SessionDep, user: CurrentUser
) -> PreferencesPublic:
    """Replace your notification preferences (a category left out is switched on)."""
    return notifications_service.save_preferences(session, user=user, data=data)
