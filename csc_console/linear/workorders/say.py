"""What the work-order workspace says, as lines: the filter, a page of the queue, the call-back
list, what someone else changed. One record per line, the most important part first;
``LineIO`` makes caller-supplied text printable."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from csc_console.catalog import Catalog
from csc_console.catalog.schema import UnitDef
from csc_console.desks.choices import Option
from csc_console.desks.text import join_parts
from csc_console.desks.words import say_when
from csc_console.errors import CscError
from csc_console.services.queues import QueueFilter, QueuePage
from csc_console.services.readback import work_order_summary
from csc_console.services.workorders import OPEN_STATUSES, HistoryEntry, WorkOrderPublic
from csc_console.vocab import Priority, WorkOrderStatus

PER_PAGE = 10
OPEN = tuple(s.value for s in OPEN_STATUSES)
SORTS: Sequence[Option[str]] = (
    Option("due", "Due first", "the oldest due time first"),
    Option("created", "Newest first"),
    Option("priority", "Highest priority first", "then due first"),
    Option("number", "By number"),
)
SORT_WORDS = {o.value: o.title.lower() for o in SORTS}


def status_label(value: str | None) -> str:
    try:
        return WorkOrderStatus(value or "").label
    except ValueError:
        return value or ""


def priority_label(value: str | None) -> str:
    try:
        return Priority(value or "").label
    except ValueError:
        return value or ""


def or_list(words: Sequence[str]) -> str:
    """"a", "a or b", "a, b or c"."""
    if len(words) <= 2:
        return " or ".join(words)
    return f"{', '.join(words[:-1])} or {words[-1]}"


def sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?")) else f"{text}."


# --------------------------------------------------------------------------- places and crews
def where_value(department: str | None, division: str | None) -> str:
    return f"{department}/{division}" if department and division else department or ""


def split_where(value: str) -> tuple[str | None, str | None]:
    department, _, division = value.partition("/")
    return department or None, division or None


def where_name(catalog: Catalog, department: str | None, division: str | None) -> str:
    if not department:
        return "all departments"
    try:
        dept = catalog.department(department)
    except CscError:
        return department
    chosen = dept.division(division)
    if division and chosen is None:
        return f"{dept.name}, {division}"
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


def crews_of(catalog: Catalog, department: str | None, division: str | None) -> list[UnitDef]:
    """The division's units (or the department's), in call-sign order: PW2 before PW10."""
    units = [
        u
        for u in catalog.units
        if department
        and u.department == department
        and (division is None or u.division == division)
    ]
    return sorted(units, key=lambda u: natural(u.call_sign))


def natural(call_sign: str) -> tuple[str, int, str]:
    head = call_sign.rstrip("0123456789")
    tail = call_sign[len(head) :]
    return head, int(tail) if tail else -1, call_sign


# --------------------------------------------------------------------------- the filter
def statuses_phrase(statuses: Sequence[str]) -> str:
    if not statuses or set(statuses) == {s.value for s in WorkOrderStatus}:
        return "work orders of any status"
    if tuple(sorted(statuses)) == tuple(sorted(OPEN)):
        return "open work orders"
    return f"{or_list([status_label(s).lower() for s in statuses])} work orders"


def filter_line(catalog: Catalog, filt: QueueFilter, sort: str) -> str:
    """"Queue: open work orders, all departments, due first." and the rest of the filter."""
    return f"Queue: {filter_words(catalog, filt, sort)}."


def filter_words(catalog: Catalog, filt: QueueFilter, sort: str) -> str:
    """"open work orders, all departments, due first" and the rest of the filter."""
    category = None
    if filt.category:
        try:
            category = catalog.category(filt.category).name
        except CscError:
            category = filt.category
    return join_parts(
        statuses_phrase(filt.statuses),
        where_name(catalog, filt.department, filt.division),
        f"crew {filt.crew}" if filt.crew else None,
        category,
        f"{priority_label(filt.priority)} priority" if filt.priority else None,
        "overdue only" if filt.overdue else None,
        f"matching {filt.text}" if filt.text else None,
        f"address containing {filt.address}" if filt.address else None,
        SORT_WORDS.get(sort, sort),
    )


def page_count(page: QueuePage) -> int:
    return max(1, -(-page.total // PER_PAGE))


def page_status(page: QueuePage) -> str:
    number = page.offset // PER_PAGE + 1
    total = page.describe_total()
    count = f"{total} work order{'' if page.total == 1 and not page.total_capped else 's'}"
    of = "" if page.total_capped else f" of {page_count(page)}"
    return f"{count}, page {number}{of}."


def page_lines(page: QueuePage, zone: ZoneInfo) -> list[str]:
    return [
        f"{page.offset + i}. {work_order_summary(row, zone)}"
        for i, row in enumerate(page.rows, start=1)
    ]


# --------------------------------------------------------------------------- one work order
def short_line(wo: WorkOrderPublic) -> str:
    """The state of a work order after a change: "WO-2026-000001: Dispatched, crew PW2, ..."."""
    return join_parts(
        f"{wo.number}: {status_label(wo.status)}",
        wo.overdue_text or None,
        f"{priority_label(wo.priority)} priority",
        f"crew {wo.crew}" if wo.crew else "no crew",
    )


def callback_lines(wo: WorkOrderPublic) -> list[str]:
    lines = []
    for i, c in enumerate(wo.callers, start=1):
        lines.append(
            f"{i}. "
            + join_parts(
                c.name or "Caller, no name",
                c.phone or None,
                c.email,
                f"call-back {c.preferred_callback}" if c.preferred_callback else None,
                "told" if c.notified else "not told yet",
            )
        )
    return lines


def event_text(h: HistoryEntry) -> str:
    if h.to_status:
        move = f"status {status_label(h.from_status).lower() or 'none'} to {status_label(h.to_status).lower()}"
        return move + (f": {h.text}" if h.text else "")
    return h.text or h.kind


def their_change_lines(
    before: WorkOrderPublic, after: WorkOrderPublic, *, zone: ZoneInfo, now: datetime
) -> list[str]:
    """What someone else saved since ``before`` was read: one line per change, then the state."""
    lines = [
        sentence(
            f"Changed by {h.operator or 'someone'}, {say_when(h.at, now=now, zone=zone)}: "
            f"{event_text(h)}"
        )
        for h in after.history[len(before.history) :]
    ]
    if not lines:
        lines.append("Changed by someone else; the history shows no new entry.")
    lines.append(f"Now: {sentence(short_line(after))}")
    return lines


def change_words(
    *,
    status: str | None = None,
    crew: str | None = None,
    priority: str | None = None,
    note: str | None = None,
    resolution: str | None = None,
    reason: str | None = None,
) -> str:
    """What an edit does, in words: "status Dispatched, crew PW3"."""
    return join_parts(
        f"status {status_label(status)}" if status else None,
        (f"crew {crew}" if crew else "no crew") if crew is not None else None,
        f"priority {priority_label(priority)}" if priority else None,
        f"reason {reason}" if reason else None,
        f"resolution {resolution}" if resolution else None,
        f"note {note}" if note else None,
    )

