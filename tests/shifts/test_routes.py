"""Planning, listing and removing shifts through HTTP; who may, and what bad input does."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.org.models import Role
from tests.conftest import MovableClock, World
from tests.factories import make_user
from tests.shifts.conftest import add_shift, stored_shifts, utc

URL = "/api/v1/shifts"
MINE = "/api/v1/me/shifts"
# Tuesday 1 December, 09:00-17:00 in Amsterdam.
DAY = {"starts_at": "2026-12-01T09:00:00+01:00", "ends_at": "2026-12-01T17:00:00+01:00"}


def _plan(client: TestClient, world: World, by: str, person: str, **times: str) -> Any:
    body = {"user_id": world.users[person].id, **DAY, **times}
    return client.post(URL, json=body, headers=world.headers(by))


@pytest.mark.parametrize(
    ("by", "person"),
    [
        ("manager", "staff"),
        ("manager", "manager"),  # managers work shifts too
        ("hq", "staff_b"),
        ("admin", "staff"),
    ],
)
def test_managers_plan_their_store_and_hq_anyone(
    client: TestClient, world: World, session: Session, clock: MovableClock, by: str, person: str
) -> None:
    response = _plan(client, world, by, person)

    assert response.status_code == 201, response.text
    [shift] = stored_shifts(session)
    target = world.users[person]
    assert response.json() == {
        "id": shift.id,
        "user_id": target.id,
        "username": target.username,
        "user_name": target.name,
        "store_id": target.store_id,
        "starts_at": "2026-12-01T08:00:00Z",
        "ends_at": "2026-12-01T16:00:00Z",
        "created_by_id": world.users[by].id,
        "created_at": "2026-11-30T11:00:00Z",
    }
    assert (shift.starts_at, shift.ends_at) == (utc(DAY["starts_at"]), utc(DAY["ends_at"]))
    assert shift.store_id == target.store_id


@pytest.mark.parametrize(
    ("by", "person", "status"),
    [
        ("staff", "colleague", 403),
        ("staff", "staff", 403),  # not even your own
        ("staff", "staff_b", 403),
        ("manager", "staff_b", 404),  # another store's people are not visible
        ("manager", "manager_b", 404),
        ("manager", "hq", 404),
    ],
)
def test_others_may_not_plan_and_nothing_is_stored(
    client: TestClient,
    world: World,
    session: Session,
    clock: MovableClock,
    by: str,
    person: str,
    status: int,
) -> None:
    response = _plan(client, world, by, person)

    assert response.status_code == status, response.text
    assert stored_shifts(session) == []


def test_an_unknown_person_is_404(client: TestClient, world: World, clock: MovableClock) -> None:
    response = client.post(URL, json={"user_id": 999_999, **DAY}, headers=world.headers("manager"))
    assert response.status_code == 404


def test_people_without_a_store_or_deactivated_get_no_shifts(
    client: TestClient, world: World, session: Session, clock: MovableClock
) -> None:
    gone = make_user(session, role=Role.STAFF, store=world.store_a, is_active=False)
    world.users["gone"] = gone

    for person, message in (("hq", "no home store"), ("gone", "deactivated")):
        response = _plan(client, world, "admin", person)
        assert response.status_code == 422, response.text
        [error] = response.json()["detail"]
        assert error["loc"] == ["body", "user_id"] and message in error["msg"]
    assert stored_shifts(session) == []


@pytest.mark.parametrize(
    ("times", "loc", "message"),
    [
        ({"starts_at": "2026-12-01T09:00:00"}, ["body", "starts_at"], "offset"),
        ({"ends_at": "2026-12-01 17:00"}, ["body", "ends_at"], "offset"),
        ({"starts_at": "morgen om negen"}, ["body", "starts_at"], "iso 8601"),
        ({"starts_at": 1796115600}, ["body", "starts_at"], "iso 8601"),
        ({"starts_at": "0001-01-01T00:00:00+01:00"}, ["body", "starts_at"], "out of range"),
        ({"ends_at": "2026-12-01T08:00:00+01:00"}, ["body", "ends_at"], "end after"),
        ({"ends_at": "2026-12-01T09:00:00+01:00"}, ["body", "ends_at"], "end after"),
        ({"ends_at": "2026-12-02T01:01:00+01:00"}, ["body", "ends_at"], "16 hours"),
        (
            {"starts_at": "2028-01-01T09:00:00+01:00", "ends_at": "2028-01-01T17:00:00+01:00"},
            ["body", "starts_at"],
            "within a year",
        ),
        (
            {"starts_at": "2025-11-01T09:00:00+01:00", "ends_at": "2025-11-01T17:00:00+01:00"},
            ["body", "starts_at"],
            "within a year",
        ),
    ],
    ids=[
        "no offset",
        "no offset on the end",
        "not a time",
        "a Unix time",
        "out of range",
        "ends before it starts",
        "ends as it starts",
        "longer than 16 hours",
        "too far ahead",
        "too long ago",
    ],
)
def test_bad_times_are_422_and_nothing_is_stored(
    client: TestClient,
    world: World,
    session: Session,
    clock: MovableClock,
    times: dict[str, str],
    loc: list[str],
    message: str,
) -> None:
    response = _plan(client, world, "manager", "staff", **times)

    assert response.status_code == 422, response.text
    [error] = response.json()["detail"]
    assert error["loc"] == loc and message in error["msg"].lower()
    assert stored_shifts(session) == []


def test_a_shift_of_exactly_16_hours_is_fine(
    client: TestClient, world: World, clock: MovableClock
) -> None:
    response = _plan(client, world, "manager", "staff", ends_at="2026-12-02T01:00:00+01:00")
    assert response.status_code == 201, response.text


def test_unknown_fields_and_wrong_types_are_refused(
    client: TestClient, world: World, session: Session, clock: MovableClock
) -> None:
    for body in (
        {"user_id": world.users["staff"].id, **DAY, "store_id": world.store_b.id},
        {"user_id": str(world.users["staff"].id), **DAY},
        {"user_id": 0, **DAY},
        {**DAY},
    ):
        assert client.post(URL, json=body, headers=world.headers("manager")).status_code == 422
    assert stored_shifts(session) == []


def test_an_overlapping_shift_is_409_and_back_to_back_is_fine(
    client: TestClient, world: World, session: Session, clock: MovableClock
) -> None:
    assert _plan(client, world, "manager", "staff").status_code == 201

    overlap = _plan(
        client,
        world,
        "manager",
        "staff",
        starts_at="2026-12-01T16:00:00+01:00",
        ends_at="2026-12-01T20:00:00+01:00",
    )
    assert overlap.status_code == 409, overlap.text
    assert overlap.json() == {
        "detail": "This person already has a shift then (2026-12-01 09:00-17:00 Europe/Amsterdam)",
        "code": "shift_overlap",
    }
    inside = _plan(
        client,
        world,
        "hq",
        "staff",
        starts_at="2026-12-01T10:00:00+01:00",
        ends_at="2026-12-01T11:00:00+01:00",
    )
    assert inside.status_code == 409
    assert len(stored_shifts(session)) == 1

    evening = _plan(
        client,
        world,
        "manager",
        "staff",
        starts_at="2026-12-01T17:00:00+01:00",
        ends_at="2026-12-01T21:00:00+01:00",
    )
    assert evening.status_code == 201
    assert _plan(client, world, "manager", "colleague").status_code == 201  # someone else
    assert len(stored_shifts(session)) == 3


def test_a_retry_with_the_same_idempotency_key_returns_the_first_shift(
    client: TestClient, world: World, session: Session, clock: MovableClock
) -> None:
    headers = {**world.headers("manager"), "Idempotency-Key": "shift-1"}
    body = {"user_id": world.users["staff"].id, **DAY}

    first = client.post(URL, json=body, headers=headers)
    again = client.post(URL, json=body, headers=headers)

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert len(stored_shifts(session)) == 1


# GET /me/shifts


def test_my_shifts_are_the_coming_and_last_weeks_soonest_first_in_pages(
    client: TestClient, world: World, session: Session, clock: MovableClock
) -> None:
    staff = world.users["staff"]
    long_ago = add_shift(
        session, user=staff, starts="2026-11-20T09:00+01:00", ends="2026-11-20T17:00+01:00"
    )
    shifts = [
        add_shift(session, user=staff, starts=starts, ends=ends)
        for starts, ends in (
            ("2026-12-03T09:00+01:00", "2026-12-03T17:00+01:00"),
            ("2026-11-24T09:00+01:00", "2026-11-24T17:00+01:00"),  # last week
            ("2026-11-30T08:00+01:00", "2026-11-30T16:00+01:00"),  # now
            ("2026-12-01T13:00+01:00", "2026-12-01T21:00+01:00"),
        )
    ]
    add_shift(
        session,
        user=world.users["colleague"],
        starts="2026-12-01T09:00+01:00",
        ends="2026-12-01T17:00+01:00",
    )

    first = client.get(MINE, params={"limit": 3}, headers=world.headers("staff")).json()
    rest = client.get(
        MINE, params={"limit": 3, "cursor": first["next_cursor"]}, headers=world.headers("staff")
    ).json()

    ids = [item["id"] for item in first["items"] + rest["items"]]
    assert ids == [shifts[1].id, shifts[2].id, shifts[3].id, shifts[0].id]
    assert long_ago.id not in ids
    assert rest["next_cursor"] is None
    assert first["items"][0]["starts_at"] == "2026-11-24T08:00:00Z"


def test_my_shifts_with_a_cursor_we_never_gave_out_is_422(client: TestClient, world: World) -> None:
    for cursor in ("nonsense", "WzEsMl0", "WyIyMDI2LTEyLTAxVDA5OjAwIiwgMV0"):
        response = client.get(MINE, params={"cursor": cursor}, headers=world.headers("staff"))
        assert response.status_code == 422, cursor
        assert response.json()["detail"][0]["loc"] == ["query", "cursor"]


# GET /shifts (a store's schedule)


def _schedule(client: TestClient, world: World, by: str, **params: Any) -> Any:
    return client.get(URL, params=params, headers=world.headers(by))


def test_a_manager_sees_their_store_in_the_window(
    client: TestClient, world: World, session: Session, clock: MovableClock
) -> None:
    staff, colleague = world.users["staff"], world.users["colleague"]
    night = add_shift(
        session, user=staff, starts="2026-11-30T22:00+01:00", ends="2026-12-01T06:00+01:00"
    )
    day = add_shift(
        session, user=colleague, starts="2026-12-01T09:00+01:00", ends="2026-12-01T17:00+01:00"
    )
    add_shift(session, user=staff, starts="2026-12-02T09:00+01:00", ends="2026-12-02T17:00+01:00")
    add_shift(
        session,
        user=world.users["staff_b"],
        starts="2026-12-01T09:00+01:00",
        ends="2026-12-01T17:00+01:00",
    )

    response = _schedule(
        client,
        world,
        "manager",
        **{"from": "2026-12-01T00:00:00+01:00", "to": "2026-12-02T00:00:00+01:00"},
    )

    assert response.status_code == 200, response.text
    # The night shift started before the window but is still on inside it.
    assert [item["id"] for item in response.json()["items"]] == [night.id, day.id]
    same = _schedule(
        client,
        world,
        "manager",
        store_id=world.store_a.id,
        **{"from": "2026-12-01T00:00:00+01:00", "to": "2026-12-02T00:00:00+01:00"},
    )
    assert same.json() == response.json()


def test_the_schedule_defaults_to_the_coming_two_weeks(
    client: TestClient, world: World, session: Session, clock: MovableClock
) -> None:
    staff = world.users["staff"]
    soon = add_shift(
        session, user=staff, starts="2026-12-13T09:00+01:00", ends="2026-12-13T17:00+01:00"
    )
    add_shift(session, user=staff, starts="2026-12-15T09:00+01:00", ends="2026-12-15T17:00+01:00")
    add_shift(session, user=staff, starts="2026-11-29T09:00+01:00", ends="2026-11-29T17:00+01:00")

    response = _schedule(client, world, "manager")

    assert [item["id"] for item in response.json()["items"]] == [soon.id]


def test_hq_sees_every_store_or_one(
    client: TestClient, world: World, session: Session, clock: MovableClock
) -> None:
    a = add_shift(
        session,
        user=world.users["staff"],
        starts="2026-12-01T09:00+01:00",
        ends="2026-12-01T17:00+01:00",
    )
    b = add_shift(
        session,
        user=world.users["staff_b"],
        starts="2026-12-01T10:00+01:00",
        ends="2026-12-01T18:00+01:00",
    )

    everything = _schedule(client, world, "hq").json()["items"]
    only_b = _schedule(client, world, "hq", store_id=world.store_b.id).json()["items"]

    assert [item["id"] for item in everything] == [a.id, b.id]
    assert [item["id"] for item in only_b] == [b.id]


@pytest.mark.parametrize(
    ("by", "params", "status", "loc"),
    [
        ("staff", {}, 403, None),
        ("manager", {"store_id": "other"}, 403, None),
        ("manager", {"from": "2026-12-01T00:00:00"}, 422, ["query", "from"]),
        (
            "manager",
            {"from": "2026-12-02T00:00:00+01:00", "to": "2026-12-01T00:00:00+01:00"},
            422,
            ["query", "to"],
        ),
        (
            "hq",
            {"from": "2026-12-01T00:00:00+01:00", "to": "2027-03-15T00:00:00+01:00"},
            422,
            ["query", "to"],
        ),
        ("hq", {"store_id": 0}, 422, ["query", "store_id"]),
        ("hq", {"from": "9999-12-31T00:00:00Z"}, 422, ["query", "from"]),
        ("hq", {"to": "0001-01-01T00:00:00Z"}, 422, ["query", "to"]),
        ("hq", {"from": "1796115600"}, 422, ["query", "from"]),
    ],
    ids=[
        "staff",
        "another store",
        "no offset",
        "to before from",
        "more than 93 days",
        "store 0",
        "from the end of time",
        "to the start of time",
        "a Unix time",
    ],
)
def test_schedule_refusals(
    client: TestClient,
    world: World,
    clock: MovableClock,
    by: str,
    params: dict[str, Any],
    status: int,
    loc: list[str] | None,
) -> None:
    if params.get("store_id") == "other":
        params = {"store_id": world.store_b.id}

    response = _schedule(client, world, by, **params)

    assert response.status_code == status, response.text
    if loc:
        assert response.json()["detail"][0]["loc"] == loc


# DELETE /shifts/{id}


@pytest.mark.parametrize(
    ("by", "owner", "status"),
    [
        ("manager", "staff", 204),
        ("hq", "staff_b", 204),
        ("admin", "staff", 204),
        ("staff", "staff", 403),
        ("manager", "staff_b", 404),
    ],
)
def test_deleting_a_shift(
    client: TestClient,
    world: World,
    session: Session,
    clock: MovableClock,
    by: str,
    owner: str,
    status: int,
) -> None:
    shift = add_shift(
        session,
        user=world.users[owner],
        starts="2026-12-01T09:00+01:00",
        ends="2026-12-01T17:00+01:00",
    )

    response = client.delete(f"{URL}/{shift.id}", headers=world.headers(by))

    assert response.status_code == status, response.text
    assert len(stored_shifts(session)) == (0 if status == 204 else 1)


def test_deleting_a_shift_that_is_not_there_is_404(client: TestClient, world: World) -> None:
    assert client.delete(f"{URL}/999999", headers=world.headers("manager")).status_code == 404
    assert client.delete(f"{URL}/0", headers=world.headers("manager")).status_code == 422
