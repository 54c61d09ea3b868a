"""The Work orders workspace: the queue, a page at a time from the database.

The filter bar sits above the queue; the queue itself is a table of one page (50 work orders),
each row said as "WO-2026-000123, Assigned, OVERDUE 2 business days, High priority, Potholes,
1200 N Lake Ave, crew PW2, row 3 of 50, page 1 of 12". Down on the last row (Up on the first)
goes on to the next (previous) page. Enter opens the work order (``detail.WorkOrderScreen``).

Keys (in help, F1, and the palette, Ctrl+P): Enter open, F or / filters (Escape, or Enter in
a text field, comes back), O overdue only, S sort (due, newest, priority, number), N / P next
and previous page, X export to CSV, D the division's daily sheet, C new crew-found work order,
A add a work order to a request, Ctrl+R refresh. Supervisors also: Space select, U clear the
selection, B change the selection (crew, priority), E escalate overdue.

The filter and sort start where the operator left them last time and are kept whenever they
change (``desks.workorders.queue``, as in the screen-reader mode).

The queue refreshes when it is shown, on Ctrl+R, and when a timer finds that its fingerprint
(``services.queue_watch``: the queue's size and the newest change, a few index probes, read in
a worker) moved, or at once when another console commits a work-order change (``live_changed``,
``screens.live``); the page is then read again and only what changed is drawn. While nothing
changed nothing is repainted, so an idle console writes nothing to the terminal.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static

from csc_console.db.types import utcnow
from csc_console.desks.words import WORK_ORDERS
from csc_console.desks.workorders.queue import QueueState, not_kept
from csc_console.desks.workorders.results import (
    BulkOutcome,
    escalation_outcome,
    outcome_lines,
    outcome_summary,
)
from csc_console.desks.workorders.words import (
    BULK_CHANGE,
    NEW_CREW_FOUND,
    NO_MATCH,
    QUEUE_COLUMNS,
    first_page_notice,
    last_page_notice,
    mark,
    next_sort,
    page_words,
    queue_summary,
    row_cells,
    row_words,
    selected_notice,
    sorted_notice,
    where_name,
)
from csc_console.errors import CscError
from csc_console.screens.base import WorkspaceScreen
from csc_console.screens.work_orders.filters import FilterBar
from csc_console.screens.work_orders.tools import QueueTools
from csc_console.services.queue_watch import (
    Fingerprint,
    fingerprint,
    latest_change,
    queue_fingerprint,
)
from csc_console.services.queues import QueueFilter, QueuePage, list_queue
from csc_console.widgets.paged_table import PagedTable
from csc_console.widgets.text import literal

if TYPE_CHECKING:
    from csc_console.screens.live import LiveBatch
    from csc_console.services.context import Ctx

Signature = Fingerprint
PAGE_SIZE = 50  # rows read at once; the table scrolls within them
SUPERVISOR_ACTIONS = {"select_row", "clear_selection", "bulk", "escalate"}


@dataclass(frozen=True)
class QueueQuery:
    filt: QueueFilter
    sort: str = "due"
    offset: int = 0
    serial: int = 0


@dataclass(frozen=True)
class QueueView:
    query: QueueQuery
    page: QueuePage
    signature: Signature


def _key(key: str, action: str, words: str, id: str, show: bool = False) -> Binding:  # noqa: A002
    return Binding(key, action, words, id=id, show=show, tooltip=words)


class WorkOrdersScreen(QueueTools, WorkspaceScreen[QueueView]):
    # The queue takes focus once its first page is read: the screen's name and the first row
    # are said together.
    AUTO_FOCUS = ""
    a11y_title = WORK_ORDERS
    mode = "work_orders"
    REFRESH_SECONDS: ClassVar[float] = 15.0
    BINDINGS: ClassVar[list[Any]] = [
        _key("f,slash", "filters", "Filters", "wo-filters", show=True),
        _key("o", "overdue", "Overdue only on or off", "wo-overdue"),
        _key("s", "sort", "Sort (due, newest, priority, number)", "wo-sort", show=True),
        _key("n", "page(1)", "Next page", "wo-next-page"),
        _key("p", "page(-1)", "Previous page", "wo-previous-page"),
        _key("x", "export", "Export to CSV", "wo-export", show=True),
        _key("d", "day_sheet", "Print the division's daily sheet", "wo-day-sheet"),
        _key("c", "new", NEW_CREW_FOUND, "wo-new"),
        _key("a", "add", "Add a work order to a request", "wo-add-to-request"),
        _key("space", "select_row", "Select or unselect the work order", "wo-select"),
        _key("u", "clear_selection", "Clear the selection", "wo-clear-selection"),
        _key("b", "bulk", "Change the selected work orders", "wo-bulk"),
        _key("e", "escalate", "Escalate overdue work orders", "wo-escalate"),
    ]

    class Checked(Message):
        """The timer's signature check came back."""

        def __init__(self, serial: int, signature: Signature) -> None:
            super().__init__()
            self.serial = serial
            self.signature = signature

    def __init__(self) -> None:
        super().__init__()
        self.query_state = QueueQuery(QueueFilter())
        self.view: QueueView | None = None
        self.selected: dict[str, None] = {}  # ordered set of work-order numbers
        self._cursor_goal: str | int = "keep"
        self._keep_number: str | None = None
        self._timer: Timer | None = None
        self._checking = False
        self._shown: tuple[Any, ...] | None = None
        self._summary = ""

    # ------------------------------------------------------------------ layout
    @property
    def supervisor(self) -> bool:
        ctx = self.host.ctx
        return bool(ctx and ctx.operator and ctx.operator.is_supervisor)

    def compose_body(self) -> ComposeResult:
        yield Static(literal("Work orders: loading."), id="queue-summary", markup=False)
        ctx = self.host.ctx
        if ctx is not None:
            # Where this operator left the queue last time (the desk's rule, as in line mode).
            start = QueueState.for_operator(ctx.operator)
            self.query_state = replace(self.query_state, filt=start.filt, sort=start.sort)
            yield FilterBar(ctx.catalog, self.query_state.filt, id="wo-filters")
        yield PagedTable(
            "Work order queue",
            self._columns(),
            empty=NO_MATCH,
            id="wo-queue",
        )

    def _columns(self) -> tuple[str, ...]:
        return ("Sel", *QUEUE_COLUMNS) if self.supervisor else QUEUE_COLUMNS

    @property
    def table(self) -> PagedTable:
        return self.query_one("#wo-queue", PagedTable)

    def on_mount(self) -> None:
        self._timer = self.set_interval(self.REFRESH_SECONDS, self._tick, pause=True)

    # (Textual calls every class's handler along the MRO: WorkspaceScreen's reloads.)
    def on_screen_resume(self) -> None:
        if self._timer is not None:
            self._timer.resume()

    def on_screen_suspend(self) -> None:
        if self._timer is not None:
            self._timer.pause()

    # ------------------------------------------------------------------ loading
    def _reload(self, **changes: Any) -> None:
        self.query_state = replace(self.query_state, serial=self.query_state.serial + 1, **changes)
        self.reload()

    def now(self) -> datetime:
        """The time the queue is read at (overdue is counted to it); tests fix it."""
        return utcnow()

    def fetch(self, ctx: Ctx) -> QueueView:
        q = self.query_state
        now = self.now()
        latest = latest_change(ctx)  # first: a change after this look moves the next one
        page = list_queue(ctx, q.filt, sort=q.sort, offset=q.offset, limit=PAGE_SIZE, now=now)
        if not page.rows and q.offset > 0:  # the queue shrank under this page: its last page
            q = replace(q, offset=max(0, (page.total - 1) // PAGE_SIZE * PAGE_SIZE))
            page = list_queue(ctx, q.filt, sort=q.sort, offset=q.offset, limit=PAGE_SIZE, now=now)
        return QueueView(q, page, fingerprint(page.total, page.total_capped, latest))

    def show(self, data: QueueView) -> None:
        if data.query.serial != self.query_state.serial:
            return  # an answer to an earlier question
        self.query_state = data.query
        self.view = data
        rows = data.page.rows
        numbers = [r.number for r in rows]
        goal, self._cursor_goal = self._cursor_goal, "keep"
        keep = self._keep_number or (self._highlighted_number())
        if goal == "first":
            cursor = 0
        elif goal == "last":
            cursor = len(rows) - 1
        elif keep in numbers:
            cursor = numbers.index(keep)
        else:
            cursor = self.table.cursor_row
        self._keep_number = None
        shown = (
            [self._cells(r) for r in rows],
            [self._words(r) for r in rows],
            self._page_words(data.page),
            data.page.offset > 0,
            data.page.has_more,
        )
        if shown != self._shown or cursor != self.table.cursor_row:
            # Only what changed is drawn: a refresh that finds the same page writes nothing.
            self._shown = shown
            cells, words, where, before, after = shown
            self.table.show_page(
                cells, words, page_words=where, cursor=cursor, more_before=before, more_after=after
            )
        self._say_summary()
        if self.focused is None:
            self.table.focus()

    def _highlighted_number(self) -> str | None:
        view = self.view
        index = self.table.cursor_row
        if view is None or not 0 <= index < len(view.page.rows):
            return None
        return view.page.rows[index].number

    def _cells(self, row: Any) -> tuple[str, ...]:
        cells = row_cells(row, self.host.settings.zone)
        return (mark(row.number in self.selected), *cells) if self.supervisor else cells

    def _words(self, row: Any) -> str:
        return row_words(row, self.host.settings.zone, selected=row.number in self.selected)

    @staticmethod
    def _page_words(page: QueuePage) -> str:
        return page_words(page)

    def _say_summary(self) -> None:
        view = self.view
        ctx = self.host.ctx
        if view is None or ctx is None:
            return
        text = queue_summary(
            ctx.catalog, view.page, view.query.sort, selected=len(self.selected)
        )
        if text != self._summary:
            self._summary = text
            self.query_one("#queue-summary", Static).update(literal(text))

    # ------------------------------------------------------------------ the timer
    def _tick(self) -> None:
        ctx = self.host.ctx
        if ctx is None or self._checking or self.view is None:
            return
        if any(w.group == "load" and not w.is_finished for w in self.workers):
            return
        self._checking = True
        self._check(ctx, self.query_state)

    def live_changed(self, batch: LiveBatch) -> None:
        """Another console committed a work-order change: check the fingerprint now (the
        timer's check, so only a real change reloads the page, the cursor on the same row)."""
        if not batch.touches("work_order", "work_order_event") or not self.is_current:
            return
        if self._checking or any(w.group == "load" and not w.is_finished for w in self.workers):
            self.set_timer(0.05, partial(self.live_changed, batch))  # after the look in progress
            return
        self._tick()

    @work(thread=True, exit_on_error=False, group="signature")
    def _check(self, ctx: Ctx, query: QueueQuery) -> None:
        try:
            signature = queue_fingerprint(ctx, query.filt, now=self.now())
        finally:
            self._checking = False
        self.post_message(self.Checked(query.serial, signature))

    def on_work_orders_screen_checked(self, message: WorkOrdersScreen.Checked) -> None:
        view = self.view
        if view is None or message.serial != self.query_state.serial:
            return
        if message.signature != view.signature:
            self._reload()  # the same page, the cursor on the same work order

    def queue_filter(self) -> tuple[QueueFilter, str]:
        return self.query_state.filt, self.query_state.sort

    # ------------------------------------------------------------------ queue actions
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in SUPERVISOR_ACTIONS:
            return self.supervisor
        return True

    @work(thread=True, exclusive=True, exit_on_error=False, group="keep-filter")
    def _keep(self, state: QueueState) -> None:
        """Keep the filter and sort for next time (a failure only costs the default: a notice)."""
        ctx = self.host.ctx
        if ctx is None:
            return
        try:
            state.keep(ctx)
        except CscError as error:
            self.app.call_from_thread(self.app.notify, not_kept(error), severity="warning")

    @on(FilterBar.Changed)
    def _filters_changed(self, event: FilterBar.Changed) -> None:
        self._cursor_goal = "first"
        self._reload(filt=event.filt, offset=0)
        self._keep(QueueState(event.filt, self.query_state.sort))
        if event.submitted:
            self.table.focus()

    @on(FilterBar.Done)
    def _filters_done(self) -> None:
        self.table.focus()

    def action_filters(self) -> None:
        self.query_one("#filter-division").focus()

    def action_overdue(self) -> None:
        self.query_one(FilterBar).toggle_overdue()

    def action_sort(self) -> None:
        sort = next_sort(self.query_state.sort)
        self._cursor_goal = "first"
        self._reload(sort=sort, offset=0)
        self._keep(QueueState(self.query_state.filt, sort))
        self.app.notify(sorted_notice(sort))

    def action_page(self, step: int) -> None:
        view = self.view
        if view is None:
            return
        page = view.page
        if step > 0 and not page.has_more:
            self.app.notify(last_page_notice())
            return
        if step < 0 and page.offset == 0:
            self.app.notify(first_page_notice())
            return
        self._cursor_goal = "first"
        self._reload(offset=max(0, page.offset + step * PAGE_SIZE))

    @on(PagedTable.PageWanted)
    def _page_wanted(self, event: PagedTable.PageWanted) -> None:
        view = self.view
        if view is None:
            return
        self._cursor_goal = "first" if event.step > 0 else "last"
        self._reload(offset=max(0, view.page.offset + event.step * PAGE_SIZE))

    @on(PagedTable.RowSelected)
    def _open(self) -> None:
        from csc_console.screens.work_orders.detail import WorkOrderScreen

        number = self._highlighted_number()
        if number is not None:
            self.app.push_screen(WorkOrderScreen(number))

    # ------------------------------------------------------------------ supervisors
    def action_select_row(self) -> None:
        view = self.view
        index = self.table.cursor_row
        if view is None or not 0 <= index < len(view.page.rows):
            return
        row = view.page.rows[index]
        chosen = row.number not in self.selected
        if chosen:
            self.selected[row.number] = None
        else:
            del self.selected[row.number]
        self.table.set_row(index, self._cells(row), self._words(row))
        self._say_summary()
        self.app.notify(selected_notice(row.number, chosen, len(self.selected)))

    def action_clear_selection(self) -> None:
        self.selected.clear()
        self._reload()
        self.app.notify("Selection cleared.")

    def action_bulk(self) -> None:
        from csc_console.screens.work_orders.bulk_dialog import BulkDialog

        if not self.selected:
            self.app.notify(
                "Select work orders first: Space selects the highlighted one.", severity="warning"
            )
            return
        self.app.push_screen(BulkDialog(list(self.selected), self._crews()), self._bulk_done)

    def _bulk_done(self, outcome: BulkOutcome | None) -> None:
        if outcome is not None:
            for number in outcome.result.changed:
                self.selected.pop(number, None)
            self._report(BULK_CHANGE, outcome)

    def action_escalate(self) -> None:
        from csc_console.screens.work_orders.escalate_dialog import EscalateDialog

        ctx = self.host.ctx
        if ctx is None:
            return
        department = self.query_state.filt.department
        where = where_name(ctx.catalog, department, None)
        self.app.push_screen(
            EscalateDialog(department, where),
            lambda r: self._report("Escalation", None if r is None else escalation_outcome(r)),
        )

    def _report(self, action: str, outcome: BulkOutcome | None) -> None:
        from csc_console.screens.work_orders.results_dialog import ResultsDialog

        if outcome is None:
            return
        failed = outcome.result.failed
        said = " ".join([f"{action}: {outcome_summary(outcome)}", *outcome_lines(outcome)[: len(failed)]])
        self.app.notify(said, severity="warning" if failed else "information")
        self.app.push_screen(ResultsDialog(action, outcome))
        self._reload()
