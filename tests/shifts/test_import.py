"""POST /shifts/import: a whole CSV file or nothing, with every bad line reported."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from api.notifications import messages
from api.notifications.models import Delivery, Notification
from api.notifications.service import notify
from api.org.models import Locale, Role
from api.shifts import csv_import
from tests.conftest import MovableClock, World
from tests.factories import make_store, make_user
from tests.shifts.conftest import add_shift, stored_shifts, utc

URL = "/api/v1/shifts/import"


def _upload(
    client: TestClient,
    world: World,
    content: str | bytes,
    *,
    by: str = "manager",
    name: str = "rooster.csv",
    content_type: str = "text/csv",
) -> Any:
    data = content.encode() if isinstance(content, str) else content
    return client.post(URL, files={"file": (name, data, content_type)}, headers=world.headers(by))


def _csv(world: World, *lines: str) -> str:
    """A file with the header; {staff} and the like become those people's usernames."""
    names = {name: user.username for name, user in world.users.items()}
    return "\n".join(["username,starts_at,ends_at", *(line.format(**names) for line in lines)])


def _errors(response: Any) -> list[tuple[Any, ...]]:
    assert response.status_code == 422, response.text
    return [(*error["loc"][2:], error["msg"]) for error in response.json()["detail"]]


def test_a_good_file_imports_every_line(
    client: TestClient, world: World, session: Session, clock: MovableClock
) -> None:
    content = _csv(
        world,
        "{staff},2026-12-01 09:00,2026-12-01 17:00",
        "{colleague},2026-12-01T13:00,2026-12-01T21:30",
        "{staff},2026-12-02T09:00:00+01:00,2026-12-02T17:00:00+01:00",
        "{manager},2026-12-02T08:00:00Z,2026-12-02T16:00:00Z",
    )

    response = _upload(client, world, content)

    assert response.status_code == 201, response.text
    body = response.json()
    assert body["imported"] == 4
    assert [item["username"] for item in body["items"]] == [
        world.users[name].username for name in ("staff", "colleague", "staff", "manager")
    ]
    shifts = stored_shifts(session)
    assert [(s.user_id, s.starts_at, s.ends_at) for s in shifts] == [
        (world.users["staff"].id, utc("2026-12-01T08:00Z"), utc("2026-12-01T16:00Z")),
        (world.users["colleague"].id, utc("2026-12-01T12:00Z"), utc("2026-12-01T20:30Z")),
        (world.users["staff"].id, utc("2026-12-02T08:00Z"), utc("2026-12-02T16:00Z")),
        (world.users["manager"].id, utc("2026-12-02T08:00Z"), utc("2026-12-02T16:00Z")),
    ]
    assert {s.created_by_id for s in shifts} == {world.users["manager"].id}
    assert {s.store_id for s in shifts} == {world.store_a.id}


def test_a_spreadsheet_export_with_semicolons_bom_crlf_and_blank_lines(
    client: TestClient, world: World, session: Session, clock: MovableClock
) -> None:
    content = (
        "\ufeffUsername ; Starts_At ; Ends_At\r\n"
        f"{world.users['staff'].username.upper()};2026-12-01 09:00;2026-12-01 17:00\r\n"
        ";;\r\n"
        "\r\n"
    )

    response = _upload(client, world, content, content_type="application/vnd.ms-excel")

    assert response.status_code == 201, response.text
    assert response.json()["imported"] == 1
    [shift] = stored_shifts(session)
    assert shift.starts_at == utc("2026-12-01T09:00+01:00")


def test_local_times_are_read_in_each_persons_store_time_zone(
    client: TestClient, world: World, session: Session, clock: MovableClock
) -> None:
    new_york = make_store(session, region=world.region, timezone="America/New_York")
    clerk = make_user(session, role=Role.STAFF, store=new_york, username="ny.clerk")
    content = _csv(
        world,
        "ny.clerk,2026-12-01 09:00,2026-12-01 17:00",
        "{staff},2026-12-01 09:00,2026-12-01 17:00",
    )

    response = _upload(client, world, content, by="hq")

    assert response.status_code == 201, response.text
    starts = {s.user_id: s.starts_at for s in stored_shifts(session)}
    assert starts == {
        clerk.id: utc("2026-12-01T09:00-05:00"),
        world.users["staff"].id: utc("2026-12-01T09:00+01:00"),
    }


def test_local_times_across_the_clock_changes(
    client: TestClient, world: World, session: Session, clock: MovableClock
) -> None:
    """The night the clocks go back a 22:00-06:00 shift lasts 9 hours; a time shown twice is
    its first occurrence. (The night they go forward is in the next test.)"""
    content = _csv(
        world,
        "{staff},2026-10-24 22:00,2026-10-25 06:00",
        "{colleague},2026-10-25 02:30,2026-10-25 09:00",
        "{manager},2026-03-28 22:00,2026-03-29 06:00",
    )

    response = _upload(client, world, content)

    assert response.status_code == 201, response.text
    shifts = {s.user_id: s for s in stored_shifts(session)}
    night = shifts[world.users["staff"].id]
    assert night.ends_at - night.starts_at == utc("2026-10-25T07:00Z") - utc("2026-10-24T22:00Z")
    assert shifts[world.users["colleague"].id].starts_at == utc("2026-10-25T02:30+02:00")
    spring = shifts[world.users["manager"].id]
    assert (spring.starts_at, spring.ends_at) == (
        utc("2026-03-28T22:00+01:00"),
        utc("2026-03-29T06:00+02:00"),  # 7 hours
    )


def test_a_time_the_clocks_skip_is_refused_unless_given_an_offset(
    client: TestClient, world: World, session: Session, clock: MovableClock
) -> None:
    skipped = _csv(world, "{staff},2026-03-29 02:30,2026-03-29 10:00")

    assert _errors(_upload(client, world, skipped)) == [
        (
            2,
            "starts_at",
            "2026-03-29 02:30 does not exist in Europe/Amsterdam (the clocks jump forward that "
            "night); give the time with an offset if it is meant",
        )
    ]
    assert stored_shifts(session) == []
    with_offset = _csv(world, "{staff},2026-03-29T03:00+02:00,2026-03-29 10:00")
    assert _upload(client, world, with_offset).status_code == 201


def test_dates_at_the_ends_of_the_calendar_are_refused_per_line_never_a_500(
    client: TestClient, world: World, session: Session, clock: MovableClock
) -> None:
    content = _csv(
        world,
        "{staff},0001-01-01 00:00,0001-01-01 08:00",
        "{staff},9999-12-31 20:00,9999-12-31T23:59+00:00",
        "{staff},0001-01-01T00:00+01:00,2026-12-01 17:00",
    )
    assert _errors(_upload(client, world, content)) == [
        (2, "starts_at", "0001-01-01 00:00 is out of range"),
        (3, "starts_at", "A shift must start within a year from today"),
        (4, "starts_at", "'0001-01-01T00:00+01:00' is out of range"),
    ]
    assert stored_shifts(session) == []


def test_a_bad_file_imports_nothing_and_reports_every_bad_line(
    client: TestClient, world: World, session: Session, clock: MovableClock
) -> None:
    add_shift(
        session,
        user=world.users["colleague"],
        starts="2026-12-03T09:00+01:00",
        ends="2026-12-03T17:00+01:00",
    )
    gone = make_user(session, role=Role.STAFF, store=world.store_a, username="gone.away")
    gone.is_active = False
    session.add(gone)
    session.flush()
    content = _csv(
        world,
        "{staff},2026-12-01 09:00,2026-12-01 17:00",  # 2: fine on its own
        "nobody.here,2026-12-01 09:00,2026-12-01 17:00",  # 3
        "{staff_b},2026-12-01 09:00,2026-12-01 17:00",  # 4: another store's
        "{colleague},1 december 9 uur,2026-12-01 17:00",  # 5
        "{colleague},2026-12-01 17:00,2026-12-01 09:00",  # 6
        "{colleague},2026-12-02 06:00,2026-12-02 23:00",  # 7: 17 hours
        "{colleague},2026-12-03 16:00,2026-12-03 20:00",  # 8: overlaps the planned shift
        "{staff},2026-12-01 16:30,2026-12-01 22:00",  # 9: overlaps line 2
        "{staff},2026-12-01 09:00",  # 10
        "gone.away,2026-12-01 09:00,2026-12-01 17:00",  # 11
        "{colleague},2026-02-30 09:00,2026-02-30 17:00",  # 12
        "{colleague},2028-01-04 09:00,2028-01-04 17:00",  # 13
    )

    response = _upload(client, world, content)

    other = world.users["staff_b"].username
    amsterdam = "Europe/Amsterdam"
    assert _errors(response) == [
        (3, "username", "No one in your store has the username 'nobody.here'"),
        (4, "username", f"No one in your store has the username '{other}'"),
        (5, "starts_at", "Not a date and time; write e.g. 2026-12-01 09:00 or "
                         "2026-12-01T09:00:00+01:00"),
        (6, "ends_at", "A shift must end after it starts"),
        (7, "ends_at", "A shift can last 16 hours at most"),
        (8, "starts_at", "Overlaps a shift this person already has "
                         f"(2026-12-03 09:00-17:00 {amsterdam})"),
        (9, "starts_at", f"Overlaps the shift on line 2 (2026-12-01 09:00-17:00 {amsterdam})"),
        (10, "Expected 3 values, found 2"),
        (11, "username", "This account is deactivated"),
        (12, "starts_at", "'2026-02-30 09:00' is not a real date and time"),
        (12, "ends_at", "'2026-02-30 17:00' is not a real date and time"),
        (13, "starts_at", "A shift must start within a year from today"),
    ]  # fmt: skip
    assert [error["loc"][:2] for error in response.json()["detail"]] == [["body", "file"]] * 12
    assert len(stored_shifts(session)) == 1  # only the one planned before


def test_hq_is_told_plainly_about_unknown_people_and_people_without_a_store(
    client: TestClient, world: World, session: Session, clock: MovableClock
) -> None:
    content = _csv(
        world,
        "nobody.here,2026-12-01 09:00,2026-12-01 17:00",
        "{hq},2026-12-01 09:00,2026-12-01 17:00",
    )

    assert _errors(_upload(client, world, content, by="admin")) == [
        (2, "username", "No one has the username 'nobody.here'"),
        (3, "username", "This person has no home store to work shifts in"),
    ]
    assert stored_shifts(session) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty"),
        (b"\xef\xbb\xbf\n\n", "The file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "saved as UTF-8 text"),
        ("naam;begin;eind\nlisa;9:00;17:00".encode("cp1252"), "header username,starts_at"),
        ("username,starts_at,ends_at\nzoë,2026-12-01 09:00,x".encode("cp1252"), "UTF-8"),
        (b"username,starts_at\nlisa,2026-12-01 09:00", "header username,starts_at"),
        (b"username,starts_at,ends_at,store\n", "header username,starts_at"),
        (b"username,starts_at,ends_at\n", "a header but no shifts"),
        (b'username,starts_at,ends_at\n"lisa,2026-12-01 09:00,x', "not valid CSV"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "saved as UTF-8 text"),
    ],
    ids=[
        "empty",
        "only a byte order mark",
        "an image",
        "another header",
        "not UTF-8",
        "a column missing",
        "an extra column",
        "only the header",
        "an unclosed quote",
        "an xlsx workbook",
    ],
)
def test_a_file_that_is_not_a_shift_csv_is_422(
    client: TestClient,
    world: World,
    session: Session,
    clock: MovableClock,
    content: bytes,
    message: str,
) -> None:
    response = _upload(client, world, content)

    assert response.status_code == 422, response.text
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "file"] and message in error["msg"]
    assert stored_shifts(session) == []


def test_too_many_lines_is_422(
    client: TestClient, world: World, session: Session, clock: MovableClock
) -> None:
    line = f"{world.users['staff'].username},2026-12-01 09:00,2026-12-01 17:00"
    content = _csv(world, *[line] * (csv_import.MAX_ROWS + 1))
    assert len(content) < csv_import.MAX_BYTES

    response = _upload(client, world, content)

    assert response.status_code == 422
    assert "5000 shifts at most" in response.json()["detail"][0]["msg"]
    assert stored_shifts(session) == []


def test_a_file_over_the_size_limit_is_413(
    client: TestClient, world: World, session: Session, clock: MovableClock
) -> None:
    content = _csv(world, "{staff},2026-12-01 09:00,2026-12-01 17:00") + "\n" * (
        csv_import.MAX_BYTES
    )

    response = _upload(client, world, content)

    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
    assert stored_shifts(session) == []


def test_no_file_is_422_and_staff_may_not_import(
    client: TestClient, world: World, session: Session, clock: MovableClock
) -> None:
    no_file = client.post(URL, headers=world.headers("manager"))
    assert no_file.status_code == 422
    assert no_file.json()["detail"][0]["loc"] == ["body", "file"]

    content = _csv(world, "{staff},2026-12-01 09:00,2026-12-01 17:00")
    assert _upload(client, world, content, by="staff").status_code == 403
    assert client.post(URL, files={"file": ("r.csv", content.encode())}).status_code == 401
    assert stored_shifts(session) == []


def test_an_imported_shift_moves_what_is_held_for_that_person(
    client: TestClient, world: World, session: Session, clock: MovableClock
) -> None:
    """Re-planning is called by the import itself (a bulk change), not left to a listener."""
    staff = world.users["staff"]
    assert staff.id is not None
    notify(
        session,
        recipients=[staff.id],
        message=messages.news_published(post_id=1, titles={Locale.NL: "Nieuws"}, must_read=False),
    )
    [held] = session.exec(select(Notification).where(Notification.user_id == staff.id)).all()
    assert held.delivery == Delivery.HELD
    held_until = held.release_at

    response = _upload(client, world, _csv(world, "{staff},2026-12-01 09:00,2026-12-01 17:00"))

    assert response.status_code == 201, response.text
    session.refresh(held)
    # 15 minutes before the new shift (09:00 in Amsterdam): the summary waits for it.
    assert held.release_at == utc("2026-12-01T08:45+01:00") != held_until
