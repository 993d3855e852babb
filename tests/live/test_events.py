"""GET /api/v1/events through a real server: who hears of what, and how streams end."""

import json
import os
import subprocess
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import uuid4

import httpx
import pytest

from api.live.hub import MAX_STREAMS_PER_USER
from api.live.routes import RETRY_MS
from api.news import service as news_service
from tests.conftest import MovableClock
from tests.live.conftest import REDIS_URL, People, Running, unique_channel
from tests.support import clock_shift

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def _post(server: Running, people: People, *, store_id: int, **fields: Any) -> dict[str, Any]:
    response = httpx.post(
        f"{server.url}/api/v1/news",
        json={"title": "Nieuw", "body": "Tekst", "audience": {"store_ids": [store_id]}, **fields},
        # As every client does; its savepoint must not publish before the commit.
        headers={"Authorization": f"Bearer {people.tokens['hq']}", "Idempotency-Key": uuid4().hex},
    )
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def test_staff_hears_of_a_post_for_their_store_and_not_of_one_for_another_store(
    serve: Callable[..., Running], people: People
) -> None:
    server = serve(people.database_url)
    stream = server.stream(people.tokens["staff_a"])
    try:
        assert stream.status == 200
        assert stream.headers is not None
        assert stream.headers["content-type"].startswith("text/event-stream")
        hello = stream.next()
        assert hello.retry == RETRY_MS and hello.comments == ["connected"]
        for_b = _post(server, people, store_id=people.store_b)
        for_a = _post(server, people, store_id=people.store_a)
        # Events are routed in order, so store B's post was decided on (and dropped) first.
        event = stream.next_event()
        assert (event.event, json.loads(event.data)) == ("news", {"id": for_a["id"]})
        assert event.id and for_b["id"] != for_a["id"]
        assert stream.messages.empty()
    finally:
        stream.close()


def test_store_b_staff_hear_nothing_of_a_store_a_post(
    serve: Callable[..., Running], people: People
) -> None:
    server = serve(people.database_url)
    stream_b = server.stream(people.tokens["staff_b"])
    stream_a = server.stream(people.tokens["staff_a"])
    try:
        for_a = _post(server, people, store_id=people.store_a)
        assert json.loads(stream_a.next_event().data) == {"id": for_a["id"]}
        for_b = _post(server, people, store_id=people.store_b)
        # B hears of its own post, and that is the first thing it hears.
        assert json.loads(stream_b.next_event().data) == {"id": for_b["id"]}
    finally:
        stream_a.close()
        stream_b.close()


def test_a_scheduled_post_is_announced_when_publish_due_publishes_it(
    serve: Callable[..., Running], people: People, frozen_clock: MovableClock
) -> None:
    server = serve(people.database_url)
    # An hour ahead, so a slow machine cannot reach the time before the post is saved; the
    # job then runs here with this process's clock moved past it.
    publish_at = datetime.now(UTC) + timedelta(hours=1)
    scheduled = _post(server, people, store_id=people.store_a, publish_at=publish_at.isoformat())
    assert scheduled["status"] == "scheduled"
    stream = server.stream(people.tokens["staff_a"])
    try:
        # As the app's embedded job queue does: a session wired to the app's broker.
        with server.app.state.wiring.session() as session:
            assert news_service.publish_due(session) == []
            frozen_clock.current = publish_at + timedelta(seconds=1)
            assert news_service.publish_due(session) == [scheduled["id"]]
        event = stream.next_event()
        assert (event.event, json.loads(event.data)) == ("news", {"id": scheduled["id"]})
    finally:
        stream.close()


def test_without_a_valid_token_the_stream_is_refused(
    serve: Callable[..., Running], people: People
) -> None:
    server = serve(people.database_url)
    for token in (None, "not-a-token"):
        response = httpx.get(f"{server.url}/api/v1/events", headers=_bearer(token))
        assert response.status_code == 401
        assert response.headers["content-type"] == "application/json"
        assert response.json()["code"] == "not_authenticated"
    assert server.hub.open_streams() == 0


def _bearer(token: str | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"} if token else {}


def test_a_bad_max_seconds_is_a_422(serve: Callable[..., Running], people: People) -> None:
    server = serve(people.database_url)
    for value in ("0", "601", "soon"):
        response = httpx.get(
            f"{server.url}/api/v1/events",
            params={"max_seconds": value},
            headers=_bearer(people.tokens["staff_a"]),
        )
        assert response.status_code == 422, value


@pytest.mark.parametrize("fresh_database_url", ["sqlite"], indirect=True)
def test_the_stream_ends_after_max_seconds_and_frees_its_slot(
    serve: Callable[..., Running], people: People
) -> None:
    server = serve(people.database_url)
    started = time.monotonic()
    stream = server.stream(people.tokens["staff_a"], max_seconds=0.5)
    assert stream.ended(5) and time.monotonic() - started < 3
    server.wait_for_streams(people.staff_a.id or 0, 0)


@pytest.mark.parametrize("fresh_database_url", ["sqlite"], indirect=True)
def test_a_client_that_goes_away_frees_its_slot(
    serve: Callable[..., Running], people: People
) -> None:
    server = serve(people.database_url)
    user_id = people.staff_a.id or 0
    stream = server.stream(people.tokens["staff_a"])
    server.wait_for_streams(user_id, 1)
    stream.close()
    server.wait_for_streams(user_id, 0)


@pytest.mark.parametrize("fresh_database_url", ["sqlite"], indirect=True)
def test_over_the_limit_the_oldest_stream_of_that_person_ends(
    serve: Callable[..., Running], people: People
) -> None:
    server = serve(people.database_url)
    user_id = people.staff_a.id or 0
    streams = []
    try:
        for count in range(1, MAX_STREAMS_PER_USER + 1):
            streams.append(server.stream(people.tokens["staff_a"]))
            server.wait_for_streams(user_id, count)
        other = server.stream(people.tokens["staff_b"])
        streams.append(other)
        newest = server.stream(people.tokens["staff_a"])
        streams.append(newest)
        assert streams[0].ended(5)
        server.wait_for_streams(user_id, MAX_STREAMS_PER_USER)
        assert all(not s.ended(0) for s in streams[1:])
    finally:
        for stream in streams:
            stream.close()


@pytest.mark.parametrize("fresh_database_url", ["sqlite"], indirect=True)
def test_an_idle_stream_gets_heartbeats(
    serve: Callable[..., Running], people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fastapi.routing

    monkeypatch.setattr(fastapi.routing, "_PING_INTERVAL", 0.2)
    server = serve(people.database_url)
    stream = server.stream(people.tokens["staff_a"])
    try:
        assert stream.next().comments == ["connected"]
        assert stream.next(timeout=2).comments == ["ping"]
    finally:
        stream.close()


def test_with_redis_a_post_published_by_another_process_reaches_the_stream(
    serve: Callable[..., Running], people: People, tmp_path: Path, frozen_clock: MovableClock
) -> None:
    """The worker's case: `publish_due` in a process of its own, with only the environment."""
    channel = unique_channel()
    server = serve(people.database_url, redis_url=REDIS_URL, live_channel=channel)
    publish_at = datetime.now(UTC) + timedelta(hours=1)
    scheduled = _post(server, people, store_id=people.store_a, publish_at=publish_at.isoformat())
    assert scheduled["status"] == "scheduled"
    stream = server.stream(people.tokens["staff_a"])
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith("WINKELPRAAT_")}
        env |= {
            "WINKELPRAAT_DATABASE_URL": people.database_url,
            "WINKELPRAAT_REDIS_URL": REDIS_URL,
            "WINKELPRAAT_LIVE_CHANNEL": channel,
            "WINKELPRAAT_VAR_DIR": str(tmp_path),
            "WINKELPRAAT_ENV": "test",
        }
        due = publish_at + timedelta(seconds=1)
        frozen_clock.current = due  # the server's too, or the post is not out yet for it
        script = (
            "from datetime import datetime\n"
            "from api.common import clock\n"
            "from api.config import get_settings\n"
            "from api.db import get_engine\n"
            "from api.wiring import build\n"
            # The worker's clock has reached the post's time.
            f"clock.set_clock(lambda: datetime.fromisoformat({due.isoformat()!r}))\n"
            # The job itself, on a worker's wiring as `winkelpraat worker` builds it.
            "jobs = build(get_settings(), get_engine()).jobs\n"
            "print(jobs['news'].publish_due_sweep.call_local())\n"
        )
        done = subprocess.run(
            clock_shift.python_command("-c", script),
            cwd=PROJECT_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == f"[{scheduled['id']}]"
        event = stream.next_event()
        assert (event.event, json.loads(event.data)) == ("news", {"id": scheduled["id"]})
    finally:
        stream.close()


@pytest.mark.parametrize("fresh_database_url", ["sqlite"], indirect=True)
def test_with_redis_down_the_stream_answers_503(
    serve: Callable[..., Running], people: People
) -> None:
    server = serve(people.database_url, redis_url="redis://127.0.0.1:1/0")
    response = httpx.get(f"{server.url}/api/v1/events", headers=_bearer(people.tokens["staff_a"]))
    assert response.status_code == 503
    assert response.json()["code"] == "live_unavailable"
    # Publishing a post still works: live updates are a hint, the feed is the truth.
    assert _post(server, people, store_id=people.store_a)["status"] == "published"


def test_a_deactivated_persons_streams_get_signed_out_and_end_at_once(
    serve: Callable[..., Running], people: People
) -> None:
    server = serve(people.database_url)
    leaver = people.staff_a.id or 0
    streams = [server.stream(people.tokens["staff_a"]) for _ in range(2)]
    colleague = server.stream(people.tokens["staff_b"])
    try:
        server.wait_for_streams(leaver, 2)
        response = httpx.post(
            f"{server.url}/api/v1/users/{leaver}/deactivate",
            headers={"Authorization": f"Bearer {people.tokens['hq']}"},
        )
        assert response.status_code == 204
        for stream in streams:
            event = stream.next_event()
            assert (event.event, json.loads(event.data)) == ("signed_out", {"id": leaver})
            assert stream.ended(5)
        server.wait_for_streams(leaver, 0)
        assert not colleague.ended(0)  # nobody else is signed out
        # ...and reconnecting is refused.
        assert server.stream(people.tokens["staff_a"]).status == 401
    finally:
        for stream in [*streams, colleague]:
            stream.close()


def test_a_new_password_set_with_a_sign_in_code_signs_the_old_devices_out(
    serve: Callable[..., Running], people: People
) -> None:
    server = serve(people.database_url)
    person = people.staff_a.id or 0
    old_phone = server.stream(people.tokens["staff_a"])
    try:
        server.wait_for_streams(person, 1)
        made = httpx.post(
            f"{server.url}/api/v1/users/{person}/sign-in-code",
            headers={"Authorization": f"Bearer {people.tokens['hq']}"},
        )
        assert made.status_code == 201, made.text
        reset = httpx.post(
            f"{server.url}/api/v1/auth/reset",
            json={"code": made.json()["code"], "password": "een-nieuw-wachtwoord"},
        )
        assert reset.status_code == 200, reset.text
        event = old_phone.next_event()
        assert (event.event, json.loads(event.data)) == ("signed_out", {"id": person})
        assert old_phone.ended(5)
        # The phone that set the password is signed in anew and may stream.
        new_phone = server.stream(reset.json()["access_token"])
        assert new_phone.status == 200
        new_phone.close()
    finally:
        old_phone.close()
