"""The city's business calendar: holidays, alternate-Friday closures, phone and office hours.

Built from ``data/calendar.toml`` (an editable file, never hard-coded here). Used for SLA due
dates, "respond by the next business day", "OVERDUE 2 business days", and the demo generator's
open days. All inputs and outputs are timezone-aware; local reasoning happens in the city's zone.
"""

from __future__ import annotations

import calendar as _cal
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from csc_console.catalog.schema import WEEKDAYS, CalendarDef, HolidayRule, Sla


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    if nth > 0:
        first = date(year, month, 1)
        offset = (weekday - first.weekday()) % 7
        return first + timedelta(days=offset + 7 * (nth - 1))
    last = date(year, month, _cal.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _in_force(rule: HolidayRule, year: int) -> bool:
    return not ((rule.since and year < rule.since) or (rule.until and year > rule.until))


def _observed(day: date) -> date:
    if day.weekday() == 5:
        return day - timedelta(days=1)
    if day.weekday() == 6:
        return day + timedelta(days=1)
    return day


class BusinessCalendar:
    def __init__(self, definition: CalendarDef) -> None:
        self.definition = definition
        self.zone = ZoneInfo(definition.timezone)
        self._business_days = {WEEKDAYS.index(d) for d in definition.business_hours.days}
        self._phone_days = {WEEKDAYS.index(d) for d in definition.phone_hours.days}
        self._closures = {c.date: c.name for c in definition.closures}
        self._holiday_cache: dict[int, dict[date, str]] = {}

    # ------------------------------------------------------------------ holidays
    def holidays(self, year: int) -> dict[date, str]:
        """Observed holiday dates of ``year`` with their names (plus one-off closures)."""
        cached = self._holiday_cache.get(year)
        if cached is not None:
            return cached
        actual: dict[str, date] = {}
        out: dict[date, str] = {}
        rules = list(self.definition.holidays)
        for rule in sorted(rules, key=lambda r: r.after is not None):
            if not _in_force(rule, year):
                continue
            day = self._rule_date(rule, year, actual)
            if day is None:
                continue
            actual[rule.name] = day
            observed = _observed(day) if rule.observed else day
            # New Year's Day on a Saturday is observed on Friday 31 December of the year
            # before; that date belongs to the previous year's list (added just below).
            if observed.year == year:
                out.setdefault(observed, rule.name)
        # This year's 31 December when next year's 1 January is a Saturday.
        nxt = [r for r in rules if r.month == 1 and r.day == 1 and r.weekday is None and r.observed]
        for rule in nxt:
            if date(year + 1, 1, 1).weekday() == 5 and _in_force(rule, year + 1):
                out.setdefault(date(year, 12, 31), rule.name)
        for day, name in self._closures.items():
            if day.year == year:
                out[day] = name
        out = dict(sorted(out.items()))
        self._holiday_cache[year] = out
        return out

    @staticmethod
    def _rule_date(rule: HolidayRule, year: int, known: dict[str, date]) -> date | None:
        if rule.after is not None and rule.days is not None:
            base = known.get(rule.after)
            return base + timedelta(days=rule.days) if base else None
        assert rule.month is not None
        if rule.weekday is not None and rule.nth:
            return _nth_weekday(year, rule.month, WEEKDAYS.index(rule.weekday), rule.nth)
        assert rule.day is not None
        return date(year, rule.month, rule.day)

    def holiday_name(self, day: date) -> str | None:
        return self.holidays(day.year).get(day)

    def is_alternate_friday_off(self, day: date) -> bool:
        alt = self.definition.alternate_fridays
        if alt is None or day.weekday() != 4:
            return False
        return ((day - alt.first_closed).days // 7) % 2 == 0

    # ------------------------------------------------------------------ days
    def is_business_day(self, day: date) -> bool:
        """A day the city counts for SLAs and 'next business day' promises."""
        if day.weekday() not in self._business_days or self.holiday_name(day):
            return False
        alt = self.definition.alternate_fridays
        return not (alt and alt.counts_for_sla and self.is_alternate_friday_off(day))

    def is_phone_day(self, day: date) -> bool:
        """A day the centre answers the phone."""
        if day.weekday() not in self._phone_days or self.holiday_name(day):
            return False
        alt = self.definition.alternate_fridays
        return not (alt and alt.closes_phone_line and self.is_alternate_friday_off(day))

    def phone_days(self, start: date, end: date) -> list[date]:
        """Phone days from start to end inclusive."""
        days = []
        d = start
        while d <= end:
            if self.is_phone_day(d):
                days.append(d)
            d += timedelta(days=1)
        return days

    def is_phone_open(self, moment: datetime) -> bool:
        local = moment.astimezone(self.zone)
        hours = self.definition.phone_hours
        return self.is_phone_day(local.date()) and hours.open <= local.time() < hours.close

    # ------------------------------------------------------------------ arithmetic
    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone)

    def _at(self, day: date, t: time) -> datetime:
        return datetime.combine(day, t, tzinfo=self.zone).astimezone(UTC)

    def next_business_day(self, day: date) -> date:
        d = day + timedelta(days=1)
        while not self.is_business_day(d):
            d += timedelta(days=1)
        return d

    def add_business_days(self, start: datetime, days: int) -> datetime:
        """Close of business on the ``days``-th business day after ``start``'s local date."""
        d = self.local(start).date()
        for _ in range(days):
            d = self.next_business_day(d)
        return self._at(d, self.definition.business_hours.close)

    def add_business_hours(self, start: datetime, hours: float) -> datetime:
        """Count ``hours`` of open office time from ``start``."""
        bh = self.definition.business_hours
        remaining = timedelta(hours=hours)
        local = self.local(start)
        day, now = local.date(), local.time().replace(tzinfo=None)
        if not self.is_business_day(day) or now >= bh.close:
            day, now = self.next_business_day(day), bh.open
        now = max(now, bh.open)
        while True:
            cursor = datetime.combine(day, now)
            close = datetime.combine(day, bh.close)
            if cursor + remaining <= close:
                return (cursor + remaining).replace(tzinfo=self.zone).astimezone(UTC)
            remaining -= close - cursor
            day, now = self.next_business_day(day), bh.open

    def due(self, created: datetime, sla: Sla) -> datetime:
        if sla.business_days:
            return self.add_business_days(created, sla.business_days)
        if sla.business_hours:
            return self.add_business_hours(created, sla.business_hours)
        assert sla.calendar_hours is not None
        return created + timedelta(hours=sla.calendar_hours)

    def business_days_between(self, start: datetime, end: datetime) -> int:
        """Whole business days after ``start``'s date up to and including ``end``'s date."""
        a, b = self.local(start).date(), self.local(end).date()
        sign = 1
        if b < a:
            a, b, sign = b, a, -1
        count = 0
        d = a
        while d < b:
            d += timedelta(days=1)
            if self.is_business_day(d):
                count += 1
        return sign * count

    def respond_by(self, received: datetime) -> datetime:
        """'We respond by the next business day': close of the next business day."""
        return self.add_business_days(received, 1)


@lru_cache(maxsize=8)
def _cached(definition: CalendarDef) -> BusinessCalendar:
    return BusinessCalendar(definition)


def business_calendar(definition: CalendarDef) -> BusinessCalendar:
    return _cached(definition)
