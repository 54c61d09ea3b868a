"""The words of the Work orders workspace: queue rows, filters, a work order's parts, and what
someone else changed. Plain functions over the services' read models (no widgets), shared by
the queue, the detail view and the dialogs; caller-supplied text passes through ``printable``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from csc_console.catalog import Catalog
from csc_console.services.queues import QueueFilter, QueueRow
from csc_console.services.readback import when, work_order_lines
from csc_console.services.text import printable
from csc_console.services.workorders import Change, HistoryEntry, WorkOrderPublic
from csc_console.vocab import Priority, WorkOrderStatus

SORT_WORDS = {
    "due": "due time, earliest first",
    "created": "newest first",
    "priority": "priority, urgent first",
    "number": "work-order number",
}
SORTS = tuple(SORT_WORDS)
PAGE_SIZE = 50

# Status filter choices: (value, words); the value maps to QueueFilter.statuses.
OPEN = tuple(
    s.value
    for s in (
        WorkOrderStatus.NEW,
        WorkOrderStatus.ASSIGNED,
        WorkOrderStatus.DISPATCHED,
        WorkOrderStatus.IN_PROGRESS,
        WorkOrderStatus.ON_HOLD,
    )
)
CLOSED = (WorkOrderStatus.COMPLETED.value, WorkOrderStatus.CANCELLED.value)
STATUS_CHOICES: list[tuple[str, str]] = [
    ("open", "Open (any open status)"),
    *[(s.value, s.label) for s in WorkOrderStatus],
    ("closed", "Closed (completed or cancelled)"),
    ("any", "Any status"),
]


def statuses_for(choice: str) -> tuple[str, ...]:
    if choice == "open":
        return OPEN
    if choice == "closed":
        return CLOSED
    if choice == "any":
        return ()
    return (choice,)


def status_choice(statuses: tuple[str, ...]) -> str:
    if statuses == OPEN:
        return "open"
    if statuses == CLOSED:
        return "closed"
    if not statuses:
        return "any"
    return statuses[0] if len(statuses) == 1 else "open"


def status_label(status: str) -> str:
    return WorkOrderStatus(status).label


def priority_label(priority: str) -> str:
    return Priority(priority).label


# --------------------------------------------------------------------------- queue rows
def row_words(row: QueueRow, *, selected: bool = False) -> str:
    """How a queue row is said: number, status, overdue, priority, category, place, crew."""
    parts = ["selected"] if selected else []
    parts += [row.number, status_label(row.status)]
    if row.overdue_text:
        parts.append(row.overdue_text)
    parts += [
        f"{priority_label(row.priority)} priority",
        row.category_name,
        printable(row.address) or "no address",
        f"crew {row.crew}" if row.crew else "no crew",
    ]
    return ", ".join(parts)


QUEUE_COLUMNS = ("Number", "Status", "Overdue", "Priority", "Due", "Crew", "Category", "Address")


def row_cells(row: QueueRow, zone: ZoneInfo) -> tuple[str, ...]:
    return (
        row.number,
        status_label(row.status),
        row.overdue_text or ("on time" if row.due_at and row.status in OPEN else ""),
        priority_label(row.priority),
        when(row.due_at, zone),
        row.crew or "none",
        row.category_name,
        printable(row.address) or "no address",
    )


def mark(selected: bool) -> str:
    return "[x]" if selected else "[ ]"


def page_words(offset: int, rows: int, total: int, capped: bool, limit: int) -> str:
    if not rows:
        return ""
    page = offset // limit + 1
    if capped:
        return f"page {page} of more than {total // limit}"
    pages = max(1, -(-total // limit))
    return f"page {page} of {pages}"


def where_words(catalog: Catalog, department: str | None, division: str | None) -> str:
    if not department:
        return "all departments"
    try:
        dept = catalog.department(department)
    except Exception:
        return printable(department)
    chosen = dept.division(division) if division else None
    return f"{dept.name}, {chosen.name}" if chosen else dept.name


def filter_words(catalog: Catalog, f: QueueFilter) -> str:
    """ "Open work orders in Department of Public Works, Streets; overdue; crew PW2"."""
    choice = status_choice(f.statuses)
    which = {
        "open": "Open work orders",
        "closed": "Closed work orders",
        "any": "Work orders of any status",
    }.get(choice, f"{status_label(choice)} work orders" if choice in OPEN + CLOSED else "")
    parts = [f"{which} in {where_words(catalog, f.department, f.division)}"]
    if f.crew:
        parts.append(f"crew {f.crew}")
    if f.category:
        try:
            parts.append(catalog.category(f.category).name)
        except Exception:
            parts.append(printable(f.category))
    if f.priority:
        parts.append(f"{priority_label(f.priority)} priority")
    if f.overdue:
        parts.append("overdue only")
    if f.text:
        parts.append(f"matching {printable(f.text)}")
    if f.address:
        parts.append(f"address containing {printable(f.address)}")
    return "; ".join(parts)


# --------------------------------------------------------------------------- one work order
def summary(wo: WorkOrderPublic) -> str:
    parts = [f"{wo.number}: {status_label(wo.status)}"]
    if wo.overdue_text:
        parts.append(wo.overdue_text)
    parts += [
        f"{priority_label(wo.priority)} priority",
        wo.category_name,
        printable(wo.address) or "no address",
        f"crew {wo.crew}" if wo.crew else "no crew",
    ]
    return ", ".join(parts)


def fact_lines(wo: WorkOrderPublic, zone: ZoneInfo) -> list[str]:
    """The work order itself, one fact per line (callers and history have lists of their own)."""
    return [
        line
        for line in work_order_lines(wo, zone)
        if not line.startswith(("Call back:", "History:"))
    ]


def callback_lines(wo: WorkOrderPublic) -> list[str]:
    lines = []
    for c in wo.callers:
        name = printable(c.name) or "Caller"
        reach = c.phone or printable(c.email) or "no number"
        when_ = f", call back {printable(c.preferred_callback)}" if c.preferred_callback else ""
        lines.append(f"{name}, {reach}{when_}, {'told' if c.notified else 'not told yet'}")
    return lines


def history_line(h: HistoryEntry, zone: ZoneInfo) -> str:
    move = ""
    if h.to_status:
        before = status_label(h.from_status) if h.from_status else "start"
        move = f" {before} to {status_label(h.to_status)}"
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


# --------------------------------------------------------------------------- stale edits
def changes_between(before: WorkOrderPublic, after: WorkOrderPublic, zone: ZoneInfo) -> list[str]:
    """What someone else changed between two versions of a work order, one change per line."""
    lines: list[str] = []

    def compare(label: str, old: str | None, new: str | None) -> None:
        if (old or "") != (new or ""):
            lines.append(f"{label}: {old or 'none'} -> {new or 'none'}")

    compare("Status", status_label(before.status), status_label(after.status))
    compare("Crew", before.crew, after.crew)
    compare("Priority", priority_label(before.priority), priority_label(after.priority))
    compare("Reason", printable(before.status_reason), printable(after.status_reason))
    compare("Resolution", printable(before.resolution), printable(after.resolution))
    known = len(before.history)
    for h in after.history[known:]:
        lines.append(f"History: {history_line(h, zone)}")
    if not lines:
        lines.append("Nothing you can see changed (a save that changed no field).")
    return lines


def change_lines(change: Change) -> list[str]:
    """What the user asked for, one field per line, typed text shown literally."""
    lines: list[str] = []
    if change.status is not None:
        lines.append(f"Status: {status_label(change.status)}")
    if change.crew is not None:
        lines.append(f"Crew: {change.crew or 'none'}")
    if change.priority is not None:
        lines.append(f"Priority: {priority_label(change.priority)}")
    for label, value in (
        ("Reason", change.reason),
        ("Resolution", change.resolution),
        ("Note", change.note),
    ):
        if value:
            lines.append(f"{label}: {printable(value)}")
    return lines or ["No change."]


@dataclass(frozen=True)
class CrewChoice:
    call_sign: str
    words: str


def crew_choices(
    catalog: Catalog, division: str | None, department: str | None
) -> list[CrewChoice]:
    """The catalog's units, the work order's division first, then its department, then the rest."""

    def rank(unit_division: str | None, unit_department: str) -> int:
        if division and unit_division == division:
            return 0
        if department and unit_department == department:
            return 1
        return 2

    units = sorted(
        catalog.units,
        key=lambda u: (rank(u.division, u.department), _sign_key(u.call_sign)),
    )
    return [CrewChoice(u.call_sign, f"{u.call_sign}, {u.name}") for u in units]


def crew_options(
    catalog: Catalog, division: str | None, department: str | None
) -> list[tuple[str, str]]:
    """(call sign, words) pairs for a list of crews, the division's first."""
    return [(c.call_sign, c.words) for c in crew_choices(catalog, division, department)]


def _sign_key(sign: str) -> tuple[str, int]:
    letters = sign.rstrip("0123456789")
    digits = sign[len(letters) :]
    return letters, int(digits) if digits else 0


def joined(numbers: Sequence[str], limit: int = 8) -> str:
    shown = ", ".join(numbers[:limit])
    more = len(numbers) - limit
    return shown + (f" and {more} more" if more > 0 else "")
