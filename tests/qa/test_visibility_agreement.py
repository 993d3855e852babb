"""Every reader of Q&A agrees with qa.visibility, for every role and both scopes.

For each viewer x question: opening it answers 200 exactly when `can_see` says so, and the
question list, search and similar questions find exactly the questions it allows; from the
people's side, `viewers_of` picks the same people, and nobody is told about a question they
cannot open.
"""

from fastapi.testclient import TestClient
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from api.org.models import User
from api.qa import routing, visibility
from api.qa.models import Question
from tests.conftest import World

VIEWERS = ("staff", "colleague", "manager", "staff_b", "manager_b", "hq", "admin")
WORD = "koffieautomaat"  # in every title, so one search finds them all
Q = "/api/v1/questions"

ASKED = [  # (asker, scope)
    ("staff", "store"),
    ("staff", "company"),
    ("staff_b", "store"),
    ("manager_b", "company"),
    ("hq", "company"),
]


def _ask(client: TestClient, world: World, asker: str, scope: str) -> int:
    response = client.post(
        Q,
        json={
            "title": f"Waar staat de {WORD} van {asker} ({scope})?",
            "body": "Ik kan hem niet vinden.",
            "category": "it",
            "scope": scope,
        },
        headers=world.headers(asker),
    )
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def _ids(client: TestClient, world: World, viewer: str, path: str, **params: object) -> set[int]:
    response = client.get(path, params={**params, "limit": 20}, headers=world.headers(viewer))
    assert response.status_code == 200, response.text
    return {item["id"] for item in response.json()["items"] if item.get("type", "question")}


def test_opening_lists_search_similar_and_routing_agree_with_the_one_definition(
    client: TestClient, session: Session, world: World
) -> None:
    # Experts in every store and at head office: routing must still only tell those who may see.
    for name in ("colleague", "staff_b", "hq"):
        world.users[name].expert_categories = ["it"]
        session.add(world.users[name])
    session.flush()
    asked = [_ask(client, world, asker, scope) for asker, scope in ASKED]
    questions = {qid: session.get_one(Question, qid) for qid in asked}
    ids_of = {name: world.users[name].id for name in VIEWERS}

    for viewer in VIEWERS:
        user = world.users[viewer]
        sees = {qid for qid, question in questions.items() if visibility.can_see(user, question)}
        in_sql = set(
            session.exec(
                sa_select(col(Question.id)).where(
                    col(Question.id).in_(asked), visibility.visible_to(user)
                )
            ).scalars()
        )
        assert in_sql == sees, viewer
        for qid in asked:
            status = client.get(f"{Q}/{qid}", headers=world.headers(viewer)).status_code
            assert status == (200 if qid in sees else 404), (viewer, qid)
        assert _ids(client, world, viewer, Q, q=WORD) == sees, viewer
        assert _ids(client, world, viewer, f"{Q}/similar", q=f"waar {WORD}") == sees, viewer
        searched = client.get("/api/v1/search", params={"q": WORD}, headers=world.headers(viewer))
        assert {h["id"] for h in searched.json()["items"] if h["type"] == "question"} == sees

    for qid, question in questions.items():
        viewers = set(
            session.exec(
                sa_select(col(User.id)).where(
                    col(User.id).in_(list(ids_of.values())), visibility.viewers_of(question)
                )
            ).scalars()
        )
        expected = {
            ids_of[name] for name in VIEWERS if visibility.can_see(world.users[name], question)
        }
        assert viewers == expected, qid
        told = set(session.exec(routing.who_to_tell(session, question)).scalars())
        assert told and told <= viewers, qid


def test_the_definition_itself(client: TestClient, session: Session, world: World) -> None:
    """Written out by hand, so the agreement above is about the right rule."""
    store_a = _ask(client, world, "staff", "store")
    company = _ask(client, world, "staff_b", "company")
    for viewer, status in (("colleague", 200), ("manager", 200), ("staff_b", 404), ("hq", 200)):
        got = client.get(f"{Q}/{store_a}", headers=world.headers(viewer)).status_code
        assert got == status, viewer
    assert client.get(f"{Q}/{company}", headers=world.headers("staff")).status_code == 200
