"""What is said about the call itself in both front ends: answering, resuming, the handle time,
the purpose and disposition choices, the caller found or not, the category chosen, the
wrap-up, the end and the errors of keeping the draft or checking duplicates."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from csc_console.desks.choices import Option
from csc_console.desks.intake.say import PURPOSE_TITLES, label
from csc_console.desks.words import plural, say_clock
from csc_console.services import calls
from csc_console.vocab import Channel, Disposition

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from csc_console.catalog.schema import Category
    from csc_console.services.calls import CallPublic
    from csc_console.services.intake import CallDraft


#: what a call can be about; the last choice of the screen-reader mode wraps up at once
PURPOSES = [Option(code, title) for code, title in PURPOSE_TITLES.items()]
WRAP_UP_NOW = Option("none", "Nothing more: wrap up the call", aliases=("wrap up",))
DISPOSITIONS = [Option(d.value, d.label) for d in Disposition]
READY = "Ready for the next call."
NO_CALL = "No call in progress."
NO_PHONE = "No phone number."
ANONYMOUS = "Anonymous caller: no name is recorded."
NO_HANDLE_TIME = "Handle time: no call in progress."


def channel_label(value: str) -> str:
    try:
        return Channel(value).label
    except ValueError:
        return value


def answered_line(channel: str, at: datetime, zone: ZoneInfo) -> str:
    """ "Phone call answered at 9:05 AM." """
    return f"{channel_label(channel)} call answered at {say_clock(at.astimezone(zone))}."


def resumed_state(draft: CallDraft) -> str:
    """The state line of a resumed call: "Resumed call with Jane Caller, (626) 555-0101." """
    who = ", ".join(p for p in (draft.name, draft.phone) if p) or "the caller"
    return f"Resumed call with {who}."


def handle_time_line(seconds: float | None) -> str:
    if seconds is None:
        return NO_HANDLE_TIME
    return f"Handle time: {calls.spoken_duration(max(0.0, seconds))}."


def ended_line(done: CallPublic) -> str:
    """ "Call ended: Request created. Handle time: 3 minutes 10 seconds." """
    spent = calls.spoken_duration(done.handle_seconds or 0)
    return f"Call ended: {label(Disposition, done.disposition)}. Handle time: {spent}."


def draft_not_kept(reason: str) -> str:
    return (
        f"The call could not be kept as a draft on this computer ({reason}); "
        "finish it before leaving."
    )


def duplicate_check_failed(reason: str) -> str:
    return f"The duplicate check could not run: {reason}"


def new_caller_line(phone: str) -> str:
    return f"New caller: no earlier calls from {phone}."


def category_line(category: Category) -> str:
    """ "Category: Potholes; 6 questions, 2 required." """
    required = sum(q.required for q in category.questions)
    asked = plural(len(category.questions), "question")
    return f"Category: {category.name}; {asked}, {required} required."


def wrap_up_line(disposition: str, *, change: str) -> str:
    """ "Wrap-up: the call ends as No action; Enter keeps it, <how to change it>." """
    chosen = label(Disposition, disposition)
    return f"Wrap-up: the call ends as {chosen}; Enter keeps it, {change}."
