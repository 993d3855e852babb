"""A scheduled post is published by the job queue at its time, not on the next read."""

import time
from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlmodel import Session

from api.config import get_settings
from api.db import get_engine
from api.jobs import start_embedded_consumer
from api.main import create_app
from api.news.models import NewsPost, PostStatus
from api.org.models import Role
from tests.factories import make_store, make_user, token_for


def test_the_queue_publishes_a_scheduled_post_on_time(live_database: str) -> None:
    key = get_settings().signing_key
    with Session(get_engine()) as session:
        store = make_store(session)
        hq = make_user(session, role=Role.HQ)
        staff = make_user(session, store=store)
        hq_token, staff_token = token_for(session, hq, key=key), token_for(session, staff, key=key)
        session.commit()
    app = create_app()
    queue = app.state.wiring.queue  # the app's own job queue, as `make run` has it
    client = TestClient(app)
    queue.flush()  # nothing left over from other tests
    publish_at = datetime.now(UTC) + timedelta(seconds=2)
    created = client.post(
        "/api/v1/news",
        json={
            "title": "Kerstrooster",
            "body": "Staat online.",
            "publish_at": publish_at.isoformat(),
        },
        headers={"Authorization": f"Bearer {hq_token}"},
    )
    assert created.status_code == 201 and created.json()["status"] == "scheduled"
    feed = {"Authorization": f"Bearer {staff_token}"}
    assert client.get("/api/v1/news", headers=feed).json()["items"] == []

    consumer = start_embedded_consumer(queue, workers=1)
    try:
        deadline = time.monotonic() + 20
        titles: list[str] = []
        while time.monotonic() < deadline and not titles:
            titles = [i["title"] for i in client.get("/api/v1/news", headers=feed).json()["items"]]
            time.sleep(0.2)
    finally:
        consumer.stop(graceful=True)
    assert titles == ["Kerstrooster"]
    published_seen_at = datetime.now(UTC)
    with Session(get_engine()) as session:
        post = session.get(NewsPost, created.json()["id"])
        assert post is not None and post.status == PostStatus.PUBLISHED
        assert post.published_at == post.publish_at
    # It went out at its time (the scheduler ticks every second), not minutes later.
    assert published_seen_at - publish_at < timedelta(seconds=10)
