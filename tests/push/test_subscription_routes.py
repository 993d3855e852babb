"""Registering and removing devices through HTTP; endpoints and keys are checked on the way in."""

from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from api.push import base64url, vapid
from api.push import service as push_service
from api.push.models import PushSubscription
from api.push.sender import Outcome
from api.push.vapid import VapidSigner
from tests.conftest import World
from tests.factories import make_push_subscription, push_subscription_json
from tests.push.conftest import MESSAGE, SUBJECT, send
from tests.support.push_service import PushService

URL = "/api/v1/push/subscriptions"


def _rows(session: Session) -> list[PushSubscription]:
    session.expire_all()
    return list(session.exec(select(PushSubscription).order_by(col(PushSubscription.id))))


def _allow(app: FastAPI, hosts: str) -> None:
    app.state.settings = app.state.settings.model_copy(update={"push_allowed_hosts": hosts})


def test_a_device_is_registered_and_its_keys_stay_on_the_server(
    client: TestClient, world: World, session: Session
) -> None:
    body = push_subscription_json("https://fcm.googleapis.com/fcm/send/abc:def")

    response = client.post(URL, json=body, headers=world.headers("staff"))

    assert response.status_code == 201, response.text
    [row] = _rows(session)
    assert response.json() == {
        "id": row.id,
        "endpoint_host": "fcm.googleapis.com",
        "created_at": response.json()["created_at"],
    }
    assert (row.user_id, row.endpoint) == (world.users["staff"].id, body["endpoint"])
    assert (row.p256dh, row.auth) == (body["keys"]["p256dh"], body["keys"]["auth"])


def test_posting_the_same_endpoint_again_updates_it(
    client: TestClient, world: World, session: Session
) -> None:
    first = push_subscription_json()
    again = push_subscription_json(first["endpoint"])  # the browser rotated its keys
    ids = [
        client.post(URL, json=b, headers=world.headers("staff")).json()["id"]
        for b in (first, again)
    ]
    [row] = _rows(session)
    assert ids == [row.id, row.id]
    assert row.p256dh == again["keys"]["p256dh"]


def test_the_same_browser_signed_in_as_someone_else_takes_its_device_over(
    client: TestClient, world: World, session: Session
) -> None:
    # A shared till tablet where nobody signed out: same endpoint, same keys.
    body = push_subscription_json()
    client.post(URL, json=body, headers=world.headers("staff"))

    response = client.post(URL, json=body, headers=world.headers("colleague"))

    assert response.status_code == 201
    [row] = _rows(session)
    assert row.user_id == world.users["colleague"].id


@pytest.mark.parametrize("who", ["colleague", "staff_b", "manager", "hq"])
def test_someone_elses_endpoint_with_other_keys_is_409_and_stays_theirs(
    client: TestClient, world: World, session: Session, who: str
) -> None:
    mine = push_subscription_json()
    client.post(URL, json=mine, headers=world.headers("staff"))
    theirs = push_subscription_json(mine["endpoint"])  # the endpoint alone, their own keys

    response = client.post(URL, json=theirs, headers=world.headers(who))

    assert response.status_code == 409, response.text
    assert response.json()["code"] == "push_endpoint_taken"
    [row] = _rows(session)
    assert row.user_id == world.users["staff"].id
    assert (row.p256dh, row.auth) == (mine["keys"]["p256dh"], mine["keys"]["auth"])
    # The owner can still remove their device.
    removed = client.request(
        "DELETE", URL, json={"endpoint": mine["endpoint"]}, headers=world.headers("staff")
    )
    assert removed.status_code == 204


def test_a_user_can_have_several_devices(
    client: TestClient, world: World, session: Session
) -> None:
    for _ in range(3):
        assert (
            client.post(
                URL, json=push_subscription_json(), headers=world.headers("staff")
            ).status_code
            == 201
        )
    assert [row.user_id for row in _rows(session)] == [world.users["staff"].id] * 3


def test_the_browser_json_with_expiration_time_is_accepted(
    client: TestClient, world: World
) -> None:
    body = {**push_subscription_json(), "expirationTime": None}
    assert client.post(URL, json=body, headers=world.headers("staff")).status_code == 201


def test_a_user_removes_their_own_device(
    client: TestClient, world: World, session: Session
) -> None:
    mine = make_push_subscription(session, user=world.users["staff"])
    other = make_push_subscription(session, user=world.users["staff"])

    response = client.request(
        "DELETE", URL, json={"endpoint": mine.endpoint}, headers=world.headers("staff")
    )

    assert response.status_code == 204
    assert [row.id for row in _rows(session)] == [other.id]


def test_nobody_removes_someone_elses_device(
    client: TestClient, world: World, session: Session
) -> None:
    theirs = make_push_subscription(session, user=world.users["colleague"])
    for actor in ("staff", "manager", "admin"):
        response = client.request(
            "DELETE", URL, json={"endpoint": theirs.endpoint}, headers=world.headers(actor)
        )
        assert response.status_code == 404
    assert [row.id for row in _rows(session)] == [theirs.id]


def test_removing_an_unknown_endpoint_is_404(client: TestClient, world: World) -> None:
    response = client.request(
        "DELETE",
        URL,
        json={"endpoint": "https://fcm.googleapis.com/x"},
        headers=world.headers("staff"),
    )
    assert response.status_code == 404


def test_signing_in_is_required_to_register_or_remove(client: TestClient) -> None:
    assert client.post(URL, json=push_subscription_json()).status_code == 401
    assert (
        client.request("DELETE", URL, json={"endpoint": "https://fcm.googleapis.com/x"}).status_code
        == 401
    )


def test_the_key_needs_no_sign_in(client: TestClient) -> None:
    response = client.get("/api/v1/push/key")
    assert response.status_code == 200
    assert len(base64url.decode(response.json()["public_key"])) == 65


def _refused(client: TestClient, world: World, session: Session, body: Any) -> list[Any]:
    response = client.post(URL, json=body, headers=world.headers("staff"))
    assert response.status_code == 422, response.text
    assert _rows(session) == []
    return [error["loc"] for error in response.json()["detail"]]


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://evil.example/push/abc",
        "https://fcm.googleapis.com.evil.example/push/abc",
        "https://notify.windows.com/w/?token=abc",  # the wildcard covers subdomains only
        "http://fcm.googleapis.com/fcm/send/abc",  # https only
        "ftp://fcm.googleapis.com/fcm/send/abc",
        "https://user:pw@fcm.googleapis.com/fcm/send/abc",
        "http://127.0.0.1:8080/push/abc",  # loopback, but not listed
        "http://169.254.169.254/latest/meta-data",
        "/push/abc",
        "not a url",
        "https://fcm.googleapis.com\\@evil.example/x",
        "https://fcm.googleapis.com/" + "a" * 2100,
        "https://fcm.googleapis.com:8443/fcm/send/abc",  # a push service listens on 443
        "https://fcm.googleapis.com:22/fcm/send/abc",
    ],
)
def test_endpoints_outside_the_allowed_push_services_are_422(
    client: TestClient, world: World, session: Session, endpoint: str
) -> None:
    assert _refused(client, world, session, push_subscription_json(endpoint)) == [
        ["body", "endpoint"]
    ]


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://fcm.googleapis.com/fcm/send/abc",
        "https://fcm.googleapis.com:443/fcm/send/abc",
        "https://FCM.googleapis.com/fcm/send/abc",
        "https://wns2-par02p.notify.windows.com/w/?token=abc",
        "https://web.push.apple.com/QGp",
        "https://updates.push.services.mozilla.com/wpush/v2/abc",
    ],
)
def test_the_public_push_services_are_allowed_by_default(
    client: TestClient, world: World, endpoint: str
) -> None:
    response = client.post(
        URL, json=push_subscription_json(endpoint), headers=world.headers("staff")
    )
    assert response.status_code == 201, response.text


def test_http_is_allowed_for_a_loopback_host_the_setting_lists(
    app: FastAPI, client: TestClient, world: World, session: Session
) -> None:
    _allow(app, "fcm.googleapis.com,127.0.0.1,::1")
    for endpoint in ("http://127.0.0.1:8123/push/a", "http://[::1]:8123/push/b"):
        body = push_subscription_json(endpoint)
        assert client.post(URL, json=body, headers=world.headers("staff")).status_code == 201
    assert len(_rows(session)) == 2
    # Listing 127.0.0.1 does not let other names for this machine in.
    localhost = push_subscription_json("http://localhost:8123/push/c")
    assert client.post(URL, json=localhost, headers=world.headers("staff")).status_code == 422


def test_a_listed_host_other_than_loopback_still_needs_https(
    app: FastAPI, client: TestClient, world: World, session: Session
) -> None:
    _allow(app, "push.example.nl")
    assert _refused(client, world, session, push_subscription_json("http://push.example.nl/x")) == [
        ["body", "endpoint"]
    ]


def _point(prefix: bytes, length: int) -> str:
    return base64url.encode(prefix + b"\x01" * (length - len(prefix)))


@pytest.mark.parametrize(
    ("keys", "field"),
    [
        ({"p256dh": "not base64!"}, "p256dh"),
        ({"p256dh": "QUJD+/8="}, "p256dh"),  # standard base64, not base64url
        ({"p256dh": _point(b"\x04", 64)}, "p256dh"),  # a byte short
        ({"p256dh": _point(b"\x02", 33)}, "p256dh"),  # compressed
        ({"p256dh": _point(b"\x04", 65)}, "p256dh"),  # the right size, not on the curve
        ({"p256dh": ""}, "p256dh"),
        ({"auth": base64url.encode(b"x" * 15)}, "auth"),
        ({"auth": base64url.encode(b"x" * 17)}, "auth"),
        ({"auth": "%%%"}, "auth"),
    ],
)
def test_keys_that_cannot_encrypt_are_422(
    client: TestClient, world: World, session: Session, keys: dict[str, str], field: str
) -> None:
    body = push_subscription_json()
    body["keys"].update(keys)
    assert _refused(client, world, session, body) == [["body", "keys", field]]


@pytest.mark.parametrize(
    "body",
    [
        {"endpoint": "https://fcm.googleapis.com/x"},
        {"keys": push_subscription_json()["keys"]},
        {**push_subscription_json(), "extra": 1},
        {**push_subscription_json(), "endpoint": 42},
        {**push_subscription_json(), "keys": {"p256dh": None, "auth": None}},
        [],
        "null",
    ],
)
def test_malformed_bodies_are_422_never_500(
    client: TestClient, world: World, session: Session, body: Any
) -> None:
    assert _refused(client, world, session, body)


def test_a_device_registered_over_http_gets_its_push_and_a_410_removes_it(
    app: FastAPI, client: TestClient, world: World, session: Session
) -> None:
    public_key = client.get("/api/v1/push/key").json()["public_key"]
    with PushService(public_key=public_key) as service:
        _allow(app, "127.0.0.1")
        device = service.subscribe()
        assert (
            client.post(URL, json=device.as_json(), headers=world.headers("staff")).status_code
            == 201
        )
        [row] = _rows(session)
        assert row.id is not None
        # The key the app serves is the one the sender signs with.
        key = vapid.shared_key(app.state.settings.var_dir, None)
        assert key.public_key == public_key
        signer = VapidSigner(key, subject=SUBJECT)

        [delivered] = send([device.target(row.id)], signer=signer)
        service.answer(device, 410)
        [gone] = send([device.target(row.id)], signer=signer)

        assert (delivered.outcome, gone.outcome) == (Outcome.DELIVERED, Outcome.GONE)
        assert service.messages(device) == [
            {"title": MESSAGE.title, "body": MESSAGE.body, "url": MESSAGE.url}
        ]
        assert (
            push_service.delete_subscriptions(session, subscription_ids=[gone.subscription_id]) == 1
        )
        assert _rows(session) == []
        assert service.problems == []
