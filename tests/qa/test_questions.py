"""Asking, answering, accepting and voting, through HTTP on both databases."""

from typing import Any

from fastapi.testclient import TestClient

from api.org.models import Role
from tests.conftest import World
from tests.factories import make_user

Q = "/api/v1/questions"


def ask(client: TestClient, world: World, who: str = "staff", **kw: object) -> dict[str, Any]:
    body = {
        "title": "Hoe print ik een kassabon opnieuw?",
        "body": "De klant is zijn bon kwijt.",
        "category": "checkout",
        "scope": "store",
    } | kw
    response = client.post(Q, json=body, headers=world.headers(who))
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def answer(client: TestClient, world: World, question_id: int, who: str, body: str) -> int:
    response = client.post(
        f"{Q}/{question_id}/answers", json={"body": body}, headers=world.headers(who)
    )
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def test_ask_and_read_back(client: TestClient, world: World) -> None:
    question = ask(client, world)
    assert question["status"] == "open"
    assert question["store_id"] == world.store_a.id
    assert question["answers"] == [] and question["answer_count"] == 0
    assert question["body_html"].strip() == "<p>De klant is zijn bon kwijt.</p>"
    again = client.get(f"{Q}/{question['id']}", headers=world.headers("colleague")).json()
    assert again["title"] == "Hoe print ik een kassabon opnieuw?"


def test_store_questions_stay_in_the_store(client: TestClient, world: World) -> None:
    store_question = ask(client, world)
    company_question = ask(client, world, title="Wanneer komt het rooster?", scope="company")
    for who, expected in [
        ("colleague", {store_question["id"], company_question["id"]}),
        ("manager", {store_question["id"], company_question["id"]}),
        ("hq", {store_question["id"], company_question["id"]}),
        ("staff_b", {company_question["id"]}),
        ("manager_b", {company_question["id"]}),
    ]:
        listed = client.get(Q, headers=world.headers(who)).json()["items"]
        assert {item["id"] for item in listed} == expected, who
    # Another store gets 404 on the question and on answering it: existence does not leak.
    path = f"{Q}/{store_question['id']}"
    assert client.get(path, headers=world.headers("staff_b")).status_code == 404
    response = client.post(f"{path}/answers", json={"body": "x"}, headers=world.headers("staff_b"))
    assert response.status_code == 404
    assert client.get(path, headers=world.headers("staff")).json()["answer_count"] == 0


def test_answers_sort_accepted_first_then_votes(client: TestClient, world: World) -> None:
    question = ask(client, world)
    first = answer(client, world, question["id"], "colleague", "Via het kassamenu.")
    second = answer(client, world, question["id"], "manager", "Menu > Bonnen > Opnieuw.")
    third = answer(client, world, question["id"], "hq", "Bel de servicedesk.")
    assert (
        client.put(f"/api/v1/answers/{second}/vote", headers=world.headers("staff")).status_code
        == 204
    )
    assert (
        client.put(f"/api/v1/answers/{second}/vote", headers=world.headers("hq")).status_code == 204
    )
    assert (
        client.put(f"/api/v1/answers/{third}/vote", headers=world.headers("staff")).status_code
        == 204
    )
    detail = client.get(f"{Q}/{question['id']}", headers=world.headers("staff")).json()
    assert [a["id"] for a in detail["answers"]] == [second, third, first]
    assert [a["votes"] for a in detail["answers"]] == [2, 1, 0]
    assert [a["voted"] for a in detail["answers"]] == [True, True, False]

    accepted = client.post(
        f"{Q}/{question['id']}/accept", json={"answer_id": first}, headers=world.headers("staff")
    )
    assert accepted.status_code == 200, accepted.text
    body = accepted.json()
    assert body["status"] == "answered" and body["accepted_answer_id"] == first
    assert [a["id"] for a in body["answers"]] == [first, second, third]
    assert body["answers"][0]["accepted"] is True
    # Choosing again moves the mark.
    moved = client.post(
        f"{Q}/{question['id']}/accept", json={"answer_id": third}, headers=world.headers("manager")
    ).json()
    assert moved["accepted_answer_id"] == third
    assert [a["id"] for a in moved["answers"]] == [third, second, first]


def test_who_may_accept(client: TestClient, world: World) -> None:
    question = ask(client, world)
    answer_id = answer(client, world, question["id"], "manager", "Zo.")
    path = f"{Q}/{question['id']}/accept"
    for who, status in [("colleague", 403), ("staff_b", 404), ("manager_b", 404)]:
        assert (
            client.post(path, json={"answer_id": answer_id}, headers=world.headers(who)).status_code
            == status
        ), who
    for who in ("staff", "manager", "hq", "admin"):
        assert (
            client.post(path, json={"answer_id": answer_id}, headers=world.headers(who)).status_code
            == 200
        ), who


def test_accepting_an_answer_of_another_question_is_refused(
    client: TestClient, world: World
) -> None:
    question = ask(client, world)
    other = ask(client, world, title="Een andere vraag hier")
    foreign = answer(client, world, other["id"], "manager", "Antwoord op de andere.")
    response = client.post(
        f"{Q}/{question['id']}/accept", json={"answer_id": foreign}, headers=world.headers("staff")
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "answer_id"]
    detail = client.get(f"{Q}/{question['id']}", headers=world.headers("staff")).json()
    assert detail["status"] == "open" and detail["accepted_answer_id"] is None


def test_voting_twice_and_own_answer(client: TestClient, world: World) -> None:
    question = ask(client, world)
    answer_id = answer(client, world, question["id"], "colleague", "Zo doe je dat.")
    vote = f"/api/v1/answers/{answer_id}/vote"
    assert client.put(vote, headers=world.headers("staff")).status_code == 204
    second = client.put(vote, headers=world.headers("staff"))
    assert second.status_code == 409 and second.json()["code"] == "already_voted"
    assert client.put(vote, headers=world.headers("colleague")).status_code == 403
    detail = client.get(f"{Q}/{question['id']}", headers=world.headers("staff")).json()
    assert detail["answers"][0]["votes"] == 1
    assert client.delete(vote, headers=world.headers("staff")).status_code == 204
    assert client.delete(vote, headers=world.headers("staff")).status_code == 404
    detail = client.get(f"{Q}/{question['id']}", headers=world.headers("staff")).json()
    assert detail["answers"][0]["votes"] == 0


def test_bad_questions_are_refused_and_nothing_is_stored(client: TestClient, world: World) -> None:
    staff = world.headers("staff")
    base = {"title": "Een goede vraag", "body": "", "category": "checkout", "scope": "store"}
    for change, field in [
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"body": "x" * 10_001}, "body"),
        ({"category": "snoep"}, "category"),
        ({"scope": "region"}, "scope"),
        ({"extra": 1}, "extra"),
    ]:
        response = client.post(Q, json=base | change, headers=staff)
        assert response.status_code == 422, (change, response.text)
        assert response.json()["detail"][0]["loc"][-1] == field, change
    # HQ has no store to ask in.
    response = client.post(Q, json=base, headers=world.headers("hq"))
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["body", "scope"]
    assert client.get(Q, headers=world.headers("admin")).json()["items"] == []


def test_edit_and_delete_by_author_and_moderators(client: TestClient, world: World) -> None:
    question = ask(client, world)
    path = f"{Q}/{question['id']}"
    assert (
        client.patch(
            path, json={"title": "Nieuwe titel"}, headers=world.headers("colleague")
        ).status_code
        == 403
    )
    edited = client.patch(
        path, json={"title": "Nieuwe titel", "category": "IT"}, headers=world.headers("manager")
    )
    assert edited.status_code == 200 and edited.json()["category"] == "it"
    answer_id = answer(client, world, question["id"], "colleague", "Eerste versie")
    answer_path = f"/api/v1/answers/{answer_id}"
    assert (
        client.patch(
            answer_path, json={"body": "Van iemand anders"}, headers=world.headers("staff")
        ).status_code
        == 403
    )
    assert (
        client.patch(
            answer_path, json={"body": "Tweede versie"}, headers=world.headers("colleague")
        ).json()["body"]
        == "Tweede versie"
    )
    assert client.delete(answer_path, headers=world.headers("staff_b")).status_code == 404
    assert client.delete(answer_path, headers=world.headers("hq")).status_code == 204
    assert client.get(path, headers=world.headers("staff")).json()["answer_count"] == 0
    assert client.delete(path, headers=world.headers("staff")).status_code == 204
    assert client.get(path, headers=world.headers("staff")).status_code == 404


def test_idempotency_key_on_questions_and_answers(client: TestClient, world: World) -> None:
    headers = world.headers("staff") | {"Idempotency-Key": "offline-1"}
    body = {"title": "Waar liggen de tassen?", "category": "products"}
    first = client.post(Q, json=body, headers=headers)
    again = client.post(Q, json=body, headers=headers)
    assert first.status_code == 201 and again.json()["id"] == first.json()["id"]
    assert len(client.get(Q, headers=world.headers("staff")).json()["items"]) == 1
    answers = f"{Q}/{first.json()['id']}/answers"
    one = client.post(
        answers,
        json={"body": "Achter de kassa"},
        headers=world.headers("manager") | {"Idempotency-Key": "a"},
    )
    two = client.post(
        answers,
        json={"body": "Achter de kassa"},
        headers=world.headers("manager") | {"Idempotency-Key": "a"},
    )
    assert one.json()["id"] == two.json()["id"]
    assert (
        client.get(f"{Q}/{first.json()['id']}", headers=world.headers("staff")).json()[
            "answer_count"
        ]
        == 1
    )


def test_filters(client: TestClient, world: World) -> None:
    open_one = ask(client, world, title="Vraag over de kassa", category="checkout")
    answered = ask(client, world, title="Vraag over het rooster", category="planning")
    answer_id = answer(client, world, answered["id"], "manager", "Vrijdag.")
    client.post(
        f"{Q}/{answered['id']}/accept",
        json={"answer_id": answer_id},
        headers=world.headers("staff"),
    )
    ask(client, world, "colleague", title="Vraag van een collega", category="checkout")
    staff = world.headers("staff")

    def ids(query: str) -> list[int]:
        return [item["id"] for item in client.get(f"{Q}?{query}", headers=staff).json()["items"]]

    assert ids("status=answered") == [answered["id"]]
    assert open_one["id"] in ids("status=open") and answered["id"] not in ids("status=open")
    assert len(ids("category=checkout")) == 2
    assert set(ids("mine=true")) == {open_one["id"], answered["id"]}
    assert ids("q=rooster") == [answered["id"]]
    assert client.get(f"{Q}?status=closed", headers=staff).status_code == 422


def test_categories_come_from_the_setting(client: TestClient, world: World) -> None:
    response = client.get(f"{Q}/categories", headers=world.headers("staff"))
    assert response.json()["items"] == ["checkout", "products", "planning", "hr", "it"]


def test_unanswered_queue(client: TestClient, world: World) -> None:
    expert = make_user(world.session, role=Role.HQ)
    expert.expert_categories = ["hr"]
    world.session.add(expert)
    world.session.flush()
    old = ask(client, world, title="Oudste vraag in de winkel")
    company_hr = ask(
        client, world, "staff_b", title="Vraag over verlof", category="hr", scope="company"
    )
    store_b = ask(client, world, "staff_b", title="Vraag in winkel B", category="hr")
    done = ask(client, world, title="Al beantwoord")
    answer(client, world, done["id"], "colleague", "Ja.")

    def queue(who: str) -> list[int]:
        response = client.get(f"{Q}/unanswered", headers=world.headers(who))
        assert response.status_code == 200, response.text
        items = response.json()["items"]
        assert all(item["age_seconds"] >= 0 for item in items)
        return [item["id"] for item in items]

    assert queue("manager") == [old["id"], company_hr["id"]]  # oldest first
    assert queue("manager_b") == [company_hr["id"], store_b["id"]]
    assert queue("hq") == [old["id"], company_hr["id"], store_b["id"]]
    from tests.conftest import TEST_SECRET
    from tests.factories import token_for

    token = token_for(world.session, expert, key=TEST_SECRET)
    mine = client.get(f"{Q}/unanswered", headers={"Authorization": f"Bearer {token}"}).json()
    assert [item["id"] for item in mine["items"]] == [company_hr["id"], store_b["id"]]
    assert client.get(f"{Q}/unanswered", headers=world.headers("staff")).status_code == 403
