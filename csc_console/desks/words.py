"""Numbers, times and dates as a screen reader should say them (no abbreviations to spell out,
no 24-hour clock, no ISO dates): "3 open work orders", "6:05 AM", "Tuesday, December 1"."""

from __future__ import annotations

from datetime import date, datetime, tzinfo

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


THE_REQUEST = "the request"  # a service request, named in a sentence
WORK_ORDERS = "Work orders"  # the workspace (light: the app's start-up imports it)


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``plural(3, "unit")`` -> "3 units"; ``plural(1, "unit")`` -> "1 unit"."""
    word = singular if count == 1 else (plural_form or f"{singular}s")
    return f"{count:,} {word}"


def say_clock(moment: datetime) -> str:
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"


def say_date(day: date, *, today: date | None = None) -> str:
    text = f"{_DAYS[day.weekday()]}, {_MONTHS[day.month - 1]} {day.day}"
    if today is None or day.year != today.year:
        text += f", {day.year}"
    return text


def say_when(moment: datetime, *, now: datetime, zone: tzinfo) -> str:
    """"6:05 AM" today, "yesterday, 6:05 AM", else "Monday, November 23, 6:05 AM"."""
    local = moment.astimezone(zone)
    today = now.astimezone(zone).date()
    if local.date() == today:
        return say_clock(local)
    if (today - local.date()).days == 1:
        return f"yesterday, {say_clock(local)}"
    return f"{say_date(local.date(), today=today)}, {say_clock(local)}"


def say_seconds(seconds: float) -> str:
    """``199.4`` -> "3 minutes 19 seconds"; ``42`` -> "42 seconds"."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(plural(hours, "hour"))
    if minutes:
        parts.append(plural(minutes, "minute"))
    if secs or not parts:
        parts.append(plural(secs, "second"))
    return " ".join(parts)
