"""What the work-order queue and a work order say, in both front ends: labels, the filter and the
sort, the queue's count and page, one work order's lines, the call-back list, its history, what
someone else changed, and the refusals of a status change.

One function per sentence, from the services' facts (``QueueRow``, ``QueuePage``,
``WorkOrderPublic``). A label never raises: a status or priority the vocabulary does not know is
said as a readable word. Caller-supplied text passes through ``printable`` here, so a front end
can show what it gets."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from zoneinfo import ZoneInfo

from csc_console.catalog import Catalog
from csc_console.catalog.schema import UnitDef
from csc_console.desks.choices import Option
from csc_console.desks.text import join_parts, sentence
from csc_console.desks.words import plural, say_date, say_when
from csc_console.errors import CscError, ValidationError
from csc_console.services.queues import QueueFilter, QueuePage, QueueRow
from csc_console.services.readback import when
from csc_console.services.text import printable
from csc_console.services.workorder_views import CallBack
from csc_console.services.workorders import (
    NEEDS_REASON,
    OPEN_STATUSES,
    BulkResult,
    Change,
    HistoryEntry,
    WorkOrderPublic,
    allowed_next,
    transition_refusal,
)
from csc_console.vocab import Priority, WorkOrderStatus

OPEN = tuple(s.value for s in OPEN_STATUSES)
CLOSED = (WorkOrderStatus.COMPLETED.value, WorkOrderStatus.CANCELLED.value)


# --------------------------------------------------------------------------- labels
def _readable(value: str | None) -> str:
    """A code the vocabulary does not know, said as a word: "awaiting_parts" -> "Awaiting parts"."""
    return " ".join((value or "").replace("_", " ").replace("-", " ").split()).capitalize()


def status_label(value: str | None) -> str:
    """"Dispatched"; an unknown status as a readable word; "" for none."""
    try:
        return WorkOrderStatus(value or "").label
    except ValueError:
        return _readable(value)


def priority_label(value: str | None) -> str:
    try:
        return Priority(value or "").label
    except ValueError:
        return _readable(value)


def or_list(words: Sequence[str]) -> str:
    """"a", "a or b", "a, b or c"."""
    if len(words) <= 2:
        return " or ".join(words)
    return f"{', '.join(words[:-1])} or {words[-1]}"


def joined(numbers: Sequence[str], limit: int = 8) -> str:
    """Work-order numbers in a sentence, the first ``limit`` of them: "WO-1, WO-2 and 3 more"."""
    shown = ", ".join(numbers[:limit])
    more = len(numbers) - limit
    return shown + (f" and {more} more" if more > 0 else "")


def work_orders(count: int) -> str:
    """"1 work order", "3 work orders"."""
    return plural(count, "work order")


# --------------------------------------------------------------------------- sort
SORTS: Sequence[Option[str]] = (
    Option("due", "Due first", "the oldest due time first"),
    Option("created", "Newest first"),
    Option("priority", "Highest priority first", "then due first"),
    Option("number", "By number"),
)
SORT_VALUES = tuple(o.value for o in SORTS)


def sort_words(sort: str) -> str:
    """"due first", "newest first", "highest priority first", "by number"."""
    for option in SORTS:
        if option.value == sort:
            return option.title.lower()
    return _readable(sort).lower()


def next_sort(sort: str) -> str:
    """The sort after ``sort``, round the list (one key steps through them)."""
    index = SORT_VALUES.index(sort) if sort in SORT_VALUES else -1
    return SORT_VALUES[(index + 1) % len(SORT_VALUES)]


def sorted_notice(sort: str) -> str:
    """"Sort: newest first."."""
    return f"Sort: {sort_words(sort)}."


# --------------------------------------------------------------------------- statuses filter
STATUS_CHOICES: Sequence[Option[str]] = (
    Option("open", "Open (any open status)"),
    *(Option(s.value, s.label) for s in WorkOrderStatus),
    Option("closed", "Closed (completed or cancelled)"),
    Option("any", "Any status"),
)


def statuses_for(choice: str) -> tuple[str, ...]:
    """The statuses a status choice stands for (``QueueFilter.statuses``)."""
    if choice == "open":
        return OPEN
    if choice == "closed":
        return CLOSED
    if choice == "any":
        return ()
    return (choice,)


def status_choice(statuses: Sequence[str]) -> str:
    """The status choice for a filter's statuses (several others count as "open")."""
    chosen = tuple(sorted(statuses))
    if chosen == tuple(sorted(OPEN)):
        return "open"
    if chosen == tuple(sorted(CLOSED)):
        return "closed"
    if not statuses or set(statuses) == {s.value for s in WorkOrderStatus}:
        return "any"
    return statuses[0] if len(statuses) == 1 else "open"


def statuses_phrase(statuses: Sequence[str]) -> str:
    """"open work orders", "closed work orders", "dispatched or on hold work orders"."""
    if not statuses or set(statuses) == {s.value for s in WorkOrderStatus}:
        return "work orders of any status"
    if tuple(sorted(statuses)) == tuple(sorted(OPEN)):
        return "open work orders"
    if tuple(sorted(statuses)) == tuple(sorted(CLOSED)):
        return "closed work orders"
    return f"{or_list([status_label(s).lower() for s in statuses])} work orders"


# --------------------------------------------------------------------------- places and crews
def where_value(department: str | None, division: str | None) -> str:
    return f"{department}/{division}" if department and division else department or ""


def split_where(value: str) -> tuple[str | None, str | None]:
    department, _, division = value.partition("/")
    return department or None, division or None


def where_name(catalog: Catalog, department: str | None, division: str | None) -> str:
    """"all departments", "Department of Public Works", "Streets" (a division by its name)."""
    if not department:
        return "all departments"
    try:
        dept = catalog.department(department)
    except CscError:
        return printable(department)
    chosen = dept.division(division) if division else None
    if division and chosen is None:
        return f"{dept.name}, {printable(division)}"
    return chosen.name if chosen else dept.name


def where_options(catalog: Catalog, *, everything: str | None = "All departments") -> list[Option[str]]:
    """Departments with crews or work-order categories, each followed by its divisions."""
    used: dict[str, set[str]] = {}
    for unit in catalog.units:
        used.setdefault(unit.department, set()).add(unit.division or "")
    for category in catalog.categories:
        if category.work_order:
            routing = category.routing({})
            used.setdefault(routing.department, set()).add(routing.division or "")
    options = [Option("", everything)] if everything else []
    for dept in catalog.departments:
        if dept.code not in used:
            continue
        options.append(Option(dept.code, dept.name, "every division"))
        options += [
            Option(where_value(dept.code, d.code), d.name, dept.name)
            for d in dept.divisions
            if d.code in used[dept.code]
        ]
    return options


def natural(call_sign: str) -> tuple[str, int, str]:
    """Call-sign order: PW2 before PW10."""
    head = call_sign.rstrip("0123456789")
    tail = call_sign[len(head) :]
    return head, int(tail) if tail else -1, call_sign


def crews_of(catalog: Catalog, department: str | None, division: str | None) -> list[UnitDef]:
    """The division's units (or the department's), in call-sign order."""
    units = [
        u
        for u in catalog.units
        if department
        and u.department == department
        and (division is None or u.division == division)
    ]
    return sorted(units, key=lambda u: natural(u.call_sign))


def crew_options(catalog: Catalog, division: str | None, department: str | None) -> list[Option[str]]:
    """Every crew, the work order's division first, then its department, then the rest."""

    def rank(unit: UnitDef) -> int:
        if division and unit.division == division:
            return 0
        if department and unit.department == department:
            return 1
        return 2

    units = sorted(catalog.units, key=lambda u: (rank(u), natural(u.call_sign)))
    return [Option(u.call_sign, f"{u.call_sign}, {u.name}") for u in units]


# --------------------------------------------------------------------------- the filter
def filter_words(catalog: Catalog, filt: QueueFilter, sort: str) -> str:
    """"open work orders, all departments, due first" and the rest of the filter."""
    category = None
    if filt.category:
        try:
            category = catalog.category(filt.category).name
        except CscError:
            category = printable(filt.category)
    return join_parts(
        statuses_phrase(filt.statuses),
        where_name(catalog, filt.department, filt.division),
        f"crew {filt.crew}" if filt.crew else None,
        category,
        f"{priority_label(filt.priority)} priority" if filt.priority else None,
        "overdue only" if filt.overdue else None,
        f"matching {printable(filt.text)}" if filt.text else None,
        f"address containing {printable(filt.address)}" if filt.address else None,
        sort_words(sort),
    )


def filter_line(catalog: Catalog, filt: QueueFilter, sort: str) -> str:
    """"Queue: open work orders, all departments, due first."."""
    return f"Queue: {filter_words(catalog, filt, sort)}."


NO_MATCH = "No work orders match this filter; change the filter to widen it."


# --------------------------------------------------------------------------- the count and the page
def count_words(page: QueuePage) -> str:
    """"1 work order", "23 work orders", "more than 1,000 work orders"."""
    if page.total_capped:
        return f"{page.describe_total()} work orders"
    return work_orders(page.total)


def page_number(page: QueuePage) -> int:
    return page.offset // max(1, page.limit) + 1


def page_count(page: QueuePage) -> int:
    return max(1, -(-page.total // max(1, page.limit)))


def page_words(page: QueuePage) -> str:
    """"page 2 of 3", "page 1 of more than 20"; "" for an empty page."""
    if not page.rows:
        return ""
    if page.total_capped:
        return f"page {page_number(page)} of more than {page.total // max(1, page.limit)}"
    return f"page {page_number(page)} of {page_count(page)}"


def page_status(page: QueuePage) -> str:
    """"23 work orders, page 1 of 3." (the line mode's status line, the screen's summary end)."""
    return sentence(join_parts(count_words(page), page_words(page)))


def queue_summary(catalog: Catalog, page: QueuePage, sort: str, *, selected: int = 0) -> str:
    """The filter, the count and the page, and the selection: the queue's heading in a sentence."""
    filt = filter_words(catalog, page.filter, sort)
    text = f"{filt[:1].upper()}{filt[1:]}: {page_status(page)}"
    if page.rows:
        text += f" Showing {page.offset + 1} to {page.offset + len(page.rows)}."
    if selected:
        text += f" {selected:,} selected."
    return text


def first_page_notice() -> str:
    return "This is the first page."


def last_page_notice() -> str:
    return "This is the last page."


# --------------------------------------------------------------------------- queue rows
QUEUE_COLUMNS = ("Number", "Status", "Overdue", "Priority", "Due", "Crew", "Category", "Address")


def _state(w: QueueRow | WorkOrderPublic, *, what_and_where: bool = True) -> list[str]:
    """Number and status, overdue, priority, (category and address,) crew: the parts of every
    one-line account of a work order, most important first."""
    parts = [f"{w.number}: {status_label(w.status)}"]
    if w.overdue_text:
        parts.append(w.overdue_text)
    parts.append(f"{priority_label(w.priority)} priority")
    if what_and_where:
        parts += [w.category_name, printable(w.address) or "no address"]
    parts.append(f"crew {w.crew}" if w.crew else "no crew")
    return parts


def row_line(row: QueueRow | WorkOrderPublic, zone: ZoneInfo) -> str:
    """One work order on one line, the important part first, with its due time."""
    return join_parts(*_state(row), f"due {when(row.due_at, zone)}")


def row_words(row: QueueRow, zone: ZoneInfo, *, selected: bool = False) -> str:
    """How a queue row is said on the full screen: ``row_line``, "selected" first when it is."""
    return join_parts("selected" if selected else None, row_line(row, zone))


def numbered_lines(page: QueuePage, zone: ZoneInfo) -> list[str]:
    """The page's rows, numbered on across pages (page 2 is 11 to 20)."""
    return [f"{page.offset + i}. {row_line(row, zone)}" for i, row in enumerate(page.rows, start=1)]


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


def change_selected(count: int) -> str:
    """"Change 2 selected work orders" (the supervisors' bulk change)."""
    return f"Change {plural(count, 'selected work order')}"


def selected_notice(number: str, selected: bool, count: int) -> str:
    return f"{number} {'selected' if selected else 'unselected'}; {count:,} selected."


# --------------------------------------------------------------------------- one work order
def summary(wo: WorkOrderPublic) -> str:
    """"WO-2026-000001: Dispatched, High priority, Potholes, 100 N Lake Ave, crew PW2"."""
    return join_parts(*_state(wo))


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
    return join_parts(*_state(wo, what_and_where=False))


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
