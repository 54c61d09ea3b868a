"""One work order, opened from the queue with Enter: the work order, its request, the call-back
list, notes, history and (with dispatch) its radio log, each a list read one line at a time
(Tab goes from list to list). Every action is a key and a dialog:

S status (only the statuses it may go to next), C crew, P priority, N note, T mark the
callers told, W print its sheet, A add another work order to its request, R reopen
(supervisors; completed or cancelled work orders), Ctrl+R reload, Escape back to the queue.

Every change is saved with the version this screen shows: if someone else saved first, the
stale-edit dialog shows their change beside yours (your text kept) to apply again or discard.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

from csc_console.db.types import utcnow
from csc_console.desks.readback import request_lines
from csc_console.desks.workorders.detail import (
    ALL_TOLD,
    added_lines,
    callback_lines,
    callers_marked,
    discarded,
    fact_lines,
    history_lines,
    note_lines,
    status_locked,
    summary,
)
from csc_console.desks.workorders.words import (
    ADD_NOTE,
    ASSIGN_CREW,
    BACK_TO_QUEUE,
    CALLBACK_LIST,
    CHANGE_STATUS,
    RADIO_LOG,
    WORK_ORDER,
    crew_options,
    status_label,
)
from csc_console.screens.base import CscScreen
from csc_console.screens.work_orders import radio
from csc_console.screens.work_orders.form import EditResult, Saved, Stale
from csc_console.screens.work_orders.jobs import Jobs
from csc_console.services.text import printable
from csc_console.services.workorders import (
    WorkOrderPublic,
    allowed_next,
    get_work_order,
    mark_callers_notified,
)
from csc_console.widgets.lists import ReadList
from csc_console.widgets.text import literal

if TYPE_CHECKING:
    from csc_console.screens.live import LiveBatch
    from csc_console.services.context import Ctx


@dataclass(frozen=True)
class Detail:
    wo: WorkOrderPublic
    request: list[str]
    radio: list[str] | None


def _key(key: str, action: str, words: str, id: str, show: bool = True) -> Binding:  # noqa: A002
    return Binding(key, action, words, id=id, show=show, tooltip=words)


LISTS = (
    (WORK_ORDER, "wo-facts", "Loading."),
    ("Request", "wo-request", "No request."),
    (CALLBACK_LIST, "wo-callers", "No callers to tell."),
    ("Notes", "wo-notes", "No notes."),
    ("History", "wo-history", "No history."),
    (RADIO_LOG, "wo-radio", radio.NOT_YET),
)


class WorkOrderScreen(Jobs, CscScreen):
    # Focus goes to the work order once it is read, so the screen's name and its first line
    # are said together (not the name with "loading", then the line on its own).
    AUTO_FOCUS = ""
    BINDINGS: ClassVar[list[Any]] = [
        _key("escape", "back", BACK_TO_QUEUE, "back-to-queue"),
        _key("s", "status", CHANGE_STATUS, "wo-status"),
        _key("c", "crew", ASSIGN_CREW, "wo-crew"),
        _key("p", "priority", "Change priority", "wo-priority"),
        _key("n", "note", ADD_NOTE, "wo-note"),
        _key("t", "told", "Mark the callers told", "wo-told", show=False),
        _key("w", "sheet", "Print the work-order sheet", "wo-sheet"),
        _key("a", "add", "Add another work order to its request", "wo-add", show=False),
        _key("r", "reopen", "Reopen (supervisors)", "wo-reopen", show=False),
        Binding("ctrl+r", "reload", "Reload the work order", id="refresh"),
    ]

    class Loaded(Message):
        def __init__(self, detail: Detail) -> None:
            super().__init__()
            self.detail = detail

    def __init__(self, number: str) -> None:
        super().__init__(classes="wo-detail")
        self.number = number
        self.a11y_title = f"Work order {number}"  # type: ignore[misc]
        self.detail: Detail | None = None
        self._covered = False
        self._focus_next: str | None = None

    @property
    def wo(self) -> WorkOrderPublic | None:
        return self.detail.wo if self.detail else None

    # ------------------------------------------------------------------ layout
    def compose_body(self) -> ComposeResult:
        yield Static(literal(f"{self.number}: loading."), id="wo-summary", markup=False)
        with VerticalScroll(id="wo-detail", can_focus=False):
            for label, id_, empty in LISTS:
                yield Static(literal(f"{label}:"), classes="list-label", markup=False)
                yield ReadList(label, None, empty=empty, id=id_)

    def on_mount(self) -> None:
        self.reload()

    def on_screen_suspend(self) -> None:
        self._covered = self.app.screen is not self and self.app.screen.is_modal

    def on_screen_resume(self) -> None:
        if self.detail is not None and not self._covered:
            self.reload()
        self._covered = False

    # ------------------------------------------------------------------ loading
    def reload(self) -> None:
        if self.host.ctx is not None:
            self._load(self.host.ctx, self.number)

    def now(self) -> datetime:
        """The time overdue is counted to; tests fix it."""
        return utcnow()

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def _load(self, ctx: Ctx, number: str) -> None:
        wo = get_work_order(ctx, number=number, now=self.now())
        lines: list[str] = []
        if wo.request:
            from csc_console.services.requests import get_request

            lines = request_lines(get_request(ctx, number=wo.request), ctx.zone)
        self.post_message(self.Loaded(Detail(wo, lines, radio.radio_log_lines(ctx, wo))))

    def on_work_order_screen_loaded(self, message: WorkOrderScreen.Loaded) -> None:
        if message.detail == self.detail and self._focus_next is None:
            return  # a live refresh that found nothing new: nothing is redrawn
        self.show(message.detail)

    def live_changed(self, batch: LiveBatch) -> None:
        """Someone changed this work order (or its history, radio log, request): read it again;
        the lists keep their places."""
        wo = self.wo
        if wo is None or not self.is_current:
            return
        if str(wo.id) in batch.ids("work_order") or batch.touches(
            "work_order_event", "dispatch_entry", "service_request"
        ):
            self.reload()

    def show(self, detail: Detail) -> None:
        self.detail = detail
        wo = detail.wo
        zone = self.host.settings.zone
        self.query_one("#wo-summary", Static).update(literal(summary(wo)))
        self.query_one("#wo-facts", ReadList).set_lines(fact_lines(wo, zone)[1:])
        self.query_one("#wo-request", ReadList).set_lines(detail.request)
        self.query_one("#wo-callers", ReadList).set_lines(callback_lines(wo))
        self.query_one("#wo-notes", ReadList).set_lines(note_lines(wo, zone))
        self.query_one("#wo-history", ReadList).set_lines(history_lines(wo, zone))
        radio_list = self.query_one("#wo-radio", ReadList)
        radio_list.empty_text = radio.NOT_YET if detail.radio is None else radio.EMPTY
        radio_list.set_lines(detail.radio or [])
        if self._focus_next is not None:
            wanted = self.query_one(self._focus_next, ReadList)
            self._focus_next = None
            wanted.focus()
            wanted.highlighted = 0 if wanted.lines else None
        elif self.focused is None:
            self.query_one("#wo-facts", ReadList).focus()
        self.refresh_bindings()

    # ------------------------------------------------------------------ actions
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reopen":
            ctx = self.host.ctx
            return bool(ctx and ctx.operator and ctx.operator.is_supervisor)
        return True

    def action_back(self) -> None:
        self.app.dismiss_messages()  # type: ignore[attr-defined]
        self.dismiss()

    def action_reload(self) -> None:
        self.reload()
        self.app.notify(f"{self.number} reloaded.")

    def _crews(self, wo: WorkOrderPublic) -> list[tuple[str, str]]:
        ctx = self.host.ctx
        assert ctx is not None
        return [(o.value, o.title) for o in crew_options(ctx.catalog, wo.division, wo.department_code)]

    def action_status(self) -> None:
        from csc_console.screens.work_orders.status_dialog import StatusDialog

        wo = self.wo
        if wo is None:
            return
        if not allowed_next(wo.status):
            self.app.notify(status_locked(wo), severity="warning")
            return
        self.app.push_screen(StatusDialog(wo, self._crews(wo)), self._edited)

    def action_crew(self) -> None:
        from csc_console.screens.work_orders.crew_dialog import CrewDialog

        if self.wo is not None:
            self.app.push_screen(CrewDialog(self.wo, self._crews(self.wo)), self._edited)

    def action_priority(self) -> None:
        from csc_console.screens.work_orders.priority_dialog import PriorityDialog

        if self.wo is not None:
            self.app.push_screen(PriorityDialog(self.wo), self._edited)

    def action_note(self) -> None:
        from csc_console.screens.work_orders.note_dialog import NoteDialog

        if self.wo is not None:
            self.app.push_screen(NoteDialog(self.wo), self._noted)

    def action_reopen(self) -> None:
        from csc_console.screens.work_orders.reopen_dialog import ReopenDialog

        wo = self.wo
        if wo is None:
            return
        if wo.is_open:
            self.app.notify(
                f"{wo.number} is {status_label(wo.status).lower()}: nothing to reopen.",
                severity="warning",
            )
            return
        self.app.push_screen(ReopenDialog(wo), self._edited)

    def action_sheet(self) -> None:
        from csc_console.screens.work_orders.sheet_dialog import SheetDialog

        self.app.push_screen(SheetDialog(self.number), self._printed)

    def _printed(self, said: str | None) -> None:
        if said is not None:
            self.app.notify(said)

    def action_add(self) -> None:
        from csc_console.screens.work_orders.add_dialog import AddWorkOrderDialog

        wo = self.wo
        if wo is None or not wo.request:
            return
        self.app.push_screen(AddWorkOrderDialog(self._crews(wo), wo.request), self._added)

    def _added(self, wo: WorkOrderPublic | None) -> None:
        if wo is None:
            return
        self.app.notify(" ".join(added_lines(wo)))
        self.reload()

    def action_told(self) -> None:
        wo = self.wo
        if wo is None:
            return
        waiting = [c for c in wo.callers if not c.notified]
        if not wo.request or not waiting:
            self.app.notify(ALL_TOLD)
            return
        request = wo.request

        def call(ctx: Ctx) -> int:
            return mark_callers_notified(ctx, request=request)

        def done(count: int) -> None:
            self.app.notify(callers_marked(count, request))
            self.reload()

        self.run_job(call, done)

    # ------------------------------------------------------------------ results
    def _noted(self, result: EditResult) -> None:
        """After a note, the notes list takes focus on the newest note, which is then read."""
        if isinstance(result, Saved):
            self._focus_next = "#wo-notes"
        self._edited(result)

    def _edited(self, result: EditResult) -> None:
        if isinstance(result, Saved):
            self.app.notify(printable(result.words))
            self.reload()
        elif isinstance(result, Stale) and self.wo is not None:
            from csc_console.screens.work_orders.stale_dialog import StaleDialog

            self.app.push_screen(
                StaleDialog(self.wo, result.current, result.change, result.message),
                self._after_stale,
            )

    def _after_stale(self, result: EditResult) -> None:
        if isinstance(result, Saved):
            self.app.notify(printable(result.words))
        else:
            self.app.notify(discarded(self.number))
        self.reload()
