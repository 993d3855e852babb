"""Scheduled publishing on the job queue: a job at each post's publish_at, and a sweep.

`register` puts the jobs on a process's queue (api.wiring does, for the app and the worker
alike); they open their sessions with that process's wiring, so what goes out is announced live
and notified.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from huey import Huey, crontab
from sqlmodel import Session

from api.news import service as news_service


@dataclass(frozen=True)
class NewsJobs:
    publish_scheduled: Any  # huey's TaskWrapper (untyped)
    publish_due_sweep: Any

    def schedule(self, times: Sequence[datetime]) -> None:
        """The after-commit handler of news_service.PUBLISH_AT: a job at each post's time."""
        for publish_at in times:
            self.publish_scheduled.schedule(eta=publish_at)


def register(queue: Huey, session: Callable[[], Session]) -> NewsJobs:
    def publish_due() -> list[int]:
        with session() as opened:
            return news_service.publish_due(opened)

    @queue.task()  # type: ignore[untyped-decorator]
    def publish_scheduled() -> list[int]:
        return publish_due()

    @queue.periodic_task(crontab(minute="*"))  # type: ignore[untyped-decorator]
    def publish_due_sweep() -> list[int]:
        """Safety net for a job lost with a restarted worker: at most a minute late."""
        return publish_due()

    return NewsJobs(publish_scheduled, publish_due_sweep)
