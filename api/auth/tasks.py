"""Housekeeping of sign-in data on the job queue (registered by api.wiring)."""

import logging
from collections.abc import Callable
from datetime import timedelta

from huey import Huey, crontab
from sqlmodel import Session

from api.auth import service as auth_service
from api.config import Settings

log = logging.getLogger(__name__)


def register(queue: Huey, session: Callable[[], Session], settings: Settings) -> None:
    @queue.periodic_task(crontab(minute="17"))  # type: ignore[untyped-decorator]
    def purge_expired_auth_rows() -> int:
        """Hourly housekeeping: old failure counts and long-expired refresh tokens."""
        with session() as opened:
            removed = auth_service.purge_expired(
                opened,
                failures_older_than=timedelta(minutes=settings.login_failure_window_minutes) * 4,
            )
        log.info("purged %d expired auth rows", removed)
        return removed
