"""What one work order says, in both front ends: its facts and the full read-out, the call-back
list, its history, the status-change rule and its refusals, what someone else changed, and what
an edit, a note, a reopening or a new work order says when it is saved."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from zoneinfo import ZoneInfo

from csc_console.desks.choices import Option
from csc_console.desks.text import join_parts, sentence
from csc_console.desks.words import plural, say_when
from csc_console.desks.workorders.words import priority_label, state_parts, status_label
from csc_console.services.text import printable, when
from csc_console.services.workorder_views import CallBack
from csc_console.services.workorders import (
    NEEDS_REASON,
    Change,
    HistoryEntry,
    WorkOrderPublic,
    allowed_next,
    transition_refusal,
)
from csc_console.vocab import WorkOrderStatus


# --------------------------------------------------------------------------- one work order
def summary(wo: WorkOrderPublic) -> str:
    """"WO-2026-000001: Dispatched, High priority, Potholes, 100 N Lake Ave, crew PW2"."""
    return join_parts(*state_parts(wo))


def fact_lines(wo: WorkOrderPublic, zone: ZoneInfo, *, status_field: str = "Status") -> list[str]:
    """The work order itself, one fact per line (callers and history have lists of their own).
    The line mode names the status field "Current status": there a line starting "Status:" is
    a result."""
    overdue = f", {wo.overdue_text}" if wo.overdue_text else ""
    division = f", {wo.division_name}" if wo.division_name else ""
    lines = [
        f"Work order: {wo.number}",
        f"{status_field}: {status_label(wo.status)}{overdue}",
        f"Priority: {priority_label(wo.priority)}",
        f"Category: {wo.category_name}",
        f"Address: {printable(wo.address) or 'none'}",
        f"Work: {printable(wo.description) or 'none'}",
        f"Department: {wo.department_name}{division}",
        f"Crew: {wo.crew or 'not assigned'}",
        f"Request: {wo.request or 'none'}",
        f"Created: {when(wo.created_at, zone)}",
        f"Due: {when(wo.due_at, zone)}",
    ]
    if wo.completed_at:
        lines.append(f"Completed: {when(wo.completed_at, zone)}")
    if wo.status_reason:
        lines.append(f"Reason: {printable(wo.status_reason)}")
    if wo.resolution:
        lines.append(f"Resolution: {printable(wo.resolution)}")
    return lines


def work_order_lines(wo: WorkOrderPublic, zone: ZoneInfo, *, status_field: str = "Status") -> list[str]:
    """The whole work order read out: its facts, who to call back, its history (oldest first)."""
    return [
        *fact_lines(wo, zone, status_field=status_field),
        *(f"Call back: {callback_line(c)}" for c in wo.callers),
        *(f"History: {history_line(h, zone)}" for h in wo.history),
    ]


def callback_line(c: CallBack) -> str:
    """One caller to call back: name, number, e-mail, when to call, told or not."""
    return join_parts(
        printable(c.name) or "Caller, no name",
        c.phone or None,
        printable(c.email) or None,
        f"call-back {printable(c.preferred_callback)}" if c.preferred_callback else None,
        "told" if c.notified else "not told yet",
    )


def callback_lines(wo: WorkOrderPublic, *, numbered: bool = False) -> list[str]:
    return [
        f"{i}. {callback_line(c)}" if numbered else callback_line(c)
        for i, c in enumerate(wo.callers, start=1)
    ]


def untold(wo: WorkOrderPublic) -> int:
    return sum(1 for c in wo.callers if not c.notified)


def callers_heading(wo: WorkOrderPublic) -> str:
    return f"Call-back list for {wo.request}: {plural(len(wo.callers), 'caller')}."


ALL_TOLD = "Every caller has been told."


def callers_marked(count: int, request: str | None = None) -> str:
    """"2 callers of REQ-… marked as told."."""
    of = f" of {request}" if request else ""
    return f"{plural(count, 'caller')}{of} marked as told."


def history_line(h: HistoryEntry, zone: ZoneInfo) -> str:
    """"Thu Mar 7, 2024 9:00 AM, status, Assigned to Dispatched by Maria Lopez: text"."""
    move = ""
    if h.to_status:
        to = status_label(h.to_status)
        move = f", {status_label(h.from_status)} to {to}" if h.from_status else f", {to}"
    who = f" by {printable(h.operator)}" if h.operator else ""
    text = f": {printable(h.text)}" if h.text else ""
    return f"{when(h.at, zone)}, {h.kind}{move}{who}{text}"


def history_lines(wo: WorkOrderPublic, zone: ZoneInfo) -> list[str]:
    """Newest first: the latest change is what a person opening a work order wants."""
    return [history_line(h, zone) for h in reversed(wo.history)]


def note_lines(wo: WorkOrderPublic, zone: ZoneInfo) -> list[str]:
    return [
        f"{when(h.at, zone)}{' by ' + printable(h.operator) if h.operator else ''}: "
        f"{printable(h.text)}"
        for h in reversed(wo.history)
        if h.kind == "note" and h.text
    ]


# --------------------------------------------------------------------------- status changes
def next_statuses(status: str) -> list[Option[str]]:
    """The statuses a work order may go to next, as choices."""
    return [Option(s.value, s.label) for s in allowed_next(status)]


class StatusText(Enum):
    """What the text typed with a status change is: a note, the reason, or the resolution."""

    NOTE = "note"
    REASON = "reason"
    RESOLUTION = "resolution"


STATUS_TEXT_LABELS = {
    StatusText.NOTE: "Note (optional)",
    StatusText.REASON: "Reason",
    StatusText.RESOLUTION: "Resolution (what was done)",
}
# The statuses a work order cannot reach without a crew (the service refuses them).
NEEDS_CREW = (WorkOrderStatus.ASSIGNED.value, WorkOrderStatus.DISPATCHED.value, WorkOrderStatus.IN_PROGRESS.value)


def status_text(status: str | None) -> StatusText:
    if status == WorkOrderStatus.COMPLETED.value:
        return StatusText.RESOLUTION
    if status in {s.value for s in NEEDS_REASON}:
        return StatusText.REASON
    return StatusText.NOTE


def needs_crew(status: str | None, current_crew: str | None) -> bool:
    """Whether moving to ``status`` asks for a crew first (the work order has none)."""
    return status in NEEDS_CREW and not current_crew


def status_change(status: str, *, text: str | None, crew: str | None, current_crew: str | None) -> Change:
    """The edit a status change makes: the typed text where it belongs, the crew asked for when
    one is needed, and back to new leaves nobody on it."""
    kind = status_text(status)
    if status == WorkOrderStatus.NEW.value:
        crew = ""
    elif not needs_crew(status, current_crew):
        crew = None
    return Change(
        status=status,
        crew=crew,
        note=(text or None) if kind is StatusText.NOTE else None,
        reason=text if kind is StatusText.REASON else None,
        resolution=text if kind is StatusText.RESOLUTION else None,
    )


def status_locked(wo: WorkOrderPublic) -> str:
    """Refusing any status change of a closed work order."""
    return (
        f"{wo.number} is {status_label(wo.status).lower()}; its status cannot change; "
        "a supervisor can reopen it."
    )


def already(status: str) -> str:
    return f"It is already {status_label(status).lower()}; choose another status."


def refusal(current: str, wanted: str) -> str:
    """Refusing ``current`` -> ``wanted``, naming the allowed next statuses (the service's rule
    and its sentence, so a refusal said before a save matches the one the save would raise)."""
    return transition_refusal(current, wanted)


# --------------------------------------------------------------------------- stale edits
def event_text(h: HistoryEntry) -> str:
    if h.to_status:
        before = status_label(h.from_status).lower() or "none"
        move = f"status {before} to {status_label(h.to_status).lower()}"
        return move + (f": {printable(h.text)}" if h.text else "")
    return printable(h.text) or h.kind


def short_line(wo: WorkOrderPublic) -> str:
    """The state of a work order after a change: "WO-2026-000001: Dispatched, ..., crew PW2"."""
    return join_parts(*state_parts(wo, what_and_where=False))


def saved_line(wo: WorkOrderPublic) -> str:
    """After an edit: "Saved: WO-2026-000001: Dispatched, High priority, crew PW2."."""
    return f"Saved: {sentence(short_line(wo))}"


def note_added(number: str) -> str:
    return f"Note added to {number}."


def reopened(wo: WorkOrderPublic) -> str:
    return f"Reopened: {sentence(short_line(wo))}"


def added_lines(wo: WorkOrderPublic) -> list[str]:
    """A work order added to a request: the fact, then its state."""
    return [f"Work order {wo.number} added to {wo.request}.", sentence(short_line(wo))]


def created_lines(wo: WorkOrderPublic) -> list[str]:
    """A crew-found work order created, with its own closed request: the fact, then its state."""
    return [
        f"Work order {wo.number} created for crew-found work, with its own closed request "
        f"{wo.request}.",
        sentence(short_line(wo)),
    ]


def discarded(number: str) -> str:
    return f"{number}: your change was discarded; theirs is shown."


def their_change_lines(
    before: WorkOrderPublic, after: WorkOrderPublic, *, zone: ZoneInfo, now: datetime
) -> list[str]:
    """What someone else saved since ``before`` was read: one line per change, then the state."""
    lines = [
        sentence(
            f"Changed by {printable(h.operator) or 'someone'}, {say_when(h.at, now=now, zone=zone)}: "
            f"{event_text(h)}"
        )
        for h in after.history[len(before.history) :]
    ]
    if not lines:
        lines.append("Changed by someone else; the history shows no new entry.")
    lines.append(f"Now: {sentence(short_line(after))}")
    return lines


def _change_parts(change: Change) -> list[tuple[str, str]]:
    """(field, value) of each part of an edit, typed text shown literally."""
    parts: list[tuple[str, str]] = []
    if change.status:
        parts.append(("Status", status_label(change.status)))
    if change.crew is not None:
        parts.append(("Crew", change.crew or "none"))
    if change.priority:
        parts.append(("Priority", priority_label(change.priority)))
    for label, value in (
        ("Reason", change.reason),
        ("Resolution", change.resolution),
        ("Note", change.note),
    ):
        if value:
            parts.append((label, printable(value)))
    return parts


def change_lines(change: Change) -> list[str]:
    """What the user asked for, one field per line: "Status: Dispatched"."""
    return [f"{label}: {value}" for label, value in _change_parts(change)] or ["No change."]


def change_words(change: Change) -> str:
    """The same on one line: "status Dispatched, crew PW3"."""
    return join_parts(*(f"{label.lower()} {value}" for label, value in _change_parts(change)))


