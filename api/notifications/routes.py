from typing import Annotated

from fastapi import APIRouter, Query, Response

from api.auth.deps import CurrentUser
from api.common.pagination import Page, PageDep
from api.common.schemas import IdPath
from api.db import SessionDep
from api.errors import error_responses
from api.notifications import service as notifications_service
from api.notifications.models import Notification
from api.notifications.schemas import NotificationPublic, UnreadCount

router = APIRouter(
    prefix="/me/notifications", tags=["notifications"], responses=error_responses(401)
)


def _public(item: Notification) -> NotificationPublic:
    assert item.id is not None
    return NotificationPublic(
        id=item.id,
        kind=item.kind,
        category=item.category,
        urgency=item.urgency,
        title=item.title,
        body=item.body,
        url=item.url,
        created_at=item.created_at,
        read=item.read_at is not None,
        delivery=item.delivery,
        release_at=item.release_at,
    )


@router.get("", response_model=Page[NotificationPublic])
def read_inbox(
    session: SessionDep,
    user: CurrentUser,
    page: PageDep,
    unread: Annotated[bool, Query(description="Only what you have not opened yet")] = False,
) -> Page[NotificationPublic]:
    """Your inbox, newest first: every notification, whether it was pushed or held."""
    items, next_cursor = notifications_service.list_inbox(
        session, user=user, page=page, unread_only=unread
    )
    return Page(items=[_public(item) for item in items], next_cursor=next_cursor)


@router.get("/unread-count", response_model=UnreadCount)
def count_unread(session: SessionDep, user: CurrentUser) -> UnreadCount:
    """How many inbox items you have not opened (the badge on the bell)."""
    return UnreadCount(unread=notifications_service.unread_count(session, user=user))


@router.post("/read-all", status_code=204)
def mark_all_read(session: SessionDep, user: CurrentUser) -> Response:
    """Mark your whole inbox as read."""
    notifications_service.mark_all_read(session, user=user)
    return Response(status_code=204)


@router.post("/{notification_id}/read", status_code=204, responses=error_responses(404))
def mark_read(notification_id: IdPath, session: SessionDep, user: CurrentUser) -> Response:
    """Mark one inbox item as read (404 when it is not yours)."""
    notifications_service.mark_read(session, user=user, notification_id=notification_id)
    return Response(status_code=204)
