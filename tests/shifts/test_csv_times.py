"""The time forms a shift file may use, and what each means."""

from zoneinfo import ZoneInfo

import pytest

from api.shifts.csv_import import parse_time
from tests.shifts.conftest import utc

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("2026-12-01 09:00", "2026-12-01T08:00Z"),
        ("2026-12-01T09:00", "2026-12-01T08:00Z"),
        ("2026-12-01t09:00:30", "2026-12-01T08:00:30Z"),
        ("2026-12-01T09:00Z", "2026-12-01T09:00Z"),
        ("2026-12-01T09:00z", "2026-12-01T09:00Z"),
        ("2026-12-01 09:00+0530", "2026-12-01T03:30Z"),
        ("2026-12-01T09:00:00-05:00", "2026-12-01T14:00Z"),
        ("2026-07-01 09:00", "2026-07-01T07:00Z"),  # summer time
        ("2026-10-25 02:30", "2026-10-25T00:30Z"),  # shown twice: the first
    ],
)
def test_accepted_forms(text: str, moment: str) -> None:
    assert parse_time(text, AMSTERDAM) == utc(moment)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-12-01", "Not a date and time"),
        ("01-12-2026 09:00", "Not a date and time"),
        ("2026-12-01 9:00", "Not a date and time"),
        ("1796115600", "Not a date and time"),
        ("2026-13-01 09:00", "not a real date and time"),
        ("2026-12-01 24:00", "not a real date and time"),
        ("0001-01-01T00:30+01:00", "out of range"),
        ("2026-03-29 02:30", "does not exist in Europe/Amsterdam"),
    ],
)
def test_refused_forms(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_time(text, AMSTERDAM)


def test_a_local_time_for_an_unknown_person_is_only_checked_for_its_form() -> None:
    assert parse_time("2026-12-01 09:00", None) is None
    assert parse_time("2026-12-01T09:00Z", None) == utc("2026-12-01T09:00Z")
    with pytest.raises(ValueError):
        parse_time("morgen", None)
