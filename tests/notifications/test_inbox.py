"""The inbox: what features put there (through notifications.notify) and reading it."""

from datetime import timedelta

from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from api.common.clock import now
from api.news import service as news_service
from api.notifications.models import Notification
from api.org.models import Locale, Role
from tests.conftest import TEST_SECRET, MovableClock, World
from tests.factories import make_user, token_for

INBOX = "/api/v1/me/notifications"


def inbox(client: TestClient, headers: dict[str, str]) -> list[dict[str, object]]:
    response = client.get(INBOX, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["items"]  # type: ignore[no-any-return]


def headers_for(session: Session, user: object) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_for(session, user, key=TEST_SECRET)}"}  # type: ignore[arg-type]


def test_a_new_question_reaches_the_store_manager_and_the_experts(
    client: TestClient, world: World
) -> None:
    expert = make_user(world.session, role=Role.HQ, locale=Locale.EN)
    expert.expert_categories = ["hr"]
    world.session.add(expert)
    world.session.flush()
    response = client.post(
        "/api/v1/questions",
        json={"title": "Hoeveel verlof heb ik?", "category": "hr", "scope": "store"},
        headers=world.headers("staff"),
    )
    question_id = response.json()["id"]
    [for_manager] = inbox(client, world.headers("manager"))
    assert for_manager["kind"] == "qa.routed" and for_manager["url"] == f"/questions/{question_id}"
    assert for_manager["title"] == "Nieuwe vraag (hr) die op jouw antwoord wacht"
    assert for_manager["body"] == "Hoeveel verlof heb ik?" and for_manager["read"] is False
    # No shift planned and the default "hold": it waits for the end of (the next) quiet hours.
    assert for_manager["delivery"] == "held" and for_manager["release_at"] is not None
    [for_expert] = inbox(client, headers_for(world.session, expert))
    assert for_expert["title"] == "A new question (hr) is waiting for your answer"  # English
    for nobody in ("staff", "colleague", "manager_b", "staff_b", "hq"):
        assert inbox(client, world.headers(nobody)) == [], nobody


def test_an_answer_reaches_the_asker_and_accepting_reaches_the_writer(
    client: TestClient, world: World
) -> None:
    question = client.post(
        "/api/v1/questions",
        json={"title": "Waar zijn de tassen?", "category": "products", "scope": "company"},
        headers=world.headers("staff"),
    ).json()
    answer = client.post(
        f"/api/v1/questions/{question['id']}/answers",
        json={"body": "Achter de kassa."},
        headers=world.headers("colleague"),
    ).json()
    [told] = inbox(client, world.headers("staff"))
    assert told["kind"] == "qa.answer" and "heeft je vraag beantwoord" in str(told["title"])
    client.post(
        f"/api/v1/questions/{question['id']}/accept",
        json={"answer_id": answer["id"]},
        headers=world.headers("staff"),
    )
    [accepted] = inbox(client, world.headers("colleague"))
    assert accepted["kind"] == "qa.accepted"
    # Answering your own question tells nobody.
    client.post(
        f"/api/v1/questions/{question['id']}/answers",
        json={"body": "Gevonden!"},
        headers=world.headers("staff"),
    )
    assert len(inbox(client, world.headers("staff"))) == 1


def test_published_news_reaches_its_audience_in_their_language(
    client: TestClient, world: World
) -> None:
    english = make_user(world.session, role=Role.STAFF, store=world.store_a, locale=Locale.EN)
    gone = make_user(world.session, role=Role.STAFF, store=world.store_a, is_active=False)
    post = client.post(
        "/api/v1/news",
        json={
            "title": "Nieuwe kassa's",
            "body": "Vanaf maandag.",
            "must_read": True,
            "audience": {"store_ids": [world.store_a.id]},
            "translations": {"en": {"title": "New tills", "body": "From Monday."}},
        },
        headers=world.headers("hq"),
    ).json()
    [dutch] = inbox(client, world.headers("staff"))
    assert (
        dutch["title"] == "Moet je lezen: Nieuwe kassa's" and dutch["url"] == f"/news/{post['id']}"
    )
    [translated] = inbox(client, headers_for(world.session, english))
    assert translated["title"] == "Must read: New tills"
    assert inbox(client, world.headers("staff_b")) == []  # not in the audience
    assert inbox(client, world.headers("hq")) == []  # the author
    assert (
        world.session.exec(select(Notification).where(col(Notification.user_id) == gone.id)).all()
        == []
    )


def test_drafts_say_nothing_until_published(
    client: TestClient, world: World, session: Session
) -> None:
    later = (now() + timedelta(hours=1)).isoformat()
    client.post(
        "/api/v1/news",
        json={"title": "Straks", "body": "x", "publish_at": later},
        headers=world.headers("hq"),
    )
    draft = client.post(
        "/api/v1/news",
        json={"title": "Concept", "body": "x", "draft": True},
        headers=world.headers("hq"),
    ).json()
    assert inbox(client, world.headers("staff")) == []
    client.patch(f"/api/v1/news/{draft['id']}", json={"draft": False}, headers=world.headers("hq"))
    assert [item["body"] for item in inbox(client, world.headers("staff"))] == [
        "Nieuw bericht in Winkelpraat"
    ]


def test_reading_the_inbox(client: TestClient, world: World) -> None:
    for number in range(3):
        client.post(
            "/api/v1/news",
            json={"title": f"Bericht {number}", "body": "x"},
            headers=world.headers("hq"),
        )
    staff = world.headers("staff")
    items = inbox(client, staff)
    assert [item["title"] for item in items] == [
        "Bericht 2",
        "Bericht 1",
        "Bericht 0",
    ]  # newest first
    assert client.get(f"{INBOX}/unread-count", headers=staff).json() == {"unread": 3}
    assert client.post(f"{INBOX}/{items[0]['id']}/read", headers=staff).status_code == 204
    assert client.get(f"{INBOX}/unread-count", headers=staff).json() == {"unread": 2}
    unread = client.get(f"{INBOX}?unread=true", headers=staff).json()["items"]
    assert [item["title"] for item in unread] == ["Bericht 1", "Bericht 0"]
    # Someone else's item is not found, and stays unread for them.
    theirs = inbox(client, world.headers("colleague"))[0]
    assert client.post(f"{INBOX}/{theirs['id']}/read", headers=staff).status_code == 404
    assert client.get(f"{INBOX}/unread-count", headers=world.headers("colleague")).json() == {
        "unread": 3
    }
    assert client.post(f"{INBOX}/read-all", headers=staff).status_code == 204
    assert client.get(f"{INBOX}/unread-count", headers=staff).json() == {"unread": 0}
    page = client.get(f"{INBOX}?limit=2", headers=staff).json()
    rest = client.get(f"{INBOX}?limit=2&cursor={page['next_cursor']}", headers=staff).json()
    assert len(page["items"]) == 2 and len(rest["items"]) == 1 and rest["next_cursor"] is None
    assert client.get(f"{INBOX}?cursor=bad", headers=staff).status_code == 422


def test_scheduled_posts_notify_when_they_go_out(
    client: TestClient, world: World, session: Session, frozen_clock: MovableClock
) -> None:
    later = now() + timedelta(minutes=5)
    client.post(
        "/api/v1/news",
        json={"title": "Om vijf over", "body": "x", "publish_at": later.isoformat()},
        headers=world.headers("hq"),
    )
    assert inbox(client, world.headers("staff")) == []
    frozen_clock.advance(minutes=5, seconds=1)
    news_service.publish_due(session)
    assert [item["title"] for item in inbox(client, world.headers("staff"))] == ["Om vijf over"]
