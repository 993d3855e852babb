"""Ordinary concurrency on one database: while the job consumer fans an urgent post out to 150
phones behind a slow push service, three people publish, comment and mark posts read at once.
Every request succeeds and every row is stored once, on SQLite (the embedded default pilots run)
as on PostgreSQL."""

import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, func, select

from api.config import get_settings
from api.db import get_engine
from api.jobs import start_embedded_consumer
from api.main import create_app
from api.news.models import NewsComment, NewsPost, NewsRead
from api.org.models import Role
from api.push.models import PushSubscription
from api.shifts.models import Shift
from tests.factories import make_store, make_user, token_for
from tests.support.push_service import PushService

PHONES = 150
POSTS = 12
COMMENTS = 25


def _has_tag(messages: list[Any], post_id: int) -> bool:
    return any(message["tag"] == f"news_post:{post_id}" for message in messages)


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def loopback_push_service_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    # Set before live_database, which reads the settings afresh.
    monkeypatch.setenv("WINKELPRAAT_PUSH_ALLOWED_HOSTS", "127.0.0.1")


def test_writes_during_a_fan_out_all_succeed_and_are_stored_once(
    loopback_push_service_allowed: None, live_database: str
) -> None:
    settings = get_settings()
    now = datetime.now(UTC)
    # No lifespan: this test runs the job consumer itself.
    app = create_app()
    public_key = TestClient(app).get("/api/v1/push/key").json()["public_key"]
    with PushService(public_key=public_key, delay=0.05) as push_service:
        with Session(get_engine()) as session:
            store = make_store(session)
            hq = make_user(session, role=Role.HQ)
            manager = make_user(session, role=Role.STORE_MANAGER, store=store)
            reader = make_user(session, store=store)
            phones = []
            for _ in range(PHONES):
                person = make_user(session, store=store)
                session.add(
                    Shift(
                        user_id=person.id,
                        store_id=store.id,
                        starts_at=now - timedelta(hours=1),
                        ends_at=now + timedelta(hours=3),
                    )
                )
                phone = push_service.subscribe()
                session.add(
                    PushSubscription(
                        user_id=person.id,
                        endpoint=phone.endpoint,
                        p256dh=phone.p256dh,
                        auth=phone.auth,
                    )
                )
                phones.append(phone)
            key = settings.signing_key
            tokens = {
                "hq": token_for(session, hq, key=key),
                "manager": token_for(session, manager, key=key),
                "reader": token_for(session, reader, key=key),
            }
            session.commit()

        queue = app.state.wiring.queue
        queue.flush()
        consumer = start_embedded_consumer(queue, workers=2)
        failures: list[str] = []
        try:
            client = TestClient(app)
            urgent = client.post(
                "/api/v1/news",
                json={
                    "title": "Kassa's liggen eruit",
                    "body": "Gebruik de pinautomaat bij de ingang.",
                    "urgency": "urgent",
                    "urgent_reason": "Storing in alle winkels",
                },
                headers=_bearer(tokens["hq"]),
            )
            assert urgent.status_code == 201, urgent.text
            post_id = urgent.json()["id"]

            # (what, how often, who, path, body for the n-th request, the status that means done)
            work = [
                (
                    "publish",
                    POSTS,
                    "hq",
                    "/api/v1/news",
                    lambda n: {"title": f"Post {n}", "body": "."},
                    201,
                ),
                (
                    "comment",
                    COMMENTS,
                    "manager",
                    f"/api/v1/news/{post_id}/comments",
                    lambda n: {"body": f"{n}"},
                    201,
                ),
                ("read", COMMENTS, "reader", f"/api/v1/news/{post_id}/read", lambda n: None, 204),
            ]

            def run(what: str, times: int, who: str, path: str, body: Any, done: int) -> None:
                client = TestClient(app, raise_server_exceptions=False)
                try:
                    for n in range(times):
                        answer = client.post(path, json=body(n), headers=_bearer(tokens[who]))
                        if answer.status_code != done:
                            failures.append(f"{what} {answer.status_code} {answer.text[:200]}")
                except Exception as exc:  # a dropped connection, say: counted, not lost
                    failures.append(f"{what}: {exc!r}")

            threads = [threading.Thread(target=run, args=job) for job in work]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=120)
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                if all(_has_tag(push_service.messages(phone), post_id) for phone in phones):
                    break
                time.sleep(0.2)
        finally:
            consumer.stop(graceful=True)

        assert failures == []
        with Session(get_engine()) as session:
            count = session.exec(select(func.count()).select_from(NewsComment)).one()
            posts = session.exec(select(func.count()).select_from(NewsPost)).one()
            reads = session.exec(select(func.count()).select_from(NewsRead)).one()
        assert (count, posts, reads) == (COMMENTS, POSTS + 1, 1)
        # Every phone got the urgent post exactly once (the other posts follow their own rules).
        urgent_tag = f"news_post:{post_id}"
        got = [
            sum(1 for message in push_service.messages(phone) if message["tag"] == urgent_tag)
            for phone in phones
        ]
        assert got == [1] * PHONES
