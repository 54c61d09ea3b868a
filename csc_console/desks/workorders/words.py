"""What the work-order queue says, in both front ends: labels, the sort, the status choices, places
and crews, the filter and its choices, the actions on one work order, the queue's count and page, and its rows (one work order: ``detail``; bulk
results and files: ``results``).

One function per sentence, from the services' facts (``QueueRow``, ``QueuePage``,
``WorkOrderPublic``). A label never raises: a status or priority the vocabulary does not know is
said as a readable word. Caller-supplied text passes through ``printable`` here, so a front end
can show what it gets."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from csc_console.catalog import Catalog
from csc_console.catalog.schema import UnitDef
from csc_console.desks.choices import Option
from csc_console.desks.text import join_parts, sentence
from csc_console.desks.words import plural
from csc_console.errors import CscError
from csc_console.services.queues import QueueFilter, QueuePage, QueueRow
from csc_console.services.text import printable, when
from csc_console.services.workorders import (
    OPEN_STATUSES,
    WorkOrderPublic,
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


# The titles of actions and choices both front ends offer (the full screen's keys, dialogs and
# check box; the screen-reader mode's numbered choices and questions).
NEW_CREW_FOUND = "New crew-found work order"
BACK_TO_QUEUE = "Back to the queue"
CHANGE_STATUS = "Change status"
ASSIGN_CREW = "Assign a crew"
WORK_ORDER = "Work order"
ADD_NOTE = "Add a note"
BULK_CHANGE = "Bulk change"
YOUR_CHANGE = "Your change"  # a stale edit: what this operator typed
RADIO_LOG = "Radio log"
CALLBACK_LIST = "Call-back list"
ANY_CATEGORY = "Any category"
ANY_PRIORITY = "Any priority"
OVERDUE_ONLY = "Overdue only"


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


def state_parts(w: QueueRow | WorkOrderPublic, *, what_and_where: bool = True) -> list[str]:
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
    return join_parts(*state_parts(row), f"due {when(row.due_at, zone)}")


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
