"""Housekeeping of sign-in data on the job queue."""

import logging
from datetime import timedelta

from huey import crontab
from sqlmodel import Session

from api.auth import service as auth_service
from api.config import get_settings
from api.db import get_engine
from api.jobs import huey

log = logging.getLogger(__name__)


@huey.periodic_task(crontab(minute="17"))  # type: ignore[untyped-decorator]
def purge_expired_auth_rows() -> int:
    """Hourly housekeeping: old failure counts and long-expired refresh tokens."""
    settings = get_settings()
    with Session(get_engine()) as session:
        removed = auth_service.purge_expired(
            session,
            failures_older_than=timedelta(minutes=settings.login_failure_window_minutes) * 4,
        )
    log.info("purged %d expired auth rows", removed)
    return removed
