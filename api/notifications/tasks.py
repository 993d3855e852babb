"""Push delivery on the job queue: batches of pushes, held summaries at their release time,
and a once-a-minute sweep as the safety net for jobs lost with a restarted worker."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from huey import Huey, crontab
from sqlalchemy import Engine

from api.common.clock import now
from api.config import Settings
from api.notifications import delivery
from api.push import vapid
from api.push.vapid import VapidSigner

# A push still queued, or still "sending", after this long lost its job or its worker: the
# sweep sends it again.
LOST_AFTER = timedelta(minutes=2)


@lru_cache(maxsize=1)
def _signer(var_dir: str, key: str | None, subject: str) -> VapidSigner:
    """One signer per process, so its per-origin JWTs are reused across jobs."""
    return VapidSigner(vapid.shared_key(Path(var_dir), key), subject=subject)


def signer_for(settings: Settings) -> VapidSigner:
    key = settings.vapid_private_key.get_secret_value() if settings.vapid_private_key else None
    return _signer(str(settings.var_dir), key, settings.vapid_subject)


@dataclass(frozen=True)
class NotificationJobs:
    push_notifications: Any  # huey's TaskWrapper (untyped)
    release_held: Any
    delivery_sweep: Any

    def dispatch_all(self, planned: Sequence[delivery.Planned]) -> None:
        """The after-commit handler of delivery.CHANNEL: queue the jobs for what committed
        notifications planned."""
        for item in planned:
            for batch in delivery.batches(item.push_ids):
                self.push_notifications(batch)
            for release_at in sorted(item.release_times):
                # A second late: the job must not run before the rows it releases are due.
                self.release_held.schedule(eta=release_at + timedelta(seconds=1))


def register(queue: Huey, *, engine: Engine, settings: Settings) -> NotificationJobs:
    """Put the delivery jobs on this process's queue (api.wiring does, app and worker alike)."""

    @queue.task()  # type: ignore[untyped-decorator]
    def push_notifications(notification_ids: list[int]) -> int:
        return len(delivery.push_queued(engine, notification_ids, signer=signer_for(settings)))

    @queue.task()  # type: ignore[untyped-decorator]
    def release_held() -> int:
        return len(delivery.release_due(engine, signer=signer_for(settings)))

    @queue.periodic_task(crontab(minute="*"))  # type: ignore[untyped-decorator]
    def delivery_sweep() -> int:
        """Held items whose job was lost, and pushes nobody sent (job lost, or worker died)."""
        lost = delivery.requeue_stalled(engine, before=now() - LOST_AFTER)
        signer = signer_for(settings)
        sent = len(delivery.push_queued(engine, lost, signer=signer))
        return sent + len(delivery.release_due(engine, signer=signer))

    return NotificationJobs(push_notifications, release_held, delivery_sweep)
