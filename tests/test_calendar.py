"""The city's business calendar built from data/calendar.toml (no database needed).

"Today" in these tests is Thursday 26 November 2026, Thanksgiving Day. The alternate-Friday
closures in the shipped file are counted from Friday 9 January 2026, so 13 and 27 November and
11 December 2026 are closed Fridays and 4 December is an open one.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import holidays as holiday_lib
import pytest

from csc_console.calendar import BusinessCalendar, business_calendar
from csc_console.catalog.loader import load_catalog
from csc_console.catalog.schema import CalendarDef, Sla

PACIFIC = ZoneInfo("America/Los_Angeles")
THANKSGIVING_2026 = datetime(2026, 11, 26, 10, 15, tzinfo=PACIFIC)


@pytest.fixture(scope="module")
def cal() -> BusinessCalendar:
    return business_calendar(load_catalog().calendar)


def local(moment: datetime) -> datetime:
    assert moment.tzinfo is not None
    return moment.astimezone(PACIFIC)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=PACIFIC)


# --------------------------------------------------------------------------- holidays
def test_holidays_2021_with_observed_days(cal: BusinessCalendar) -> None:
    assert cal.holidays(2021) == {
        date(2021, 1, 1): "New Year's Day",
        date(2021, 1, 18): "Martin Luther King Jr. Day",
        date(2021, 2, 12): "Lincoln's Birthday",
        date(2021, 2, 15): "Washington's Birthday",
        date(2021, 5, 31): "Memorial Day",
        date(2021, 7, 5): "Independence Day",
        date(2021, 9, 6): "Labor Day",
        date(2021, 11, 11): "Veterans Day",
        date(2021, 11, 25): "Thanksgiving Day",
        date(2021, 11, 26): "Day after Thanksgiving",
        date(2021, 12, 24): "Christmas Day",
        # New Year's Day 2022 is a Saturday: observed on Friday 31 December 2021.
        date(2021, 12, 31): "New Year's Day",
    }


def test_holidays_2022_only_hold_2022_dates(cal: BusinessCalendar) -> None:
    days = cal.holidays(2022)
    assert all(d.year == 2022 for d in days)
    assert date(2022, 1, 1) not in days  # a Saturday, observed the year before
    assert days[date(2022, 2, 11)] == "Lincoln's Birthday"  # 12 February is a Saturday
    assert days[date(2022, 12, 26)] == "Christmas Day"  # 25 December is a Sunday
    assert days[date(2022, 11, 25)] == "Day after Thanksgiving"
    assert len(days) == 10
    assert cal.holiday_name(date(2021, 12, 31)) == "New Year's Day"


def test_holidays_2026(cal: BusinessCalendar) -> None:
    assert sorted(cal.holidays(2026)) == [
        date(2026, 1, 1),
        date(2026, 1, 19),
        date(2026, 2, 12),
        date(2026, 2, 16),
        date(2026, 5, 25),
        date(2026, 7, 3),  # Independence Day is a Saturday
        date(2026, 9, 7),
        date(2026, 11, 11),
        date(2026, 11, 26),
        date(2026, 11, 27),
        date(2026, 12, 25),
    ]
    assert cal.holiday_name(date(2026, 7, 3)) == "Independence Day"
    assert cal.holiday_name(date(2026, 7, 4)) is None


def test_columbus_day_and_juneteenth_are_working_days(cal: BusinessCalendar) -> None:
    assert cal.is_business_day(date(2026, 10, 12))  # Columbus Day
    assert cal.is_business_day(date(2026, 6, 19))  # Juneteenth (a Friday, an open one)


@pytest.mark.parametrize("year", range(2019, 2032))
def test_federal_holidays_agree_with_an_independent_source(
    cal: BusinessCalendar, year: int
) -> None:
    """On weekdays, the city list is the federal list minus Columbus Day and Juneteenth, plus
    Lincoln's Birthday and the day after Thanksgiving."""
    federal = holiday_lib.US(years=year, observed=True)
    expected = {
        d
        for d, name in federal.items()
        if d.year == year
        and d.weekday() < 5
        and "Columbus" not in name
        and "Juneteenth" not in name
    }
    ours = {
        d
        for d, name in cal.holidays(year).items()
        if name not in ("Lincoln's Birthday", "Day after Thanksgiving")
    }
    assert ours == expected


def test_rules_with_since_and_until() -> None:
    definition = CalendarDef.model_validate(
        {
            "phone_hours": {
                "days": ["MON", "TUE", "WED", "THU", "FRI"],
                "open": "08:00",
                "close": "17:00",
            },
            "business_hours": {
                "days": ["MON", "TUE", "WED", "THU", "FRI"],
                "open": "08:00",
                "close": "17:00",
            },
            "holidays": [
                {"name": "New Year's Day", "month": 1, "day": 1, "until": 2021},
                {"name": "Juneteenth", "month": 6, "day": 19, "since": 2027},
                {"name": "Cesar Chavez Day", "month": 3, "day": 31, "observed": False},
            ],
            "closures": [{"date": "2026-12-24", "name": "Christmas Eve closure"}],
        }
    )
    cal = BusinessCalendar(definition)
    assert date(2026, 6, 19) not in cal.holidays(2026)
    assert cal.holiday_name(date(2027, 6, 18)) == "Juneteenth"  # a Saturday, observed Friday
    # New Year's Day 2022 (a Saturday) is not observed on 31 December 2021: the rule ended.
    assert date(2021, 12, 31) not in cal.holidays(2021)
    assert cal.holiday_name(date(2021, 1, 1)) == "New Year's Day"
    assert cal.holiday_name(date(2029, 3, 31)) == "Cesar Chavez Day"  # not moved off Saturday
    assert cal.holiday_name(date(2026, 12, 24)) == "Christmas Eve closure"
    assert not cal.is_business_day(date(2026, 12, 24))


# --------------------------------------------------------------------------- alternate Fridays
def test_alternate_fridays_every_second_week(cal: BusinessCalendar) -> None:
    closed = [date(2026, 1, 9), date(2026, 1, 23), date(2026, 11, 13), date(2026, 12, 11)]
    open_ = [date(2026, 1, 2), date(2026, 1, 16), date(2026, 11, 20), date(2026, 12, 4)]
    for day in closed:
        assert cal.is_alternate_friday_off(day), day
        assert not cal.is_business_day(day), day
    for day in open_:
        assert not cal.is_alternate_friday_off(day), day
        assert cal.is_business_day(day), day
    # Counting works backwards from the anchor too.
    assert cal.is_alternate_friday_off(date(2025, 12, 26))
    assert not cal.is_alternate_friday_off(date(2025, 12, 19))
    # Only Fridays.
    assert not cal.is_alternate_friday_off(date(2026, 1, 8))


def test_the_phone_line_stays_open_on_alternate_fridays(cal: BusinessCalendar) -> None:
    closed_friday = date(2026, 12, 11)
    assert cal.is_phone_day(closed_friday)
    assert cal.is_phone_open(at(closed_friday, 10))
    assert not cal.is_phone_day(date(2026, 11, 26))  # Thanksgiving
    assert not cal.is_phone_day(date(2026, 11, 28))  # Saturday


def test_phone_hours(cal: BusinessCalendar) -> None:
    monday = date(2026, 11, 30)
    assert not cal.is_phone_open(at(monday, 7, 59))
    assert cal.is_phone_open(at(monday, 8, 0))
    assert cal.is_phone_open(at(monday, 16, 59))
    assert not cal.is_phone_open(at(monday, 17, 0))
    # 16:30 UTC is 08:30 in Pasadena.
    assert cal.is_phone_open(datetime(2026, 11, 30, 16, 30, tzinfo=UTC))
    assert not cal.is_phone_open(THANKSGIVING_2026)


def test_phone_days_in_thanksgiving_week(cal: BusinessCalendar) -> None:
    days = cal.phone_days(date(2026, 11, 23), date(2026, 11, 29))
    assert days == [date(2026, 11, 23), date(2026, 11, 24), date(2026, 11, 25)]


# --------------------------------------------------------------------------- arithmetic
def test_add_business_days_across_thanksgiving(cal: BusinessCalendar) -> None:
    one = local(cal.add_business_days(THANKSGIVING_2026, 1))
    assert one == at(date(2026, 11, 30), 17)  # Thu, Fri holidays; weekend
    two = local(cal.add_business_days(THANKSGIVING_2026, 2))
    assert two == at(date(2026, 12, 1), 17)  # "expected by Tuesday, December 1"
    assert local(cal.add_business_days(THANKSGIVING_2026, 5)) == at(date(2026, 12, 4), 17)
    # Friday 11 December is a closed alternate Friday.
    assert local(cal.add_business_days(THANKSGIVING_2026, 9)) == at(date(2026, 12, 10), 17)
    assert local(cal.add_business_days(THANKSGIVING_2026, 10)) == at(date(2026, 12, 14), 17)
    assert cal.add_business_days(THANKSGIVING_2026, 1).tzinfo is not None


def test_due_dates_from_category_slas(cal: BusinessCalendar) -> None:
    catalog = load_catalog()
    graffiti = catalog.category("Graffiti").sla
    assert local(cal.due(THANKSGIVING_2026, graffiti)) == at(date(2026, 12, 1), 17)
    outage = catalog.category("Power/Water Outage and Issues").sla
    assert outage.business_hours == 4
    assert local(cal.due(THANKSGIVING_2026, outage)) == at(date(2026, 11, 30), 12)
    # Calendar hours ignore the business calendar.
    assert cal.due(THANKSGIVING_2026, Sla(calendar_hours=48)) == at(date(2026, 11, 28), 10, 15)


def test_add_business_hours(cal: BusinessCalendar) -> None:
    wednesday = date(2026, 11, 25)
    # Two hours on Wednesday, then the next business day is Monday.
    assert local(cal.add_business_hours(at(wednesday, 15), 4)) == at(date(2026, 11, 30), 10)
    # Fits within the day.
    assert local(cal.add_business_hours(at(wednesday, 9), 3)) == at(wednesday, 12)
    # Before opening counts from opening; at closing counts from the next business day.
    assert local(cal.add_business_hours(at(date(2026, 11, 30), 6, 30), 1)) == at(
        date(2026, 11, 30), 9
    )
    assert local(cal.add_business_hours(at(wednesday, 17), 1)) == at(date(2026, 11, 30), 9)
    # Weekend start.
    assert local(cal.add_business_hours(at(date(2026, 12, 5), 12), 2)) == at(date(2026, 12, 7), 10)
    # Across a closed alternate Friday (13 November).
    assert local(cal.add_business_hours(at(date(2026, 11, 12), 16), 3)) == at(
        date(2026, 11, 16), 10
    )
    # Whole days: 9 hours = one business day.
    assert local(cal.add_business_hours(at(date(2026, 12, 1), 8), 9)) == at(date(2026, 12, 1), 17)
    assert local(cal.add_business_hours(at(date(2026, 12, 1), 8), 9.5)) == at(
        date(2026, 12, 2), 8, 30
    )


def test_add_business_hours_across_the_end_of_daylight_saving(cal: BusinessCalendar) -> None:
    # Friday 30 October 2026 is a closed alternate Friday; clocks go back on Sunday 1 November.
    start = at(date(2026, 10, 29), 16)
    due = cal.add_business_hours(start, 2)
    assert local(due) == at(date(2026, 11, 2), 9)
    assert due == datetime(2026, 11, 2, 17, 0, tzinfo=UTC)  # PST is UTC-8
    assert start.astimezone(UTC).hour == 23  # PDT is UTC-7


def test_business_days_between(cal: BusinessCalendar) -> None:
    tuesday = at(date(2026, 12, 1), 9)
    assert cal.business_days_between(THANKSGIVING_2026, tuesday) == 2
    assert cal.business_days_between(tuesday, THANKSGIVING_2026) == -2
    assert cal.business_days_between(tuesday, at(date(2026, 12, 1), 16)) == 0
    # 2-4 Dec (4 is an open Friday), 7-10 Dec, 11 Dec closed, 14 Dec: eight business days.
    assert cal.business_days_between(tuesday, at(date(2026, 12, 14), 8)) == 8
    # Works with UTC inputs that fall on another local date.
    late_utc = datetime(2026, 12, 2, 7, 0, tzinfo=UTC)  # 23:00 on 1 December in Pasadena
    assert cal.business_days_between(tuesday, late_utc) == 0


def test_respond_by_next_business_day(cal: BusinessCalendar) -> None:
    # A LiveChat message left on the evening of the day after Thanksgiving.
    message = at(date(2026, 11, 27), 20)
    assert local(cal.respond_by(message)) == at(date(2026, 11, 30), 17)
    # Left on Thursday 10 December: Friday 11 is a closed Friday.
    assert local(cal.respond_by(at(date(2026, 12, 10), 11))) == at(date(2026, 12, 14), 17)
    # Left during the working day: still the close of the next business day.
    assert local(cal.respond_by(at(date(2026, 12, 1), 9))) == at(date(2026, 12, 2), 17)


def test_next_business_day(cal: BusinessCalendar) -> None:
    assert cal.next_business_day(date(2026, 11, 25)) == date(2026, 11, 30)
    assert cal.next_business_day(date(2026, 12, 24)) == date(2026, 12, 28)
    assert cal.next_business_day(date(2026, 12, 31)) == date(2027, 1, 4)
