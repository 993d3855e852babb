"""Writing audit entries; nothing here ever updates or deletes one."""

from collections.abc import Sequence

from sqlmodel import Session, select

from api.audit.models import AuditEntry
from api.common.pagination import PageParams, paginate_by_id


def record(
    session: Session,
    *,
    actor_id: int,
    action: str,
    subject_type: str,
    subject_id: int,
    reason: str = "",
    details: dict[str, object] | None = None,
    ip: str | None = None,
) -> None:
    """Add an entry (flush only): it commits with the action it describes, or not at all."""
    session.add(
        AuditEntry(
            actor_id=actor_id,
            action=action,
            subject_type=subject_type,
            subject_id=subject_id,
            reason=reason,
            details=details or {},
            ip=ip,
        )
    )
    session.flush()


def list_entries(
    session: Session, *, action: str | None, actor_id: int | None, page: PageParams
) -> tuple[Sequence[AuditEntry], str | None]:
    """Newest first, optionally of one action and of one person's doing."""
    statement = select(AuditEntry)
    if action is not None:
        statement = statement.where(AuditEntry.action == action)
    if actor_id is not None:
        statement = statement.where(AuditEntry.actor_id == actor_id)
    return paginate_by_id(session, statement, AuditEntry.id, page, newest_first=True)
