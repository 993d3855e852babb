"""Reading news: read marks, must-read acknowledgements, read rates, comments and reactions."""

from fastapi.testclient import TestClient
from sqlmodel import Session

from api.org.models import Role
from tests.conftest import TEST_SECRET, World
from tests.factories import make_user, token_for

NEWS = "/api/v1/news"


def publish(client: TestClient, world: World, **kw: object) -> dict[str, object]:
    body = {"title": "Inventarisatie", "body": "Zondag tellen we alles."} | kw
    response = client.post(NEWS, json=body, headers=world.headers("hq"))
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def test_read_and_unread_filter(client: TestClient, world: World) -> None:
    first = publish(client, world, title="One")
    publish(client, world, title="Two")
    staff = world.headers("staff")
    assert client.post(f"{NEWS}/{first['id']}/read", headers=staff).status_code == 204
    assert (
        client.post(f"{NEWS}/{first['id']}/read", headers=staff).status_code == 204
    )  # twice is fine
    unread = client.get(f"{NEWS}?unread=true", headers=staff).json()["items"]
    assert [item["title"] for item in unread] == ["Two"]
    everything = {i["title"]: i["read"] for i in client.get(NEWS, headers=staff).json()["items"]}
    assert everything == {"One": True, "Two": False}
    # Someone else's read mark is theirs alone.
    assert (
        len(client.get(f"{NEWS}?unread=true", headers=world.headers("colleague")).json()["items"])
        == 2
    )


def test_must_read_acknowledgement_and_filter(client: TestClient, world: World) -> None:
    must = publish(client, world, title="Veiligheid", must_read=True)
    publish(client, world, title="Gewoon")
    staff = world.headers("staff")
    listed = client.get(f"{NEWS}?must_read=true", headers=staff).json()["items"]
    assert [(i["title"], i["acknowledged"]) for i in listed] == [("Veiligheid", False)]
    assert client.post(f"{NEWS}/{must['id']}/ack", headers=staff).status_code == 204
    item = client.get(f"{NEWS}/{must['id']}", headers=staff).json()
    assert (item["acknowledged"], item["read"]) == (True, True)
    listed = client.get(f"{NEWS}?must_read=true", headers=staff).json()["items"]
    assert [(i["title"], i["acknowledged"]) for i in listed] == [("Veiligheid", True)]


def test_read_rates_per_store(client: TestClient, session: Session, world: World) -> None:
    post = publish(
        client, world, must_read=True, audience={"store_ids": [world.store_a.id, world.store_b.id]}
    )
    client.post(f"{NEWS}/{post['id']}/read", headers=world.headers("staff"))
    client.post(f"{NEWS}/{post['id']}/ack", headers=world.headers("colleague"))
    client.post(f"{NEWS}/{post['id']}/ack", headers=world.headers("staff_b"))
    make_user(session, store=world.store_b, is_active=False)  # left: not in the audience
    stats = client.get(f"{NEWS}/{post['id']}/stats", headers=world.headers("hq")).json()
    # Store A: staff, colleague, manager; store B: staff_b, manager_b.
    assert stats == {
        "audience_size": 5,
        "read": 3,
        "acknowledged": 2,
        "by_store": [
            {"store_id": world.store_a.id, "audience": 3, "read": 2, "acknowledged": 1},
            {"store_id": world.store_b.id, "audience": 2, "read": 1, "acknowledged": 1},
        ],
        "without_store": {"audience": 0, "read": 0, "acknowledged": 0},
    }
    own = client.get(f"{NEWS}/{post['id']}/stats", headers=world.headers("manager")).json()
    assert own["by_store"] == [stats["by_store"][0]] and own["audience_size"] == 3
    assert (
        client.get(f"{NEWS}/{post['id']}/stats", headers=world.headers("staff")).status_code == 403
    )


def test_read_rates_of_an_everyone_post_count_hq_but_list_stores(
    client: TestClient, world: World
) -> None:
    post = publish(client, world, audience={"roles": ["staff"]})
    stats = client.get(f"{NEWS}/{post['id']}/stats", headers=world.headers("admin")).json()
    assert stats["audience_size"] == 3  # staff, colleague, staff_b: roles narrow
    assert [row["store_id"] for row in stats["by_store"]] == sorted(
        [world.store_a.id, world.store_b.id]
    )


def test_store_b_staff_cannot_open_store_a_post(client: TestClient, world: World) -> None:
    post = publish(client, world, audience={"store_ids": [world.store_a.id]})
    for path in ("", "/read", "/ack", "/comments", "/stats", "/reactions/like"):
        method = (
            "GET"
            if path in ("", "/comments", "/stats")
            else ("PUT" if "reactions" in path else "POST")
        )
        response = client.request(
            method, f"{NEWS}/{post['id']}{path}", headers=world.headers("staff_b")
        )
        assert response.status_code == 404, path


def test_comments_conversation(client: TestClient, world: World) -> None:
    post = publish(client, world)
    url = f"{NEWS}/{post['id']}/comments"
    first = client.post(
        url, json={"body": "Moeten we ook het magazijn tellen?"}, headers=world.headers("staff")
    )
    assert first.status_code == 201
    client.post(url, json={"body": "Ja, alles."}, headers=world.headers("hq"))
    listed = client.get(url, headers=world.headers("colleague")).json()["items"]
    assert [c["body"] for c in listed] == ["Moeten we ook het magazijn tellen?", "Ja, alles."]
    assert listed[0]["author"]["id"] == world.users["staff"].id
    assert client.get(NEWS, headers=world.headers("staff")).json()["items"][0]["comment_count"] == 2
    comment = f"{url}/{first.json()['id']}"
    assert (
        client.patch(
            comment, json={"body": "hacked"}, headers=world.headers("colleague")
        ).status_code
        == 403
    )
    edited = client.patch(
        comment, json={"body": "Ook het magazijn?"}, headers=world.headers("staff")
    )
    assert edited.json()["edited_at"] is not None
    assert client.delete(comment, headers=world.headers("admin")).status_code == 204
    assert len(client.get(url, headers=world.headers("staff")).json()["items"]) == 1


def test_comment_retry_with_the_same_key_posts_once(client: TestClient, world: World) -> None:
    post = publish(client, world)
    url = f"{NEWS}/{post['id']}/comments"
    headers = world.headers("staff") | {"Idempotency-Key": "c-1"}
    ids = {client.post(url, json={"body": "Top!"}, headers=headers).json()["id"] for _ in range(3)}
    assert len(ids) == 1
    assert len(client.get(url, headers=headers).json()["items"]) == 1


def test_bad_comments_are_422(client: TestClient, world: World) -> None:
    post = publish(client, world)
    url = f"{NEWS}/{post['id']}/comments"
    for body in ({"body": ""}, {"body": "x" * 4001}, {}, {"body": 5}):
        assert client.post(url, json=body, headers=world.headers("staff")).status_code == 422
    assert client.get(url, headers=world.headers("staff")).json()["items"] == []


def test_reactions_count_once_per_person_and_kind(client: TestClient, world: World) -> None:
    post = publish(client, world)
    url = f"{NEWS}/{post['id']}/reactions"
    client.put(f"{url}/like", headers=world.headers("staff"))
    client.put(f"{url}/like", headers=world.headers("staff"))
    client.put(f"{url}/heart", headers=world.headers("staff"))
    summary = client.put(f"{url}/like", headers=world.headers("colleague")).json()
    assert summary == {"reactions": {"like": 2, "heart": 1}, "my_reactions": ["like"]}
    removed = client.delete(f"{url}/like", headers=world.headers("staff")).json()
    assert removed == {"reactions": {"like": 1, "heart": 1}, "my_reactions": ["heart"]}
    assert client.put(f"{url}/angry", headers=world.headers("staff")).status_code == 422
    item = client.get(f"{NEWS}/{post['id']}", headers=world.headers("staff")).json()
    assert item["reactions"] == {"like": 1, "heart": 1} and item["my_reactions"] == ["heart"]


def test_hq_sees_own_store_targeted_post_in_feed(
    client: TestClient, session: Session, world: World
) -> None:
    """Authors always find their own posts in their feed, even outside the audience."""
    publish(client, world, audience={"store_ids": [world.store_b.id]})
    assert len(client.get(NEWS, headers=world.headers("hq")).json()["items"]) == 1
    other_hq = make_user(session, role=Role.HQ)
    headers = {"Authorization": f"Bearer {token_for(session, other_hq, key=TEST_SECRET)}"}
    assert client.get(NEWS, headers=headers).json()["items"] == []
