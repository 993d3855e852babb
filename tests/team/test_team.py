"""The team screen's API through HTTP: who is listed with what, leavers and returners,
changing people and stores, and the audit log those actions write."""

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from api.audit.models import AuditEntry
from api.org.models import Role, User
from api.shifts.models import Shift
from tests.conftest import TEST_SECRET, MovableClock, World
from tests.factories import PASSWORD, make_region, make_store, make_user, token_for


def _names(client: TestClient, world: World, who: str, query: str) -> set[str]:
    response = client.get(f"/api/v1/users?limit=100&{query}", headers=world.headers(who))
    assert response.status_code == 200, response.text
    return {item["username"] for item in response.json()["items"]}


def _person(session: Session, world: World, username: str, **kw: object) -> User:
    person = make_user(session, store=world.store_a, username=username, **kw)  # type: ignore[arg-type]
    return person


def test_search_by_part_of_a_name_or_username_in_any_case(
    client: TestClient, session: Session, world: World
) -> None:
    lotte = _person(session, world, "lotte.dekker")
    lotte.name = "Lotte de Vries"
    percent = _person(session, world, "sam_100")
    assert _names(client, world, "manager", "q=DE%20VRIES") == {"lotte.dekker"}
    assert _names(client, world, "manager", "q=dekk") == {"lotte.dekker"}
    # A typed % or _ is a character, not a wildcard.
    assert _names(client, world, "manager", "q=m_1") == {percent.username}
    assert _names(client, world, "manager", "q=%25") == set()


def test_filters_by_role_and_active_and_hq_by_region(
    client: TestClient, session: Session, world: World
) -> None:
    gone = _person(session, world, "vertrokken.piet", is_active=False)
    north = make_region(session, name="Noord")
    far_store = make_store(session, region=north)
    far = make_user(session, store=far_store, username="ver.weg")
    managers = _names(client, world, "manager", "role=store_manager")
    assert managers == {world.users["manager"].username}
    assert _names(client, world, "manager", "active=false") == {gone.username}
    assert gone.username not in _names(client, world, "manager", "active=true")
    assert _names(client, world, "hq", f"region_id={north.id}") == {far.username}
    # A manager's list stays their store's, whatever region they ask for.
    assert _names(client, world, "manager", f"region_id={north.id}") == set()
    assert far.username not in _names(client, world, "manager", "")


def test_last_active_is_a_day_and_set_by_using_the_app(
    client: TestClient, session: Session, world: World, frozen_clock: MovableClock
) -> None:
    person = _person(session, world, "actief.anna")
    headers = {"Authorization": f"Bearer {token_for(session, person, key=TEST_SECRET)}"}

    def last_active() -> object:
        items = client.get("/api/v1/users?q=actief.anna", headers=world.headers("manager")).json()[
            "items"
        ]
        return items[0]["last_active_on"]

    assert last_active() is None
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    assert last_active() == frozen_clock.current.date().isoformat()
    frozen_clock.advance(days=3)
    assert last_active() == (frozen_clock.current - timedelta(days=3)).date().isoformat()
    headers = {"Authorization": f"Bearer {token_for(session, person, key=TEST_SECRET)}"}
    assert client.get("/api/v1/news", headers=headers).status_code == 200
    assert last_active() == frozen_clock.current.date().isoformat()


def test_shifts_this_week_counts_monday_to_sunday_on_the_stores_clock(
    client: TestClient, session: Session, world: World, frozen_clock: MovableClock
) -> None:
    # A Wednesday at noon in Amsterdam, a year or more from whatever today is.
    frozen_clock.current = datetime(2027, 3, 10, 11, 0, tzinfo=UTC)
    person = _person(session, world, "rooster.rick")
    amsterdam_monday = datetime(2027, 3, 7, 23, 0, tzinfo=UTC)  # Monday 00:00 local
    starts = [
        amsterdam_monday,  # Monday 00:00: this week
        amsterdam_monday + timedelta(days=6, hours=22),  # Sunday 22:00: this week
        amsterdam_monday - timedelta(minutes=30),  # Sunday 23:30 before: last week
        amsterdam_monday + timedelta(days=7),  # next Monday 00:00: next week
    ]
    for start in starts:
        session.add(
            Shift(
                user_id=person.id,
                store_id=world.store_a.id,
                starts_at=start,
                ends_at=start + timedelta(hours=1),
            )
        )
    session.flush()
    items = client.get("/api/v1/users?q=rooster", headers=world.headers("manager")).json()["items"]
    assert [item["shifts_this_week"] for item in items] == [2]
    others = client.get("/api/v1/users?limit=100", headers=world.headers("manager")).json()
    assert {item["shifts_this_week"] for item in others["items"] if item["id"] != person.id} == {0}


@pytest.mark.parametrize(
    "query", ["role=owner", "active=maybe", "region_id=0", "q=" + "x" * 101, "store_id=abc"]
)
def test_bad_team_filters_are_422(client: TestClient, world: World, query: str) -> None:
    response = client.get(f"/api/v1/users?{query}", headers=world.headers("hq"))
    assert response.status_code == 422
    assert response.json()["detail"]


def test_deactivate_then_reactivate_keeps_old_sessions_ended(
    client: TestClient, session: Session, world: World
) -> None:
    leaver = _person(session, world, "vertrekker")
    old = {"Authorization": f"Bearer {token_for(session, leaver, key=TEST_SECRET)}"}
    assert client.get("/api/v1/me", headers=old).status_code == 200
    manager = world.headers("manager")
    assert client.post(f"/api/v1/users/{leaver.id}/deactivate", headers=manager).status_code == 204
    assert client.get("/api/v1/me", headers=old).status_code == 401
    assert client.post(f"/api/v1/users/{leaver.id}/reactivate", headers=manager).status_code == 204
    # Back, but the old session stays ended: a new sign-in works.
    assert client.get("/api/v1/me", headers=old).status_code == 401
    signed_in = client.post(
        "/api/v1/auth/token", data={"username": leaver.username, "password": PASSWORD}
    )
    assert signed_in.status_code == 200, signed_in.text
    person = client.get(f"/api/v1/users/{leaver.id}", headers=manager).json()
    assert person["is_active"] is True
    # Reactivating someone active changes nothing and writes nothing.
    assert client.post(f"/api/v1/users/{leaver.id}/reactivate", headers=manager).status_code == 204
    actions = session.exec(
        select(AuditEntry.action)
        .where(AuditEntry.subject_id == leaver.id, AuditEntry.subject_type == "user")
        .order_by(col(AuditEntry.id))
    ).all()
    assert actions == ["user.deactivate", "user.reactivate"]


def test_role_and_store_changes_are_audited_with_who_and_where_from(
    client: TestClient, session: Session, world: World
) -> None:
    person = _person(session, world, "promotie.paula")
    response = client.patch(
        f"/api/v1/users/{person.id}",
        json={"role": "store_manager"},
        headers=world.headers("hq") | {"X-Forwarded-For": "203.0.113.9"},
    )
    assert response.status_code == 200 and response.json()["role"] == "store_manager"
    [entry] = session.exec(select(AuditEntry).where(AuditEntry.action == "user.change")).all()
    assert entry.actor_id == world.users["hq"].id and entry.subject_id == person.id
    assert entry.details == {
        "before": {"role": "staff", "store_id": world.store_a.id},
        "after": {"role": "store_manager", "store_id": world.store_a.id},
    }
    assert entry.ip == "testclient"  # the connection's address; headers are not trusted
    # Expertise only: not an audited change.
    client.patch(
        f"/api/v1/users/{person.id}",
        json={"expert_categories": ["it"]},
        headers=world.headers("hq"),
    )
    assert (
        len(session.exec(select(AuditEntry).where(AuditEntry.action == "user.change")).all()) == 1
    )


def test_hq_renames_moves_and_rezones_a_store(
    client: TestClient, session: Session, world: World
) -> None:
    north = make_region(session, name="Noord")
    response = client.patch(
        f"/api/v1/stores/{world.store_b.id}",
        json={"name": "  Groningen Centrum ", "region_id": north.id, "timezone": "Europe/London"},
        headers=world.headers("hq"),
    )
    assert response.status_code == 200, response.text
    assert response.json() | {"id": 0, "code": ""} == {
        "id": 0,
        "code": "",
        "name": "Groningen Centrum",
        "region_id": north.id,
        "timezone": "Europe/London",
    }
    [entry] = session.exec(select(AuditEntry).where(AuditEntry.action == "store.change")).all()
    assert entry.details["after"] == {
        "name": "Groningen Centrum",
        "region_id": north.id,
        "timezone": "Europe/London",
    }


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"region_id": 999999}, "region_id"),
        ({"name": ""}, "name"),
        ({"code": "NEW"}, "code"),
    ],
)
def test_bad_store_changes_are_422_and_change_nothing(
    client: TestClient, session: Session, world: World, body: dict[str, object], field: str
) -> None:
    before = (world.store_a.name, world.store_a.region_id, world.store_a.timezone)
    response = client.patch(
        f"/api/v1/stores/{world.store_a.id}", json=body, headers=world.headers("hq")
    )
    assert response.status_code == 422
    assert field in str(response.json()["detail"])
    session.refresh(world.store_a)
    assert (world.store_a.name, world.store_a.region_id, world.store_a.timezone) == before


def test_regions_are_renamed_once_per_name(
    client: TestClient, session: Session, world: World
) -> None:
    other = make_region(session, name="Zuid")
    hq = world.headers("hq")
    path = f"/api/v1/regions/{world.region.id}"
    renamed = client.patch(path, json={"name": "Midden"}, headers=hq)
    assert renamed.status_code == 200 and renamed.json()["name"] == "Midden"
    taken = client.patch(path, json={"name": "Zuid"}, headers=hq)
    assert taken.status_code == 409 and other.name == "Zuid"
    same = client.patch(path, json={"name": "Midden"}, headers=hq)
    assert same.status_code == 200
    assert client.patch("/api/v1/regions/999999", json={"name": "X"}, headers=hq).status_code == 404
    assert client.patch("/api/v1/stores/999999", json={"name": "X"}, headers=hq).status_code == 404


def test_audit_log_admins_see_all_hq_their_own_newest_first_and_filtered(
    client: TestClient, session: Session, world: World
) -> None:
    a, b = _person(session, world, "audit.a"), _person(session, world, "audit.b")
    client.post(f"/api/v1/users/{a.id}/deactivate", headers=world.headers("hq"))
    client.post(f"/api/v1/users/{b.id}/deactivate", headers=world.headers("admin"))
    client.post(f"/api/v1/users/{b.id}/reactivate", headers=world.headers("admin"))

    admin_view = client.get("/api/v1/audit", headers=world.headers("admin")).json()["items"]
    assert [(e["action"], e["target_id"]) for e in admin_view] == [
        ("user.reactivate", b.id),
        ("user.deactivate", b.id),
        ("user.deactivate", a.id),
    ]
    first = admin_view[-1]
    assert first["actor_id"] == world.users["hq"].id and first["target_type"] == "user"
    assert first["ip"] == "testclient" and first["at"] and first["actor_name"]

    hq_view = client.get("/api/v1/audit", headers=world.headers("hq")).json()["items"]
    assert [e["target_id"] for e in hq_view] == [a.id]
    only = client.get(
        "/api/v1/audit?action=user.reactivate", headers=world.headers("admin")
    ).json()["items"]
    assert [e["action"] for e in only] == ["user.reactivate"]
    paged = client.get("/api/v1/audit?limit=2", headers=world.headers("admin")).json()
    rest = client.get(
        f"/api/v1/audit?limit=2&cursor={paged['next_cursor']}", headers=world.headers("admin")
    ).json()
    assert [e["id"] for e in paged["items"] + rest["items"]] == [e["id"] for e in admin_view]
    assert (
        client.get("/api/v1/audit?action=DROP%20TABLE", headers=world.headers("admin")).status_code
        == 422
    )


def test_an_hq_account_cannot_be_listed_into_a_store_or_changed_by_a_manager(
    client: TestClient, world: World
) -> None:
    hq_id = world.users["hq"].id
    manager = world.headers("manager")
    assert client.post(f"/api/v1/users/{hq_id}/deactivate", headers=manager).status_code == 404
    assert client.post(f"/api/v1/users/{hq_id}/reactivate", headers=manager).status_code == 404
    assert (
        client.patch(f"/api/v1/users/{hq_id}", json={"name": "x"}, headers=manager).status_code
        == 403
    )
    assert Role.HQ not in {
        item["role"]
        for item in client.get("/api/v1/users?limit=100", headers=manager).json()["items"]
    }
