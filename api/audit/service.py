"""Writing audit entries; nothing here ever updates or deletes one."""

from sqlmodel import Session

from api.audit.models import AuditEntry


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
