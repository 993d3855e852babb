"""Invites and joining: the way new part-timers get in."""

from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, col, func, select

from api.audit.models import AuditEntry
from api.auth import invite_codes
from api.auth.models import Invite
from api.common.clock import now
from api.config import Settings
from api.org.models import Role, User
from tests.conftest import World
from tests.factories import make_invite

JOIN = "/api/v1/auth/join"


def join_body(code: str, username: str = "new.person", **kw: object) -> dict[str, object]:
    return {
        "code": code,
        "name": "Nieuwe Collega",
        "username": username,
        "password": "s3cret-pass",
        **kw,
    }


def user_count(session: Session) -> int:
    return session.exec(select(func.count()).select_from(User)).one()


def test_manager_creates_an_invite_with_link_and_qr(client: TestClient, world: World) -> None:
    response = client.post(
        "/api/v1/invites",
        json={"store_id": world.store_a.id, "role": "staff", "max_uses": 10},
        headers=world.headers("manager"),
    )
    assert response.status_code == 201
    body = response.json()
    assert body["url"] == f"https://winkelpraat.example/join/{body['code']}"
    assert body["qr_svg"].lstrip().startswith("<svg")
    assert body["max_uses"] == 10 and body["use_count"] == 0
    code = invite_codes.normalise(body["code"])
    assert len(code) == 10 and set(code) <= set(invite_codes.ALPHABET)
    expires = datetime.fromisoformat(body["expires_at"])
    assert timedelta(days=13) < expires - datetime.now(UTC) <= timedelta(days=14)


def test_invite_codes_do_not_repeat() -> None:
    assert len({invite_codes.new_code() for _ in range(2000)}) == 2000


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"role": "staff", "max_uses": 1}, "store_id required for staff"),
        ({"role": "hq", "store_id": 1, "max_uses": 1}, "store_id must be null for hq"),
        ({"role": "staff", "store_id": True, "max_uses": 1}, "boolean is no id"),
        ({"role": "staff", "store_id": 1, "max_uses": 0}, "max_uses at least 1"),
        ({"role": "staff", "store_id": 1, "max_uses": "3"}, "max_uses is an int"),
        ({"role": "boss", "store_id": 1, "max_uses": 1}, "unknown role"),
        ({"role": "staff", "store_id": 1, "max_uses": 1, "extra": 1}, "unknown field"),
        ({"role": "staff", "store_id": 1, "expires_at": "2030-01-01T00:00:00"}, "naive time"),
    ],
)
def test_bad_invite_requests_are_422(
    client: TestClient, session: Session, world: World, body: dict[str, object], field: str
) -> None:
    response = client.post("/api/v1/invites", json=body, headers=world.headers("admin"))
    assert response.status_code == 422, field
    assert session.exec(select(func.count()).select_from(Invite)).one() == 0


def test_invite_for_an_unknown_store_or_in_the_past_is_422(
    client: TestClient, world: World
) -> None:
    unknown = client.post(
        "/api/v1/invites",
        json={"store_id": 999_999, "role": "staff"},
        headers=world.headers("admin"),
    )
    assert unknown.status_code == 422
    assert unknown.json()["detail"][0]["loc"] == ["body", "store_id"]
    past = client.post(
        "/api/v1/invites",
        json={"store_id": world.store_a.id, "role": "staff", "expires_at": "2020-01-01T00:00:00Z"},
        headers=world.headers("admin"),
    )
    assert past.status_code == 422


def test_a_new_part_timer_joins_with_a_code_and_gets_the_invites_store_and_role(
    client: TestClient, session: Session, world: World
) -> None:
    invite = make_invite(session, creator=world.users["manager"], store=world.store_a)
    typed = invite_codes.display(invite.code).lower().replace("-", " ")  # typed sloppily
    preview = client.get(f"/api/v1/auth/invites/{typed}")
    assert preview.status_code == 200
    assert preview.json()["store"]["name"] == world.store_a.name
    response = client.post(JOIN, json=join_body(typed, username="Sam.Student", locale="en"))
    assert response.status_code == 201
    me = client.get(
        "/api/v1/me", headers={"Authorization": f"Bearer {response.json()['access_token']}"}
    )
    assert me.json() | {"id": 0} == {
        "id": 0,
        "username": "sam.student",
        "name": "Nieuwe Collega",
        "role": "staff",
        "store_id": world.store_a.id,
        "locale": "en",
        "expert_categories": [],
        "is_active": True,
        "last_active_on": now().date().isoformat(),  # this very request
        "store": me.json()["store"],
    }
    session.refresh(invite)
    assert invite.use_count == 1


def test_used_up_expired_and_revoked_codes_are_410(
    client: TestClient, session: Session, world: World, frozen_clock
) -> None:  # type: ignore[no-untyped-def]
    once = make_invite(session, creator=world.users["admin"], store=world.store_a, max_uses=1)
    assert client.post(JOIN, json=join_body(once.code, "first.one")).status_code == 201
    used_up = client.post(JOIN, json=join_body(once.code, "second.one"))
    assert used_up.status_code == 410 and used_up.json()["code"] == "invite_used_up"

    short = make_invite(
        session, creator=world.users["admin"], store=world.store_a, expires_in=timedelta(hours=1)
    )
    revoked = make_invite(session, creator=world.users["admin"], store=world.store_a)
    assert (
        client.delete(f"/api/v1/invites/{revoked.id}", headers=world.headers("manager")).status_code
        == 204
    )
    frozen_clock.advance(hours=2)
    before = user_count(session)
    assert client.post(JOIN, json=join_body(short.code, "late.one")).status_code == 410
    assert client.post(JOIN, json=join_body(revoked.code, "revoked.one")).status_code == 410
    assert client.get(f"/api/v1/auth/invites/{short.code}").status_code == 410
    assert user_count(session) == before


def test_unknown_code_is_400_and_guessing_is_rate_limited_per_address(
    app: FastAPI, client: TestClient, session: Session, world: World, settings: Settings
) -> None:
    before = user_count(session)
    for n in range(settings.ip_max_failures):
        response = client.post(JOIN, json=join_body(f"WRONG{n:05d}", f"guesser{n}"))
        assert response.status_code == 400
    # The next guess from that address is refused before the code is even looked up.
    valid = make_invite(session, creator=world.users["admin"], store=world.store_a)
    assert client.post(JOIN, json=join_body(valid.code, "guesser.x")).status_code == 429
    assert client.get(f"/api/v1/auth/invites/{valid.code}").status_code == 429
    assert user_count(session) == before
    # Someone else, at another address, still joins with a valid code.
    with TestClient(app, client=("198.51.100.7", 40000)) as elsewhere:
        assert elsewhere.get(f"/api/v1/auth/invites/{valid.code}").status_code == 200
        assert elsewhere.post(JOIN, json=join_body(valid.code, "new.hire")).status_code == 201
    assert user_count(session) == before + 1


def test_a_few_wrong_codes_from_anywhere_do_not_block_new_hires(
    client: TestClient, session: Session, world: World
) -> None:
    # Five wrong codes was once enough to refuse every valid code for 15 minutes.
    for n in range(6):
        assert client.post(JOIN, json=join_body(f"WRONG{n:05d}", f"guesser{n}")).status_code == 400
    valid = make_invite(session, creator=world.users["admin"], store=world.store_a)
    assert client.post(JOIN, json=join_body(valid.code, "new.hire")).status_code == 201


def test_taken_username_is_409_and_does_not_use_up_the_invite(
    client: TestClient, session: Session, world: World
) -> None:
    invite = make_invite(session, creator=world.users["admin"], store=world.store_a, max_uses=1)
    taken = world.users["staff"].username
    response = client.post(JOIN, json=join_body(invite.code, taken))
    assert response.status_code == 409
    session.refresh(invite)
    assert invite.use_count == 0
    assert client.post(JOIN, json=join_body(invite.code, "free.name")).status_code == 201


@pytest.mark.parametrize(
    "override",
    [
        {"password": "short"},
        {"username": "a"},
        {"username": "has space"},
        {"username": "x" * 41},
        {"name": "   "},
        {"name": "x" * 101},
        {"locale": "de"},
        {"code": ""},
        {"name": "null\x00byte"},
    ],
)
def test_bad_join_input_is_422_and_stores_nothing(
    client: TestClient, session: Session, world: World, override: dict[str, str]
) -> None:
    invite = make_invite(session, creator=world.users["admin"], store=world.store_a)
    before = user_count(session)
    response = client.post(JOIN, json=join_body(invite.code) | override)
    assert response.status_code == 422
    assert user_count(session) == before
    session.refresh(invite)
    assert invite.use_count == 0


def test_hq_invite_creates_an_account_without_store(
    client: TestClient, session: Session, world: World
) -> None:
    invite = make_invite(session, creator=world.users["admin"], store=None, role=Role.HQ)
    pair = client.post(JOIN, json=join_body(invite.code, "hq.new")).json()
    me = client.get(
        "/api/v1/me", headers={"Authorization": f"Bearer {pair['access_token']}"}
    ).json()
    assert me["role"] == "hq" and me["store_id"] is None


def test_manager_lists_only_own_store_invites(
    client: TestClient, session: Session, world: World
) -> None:
    own = make_invite(session, creator=world.users["manager"], store=world.store_a)
    make_invite(session, creator=world.users["manager_b"], store=world.store_b)
    listed = client.get("/api/v1/invites", headers=world.headers("manager")).json()
    assert [item["id"] for item in listed["items"]] == [own.id]
    everything = client.get("/api/v1/invites", headers=world.headers("hq")).json()
    assert len(everything["items"]) == 2


def test_invites_are_listed_newest_first_page_by_page(
    client: TestClient, session: Session, world: World
) -> None:
    made = [
        make_invite(session, creator=world.users["admin"], store=world.store_a) for _ in range(5)
    ]
    used_up = make_invite(session, creator=world.users["admin"], store=world.store_a, max_uses=1)
    used_up.use_count = 1
    session.flush()
    headers = world.headers("manager")
    seen: list[int] = []
    cursor = None
    while True:
        query = "/api/v1/invites?limit=2" + (f"&cursor={cursor}" if cursor else "")
        page = client.get(query, headers=headers).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [invite.id for invite in reversed(made)]
    with_used = client.get("/api/v1/invites?include_used=true&limit=100", headers=headers).json()
    assert with_used["items"][0]["id"] == used_up.id


def test_an_invite_is_read_back_after_use_and_creating_and_revoking_are_audited(
    client: TestClient, session: Session, world: World
) -> None:
    manager = world.headers("manager")
    created = client.post(
        "/api/v1/invites",
        json={"store_id": world.store_a.id, "role": "staff", "max_uses": 1},
        headers=manager,
    ).json()
    joined = client.post(JOIN, json=join_body(created["code"], username="poster.gebruiker"))
    assert joined.status_code == 201
    # Used up, so no longer in the open list, but the poster's page still reads it.
    read = client.get(f"/api/v1/invites/{created['id']}", headers=manager)
    assert read.status_code == 200
    assert read.json() | {"use_count": 0, "uses_left": 1} == created
    assert (read.json()["use_count"], read.json()["uses_left"]) == (1, 0)
    assert client.get("/api/v1/invites/999999", headers=manager).status_code == 404
    assert client.delete(f"/api/v1/invites/{created['id']}", headers=manager).status_code == 204
    client.delete(f"/api/v1/invites/{created['id']}", headers=manager)  # again: nothing new
    entries = session.exec(
        select(AuditEntry).where(AuditEntry.subject_type == "invite").order_by(col(AuditEntry.id))
    ).all()
    assert [(e.action, e.subject_id, e.actor_id) for e in entries] == [
        ("invite.create", created["id"], world.users["manager"].id),
        ("invite.revoke", created["id"], world.users["manager"].id),
    ]
    assert entries[0].details == {"store_id": world.store_a.id, "role": "staff", "uses": 1}
    assert entries[1].details == {"store_id": world.store_a.id, "used": 1}
    assert {e.ip for e in entries} == {"testclient"}
