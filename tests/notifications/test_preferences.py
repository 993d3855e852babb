"""GET/PUT /me/preferences: defaults until saved, replaced whole, bad input refused and not kept."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.notifications.preferences import NotificationPreference
from tests.conftest import World

URL = "/api/v1/me/preferences"
DEFAULTS = {
    "quiet_hours": {"start": "21:00", "end": "08:00"},
    "off_shift": "hold",
    "categories": {"news": True, "qa": True},
}
NIGHT_OWL = {
    "quiet_hours": {"start": "02:00", "end": "10:30"},
    "off_shift": "deliver",
    "categories": {"news": True, "qa": False},
}


def _stored(session: Session, world: World, name: str = "staff") -> NotificationPreference | None:
    session.expire_all()
    return session.get(NotificationPreference, world.users[name].id)


def test_the_defaults_apply_until_someone_saves(
    client: TestClient, world: World, session: Session
) -> None:
    response = client.get(URL, headers=world.headers("staff"))

    assert response.status_code == 200
    assert response.json() == DEFAULTS
    assert _stored(session, world) is None  # reading creates nothing


def test_saving_replaces_and_reading_gives_it_back(
    client: TestClient, world: World, session: Session
) -> None:
    saved = client.put(URL, json=NIGHT_OWL, headers=world.headers("staff"))

    assert saved.status_code == 200, saved.text
    assert saved.json() == NIGHT_OWL
    assert client.get(URL, headers=world.headers("staff")).json() == NIGHT_OWL
    row = _stored(session, world)
    assert row is not None
    assert (row.quiet_start_minute, row.quiet_end_minute) == (120, 630)
    assert row.muted_categories == ["qa"]
    # Someone else's are untouched.
    assert client.get(URL, headers=world.headers("colleague")).json() == DEFAULTS


def test_saving_again_updates_the_same_row(
    client: TestClient, world: World, session: Session
) -> None:
    client.put(URL, json=NIGHT_OWL, headers=world.headers("staff"))
    response = client.put(URL, json=DEFAULTS, headers=world.headers("staff"))

    assert response.json() == DEFAULTS
    row = _stored(session, world)
    assert row is not None and row.muted_categories == [] and row.off_shift == "hold"


def test_a_category_left_out_is_on(client: TestClient, world: World) -> None:
    body = {**NIGHT_OWL, "categories": {"news": False}}

    response = client.put(URL, json=body, headers=world.headers("staff"))

    assert response.json()["categories"] == {"news": False, "qa": True}


def test_quiet_hours_may_wrap_midnight_or_not(client: TestClient, world: World) -> None:
    for quiet in ({"start": "22:30", "end": "06:15"}, {"start": "13:00", "end": "14:00"}):
        response = client.put(
            URL, json={**DEFAULTS, "quiet_hours": quiet}, headers=world.headers("staff")
        )
        assert response.json()["quiet_hours"] == quiet


@pytest.mark.parametrize(
    ("change", "loc"),
    [
        ({"quiet_hours": {"start": "9:00", "end": "17:00"}}, ["body", "quiet_hours", "start"]),
        ({"quiet_hours": {"start": "24:00", "end": "08:00"}}, ["body", "quiet_hours", "start"]),
        ({"quiet_hours": {"start": "21:00", "end": "08:60"}}, ["body", "quiet_hours", "end"]),
        ({"quiet_hours": {"start": "21:00", "end": "8 uur"}}, ["body", "quiet_hours", "end"]),
        ({"quiet_hours": {"start": "21:00", "end": "21:00"}}, ["body", "quiet_hours"]),
        ({"quiet_hours": {"start": "21:00"}}, ["body", "quiet_hours", "end"]),
        ({"quiet_hours": None}, ["body", "quiet_hours"]),
        ({"off_shift": "sometimes"}, ["body", "off_shift"]),
        ({"categories": {"news": True, "gossip": False}}, ["body", "categories", "gossip"]),
        ({"categories": {"news": "yes"}}, ["body", "categories", "news"]),
        ({"categories": ["news"]}, ["body", "categories"]),
        ({"timezone": "UTC"}, ["body", "timezone"]),
    ],
    ids=[
        "hour without leading zero",
        "24:00",
        "minute 60",
        "words",
        "start equals end",
        "end missing",
        "no quiet hours",
        "unknown off_shift",
        "unknown category",
        "category not a boolean",
        "categories as a list",
        "unknown field",
    ],
)
def test_bad_preferences_are_refused_and_nothing_changes(
    client: TestClient, world: World, session: Session, change: dict[str, Any], loc: list[Any]
) -> None:
    client.put(URL, json=NIGHT_OWL, headers=world.headers("staff"))

    response = client.put(URL, json={**DEFAULTS, **change}, headers=world.headers("staff"))

    assert response.status_code == 422, response.text
    assert [error["loc"][: len(loc)] for error in response.json()["detail"]] == [loc]
    assert client.get(URL, headers=world.headers("staff")).json() == NIGHT_OWL


def test_every_field_is_required(client: TestClient, world: World) -> None:
    response = client.put(URL, json={"off_shift": "hold"}, headers=world.headers("staff"))

    assert response.status_code == 422
    assert {error["loc"][1] for error in response.json()["detail"]} == {
        "quiet_hours",
        "categories",
    }


def test_preferences_need_a_sign_in(client: TestClient) -> None:
    assert client.get(URL).status_code == 401
    assert client.put(URL, json=DEFAULTS).status_code == 401
