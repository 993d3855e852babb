"""Signing in, refreshing, signing out and deactivation, through HTTP."""

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from api.auth.models import AuthFailure, Login, RefreshToken
from api.org.models import Role
from api.push.models import PushSubscription
from tests.conftest import World
from tests.factories import PASSWORD, make_user

TOKEN = "/api/v1/auth/token"


def sign_in(client: TestClient, username: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return client.post(TOKEN, data={"username": username, "password": password})


def bearer(pair: dict[str, str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {pair['access_token']}"}


def test_sign_in_returns_a_working_token_pair(client: TestClient, world: World) -> None:
    user = world.users["staff"]
    response = sign_in(client, user.username)
    assert response.status_code == 200
    pair = response.json()
    assert pair["token_type"] == "bearer" and pair["expires_in"] == 15 * 60
    me = client.get("/api/v1/me", headers=bearer(pair))
    assert me.status_code == 200
    assert me.json()["username"] == user.username
    assert me.json()["store"]["id"] == world.store_a.id


def test_username_is_case_insensitive(client: TestClient, world: World) -> None:
    assert sign_in(client, world.users["staff"].username.upper()).status_code == 200


def test_wrong_password_unknown_user_and_deactivated_user_get_the_same_401(
    client: TestClient, session: Session, world: World
) -> None:
    gone = make_user(session, store=world.store_a, is_active=False)
    answers = [
        sign_in(client, world.users["staff"].username, "wrong password"),
        sign_in(client, "nobody-here"),
        sign_in(client, gone.username),
    ]
    assert [a.status_code for a in answers] == [401, 401, 401]
    assert len({a.json()["detail"] for a in answers}) == 1
    assert answers[0].json()["detail"] == "Wrong username or password"


def test_missing_form_fields_are_422(client: TestClient) -> None:
    assert client.post(TOKEN, data={"username": "x"}).status_code == 422
    assert client.post(TOKEN, json={"username": "x", "password": "y"}).status_code == 422


def test_nul_in_username_is_422_not_500(client: TestClient) -> None:
    assert client.post(TOKEN, data={"username": "a\x00b", "password": "x"}).status_code == 422


def test_brute_force_is_rate_limited_with_retry_after(
    client: TestClient, session: Session, world: World, frozen_clock
) -> None:  # type: ignore[no-untyped-def]
    username = world.users["staff"].username
    for _ in range(5):
        assert sign_in(client, username, "guess").status_code == 401
    limited = sign_in(client, username)  # even the right password is refused now
    assert limited.status_code == 429
    assert 1 <= int(limited.headers["Retry-After"]) <= 15 * 60
    assert session.exec(select(Login).where(Login.user_id == world.users["staff"].id)).all() == []
    # Other accounts are not locked by one account's failures.
    assert sign_in(client, world.users["colleague"].username).status_code == 200
    frozen_clock.advance(minutes=15, seconds=1)
    assert sign_in(client, username).status_code == 200


def test_success_clears_the_failure_count(
    client: TestClient, session: Session, world: World
) -> None:
    username = world.users["staff"].username
    for _ in range(4):
        sign_in(client, username, "guess")
    assert sign_in(client, username).status_code == 200
    assert session.exec(select(AuthFailure).where(AuthFailure.username == username)).all() == []


def test_many_usernames_from_one_address_are_rate_limited(client: TestClient, settings) -> None:  # type: ignore[no-untyped-def]
    settings.ip_max_failures = 3
    for n in range(3):
        assert sign_in(client, f"someone{n}", "guess").status_code == 401
    assert sign_in(client, "someone-else", "guess").status_code == 429


def test_refresh_rotates_and_the_old_refresh_token_stops_working(
    client: TestClient, world: World
) -> None:
    first = sign_in(client, world.users["staff"].username).json()
    second = client.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert second.status_code == 200
    second_pair = second.json()
    assert second_pair["refresh_token"] != first["refresh_token"]
    assert client.get("/api/v1/me", headers=bearer(second_pair)).status_code == 200
    third = client.post(
        "/api/v1/auth/refresh", json={"refresh_token": second_pair["refresh_token"]}
    )
    assert third.status_code == 200


def test_reusing_a_rotated_refresh_token_revokes_the_whole_login(
    client: TestClient, session: Session, world: World
) -> None:
    first = sign_in(client, world.users["staff"].username).json()
    second = client.post(
        "/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]}
    ).json()
    reuse = client.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert reuse.status_code == 401
    assert reuse.json()["code"] == "refresh_reused"
    # Everything of that login is dead now: the newest access and refresh tokens too.
    assert client.get("/api/v1/me", headers=bearer(second)).status_code == 401
    again = client.post("/api/v1/auth/refresh", json={"refresh_token": second["refresh_token"]})
    assert again.status_code == 401


def test_unknown_and_expired_refresh_tokens_are_401(
    client: TestClient, world: World, frozen_clock
) -> None:  # type: ignore[no-untyped-def]
    assert client.post("/api/v1/auth/refresh", json={"refresh_token": "nope"}).status_code == 401
    pair = sign_in(client, world.users["staff"].username).json()
    frozen_clock.advance(days=31)
    expired = client.post("/api/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]})
    assert expired.status_code == 401


def test_refresh_tokens_are_stored_hashed(
    client: TestClient, session: Session, world: World
) -> None:
    pair = sign_in(client, world.users["staff"].username).json()
    stored = session.exec(select(RefreshToken.token_hash)).all()
    assert pair["refresh_token"] not in stored and len(stored) == 1


def test_expired_access_token_is_401(client: TestClient, world: World, frozen_clock) -> None:  # type: ignore[no-untyped-def]
    pair = sign_in(client, world.users["staff"].username).json()
    frozen_clock.advance(minutes=16)
    response = client.get("/api/v1/me", headers=bearer(pair))
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_logout_ends_this_login_only(client: TestClient, world: World) -> None:
    phone = sign_in(client, world.users["staff"].username).json()
    tablet = sign_in(client, world.users["staff"].username).json()
    assert client.post("/api/v1/auth/logout", headers=bearer(phone)).status_code == 204
    assert client.get("/api/v1/me", headers=bearer(phone)).status_code == 401
    refreshed = client.post("/api/v1/auth/refresh", json={"refresh_token": phone["refresh_token"]})
    assert refreshed.status_code == 401
    assert client.get("/api/v1/me", headers=bearer(tablet)).status_code == 200


def test_deactivation_kills_every_token_and_drops_push_subscriptions(
    client: TestClient, session: Session, world: World
) -> None:
    staff = world.users["staff"]
    phone = sign_in(client, staff.username).json()
    session.add(
        PushSubscription(
            user_id=staff.id,
            endpoint="https://fcm.googleapis.com/fcm/send/abc",
            p256dh="k",
            auth="a",
        )
    )
    session.flush()
    response = client.post(f"/api/v1/users/{staff.id}/deactivate", headers=world.headers("manager"))
    assert response.status_code == 204
    assert client.get("/api/v1/me", headers=bearer(phone)).status_code == 401
    refreshed = client.post("/api/v1/auth/refresh", json={"refresh_token": phone["refresh_token"]})
    assert refreshed.status_code == 401
    assert sign_in(client, staff.username).status_code == 401
    assert (
        session.exec(select(PushSubscription).where(PushSubscription.user_id == staff.id)).all()
        == []
    )
    session.refresh(staff)
    assert staff.is_active is False and staff.deactivated_at is not None


def test_a_token_for_a_deleted_login_row_is_refused(client: TestClient, world: World) -> None:
    from datetime import timedelta

    from api.auth.tokens import create_access_token
    from tests.conftest import TEST_SECRET

    token = create_access_token(
        user_id=world.users["staff"].id,
        login_id=999_999,
        key=TEST_SECRET,
        lifetime=timedelta(minutes=5),
    )
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


def test_a_token_naming_another_user_than_its_login_is_refused(
    client: TestClient, session: Session, world: World
) -> None:
    from datetime import timedelta

    from api.auth.tokens import create_access_token
    from tests.conftest import TEST_SECRET

    login = Login(user_id=world.users["staff"].id)
    session.add(login)
    session.flush()
    forged = create_access_token(
        user_id=world.users["admin"].id,
        login_id=login.id,
        key=TEST_SECRET,
        lifetime=timedelta(minutes=5),
    )
    assert (
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {forged}"}).status_code == 401
    )


def test_missing_or_malformed_authorization_is_401(client: TestClient) -> None:
    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/api/v1/me", headers={"Authorization": "Bearer"}).status_code == 401
    assert client.get("/api/v1/me", headers={"Authorization": "Basic abc"}).status_code == 401
    assert client.get("/api/v1/me", headers={"Authorization": "Bearer a.b.c"}).status_code == 401


def test_hq_can_be_signed_in_without_a_store(client: TestClient, session: Session) -> None:
    hq = make_user(session, role=Role.HQ)
    pair = sign_in(client, hq.username).json()
    me = client.get("/api/v1/me", headers=bearer(pair)).json()
    assert me["store_id"] is None and me["store"] is None and me["role"] == "hq"
