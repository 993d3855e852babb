"""One-time sign-in codes: a manager makes one for someone who forgot their password, who uses it
once to choose a new password, which ends every other login of that account."""

import hashlib
import threading
from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from api.audit.models import AuditEntry
from api.auth import invite_codes, sign_in_codes
from api.auth.models import Login, SignInCode
from api.config import Settings
from api.db import get_engine
from api.main import create_app
from api.org.models import Role
from tests.conftest import MovableClock, World
from tests.factories import PASSWORD, make_store, make_user

RESET = "/api/v1/auth/reset"
NEW_PASSWORD = "a-new-password-1"


def make_code(client: TestClient, world: World, target: str, *, by: str = "manager") -> Any:
    return client.post(
        f"/api/v1/users/{world.users[target].id}/sign-in-code", headers=world.headers(by)
    )


def reset(client: TestClient, code: str, password: str = NEW_PASSWORD) -> Any:
    return client.post(RESET, json={"code": code, "password": password})


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> Any:
    return client.post("/api/v1/auth/token", data={"username": username, "password": password})


def bearer(pair: dict[str, str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {pair['access_token']}"}


def audit_entries(session: Session, action: str) -> list[AuditEntry]:
    session.expire_all()
    return list(session.exec(select(AuditEntry).where(AuditEntry.action == action)))


@pytest.mark.parametrize(
    ("actor", "target", "status"),
    [
        ("staff", "colleague", 403),
        ("staff", "staff", 403),
        ("staff", "staff_b", 403),
        ("manager", "colleague", 201),
        ("manager", "manager", 409),  # their own account: never by code
        ("manager", "staff_b", 404),
        ("manager", "manager_b", 404),
        ("manager", "hq", 404),
        ("manager", "admin", 404),
        ("manager_b", "staff_b", 201),
        ("hq", "staff_b", 201),
        ("hq", "manager", 201),
        ("hq", "admin", 403),
        ("admin", "staff", 201),
        ("admin", "hq", 201),
    ],
)
def test_who_may_make_a_sign_in_code(
    client: TestClient, session: Session, world: World, actor: str, target: str, status: int
) -> None:
    response = make_code(client, world, target, by=actor)

    assert response.status_code == status, response.text
    made = session.exec(select(SignInCode)).all()
    assert len(made) == (1 if status == 201 else 0)
    assert len(audit_entries(session, "user.sign_in_code")) == len(made)


def test_unknown_person_is_404_and_anonymous_is_401(client: TestClient, world: World) -> None:
    assert (
        client.post("/api/v1/users/999999/sign-in-code", headers=world.headers("hq")).status_code
        == 404
    )
    assert client.post(f"/api/v1/users/{world.users['staff'].id}/sign-in-code").status_code == 401


def test_a_code_comes_with_link_qr_and_expiry_and_only_its_hash_is_stored(
    client: TestClient, session: Session, world: World, frozen_clock: MovableClock
) -> None:
    response = make_code(client, world, "staff")

    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"code", "expires_at", "url", "qr_svg"}
    code = invite_codes.normalise(body["code"])
    assert len(code) == 10 and set(code) <= set(invite_codes.ALPHABET)
    assert body["code"] == invite_codes.display(code)
    assert body["url"] == f"https://winkelpraat.example/reset/{body['code']}"
    assert body["qr_svg"].lstrip().startswith("<svg")
    assert datetime.fromisoformat(body["expires_at"]) == frozen_clock.current + timedelta(hours=24)
    [stored] = session.exec(select(SignInCode)).all()
    assert stored.user_id == world.users["staff"].id
    assert stored.created_by_id == world.users["manager"].id
    assert stored.code_hash == hashlib.sha256(code.encode()).hexdigest()
    assert code not in stored.code_hash


def test_making_a_code_is_audited_with_the_address(
    app: FastAPI, session: Session, world: World
) -> None:
    with TestClient(app, client=("203.0.113.9", 50000)) as elsewhere:
        assert make_code(elsewhere, world, "staff").status_code == 201

    [entry] = audit_entries(session, "user.sign_in_code")
    assert entry.actor_id == world.users["manager"].id
    assert (entry.subject_type, entry.subject_id) == ("user", world.users["staff"].id)
    assert entry.ip == "203.0.113.9"
    assert "expires_at" in entry.details


def test_the_code_works_once_and_the_new_password_signs_in(
    client: TestClient, session: Session, world: World
) -> None:
    code = make_code(client, world, "staff").json()["code"]
    username = world.users["staff"].username

    # Typed sloppily, as the invite codes may be.
    first = reset(client, code.lower().replace("-", " "))

    assert first.status_code == 200, first.text
    pair = first.json()
    assert pair["token_type"] == "bearer"
    assert client.get("/api/v1/me", headers=bearer(pair)).json()["username"] == username
    again = reset(client, code, "yet-another-password")
    assert again.status_code == 410
    assert again.json()["code"] == "sign_in_code_used"
    assert "already been used" in again.json()["detail"]
    assert sign_in(client, username, NEW_PASSWORD).status_code == 200
    assert sign_in(client, username, PASSWORD).status_code == 401
    assert sign_in(client, username, "yet-another-password").status_code == 401
    [stored] = session.exec(select(SignInCode)).all()
    assert stored.used_at is not None
    [entry] = audit_entries(session, "user.password_reset")
    assert entry.actor_id == entry.subject_id == world.users["staff"].id
    assert entry.ip == "testclient"


def test_every_earlier_login_ends_with_the_reset(
    client: TestClient, session: Session, world: World
) -> None:
    username = world.users["staff"].username
    phone = sign_in(client, username).json()
    tablet = sign_in(client, username).json()
    code = make_code(client, world, "staff").json()["code"]

    new_pair = reset(client, code).json()

    for old in (phone, tablet):
        assert client.get("/api/v1/me", headers=bearer(old)).status_code == 401
        refreshed = client.post(
            "/api/v1/auth/refresh", json={"refresh_token": old["refresh_token"]}
        )
        assert refreshed.status_code == 401
    assert client.get("/api/v1/me", headers=bearer(new_pair)).status_code == 200
    fresh = client.post("/api/v1/auth/refresh", json={"refresh_token": new_pair["refresh_token"]})
    assert fresh.status_code == 200
    session.expire_all()
    logins = session.exec(select(Login).where(Login.user_id == world.users["staff"].id)).all()
    assert sum(login.revoked_at is None for login in logins) == 1


def test_a_code_is_valid_for_24_hours(
    client: TestClient, world: World, frozen_clock: MovableClock
) -> None:
    staff_code = make_code(client, world, "staff").json()["code"]
    colleague_code = make_code(client, world, "colleague").json()["code"]

    frozen_clock.advance(hours=23, minutes=59)
    assert reset(client, staff_code).status_code == 200
    frozen_clock.advance(minutes=1)
    expired = reset(client, colleague_code)

    assert expired.status_code == 410
    assert expired.json()["code"] == "sign_in_code_expired"
    assert "Ask your manager for a new one" in expired.json()["detail"]
    assert sign_in(client, world.users["colleague"].username).status_code == 200


def test_the_lifetime_is_a_setting(
    app: FastAPI, client: TestClient, world: World, frozen_clock: MovableClock
) -> None:
    app.state.settings.sign_in_code_hours = 2
    body = make_code(client, world, "staff").json()

    assert datetime.fromisoformat(body["expires_at"]) == frozen_clock.current + timedelta(hours=2)
    frozen_clock.advance(hours=2)
    assert reset(client, body["code"]).status_code == 410


def test_a_new_code_voids_the_earlier_one(
    client: TestClient, session: Session, world: World
) -> None:
    old = make_code(client, world, "staff").json()["code"]
    new = make_code(client, world, "staff", by="hq").json()["code"]

    assert reset(client, old).status_code == 410
    assert reset(client, new).status_code == 200
    assert len(session.exec(select(SignInCode)).all()) == 2


def test_a_code_for_someone_else_is_not_voided(client: TestClient, world: World) -> None:
    staff_code = make_code(client, world, "staff").json()["code"]
    make_code(client, world, "colleague")

    assert reset(client, staff_code).status_code == 200


def test_deactivated_accounts_get_no_code_and_their_codes_stop_working(
    client: TestClient, session: Session, world: World
) -> None:
    code = make_code(client, world, "staff").json()["code"]
    staff_id = world.users["staff"].id
    assert (
        client.post(
            f"/api/v1/users/{staff_id}/deactivate", headers=world.headers("manager")
        ).status_code
        == 204
    )

    refused = make_code(client, world, "staff")
    assert refused.status_code == 409
    assert refused.json()["code"] == "account_deactivated"
    assert "deactivated" in refused.json()["detail"]
    used = reset(client, code)
    assert used.status_code == 410
    assert used.json()["code"] == "sign_in_code_expired"
    session.expire_all()
    assert session.exec(select(SignInCode.used_at)).all() == [None]


def test_an_unknown_code_is_400_and_guessing_is_rate_limited_per_address(
    app: FastAPI, client: TestClient, session: Session, world: World, settings: Settings
) -> None:
    code = make_code(client, world, "staff").json()["code"]
    for n in range(settings.ip_max_failures):
        wrong = reset(client, f"WRONG{n:05d}")
        assert wrong.status_code == 400
        assert wrong.json()["code"] == "sign_in_code_unknown"
        assert wrong.json()["detail"] == "This sign-in code does not exist. Check it and try again."

    # The next attempt from that address is refused before the code is even looked up.
    limited = reset(client, code)
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) > 0
    session.expire_all()
    assert session.exec(select(SignInCode.used_at)).all() == [None]
    # Someone else, at another address, still resets with a valid code.
    with TestClient(app, client=("198.51.100.7", 40000)) as elsewhere:
        assert reset(elsewhere, code).status_code == 200


def test_a_few_wrong_codes_do_not_lock_the_person_out(client: TestClient, world: World) -> None:
    for n in range(6):
        assert reset(client, f"WRONG{n:05d}").status_code == 400
    code = make_code(client, world, "staff").json()["code"]
    assert reset(client, code).status_code == 200


def test_a_reset_lifts_a_lockout_of_the_username(
    client: TestClient, world: World, settings: Settings
) -> None:
    username = world.users["staff"].username
    for _ in range(settings.login_max_failures):
        assert sign_in(client, username, "guess").status_code == 401
    assert sign_in(client, username).status_code == 429
    code = make_code(client, world, "staff").json()["code"]

    assert reset(client, code).status_code == 200
    assert sign_in(client, username, NEW_PASSWORD).status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"password": NEW_PASSWORD},
        {"code": "ABCDE-12345"},
        {"code": "ABCDE-12345", "password": "short"},
        {"code": "ABCDE-12345", "password": "x" * 257},
        {"code": "", "password": NEW_PASSWORD},
        {"code": "ABCDE-12345", "password": NEW_PASSWORD, "extra": 1},
    ],
)
def test_bad_reset_input_is_422_and_uses_nothing(
    client: TestClient, session: Session, world: World, body: dict[str, object]
) -> None:
    code = make_code(client, world, "staff").json()["code"]
    body = {key: code if value == "ABCDE-12345" else value for key, value in body.items()}

    assert client.post(RESET, json=body).status_code == 422
    session.expire_all()
    assert session.exec(select(SignInCode.used_at)).all() == [None]


def test_racing_resets_with_one_code_let_exactly_one_win(live_database: str) -> None:
    """The code is claimed with a conditional UPDATE: of several resets sent at once, one signs
    in and the others get 410, on SQLite and PostgreSQL (committed database, real threads)."""
    app = create_app()  # no lifespan: the database is migrated, no job consumer is needed
    with Session(get_engine()) as session:
        store = make_store(session)
        manager = make_user(session, role=Role.STORE_MANAGER, store=store)
        person = make_user(session, store=store)
        code = sign_in_codes.issue_sign_in_code(
            session, user=person, creator=manager, lifetime=timedelta(hours=1)
        ).code
        person_id = person.id
        session.commit()

    racers = 4
    # Not entered (`with`): that would run the app's lifespan (migrations, a job consumer) once
    # per thread.
    clients = [TestClient(app, client=(f"192.0.2.{n + 1}", 40000)) for n in range(racers)]
    start = threading.Barrier(racers, timeout=30)
    statuses: list[int] = []

    def race(n: int) -> None:
        start.wait()
        statuses.append(reset(clients[n], code, f"password-of-racer-{n}").status_code)

    threads = [threading.Thread(target=race, args=(n,)) for n in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert sorted(statuses) == [200] + [410] * (racers - 1)
    with Session(get_engine()) as session:
        logins = session.exec(select(Login).where(col(Login.user_id) == person_id)).all()
        assert len(logins) == 1
