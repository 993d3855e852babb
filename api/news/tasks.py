"""Scheduled publishing on the job queue: a job at each post's publish_at, and a sweep."""

from datetime import datetime

from huey import crontab

from api.jobs import huey
from api.news import service as news_service


@huey.task()  # type: ignore[untyped-decorator]
def publish_scheduled() -> list[int]:
    return _publish_due()


@huey.periodic_task(crontab(minute="*"))  # type: ignore[untyped-decorator]
def publish_due_sweep() -> list[int]:
    """Safety net for a job lost with a restarted worker: at most a minute late."""
    return _publish_due()


def _publish_due() -> list[int]:
    # Bound to the worker's wiring: what goes out is announced live and notified.
    from api.wiring import for_jobs

    with for_jobs().session() as session:
        return news_service.publish_due(session)


def schedule_publication(publish_at: datetime) -> None:
    publish_scheduled.schedule(eta=publish_at)
