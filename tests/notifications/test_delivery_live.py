"""One real-time case: the app, the job consumer and a push service on loopback, no clock
tricks. An on-shift colleague's phone gets a new post within seconds."""

import time
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.config import get_settings
from api.db import get_engine
from api.jobs import start_embedded_consumer
from api.main import create_app
from api.org.models import Role
from api.shifts.models import Shift
from tests.factories import make_store, make_user, token_for
from tests.support.push_service import PushService


@pytest.fixture
def loopback_push_service_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Subscriptions at the local push service (http on 127.0.0.1) are accepted; requested
    before live_database, which reads the settings afresh."""
    monkeypatch.setenv("WINKELPRAAT_PUSH_ALLOWED_HOSTS", "127.0.0.1")


def test_an_on_shift_colleague_gets_a_new_post_within_seconds(
    loopback_push_service_allowed: None, live_database: str
) -> None:
    key = get_settings().signing_key
    now = datetime.now(UTC)
    with Session(get_engine()) as session:
        store = make_store(session)
        hq = make_user(session, role=Role.HQ)
        staff = make_user(session, store=store)
        session.add(
            Shift(
                user_id=staff.id,
                store_id=store.id,
                starts_at=now - timedelta(hours=1),
                ends_at=now + timedelta(hours=2),
            )
        )
        hq_token, staff_token = token_for(session, hq, key=key), token_for(session, staff, key=key)
        session.commit()
    app = create_app()
    queue = app.state.wiring.queue  # the app's own job queue, as `make run` has it
    client = TestClient(app)
    public_key = client.get("/api/v1/push/key").json()["public_key"]
    with PushService(public_key=public_key) as push_service:
        phone = push_service.subscribe()
        subscribed = client.post(
            "/api/v1/push/subscriptions",
            json=phone.as_json(),
            headers={"Authorization": f"Bearer {staff_token}"},
        )
        assert subscribed.status_code == 201, subscribed.text
        queue.flush()  # nothing left over from other tests
        consumer = start_embedded_consumer(queue, workers=2)
        try:
            published = time.monotonic()
            response = client.post(
                "/api/v1/news",
                json={"title": "Nieuwe kassa's", "body": "Vanaf maandag."},
                headers={"Authorization": f"Bearer {hq_token}"},
            )
            assert response.status_code == 201
            messages: list[object] = []
            while time.monotonic() - published < 20 and not messages:
                messages = push_service.messages(phone)
                time.sleep(0.1)
        finally:
            consumer.stop(graceful=True)
        assert messages == [
            {
                "title": "Nieuwe kassa's",
                "body": "Nieuw bericht in Winkelpraat",
                "url": f"/news/{response.json()['id']}",
                "tag": f"news_post:{response.json()['id']}",
            }
        ]
        assert time.monotonic() - published < 10
        assert push_service.problems == []
