"""Words for people: the read-back a CSR says aloud, and one-line records.

The desk layer's read-backs, shared by the full-screen UI, the screen-reader mode and the
command line, so a request reads the same everywhere. Caller-supplied text passes through ``printable``.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from csc_console.services.text import printable, when
from csc_console.vocab import Channel, RequestStatus

if TYPE_CHECKING:
    from csc_console.services.calls import CallSummary
    from csc_console.services.queues import QueueRow
    from csc_console.services.requests import RequestPublic
    from csc_console.services.workorders import WorkOrderPublic

def spell_out(code: str) -> str:
    """"SR-2026-000123" -> "S R 2 0 2 6 0 0 0 1 2 3" (letters and digits one by one)."""
    return " ".join(ch for ch in code if ch.isalnum())


def spoken_date(moment: datetime, zone: ZoneInfo, *, now: datetime | None = None) -> str:
    """"Tuesday, December 1" (with the year when it is not the year of ``now``, default today)."""
    local = moment.astimezone(zone)
    today = (now or datetime.now(zone)).astimezone(zone)
    text = f"{local:%A}, {local:%B} {local.day}"
    if local.year != today.year:
        text += f", {local.year}"
    return text


def readback(
    number: str, due: datetime | None, zone: ZoneInfo, *, now: datetime | None = None
) -> str:
    line = f"Your number is {spell_out(number)}"
    if due is not None:
        line += f"; expected by {spoken_date(due, zone, now=now)}"
    return line + "."


def request_summary(r: RequestPublic, zone: ZoneInfo) -> str:
    """One line, important part first: number, status, category, place, due."""
    place = printable(r.address or r.cross_street or "no address")
    return (
        f"{r.number}: {RequestStatus(r.status).label}, {r.category_name}, {place}, "
        f"due {when(r.due_at, zone)}"
    )


def status_lines(r: RequestPublic, zone: ZoneInfo, *, now: datetime | None = None) -> list[str]:
    """What a caller asking "what is the status of my request" hears, one fact per line:
    the request, its status, the department, the expected date (overdue when it is before
    ``now``) and the last note."""
    place = printable(r.address or r.cross_street or "no address")
    lines = [
        f"{r.number}: {RequestStatus(r.status).label}, {r.category_name}, {place}.",
        f"Department: {r.department_name}.",
    ]
    if r.closed_at is not None:
        lines.append(f"Closed: {spoken_date(r.closed_at, zone, now=now)}.")
    else:
        expected = spoken_date(r.due_at, zone, now=now) if r.due_at else "not set"
        late = r.due_at is not None and now is not None and r.due_at < now
        lines.append(f"Expected by: {expected}" + (", overdue." if late else "."))
    note = printable(r.status_note)
    if note:
        lines.append(f"Last note: {note}" + ("" if note.endswith((".", "!", "?")) else "."))
    else:
        lines.append("Last note: none.")
    return lines


def request_lines(r: RequestPublic, zone: ZoneInfo | None = None) -> list[str]:
    """The whole request, one fact per line, label first."""
    z = zone or ZoneInfo("America/Los_Angeles")
    lines = [
        f"Request: {r.number}",
        f"Status: {RequestStatus(r.status).label}" + (f" ({printable(r.status_note)})" if r.status_note else ""),
        f"Category: {r.category_name}",
        f"Department: {r.department_name}" + (f", {r.division_name or r.division}" if r.division else ""),
        f"Address: {printable(r.address) or 'none'}" + ("" if r.address_verified or not r.address else " (not verified)"),
    ]
    if r.cross_street:
        lines.append(f"Cross street or landmark: {printable(r.cross_street)}")
    lines.append(f"Description: {printable(r.description) or 'none'}")
    if r.answer_words or not r.answers:
        lines += [f"{prompt}: {printable(words)}" for prompt, words in r.answer_words]
    else:
        for code, value in r.answers.items():
            shown = ", ".join(value) if isinstance(value, list) else value
            lines.append(f"Answer {code}: {printable(shown)}")
    lines += [
        f"Channel: {Channel(r.channel).label}",
        f"Created: {when(r.created_at, z)}",
        f"Expected by: {when(r.due_at, z)}",
        f"Callers: {r.callers_count}",
    ]
    if r.caller is not None:
        lines.append(f"Caller: {printable(r.caller.label)}" + (f", {r.caller.phone}" if r.caller.phone and r.caller.name else ""))
    if r.work_orders:
        lines.append(f"Work orders: {', '.join(r.work_orders)}")
    if r.duplicate_of:
        lines.append(f"Duplicate of: {r.duplicate_of}")
    if r.possible_duplicates:
        lines.append(f"Possible duplicates: {', '.join(r.possible_duplicates)}")
    if r.status in (RequestStatus.OPEN.value, RequestStatus.IN_PROGRESS.value):
        lines.append("Read-back: " + readback(r.number, r.due_at, z))
    return lines


def work_order_summary(w: QueueRow | WorkOrderPublic, zone: ZoneInfo) -> str:
    """One queue line, important part first: number, status, overdue, priority, place, crew."""
    from csc_console.vocab import Priority, WorkOrderStatus

    parts = [f"{w.number}: {WorkOrderStatus(w.status).label}"]
    if w.overdue_text:
        parts.append(w.overdue_text)
    parts += [
        f"{Priority(w.priority).label} priority",
        w.category_name,
        printable(w.address) or "no address",
        f"crew {w.crew}" if w.crew else "no crew",
        f"due {when(w.due_at, zone)}",
    ]
    return ", ".join(parts)


def work_order_lines(w: WorkOrderPublic, zone: ZoneInfo) -> list[str]:
    """A work order and its history, one fact per line."""
    from csc_console.vocab import Priority, WorkOrderStatus

    lines = [
        f"Work order: {w.number}",
        f"Status: {WorkOrderStatus(w.status).label}" + (f", {w.overdue_text}" if w.overdue_text else ""),
        f"Priority: {Priority(w.priority).label}",
        f"Category: {w.category_name}",
        f"Address: {printable(w.address) or 'none'}",
        f"Work: {printable(w.description) or 'none'}",
        f"Department: {w.department_name}" + (f", {w.division_name}" if w.division_name else ""),
        f"Crew: {w.crew or 'not assigned'}",
        f"Request: {w.request or 'none'}",
        f"Created: {when(w.created_at, zone)}",
        f"Due: {when(w.due_at, zone)}",
    ]
    if w.completed_at:
        lines.append(f"Completed: {when(w.completed_at, zone)}")
    if w.status_reason:
        lines.append(f"Reason: {printable(w.status_reason)}")
    if w.resolution:
        lines.append(f"Resolution: {printable(w.resolution)}")
    for c in w.callers:
        lines.append(
            f"Call back: {printable(c.name) or 'caller'}, {c.phone or c.email or 'no number'}"
            + (", told" if c.notified else ", not told yet")
        )
    for h in w.history:
        # statuses as words ("In progress", not in_progress): a screen reader reads this line
        to = WorkOrderStatus(h.to_status).label if h.to_status else ""
        move = (
            f", {WorkOrderStatus(h.from_status).label} to {to}" if h.from_status else f", {to}"
        ) if to else ""
        who = f" by {printable(h.operator)}" if h.operator else ""
        lines.append(f"History: {when(h.at, zone)}, {h.kind}{move}{who}" + (f": {printable(h.text)}" if h.text else ""))
    return lines


def call_summary(c: CallSummary, zone: ZoneInfo) -> str:
    """One call per line: when, channel, status, who, disposition."""
    from csc_console.vocab import CallStatus, Disposition

    call = c.call
    parts = [f"Call {call.id}: {when(call.queued_at, zone)}", Channel(call.channel).label, CallStatus(call.status).label]
    if c.operator:
        parts.append(f"by {printable(c.operator)}")
    if c.caller:
        parts.append(f"caller {printable(c.caller)}")
    if call.disposition:
        parts.append(Disposition(call.disposition).label)
    if c.requests:
        parts.append(", ".join(c.requests))
    relay = c.relay
    if relay is not None:
        parts.append(f"{relay.relay_type_name}, CA {printable(relay.ca_number) or 'number missing'}")
    return ", ".join(parts)


def call_lines(c: CallSummary, zone: ZoneInfo) -> list[str]:
    from csc_console.services.calls import spoken_duration
    from csc_console.vocab import CallStatus, Disposition

    call = c.call
    lines = [
        f"Call: {call.id}",
        f"Channel: {Channel(call.channel).label}",
        f"Status: {CallStatus(call.status).label}",
        f"Queued: {when(call.queued_at, zone)}",
        f"Answered: {when(call.answered_at, zone)}",
    ]
    if call.handle_seconds is not None:
        lines.append(f"Handle time: {spoken_duration(call.handle_seconds)}")
    if c.operator:
        lines.append(f"CSR: {printable(c.operator)}")
    if c.caller:
        lines.append(f"Caller: {printable(c.caller)}")
    if call.disposition:
        lines.append(f"Disposition: {Disposition(call.disposition).label}")
    if call.notes:
        lines.append(f"Notes: {printable(call.notes)}")
    if c.requests:
        lines.append(f"Requests: {', '.join(c.requests)}")
    relay = c.relay
    if relay is not None:
        r = relay
        lines += [
            f"Relay type: {r.relay_type_name}",
            f"CA number: {printable(r.ca_number) or 'not given'}",
        ]
        lines += [f"Flag: {f}" for f in r.flags]
        lines += [t.line(zone) for t in r.turns]
    return lines
