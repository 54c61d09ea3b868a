"""What a supervisor's bulk change or escalation and a saved file say, in both front ends: the
count, each failure with its reason and each change; the day of a daily sheet as typed; the
sheet formats and the "saved" sentence with the path."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from csc_console.desks.choices import Option
from csc_console.desks.text import join_parts
from csc_console.desks.words import plural, say_date
from csc_console.desks.workorders.words import priority_label, work_orders
from csc_console.errors import ValidationError
from csc_console.services.queues import QueueRow
from csc_console.services.text import printable
from csc_console.services.workorders import (
    BulkResult,
    Change,
)
from csc_console.vocab import Priority


# --------------------------------------------------------------------------- supervisors
@dataclass(frozen=True)
class BulkOutcome:
    """A bulk change or an escalation as said: the service's result, what happened to each
    changed work order ("crew PW3"), and the verb of the count ("changed", "escalated")."""

    result: BulkResult
    done: str
    verb: str = "changed"


def bulk_done(change: Change) -> str:
    """What a bulk change does to each work order: "crew PW3", "no crew", "High priority"."""
    if change.crew is not None:
        return f"crew {change.crew}" if change.crew else "no crew"
    return f"{priority_label(change.priority)} priority"


def bulk_outcome(result: BulkResult, change: Change) -> BulkOutcome:
    return BulkOutcome(result, bulk_done(change))


def escalation_outcome(result: BulkResult) -> BulkOutcome:
    return BulkOutcome(result, "priority raised one step", "escalated")


def not_changed(number: str, reason: str) -> str:
    return f"{number}: not changed. {printable(reason)}"


def outcome_lines(outcome: BulkOutcome) -> list[str]:
    """The failures first (each with its reason), then the work orders changed."""
    lines = [not_changed(number, reason) for number, reason in outcome.result.failed]
    lines += [f"{number}: {outcome.done}." for number in outcome.result.changed]
    return lines or ["Nothing to change."]


def outcome_summary(outcome: BulkOutcome) -> str:
    """"2 work orders changed, 1 not changed." / "2 work orders escalated."."""
    result, verb = outcome.result, outcome.verb
    failed = f", {len(result.failed):,} not {verb}" if result.failed else ""
    return f"{work_orders(len(result.changed))} {verb}{failed}."


def escalated_line(number: str, before: QueueRow | None) -> str:
    """One escalated work order, with its priorities when the list read before is known."""
    if before is None:
        return f"{number}: priority raised one step."
    ladder = [p.value for p in Priority]
    index = ladder.index(before.priority) if before.priority in ladder else len(ladder) - 1
    higher = ladder[min(index + 1, len(ladder) - 1)]
    return join_parts(
        f"{number}: {priority_label(before.priority)} to {priority_label(higher)}",
        before.overdue_text or None,
    ) + "."


# --------------------------------------------------------------------------- files
_MDY = re.compile(r"^(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?$")
_NAMED_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1}


def parse_day(text: str, today: date) -> date:
    """The day of a daily sheet as typed: empty or "today", "yesterday", "3/2", "3/2/26" or
    "2026-03-02"; anything else is refused with the forms it takes."""
    word = text.strip().lower()
    if not word:
        return today
    if word in _NAMED_DAYS:
        return today + timedelta(days=_NAMED_DAYS[word])
    try:
        return date.fromisoformat(word)
    except ValueError:
        pass
    parts = _MDY.match(word)
    if parts:
        month, day, year = parts.group(1), parts.group(2), parts.group(3)
        full = int(year) + (2000 if len(year) == 2 else 0) if year else today.year
        try:
            return date(full, int(month), int(day))
        except ValueError:
            pass
    raise ValidationError(
        f"{printable(text.strip())!r} is not a day; type today, yesterday, 3/2 or 2026-03-02.", field="day"
    )


SHEET_FORMATS: Sequence[Option[str]] = (
    Option("text", "Plain text", "one fact per line, reads well on a braille display"),
    Option("html", "HTML", "opens in a browser, prints cleanly"),
    Option("pdf", "PDF"),
)
FORMAT_WORDS = {"text": "plain text", "html": "HTML", "pdf": "PDF", "csv": "CSV"}


def saved_at(what: str, path: object) -> str:
    """"Sheet for WO-2026-000001 saved as PDF: /home/ana/Documents/sheet.pdf"."""
    return f"{what}: {path}"


def sheet_saved(number: str, fmt: str) -> str:
    return f"Sheet for {number} saved as {FORMAT_WORDS.get(fmt, fmt)}"


def day_sheet_saved(where: str, day: date, today: date, open_orders: int, fmt: str) -> str:
    """"Daily sheet for Streets & Sidewalks, Tuesday, March 3, 2 open work orders, saved as PDF"."""
    count = plural(open_orders, "open work order")
    return f"Daily sheet for {where}, {say_date(day, today=today)}, {count}, saved as {FORMAT_WORDS.get(fmt, fmt)}"


def csv_saved(count: int) -> str:
    return f"{work_orders(count)} exported as CSV"
