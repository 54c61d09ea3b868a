"""Reporting periods: the dashboard's ranges and the local day, week or month of a timestamp in SQL.

Every range is a half-open span of local dates in the city's zone (``start`` inclusive, ``end``
exclusive), as in ``services.kpi``. Weeks start on Monday.

Grouping by local period happens in the database (``local_period``), so a report by day, week
or month is one ``GROUP BY``:

- PostgreSQL converts with the zone's rules: ``timezone('America/Los_Angeles', queued_at)``;
- SQLite has no zone database, so the UTC offsets in force over the queried span are worked out
  here (the zone changes offset only at daylight-saving transitions: two a year) and written
  into the query as a ``CASE`` over the transition instants, each branch shifting the stored UTC
  text by a fixed number of minutes. The result is exact, including the days clocks change.

Both give the period's first local date as text ``YYYY-MM-DD`` (SQLite) or a date
(PostgreSQL); ``as_date`` reads either.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal, get_args
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Date, case, cast, func, literal_column

from csc_console.errors import ValidationError

PeriodUnit = Literal["day", "week", "month"]
PERIOD_UNITS: tuple[str, ...] = get_args(PeriodUnit)
RangeKind = Literal["today", "week", "month", "year", "custom"]
RANGE_KINDS: tuple[str, ...] = get_args(RangeKind)
RANGE_TITLES: dict[str, str] = {
    "today": "Today",
    "week": "This week",
    "month": "This month",
    "year": "This year",
    "custom": "Custom range",
}
MAX_RANGE_DAYS = 366 * 20  # a report over more than twenty years is a typing mistake

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


# --------------------------------------------------------------------------- ranges
@dataclass(frozen=True)
class DateRange:
    """Local dates ``[start, end)`` and what they were chosen as."""

    kind: str
    start: date
    end: date  # exclusive

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    @property
    def title(self) -> str:
        return RANGE_TITLES.get(self.kind, "Custom range")

    def describe(self) -> str:
        """"Today, Tuesday 3 March 2026" / "This month, 1 to 26 November 2026"."""
        return f"{self.title}, {span_words(self.start, self.last_day)}"


def preset_range(kind: str, today: date) -> DateRange:
    """Today, this week (Monday to today), this month or this year, up to and including today."""
    end = today + timedelta(days=1)
    if kind == "today":
        return DateRange("today", today, end)
    if kind == "week":
        return DateRange("week", today - timedelta(days=today.weekday()), end)
    if kind == "month":
        return DateRange("month", today.replace(day=1), end)
    if kind == "year":
        return DateRange("year", today.replace(month=1, day=1), end)
    raise ValidationError(f"Unknown range {kind!r}; use one of {', '.join(RANGE_KINDS[:-1])}.")


def custom_range(first: date, last: date) -> DateRange:
    """A custom range from ``first`` to ``last``, both inclusive."""
    if last < first:
        raise ValidationError(
            f"The range must not end before it starts ({first.isoformat()} to "
            f"{last.isoformat()})."
        )
    if (last - first).days > MAX_RANGE_DAYS:
        raise ValidationError("A range can cover at most twenty years.")
    return DateRange("custom", first, last + timedelta(days=1))


def parse_day(text: str, *, field: str = "date") -> date:
    """A date typed as 2026-11-26 (also 2026/11/26 or 20261126)."""
    raw = text.strip().replace("/", "-")
    try:
        if raw.isdigit() and len(raw) == 8:
            return date(int(raw[:4]), int(raw[4:6]), int(raw[6:]))
        return date.fromisoformat(raw)
    except ValueError:
        raise ValidationError(
            f"{text.strip() or 'Nothing'} is not a date; type it as year-month-day, "
            "for example 2026-11-26.",
            field=field,
        ) from None


def trend_unit(days: int) -> PeriodUnit:
    """The unit a trend over ``days`` days is drawn in: days up to a month and a half, weeks up
    to half a year, months beyond."""
    if days <= 45:
        return "day"
    if days <= 190:
        return "week"
    return "month"


# --------------------------------------------------------------------------- periods
def period_start(day: date, unit: str) -> date:
    if unit == "day":
        return day
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    raise ValidationError(f"Unknown period {unit!r}; use one of {', '.join(PERIOD_UNITS)}.")


def next_period(start: date, unit: str) -> date:
    if unit == "day":
        return start + timedelta(days=1)
    if unit == "week":
        return start + timedelta(days=7)
    if start.month == 12:
        return date(start.year + 1, 1, 1)
    return date(start.year, start.month + 1, 1)


def periods(start: date, end: date, unit: str) -> list[tuple[date, date]]:
    """Every period of ``unit`` overlapping ``[start, end)``: (group key, next key)."""
    out = []
    key = period_start(start, unit)
    while key < end:
        following = next_period(key, unit)
        out.append((key, following))
        key = following
    return out


def period_label(key: date, unit: str, *, short: bool = False) -> str:
    """"Monday 7 March 2022", "Week of 7 March 2022", "March 2022" (short: "Mon 7 Mar",
    "7 Mar", "Mar 2022")."""
    if unit == "month":
        month = _MONTHS[key.month - 1]
        return f"{month[:3]} {key.year}" if short else f"{month} {key.year}"
    if short:
        text = f"{key.day} {_MONTHS[key.month - 1][:3]}"
        return f"{_DAYS[key.weekday()][:3]} {text}" if unit == "day" else text
    text = f"{key.day} {_MONTHS[key.month - 1]} {key.year}"
    return f"{_DAYS[key.weekday()]} {text}" if unit == "day" else f"Week of {text}"


def day_words(day: date) -> str:
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def span_words(first: date, last: date) -> str:
    """"Tuesday 3 March 2026", "1 to 26 November 2026", "30 November to 2 December 2026"."""
    if first == last:
        return day_words(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day} to {last.day} {_MONTHS[last.month - 1]} {last.year}"
    head = f"{first.day} {_MONTHS[first.month - 1]}"
    if first.year != last.year:
        head += f" {first.year}"
    return f"{head} to {last.day} {_MONTHS[last.month - 1]} {last.year}"


def as_date(value: Any) -> date:
    """A period key as the database returned it (date, datetime or ``YYYY-MM-DD`` text)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


# --------------------------------------------------------------------------- SQL
def offset_segments(zone: ZoneInfo, lo: datetime, hi: datetime) -> list[tuple[datetime, int]]:
    """The zone's UTC offset (minutes) over ``[lo, hi)``: ``(until, offset)`` pairs, the last
    ``until`` being ``hi``. One pair per daylight-saving period touched."""
    def offset(moment: datetime) -> int:
        delta = moment.astimezone(zone).utcoffset()
        return int(delta.total_seconds() // 60) if delta is not None else 0

    out: list[tuple[datetime, int]] = []
    current = offset(lo)
    step = timedelta(hours=12)
    at = lo
    while at < hi:
        probe = min(at + step, hi)
        if offset(probe) != current:
            # The change lies in (at, probe]: narrow it down to the second.
            low, high = at, probe
            while (high - low) > timedelta(seconds=1):
                mid = low + (high - low) / 2
                if offset(mid) == current:
                    low = mid
                else:
                    high = mid
            change = high.replace(microsecond=0)
            if offset(change) == current:  # rounding landed just before the change
                change += timedelta(seconds=1)
            out.append((change, current))
            current = offset(change)
            at = change
        else:
            at = probe
    out.append((hi, current))
    return out


def _sqlite_text(moment: datetime) -> str:
    """A UTC instant as SQLAlchemy stores it in SQLite (``YYYY-MM-DD HH:MM:SS.ffffff``)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _sqlite_period(column: Any, offset_minutes: int, unit: str) -> ColumnElement[Any]:
    shift: ColumnElement[str] = literal_column(f"'{offset_minutes:+d} minutes'")
    if unit == "month":
        return func.strftime(literal_column("'%Y-%m-01'"), column, shift)
    if unit == "week":
        return func.date(column, shift, literal_column("'-6 days'"), literal_column("'weekday 1'"))
    return func.date(column, shift)


def local_period(
    column: Any, unit: str, *, zone: ZoneInfo, lo: datetime, hi: datetime, dialect: str
) -> ColumnElement[Any]:
    """SQL for the first local date of the ``unit`` holding ``column`` (a UTC timestamp known
    to lie in ``[lo, hi)``). Constants are written into the SQL (not bound), so the same
    expression can appear in SELECT and GROUP BY on PostgreSQL."""
    if unit not in PERIOD_UNITS:
        raise ValidationError(f"Unknown period {unit!r}; use one of {', '.join(PERIOD_UNITS)}.")
    if dialect == "postgresql":
        name = zone.key.replace("'", "''")
        local = func.timezone(literal_column(f"'{name}'"), column)
        if unit == "day":
            return cast(local, Date)
        return cast(func.date_trunc(literal_column(f"'{unit}'"), local), Date)
    segments = offset_segments(zone, lo, hi)
    if len(segments) == 1:
        return _sqlite_period(column, segments[0][1], unit)
    whens = [
        (column < literal_column(f"'{_sqlite_text(until)}'"), _sqlite_period(column, off, unit))
        for until, off in segments[:-1]
    ]
    return case(*whens, else_=_sqlite_period(column, segments[-1][1], unit))
