"""The Dispatch workspace's layout, data and refresh (the entry side is in ``screen``).

Layout, top to bottom: the board (one row per unit, status first, stale ones first), the radio
log (newest at the bottom) with its search field, and, docked at the bottom of the body, the
radio command line with its completions (or the form). The command line comes first in the
focus order and has the focus when the workspace opens.

Refresh: ``fetch`` (a thread worker) reads the board and the log tail. Another console's save
reaches ``live_changed`` (``screens.live``) within moments and runs the same cheap check at once. While the workspace is
showing, a timer calls ``poll`` every ``POLL_SECONDS``; its worker asks only for the cheap
``board_signature`` and does nothing more when neither the signature nor the minute changed
(no message, no repaint). When the minute changed it reads the board again, and the board
table rewrites just the cells whose text changed (the "in status" times, once a minute); when
the signature changed it also reads the log tail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from rich.cells import cell_len
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Static
from textual.worker import Worker, WorkerState, get_current_worker

from csc_console.desks.dispatch import RadioDesk, say
from csc_console.screens.base import WorkspaceScreen
from csc_console.screens.dispatch.form import RadioForm
from csc_console.screens.dispatch.rows import (
    BOARD_COLUMNS,
    board_lines,
    log_entries,
)
from csc_console.screens.thread_jobs import ThreadJobs
from csc_console.widgets.entry import TextField
from csc_console.widgets.fields import LabelledField
from csc_console.widgets.radio import BoardTable, CommandLine, CompletionList, RadioLogList
from csc_console.widgets.text import literal

if TYPE_CHECKING:
    from csc_console.screens.live import LiveBatch
    from csc_console.services.context import Ctx
    from csc_console.services.dispatch import BoardRow, EntryPublic, LogQuery

LOG_LIMIT = 200
TAIL = 20  # entries read again after another console logs some (see ``_appended``)
Signature = tuple[int, str, int]
ANSWER_KEY = "Alt+Q"  # opens the open question's dialog (``screen.action_work_done``)


def bind(key: str, action: str, words: str, id: str, show: bool = False) -> Binding:  # noqa: A002
    # priority: a text field would otherwise take the letter of an Alt key
    return Binding(key, action, words, id=id, show=show, priority=True, tooltip=words)


@dataclass(frozen=True)
class DispatchData:
    signature: Signature
    minute: int
    rows: list[BoardRow] | None
    entries: list[EntryPublic] | None


class DispatchWorkspace(ThreadJobs, WorkspaceScreen[DispatchData]):
    NOT_READY = say.NOT_READY
    a11y_title = "Dispatch"
    mode = "dispatch"
    POLL_SECONDS: ClassVar[float] = 5.0
    BINDINGS: ClassVar[list[Any]] = [
        bind("alt+l", "go('command')", "Radio command line", "go-command", show=True),
        bind("alt+u", "go('board')", "Unit board", "go-board", show=True),
        bind("alt+g", "go('radio-log')", "Radio log", "go-log", show=True),
        bind("alt+s", "go('log-search')", "Search the radio log", "go-search"),
    ]

    def __init__(self) -> None:
        super().__init__(id="dispatch")
        self.query_log: LogQuery | None = None
        self.entries: list[EntryPublic] = []  # the log as shown (read by the poll worker)
        self._lines: dict[int, str] = {}  # entry id -> its line: entries never change
        self.signature: Signature | None = None
        self.minute: int | None = None
        self._poll_timer: Timer | None = None
        self._poll_failing = False
        self.desk = RadioDesk()

    def now(self) -> datetime:
        """The time for the board and the entries (tests replace it)."""
        return datetime.now(UTC)

    # ------------------------------------------------------------------ layout
    def compose_body(self) -> ComposeResult:
        ctx = self.host.ctx
        units = (
            [(u.call_sign, f"{u.call_sign}: {u.name}") for u in ctx.catalog.units] if ctx else []
        )
        statuses = (
            [
                (s.code, f"{s.name} ({s.keys[0]})" if s.keys else s.name)
                for s in ctx.catalog.dispatch_statuses
            ]
            if ctx
            else []
        )
        completions = CompletionList("Completions", id="completions")
        with Vertical(id="radio-entry"):
            questions = Static("", id="open-questions", markup=False)
            questions.display = False
            yield questions
            yield LabelledField(
                "Radio", CommandLine(completions, id="command", max_length=4000), id="command-field"
            )
            yield completions
            form = RadioForm(units, statuses, id="radio-form")
            form.display = False
            yield form
        with Vertical(id="dispatch-views"):
            yield Static(literal(say.BOARD_LOADING), id="board-summary", markup=False)
            yield BoardTable("Board", BOARD_COLUMNS, empty=say.NO_UNITS, id="board")
            yield Static(literal(say.LOG_LOADING), id="log-heading", markup=False)
            yield LabelledField(
                "Search log", TextField(id="log-search", max_length=200), id="search-field"
            )
            yield RadioLogList("Radio log", empty=say.no_entries(None), id="radio-log")

    def on_mount(self) -> None:
        self._poll_timer = self.set_interval(self.POLL_SECONDS, self.poll, pause=True)
        self.query_one("#command", CommandLine).focus()

    # (Textual calls the handler of every class in the MRO: no super() calls here.)
    polling = False
    """True while the refresh timer runs (the workspace is showing)."""

    def on_screen_resume(self) -> None:
        if self._poll_timer is not None:
            self._poll_timer.resume()
            self.polling = True

    def on_screen_suspend(self) -> None:
        covered = self.app.screen is not self and self.app.screen.is_modal
        if self._poll_timer is not None and not covered:
            self._poll_timer.pause()  # another workspace: no polling while out of sight
            self.polling = False

    def action_go(self, where: str) -> None:
        if where == "command":
            self.show_command_line()
        self.query_one(f"#{where}").focus()

    def show_command_line(self) -> None:
        self.query_one("#radio-form").display = False
        self.query_one("#command-field").display = True
        self.query_one("#completions").display = True

    # ------------------------------------------------------------------ data
    def fetch(self, ctx: Ctx) -> DispatchData:
        from csc_console.services.dispatch import board, board_signature, list_log

        now = self.now()
        signature = board_signature(ctx)
        rows = board(ctx, now=now)
        entries = list_log(ctx, self.query_log, limit=LOG_LIMIT)
        return DispatchData(signature, _minute(now), rows, entries)

    def show(self, data: DispatchData) -> None:
        ctx = self.host.ctx
        self.signature, self.minute = data.signature, data.minute
        if data.rows is not None:
            self.query_one("#board", BoardTable).set_rows(board_lines(data.rows))
            _set_text(
                self.query_one("#board-summary", Static),
                f"Board: {say.board_summary(data.rows)} C: check in.",
            )
            news = self.desk.stale(data.rows)
            if news:  # said once per unit going stale, not on every refresh
                self.app.notify(" ".join(news), severity="warning")
        if data.entries is not None and ctx is not None:
            self.entries = data.entries
            log = self.query_one("#radio-log", RadioLogList)
            now = self.now()
            heading = self.desk.log_heading(ctx, self.query_log, data.entries, LOG_LIMIT, now)
            log.set_entries(log_entries(data.entries, ctx.zone, self._lines), empty=heading)
            keys = " E: correct an entry." if data.entries else ""
            _set_text(self.query_one("#log-heading", Static), heading + keys)

    def poll(self, *, log: bool = False, new: frozenset[str] = frozenset()) -> None:
        """The timer: refresh only what changed (see the module documentation); ``log``: read
        the log even if no unit changed (another console logged the entries ``new``)."""
        if self.host.ctx is None or self.signature is None or not self.is_current:
            return
        self.run_worker(
            partial(self._poll_worker, log, new),
            group="poll",
            thread=True,
            exclusive=True,
            exit_on_error=False,
        )

    def live_changed(self, batch: LiveBatch) -> None:
        """Another console (or this one) committed: refresh the board and log in place now."""
        if batch.touches("dispatch_entry", "unit", "work_order"):
            new = frozenset(batch.ids("dispatch_entry"))
            self.poll(log=bool(new), new=new)

    def _poll_worker(self, log: bool = False, new: frozenset[str] = frozenset()) -> None:
        from csc_console.services.dispatch import board, board_and_tail, board_signature, list_log

        ctx = self.host.ctx
        if ctx is None:
            return
        now = self.now()
        minute = _minute(now)
        entries: list[EntryPublic] | None
        if new and self.query_log is None and self.entries:
            # Another console logged entries: the board and the log's tail in one read, the
            # log shown extended by the tail (or read again when that cannot be sure).
            signature, rows, tail = board_and_tail(ctx, now=now, tail=len(new) + TAIL)
            entries = self._appended(tail, new) or list_log(ctx, None, limit=LOG_LIMIT)
        else:
            signature = board_signature(ctx)
            if signature == self.signature and minute == self.minute and not log:
                return  # nothing changed: no message, nothing repainted
            rows = board(ctx, now=now)
            entries = list_log(ctx, self.query_log, limit=LOG_LIMIT) if signature != self.signature or log else None
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(DispatchData(signature, minute, rows, entries)))

    def _appended(self, tail: list[EntryPublic], new: frozenset[str]) -> list[EntryPublic] | None:
        """The log shown plus the entries ``new`` another console just logged, from a short
        read of the log's tail; None when that cannot be sure (a gap, an entry dated before
        the tail): then the whole log is read again."""
        shown = self.entries
        ids = [e.id for e in tail]
        if not ids or not {int(i) for i in new if i.isdigit()} <= set(ids):
            return None
        at = next((i for i, e in enumerate(shown) if e.id == ids[0]), None)
        if at is None or [e.id for e in shown[at:]] != ids[: len(shown) - at]:
            return None
        return (shown[:at] + tail)[-LOG_LIMIT:]

    # ------------------------------------------------------------------ search
    @on(TextField.Submitted, "#log-search")
    def _search(self, event: TextField.Submitted) -> None:
        ctx = self.host.ctx
        if ctx is None:
            return
        from csc_console.errors import CscError

        try:
            self.query_log = self.desk.log_query(ctx, event.value, self.now())
        except CscError as exc:
            self.app.notify(str(exc), severity="error")
            return
        self.app.notify(say.searching(self.desk.describe(ctx, self.query_log, self.now())))
        self.reload()

    # ------------------------------------------------------------------ workers
    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if (
            event.state is WorkerState.SUCCESS
            and event.worker.group == "poll"
            and self._poll_failing
        ):
            self._poll_failing = False
            self.app.notify(say.BOARD_RECOVERED)

    def worker_failed(self, worker: Worker[Any], error: BaseException) -> bool:
        if worker.group == "poll":
            if not self._poll_failing:  # said once, not every few seconds
                self._poll_failing = True
                from csc_console.errors import CscError

                why = str(error) if isinstance(error, CscError) else type(error).__name__
                self.app.notify(say.board_failed(why), severity="warning")
            return True
        return super().worker_failed(worker, error)


def _minute(now: datetime) -> int:
    return int(now.timestamp() // 60)


def _set_text(widget: Static, text: str) -> None:
    """Rewrite a line only when its words changed (no repaint otherwise)."""
    said = getattr(widget, "_said", None)
    if said != text:
        widget._said = text  # type: ignore[attr-defined]
        # One line before and after: a repaint will do, not a layout of the whole screen.
        width = widget.content_size.width
        same_height = said is not None and 0 < max(cell_len(said), cell_len(text)) <= width
        widget.update(literal(text), layout=not same_height)
