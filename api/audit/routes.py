from typing import Annotated

from fastapi import APIRouter, Query

from api import policy
from api.audit import service as audit_service
from api.audit.models import AuditEntry
from api.audit.schemas import AuditEntryPublic
from api.auth.deps import CurrentUser
from api.common.pagination import Page, PageDep
from api.common.schemas import MAX_ID
from api.db import SessionDep
from api.errors import error_responses
from api.org import service as org_service

router = APIRouter(prefix="/audit", tags=["audit"], responses=error_responses(401))

Action = Annotated[
    str | None, Query(max_length=60, pattern=r"^[a-z_.]+$", examples=["user.deactivate"])
]


def _public(entry: AuditEntry, names: dict[int, str]) -> AuditEntryPublic:
    assert entry.id is not None
    detail = dict(entry.details)
    if entry.reason:
        detail["reason"] = entry.reason
    return AuditEntryPublic(
        id=entry.id,
        at=entry.created_at,
        actor_id=entry.actor_id,
        actor_name=names.get(entry.actor_id),
        action=entry.action,
        target_type=entry.subject_type,
        target_id=entry.subject_id,
        detail=detail,
        ip=entry.ip,
    )


@router.get("", response_model=Page[AuditEntryPublic], responses=error_responses(403))
def list_audit_entries(
    session: SessionDep,
    user: CurrentUser,
    page: PageDep,
    action: Action = None,
    actor_id: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> Page[AuditEntryPublic]:
    """Accountable actions, newest first: deactivations, role changes, invites, urgent news...
    (admins: everyone's; head office: their own)."""
    actor_filter = policy.audit_actor_filter(user, actor_id)
    entries, next_cursor = audit_service.list_entries(
        session, action=action, actor_id=actor_filter, page=page
    )
    people = org_service.users_by_id(session, (entry.actor_id for entry in entries))
    names = {user_id: person.name for user_id, person in people.items()}
    return Page(items=[_public(entry, names) for entry in entries], next_cursor=next_cursor)
