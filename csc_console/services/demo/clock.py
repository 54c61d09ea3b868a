"""Local days and business time for the generator, in whole seconds since the Unix epoch.

The generator works with integer epoch seconds (cheap to add, sort and store); these helpers
turn the city's local calendar into such numbers once per day instead of once per row.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from csc_console.calendar import BusinessCalendar

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def epoch_of(day: date, at: time, zone: ZoneInfo) -> int:
    return int(datetime.combine(day, at, tzinfo=zone).timestamp())


def to_datetime(seconds: int) -> datetime:
    return EPOCH + timedelta(seconds=seconds)


def days_of(start: date, end: date) -> list[date]:
    """Every date from ``start`` to ``end`` exclusive."""
    return [start + timedelta(days=i) for i in range((end - start).days)]


@dataclass(frozen=True)
class PhoneDay:
    day: date
    open: int  # epoch seconds of the phone line opening
    close: int
    after_closure: bool  # the first phone day after a holiday or a long weekend


def phone_days(calendar: BusinessCalendar, start: date, end: date) -> list[PhoneDay]:
    """The days in ``[start, end)`` the centre answers the phone, with their opening hours."""
    hours = calendar.definition.phone_hours
    out: list[PhoneDay] = []
    previous: date | None = None
    d = start - timedelta(days=7)
    while d < start:  # find the last phone day before the range, for "after a closure"
        if calendar.is_phone_day(d):
            previous = d
        d += timedelta(days=1)
    for day in days_of(start, end):
        if not calendar.is_phone_day(day):
            continue
        gap = (day - previous).days if previous else 1
        normal_gap = 3 if day.weekday() == 0 else 1
        out.append(
            PhoneDay(
                day=day,
                open=epoch_of(day, hours.open, calendar.zone),
                close=epoch_of(day, hours.close, calendar.zone),
                after_closure=gap > normal_gap,
            )
        )
        previous = day
    return out


class BusinessClock:
    """Adds office hours to a moment, fast: a table of business days and their open hours."""

    def __init__(self, calendar: BusinessCalendar, start: date, end: date) -> None:
        hours = calendar.definition.business_hours
        self._opens: list[int] = []
        self._closes: list[int] = []
        self._cum: list[int] = []
        total = 0
        for day in days_of(start, end):
            if calendar.is_business_day(day):
                o = epoch_of(day, hours.open, calendar.zone)
                c = epoch_of(day, hours.close, calendar.zone)
                self._opens.append(o)
                self._closes.append(c)
                self._cum.append(total)
                total += c - o
        self.day_seconds = (
            datetime.combine(start, hours.close) - datetime.combine(start, hours.open)
        ).seconds
        if not self._opens:
            raise ValueError("no business days in range")

    def _to_business(self, moment: int) -> int:
        i = bisect_right(self._opens, moment) - 1
        if i < 0:
            return 0
        return self._cum[i] + min(moment - self._opens[i], self._closes[i] - self._opens[i])

    def add(self, moment: int, seconds: float) -> int:
        """The moment ``seconds`` of office time after ``moment``."""
        x = self._to_business(moment) + int(seconds)
        i = bisect_right(self._cum, x) - 1
        i = max(0, min(i, len(self._opens) - 1))
        return min(self._opens[i] + (x - self._cum[i]), self._closes[-1])
