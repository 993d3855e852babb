"""Replaying an Idempotency-Key returns only what that user made with it, while they may see it.

SQLite hands a deleted row's id to the next row: a key that pointed at a deleted question once
replayed into another store's private question. Each kind of content is tried on both
databases; on SQLite the tests check that the id really was reused, so the dangerous path is
the one exercised.
"""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, func, select

from api.common.clock import now
from api.common.idempotency import IdempotencyRecord
from api.qa.models import Question
from tests.conftest import MovableClock, World

QUESTIONS = "/api/v1/questions"
NEWS = "/api/v1/news"
SHIFTS = "/api/v1/shifts"


def _with_key(world: World, who: str, key: str) -> dict[str, str]:
    return {**world.headers(who), "Idempotency-Key": key}


def _question(title: str) -> dict[str, Any]:
    return {"title": title, "body": "Alleen voor onze winkel.", "category": "hr", "scope": "store"}


def _shift(world: World, person: str, hour: int) -> dict[str, Any]:
    start = now().replace(minute=0, second=0, microsecond=0) + timedelta(days=2, hours=hour)
    return {
        "user_id": world.users[person].id,
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=4)).isoformat(),
    }


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


# (path, who makes a row with the key, its body, who makes the next row, that row's body)
Kind = tuple[str, str, Callable[[World], dict[str, Any]], str, Callable[[World], dict[str, Any]]]
KINDS: list[Kind] = [
    (
        QUESTIONS,
        "staff",
        lambda w: _question("Mag ik ruilen?"),
        "staff_b",
        lambda w: _question("Privé"),
    ),
    (
        NEWS,
        "manager",
        lambda w: {
            "title": "Onze winkel",
            "body": "Tekst",
            "audience": {"store_ids": [w.store_a.id]},
        },
        "hq",
        lambda w: {
            "title": "Concept",
            "body": "Geheim",
            "draft": True,
            "audience": {"store_ids": [w.store_b.id]},
        },
    ),
    (
        SHIFTS,
        "manager",
        lambda w: _shift(w, "staff", 9),
        "manager_b",
        lambda w: _shift(w, "staff_b", 13),
    ),
]


@pytest.mark.parametrize(("path", "maker", "body", "other", "other_body"), KINDS)
def test_a_replay_after_delete_never_returns_the_row_that_took_its_id(
    client: TestClient,
    world: World,
    session: Session,
    frozen_clock: MovableClock,
    path: str,
    maker: str,
    body: Callable[[World], dict[str, Any]],
    other: str,
    other_body: Callable[[World], dict[str, Any]],
) -> None:
    first = client.post(path, json=body(world), headers=_with_key(world, maker, "K"))
    assert first.status_code == 201, first.text
    mine = first.json()["id"]
    assert client.delete(f"{path}/{mine}", headers=world.headers(maker)).status_code == 204
    frozen_clock.advance(seconds=5)
    theirs = client.post(path, json=other_body(world), headers=world.headers(other))
    assert theirs.status_code == 201, theirs.text
    if _is_sqlite(session):
        assert theirs.json()["id"] == mine  # the id was handed on: the dangerous case

    replay = client.post(path, json=body(world), headers=_with_key(world, maker, "K"))

    assert replay.status_code == 410, replay.text
    assert replay.json()["code"] == "idempotency_original_gone"
    assert "Geheim" not in replay.text and "Privé" not in replay.text


def test_a_replay_never_returns_the_same_users_later_row_either(
    client: TestClient, world: World, session: Session, frozen_clock: MovableClock
) -> None:
    first = client.post(QUESTIONS, json=_question("Eerste"), headers=_with_key(world, "staff", "K"))
    gone = first.json()["id"]
    client.delete(f"{QUESTIONS}/{gone}", headers=world.headers("staff"))
    frozen_clock.advance(seconds=5)
    later = client.post(QUESTIONS, json=_question("Later"), headers=world.headers("staff"))
    if _is_sqlite(session):
        assert later.json()["id"] == gone

    replay = client.post(
        QUESTIONS, json=_question("Eerste"), headers=_with_key(world, "staff", "K")
    )

    assert replay.status_code == 410


def test_a_replay_returns_the_original_while_it_is_there(
    client: TestClient, world: World, session: Session
) -> None:
    headers = _with_key(world, "staff", "K")
    first = client.post(QUESTIONS, json=_question("Mag ik ruilen?"), headers=headers)
    again = client.post(QUESTIONS, json=_question("Mag ik ruilen?"), headers=headers)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert session.exec(select(func.count()).select_from(Question)).one() == 1


def test_a_replay_with_another_body_is_422_and_stores_nothing(
    client: TestClient, world: World, session: Session
) -> None:
    headers = _with_key(world, "staff", "K")
    client.post(QUESTIONS, json=_question("Mag ik ruilen?"), headers=headers)

    other = client.post(QUESTIONS, json=_question("Iets anders"), headers=headers)

    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_key_reused"
    # The contract's 422 shape: a field list, here naming the header.
    assert [error["loc"] for error in other.json()["detail"]] == [["header", "Idempotency-Key"]]
    assert session.exec(select(func.count()).select_from(Question)).one() == 1


def test_one_key_on_different_endpoints_makes_one_of_each(
    client: TestClient, world: World, session: Session
) -> None:
    headers = _with_key(world, "manager", "K")
    question = client.post(QUESTIONS, json=_question("Vraag"), headers=headers)
    news = {"title": "Nieuws", "body": "Tekst", "audience": {"store_ids": [world.store_a.id]}}
    post = client.post(NEWS, json=news, headers=headers)
    comment = client.post(
        f"{NEWS}/{post.json()['id']}/comments", json={"body": "Hoi"}, headers=headers
    )
    answer = client.post(
        f"{QUESTIONS}/{question.json()['id']}/answers", json={"body": "Zo"}, headers=headers
    )
    shift = client.post(SHIFTS, json=_shift(world, "staff", 9), headers=headers)

    assert [r.status_code for r in (question, post, comment, answer, shift)] == [201] * 5
    records = session.exec(select(IdempotencyRecord.resource_type)).all()
    assert sorted(records) == sorted(
        ["qa_question", "news_post", "news_comment", "qa_answer", "shift"]
    )


def test_keys_belong_to_their_user(client: TestClient, world: World) -> None:
    mine = client.post(QUESTIONS, json=_question("Van mij"), headers=_with_key(world, "staff", "K"))
    colleague = client.post(
        QUESTIONS, json=_question("Van mij"), headers=_with_key(world, "colleague", "K")
    )
    assert colleague.status_code == 201
    assert colleague.json()["id"] != mine.json()["id"]
