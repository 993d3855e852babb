"""Regions, stores, /me and user administration through HTTP."""

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, func, select

from api.org.models import Region, Role, Store
from tests.conftest import World
from tests.factories import make_store, make_user


def test_hq_creates_a_region_and_a_store(client: TestClient, world: World) -> None:
    hq = world.headers("hq")
    region = client.post("/api/v1/regions", json={"name": "  Noord  "}, headers=hq)
    assert region.status_code == 201 and region.json()["name"] == "Noord"
    store = client.post(
        "/api/v1/stores",
        json={
            "code": "grn-01",
            "name": "Groningen",
            "region_id": region.json()["id"],
            "timezone": "Europe/Amsterdam",
        },
        headers=hq,
    )
    assert store.status_code == 201
    assert store.json() | {"id": 0} == {
        "id": 0,
        "code": "GRN-01",
        "name": "Groningen",
        "region_id": region.json()["id"],
        "timezone": "Europe/Amsterdam",
    }
    names = [r["name"] for r in client.get("/api/v1/regions", headers=hq).json()["items"]]
    assert "Noord" in names


def test_duplicate_region_and_store_code_are_409(
    client: TestClient, session: Session, world: World
) -> None:
    hq = world.headers("hq")
    assert (
        client.post("/api/v1/regions", json={"name": world.region.name}, headers=hq).status_code
        == 409
    )
    duplicate = client.post(
        "/api/v1/stores",
        json={
            "code": world.store_a.code,
            "name": "Again",
            "region_id": world.region.id,
            "timezone": "Europe/Amsterdam",
        },
        headers=hq,
    )
    assert duplicate.status_code == 409
    assert session.exec(select(func.count()).select_from(Store)).one() == 2


@pytest.mark.parametrize(
    "override",
    [
        {"timezone": "Mars/Olympus"},
        {"timezone": "CET+99"},
        {"timezone": ""},
        {"timezone": "../../etc/passwd"},
        {"region_id": 999_999},
        {"region_id": True},
        {"region_id": "1"},
        {"code": "has space"},
        {"code": ""},
        {"name": ""},
        {"name": "x" * 121},
        {"unexpected": "field"},
    ],
)
def test_bad_store_input_is_422_and_stores_nothing(
    client: TestClient, session: Session, world: World, override: dict[str, object]
) -> None:
    body = {
        "code": "NEW-9",
        "name": "Nieuw",
        "region_id": world.region.id,
        "timezone": "Europe/Amsterdam",
    } | override
    response = client.post("/api/v1/stores", json=body, headers=world.headers("admin"))
    assert response.status_code == 422
    assert isinstance(response.json()["detail"], list)
    assert session.exec(select(func.count()).select_from(Store)).one() == 2


def test_bad_region_input_is_422(client: TestClient, session: Session, world: World) -> None:
    for body in ({"name": ""}, {"name": "  "}, {"name": 5}, {}, {"name": "x" * 101}):
        assert (
            client.post("/api/v1/regions", json=body, headers=world.headers("hq")).status_code
            == 422
        )
    assert session.exec(select(func.count()).select_from(Region)).one() == 1


def test_stores_are_paginated_with_a_cursor(
    client: TestClient, session: Session, world: World
) -> None:
    for _ in range(3):
        make_store(session, region=world.region)
    headers = world.headers("staff")
    first = client.get("/api/v1/stores?limit=2", headers=headers).json()
    assert len(first["items"]) == 2 and first["next_cursor"]
    rest = client.get(
        f"/api/v1/stores?limit=2&cursor={first['next_cursor']}", headers=headers
    ).json()
    last = client.get(
        f"/api/v1/stores?limit=2&cursor={rest['next_cursor']}", headers=headers
    ).json()
    ids = [s["id"] for s in first["items"] + rest["items"] + last["items"]]
    assert len(ids) == 5 == len(set(ids)) and ids == sorted(ids)
    assert last["next_cursor"] is None


@pytest.mark.parametrize(
    "query", ["limit=0", "limit=101", "limit=abc", "cursor=%%%", "cursor=eyJ4IjoxfQ"]
)
def test_bad_paging_is_422(client: TestClient, world: World, query: str) -> None:
    assert client.get(f"/api/v1/stores?{query}", headers=world.headers("staff")).status_code == 422


def test_me_can_change_name_and_language(client: TestClient, world: World) -> None:
    headers = world.headers("staff")
    response = client.patch("/api/v1/me", json={"name": "Lisa B.", "locale": "en"}, headers=headers)
    assert response.status_code == 200
    assert (response.json()["name"], response.json()["locale"]) == ("Lisa B.", "en")
    assert client.get("/api/v1/me", headers=headers).json()["locale"] == "en"


@pytest.mark.parametrize(
    "body",
    [{"locale": "fr"}, {"name": ""}, {"role": "admin"}, {"store_id": 2}, {"is_active": False}],
)
def test_me_cannot_change_role_store_or_bad_values(
    client: TestClient, world: World, body: dict[str, object]
) -> None:
    assert client.patch("/api/v1/me", json=body, headers=world.headers("staff")).status_code == 422


def test_manager_lists_own_store_only(client: TestClient, world: World) -> None:
    listed = client.get("/api/v1/users", headers=world.headers("manager")).json()["items"]
    assert {u["store_id"] for u in listed} == {world.store_a.id}
    assert "password_hash" not in listed[0]


def test_hq_moves_a_person_and_sets_expertise(
    client: TestClient, session: Session, world: World
) -> None:
    person = world.users["staff"]
    response = client.patch(
        f"/api/v1/users/{person.id}",
        json={"store_id": world.store_b.id, "expert_categories": ["HR", "it", "hr"]},
        headers=world.headers("hq"),
    )
    assert response.status_code == 200
    assert response.json()["store_id"] == world.store_b.id
    assert response.json()["expert_categories"] == ["hr", "it"]


def test_promotion_to_hq_leaves_the_store(client: TestClient, world: World) -> None:
    person = world.users["manager"]
    response = client.patch(
        f"/api/v1/users/{person.id}", json={"role": "hq"}, headers=world.headers("admin")
    )
    assert response.status_code == 200
    assert (response.json()["role"], response.json()["store_id"]) == ("hq", None)


@pytest.mark.parametrize(
    "body",
    [
        {"role": "staff", "store_id": None},
        {"store_id": 999_999},
        {"role": "hq", "store_id": 1},
        {"expert_categories": ["not valid!"]},
        {"expert_categories": "hr"},
        {"role": "owner"},
    ],
)
def test_inconsistent_user_changes_are_422_and_change_nothing(
    client: TestClient, session: Session, world: World, body: dict[str, object]
) -> None:
    person = world.users["staff"]
    response = client.patch(f"/api/v1/users/{person.id}", json=body, headers=world.headers("admin"))
    assert response.status_code == 422
    session.refresh(person)
    assert (person.role, person.store_id) == (Role.STAFF, world.store_a.id)


def test_hq_user_cannot_get_a_store_without_a_role_change(client: TestClient, world: World) -> None:
    response = client.patch(
        f"/api/v1/users/{world.users['hq'].id}",
        json={"store_id": world.store_a.id},
        headers=world.headers("admin"),
    )
    assert response.status_code == 422


def test_admin_cannot_change_own_role(client: TestClient, world: World) -> None:
    response = client.patch(
        f"/api/v1/users/{world.users['admin'].id}",
        json={"role": "hq"},
        headers=world.headers("admin"),
    )
    assert response.status_code == 409


def test_unknown_user_is_404(client: TestClient, world: World) -> None:
    assert client.get("/api/v1/users/999999", headers=world.headers("admin")).status_code == 404
    assert client.get("/api/v1/users/0", headers=world.headers("admin")).status_code == 422
    assert (
        client.get("/api/v1/users/99999999999", headers=world.headers("admin")).status_code == 422
    )


def test_deactivated_users_still_listed_but_marked(
    client: TestClient, session: Session, world: World
) -> None:
    gone = make_user(session, store=world.store_a, is_active=False)
    listed = client.get(
        f"/api/v1/users?store_id={world.store_a.id}&limit=100", headers=world.headers("manager")
    ).json()["items"]
    assert {u["id"]: u["is_active"] for u in listed}[gone.id] is False
