"""The Dispatch workspace: log radio traffic by command line or form, check units in, correct
entries, answer "is the work completed?", export the shift log.

Every entry is saved by a thread worker, one at a time in the order typed (none lost, order
kept), each with a ``client_key`` made once per typed line, so pressing Enter again after a
failure can never log it twice. The typed line stays in the command line until it is saved:
on an error the sentence goes to the message bar (and rings the bell) and the text stays for
correcting. After each save the board and the log are read again. A line the database could not
take because it is unreachable is queued on this workstation (``screens.live``) and logged, at
the time it was typed, when the database returns.

Keys (all in help, F1 or Alt+H, and in the palette by name): Alt+L command line, Alt+U board,
Alt+G log, Alt+S search the log, Alt+F form, Alt+T export the shift log as text, Alt+V as CSV,
Escape stops a correction (and dismisses messages). On the board: C checks the highlighted
unit in, Enter starts a line for it. In the log: E or Enter corrects the highlighted entry. In
the command line: Tab takes the completion, Down/Up read the completions.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections import deque
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import on
from textual.binding import Binding
from textual.widgets import Label

from csc_console.errors import CscError, DatabaseUnavailable, ValidationError
from csc_console.screens.dispatch.dialogs import WorkDoneModal
from csc_console.screens.dispatch.form import FormValues, RadioForm
from csc_console.screens.dispatch.workspace import DispatchWorkspace, bind
from csc_console.services.text import printable
from csc_console.widgets.entry import TextField
from csc_console.widgets.radio import BoardTable, CommandLine, CompletionList, RadioLogList

if TYPE_CHECKING:
    from csc_console.screens.live import LiveLink
    from csc_console.services.context import Ctx
    from csc_console.services.dispatch import EntryPublic, LogResult

RADIO_LABEL = "Radio"


@dataclass(frozen=True)
class Pending:
    """One entry waiting to be saved: a typed line, a correction, a form, or a check-in."""

    kind: str  # "line" | "correct" | "form" | "checkin"
    text: str
    key: str
    corrects: int | None = None
    form: FormValues | None = None


class DispatchScreen(DispatchWorkspace):
    BINDINGS: ClassVar[list[Any]] = [
        bind("alt+f", "form", "Radio entry form", "radio-form"),
        bind("alt+t", "export('text')", "Export the shift log as text", "export-text"),
        bind("alt+v", "export('csv')", "Export the shift log as CSV", "export-csv"),
        # not a priority key: Escape must still close an open list (the form's Select)
        Binding(
            "escape",
            "escape",
            "Stop correcting; dismiss messages",
            id="dismiss-messages",
            show=False,
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.correcting: int | None = None
        self._queue: deque[Pending] = deque()
        self._saving = False
        self._keys: dict[tuple[str, int | None, str], str] = {}

    @property
    def command(self) -> CommandLine:
        return self.query_one("#command", CommandLine)

    # ------------------------------------------------------------------ completions
    def on_mount(self) -> None:
        self.update_completions()  # the units, before anything is typed

    @on(TextField.Changed, "#command")
    def _typed(self) -> None:
        self.update_completions()

    def update_completions(self) -> None:
        ctx = self.host.ctx
        if ctx is None:
            return
        from csc_console.services.radio_grammar import complete

        line = self.command
        names = {u.call_sign: u.name for u in ctx.catalog.units}
        found = complete(
            line.value[: line.cursor_position],
            units=list(names),
            statuses=ctx.catalog.dispatch_statuses,
            limit=CompletionList.ROWS,
        )
        items = [
            (c, f"{c}: {printable(names[c])}") if c in names else (c.split(" ", 1)[0], c)
            for c in found
        ]
        self.query_one("#completions", CompletionList).show(items)

    # ------------------------------------------------------------------ logging
    @on(CommandLine.Entered, "#command")
    def _submitted(self, event: CommandLine.Entered) -> None:
        text = event.value
        if not text.strip():
            self.app.notify(
                "Type a radio line first, e.g. PW12 os WO-2026-000123 patched two holes.",
                severity="warning",
            )
            return
        kind = "correct" if self.correcting is not None else "line"
        self.enqueue(kind, text, corrects=self.correcting)

    @on(RadioForm.Save)
    def _form_save(self, event: RadioForm.Save) -> None:
        v = event.values
        self.enqueue("form", repr(v), form=v)

    @on(BoardTable.CheckIn)
    def _check_in(self, event: BoardTable.CheckIn) -> None:
        self.enqueue("checkin", event.unit)

    def enqueue(
        self, kind: str, text: str, *, corrects: int | None = None, form: FormValues | None = None
    ) -> None:
        # One key per typed text: Enter again after a failure reuses it (never logged twice).
        # A check-in is a new key each time: each press is its own check-in.
        ident = (kind, corrects, text)
        key = (
            uuid.uuid4().hex
            if kind == "checkin"
            else self._keys.setdefault(ident, uuid.uuid4().hex)
        )
        self._queue.append(Pending(kind, text, key, corrects, form))
        self._drain()

    def _drain(self) -> None:
        if self._saving or not self._queue:
            return
        item = self._queue.popleft()
        self._saving = True
        now = self.now()

        def save(ctx: Ctx) -> LogResult:
            from csc_console.services import dispatch, radio_desk

            if item.kind == "correct" and item.corrects is not None:
                return dispatch.correct_entry(
                    ctx, entry_id=item.corrects, text=item.text, client_key=item.key, now=now
                )
            if item.kind == "checkin":
                return dispatch.check_in(ctx, unit=item.text, now=now)
            if item.kind == "form" and item.form is not None:
                f = item.form
                cmd = radio_desk.form_command(
                    ctx,
                    unit=f.unit,
                    status=f.status,
                    work_order=f.work_order,
                    message=f.message,
                    location=f.location,
                    to_unit=f.to_unit,
                )
                return dispatch.log_entry(ctx, cmd, client_key=item.key, now=now)
            return dispatch.log_command(ctx, item.text, client_key=item.key, now=now)

        self.run_job(
            "save", save, partial(self._saved, item), failed=partial(self._save_failed, item)
        )

    def _saved(self, item: Pending, result: LogResult) -> None:
        self._saving = False
        self._done_with(item)
        ask = result.ask_completed
        said = result.said.removesuffix(f" Is the work on {ask} completed?") if ask else result.said
        self.app.notify(said)
        self.reload()
        if ask:
            unit = result.entry.unit
            self.app.push_screen(WorkDoneModal(ask, said), partial(self._work_done, ask, unit))
        self._drain()

    def _save_failed(self, item: Pending, error: BaseException) -> bool:
        self._saving = False
        self.call_later(self._drain)
        if not isinstance(error, CscError):
            return False  # the app's one handler says it (and that nothing was saved)
        live = self.host.live
        if isinstance(error, DatabaseUnavailable) and live is not None:
            # Kept on this workstation with its key and time, written once when the database
            # returns; the command line (or the form) is free for the next call meanwhile.
            self._queue_offline(live, item)
            return True
        # The typed text stays where it is; the sentence says what to fix.
        self.app.notify(printable(str(error)), severity="error")
        if item.kind == "form" and isinstance(error, ValidationError):
            self.query_one("#radio-form", RadioForm).focus_field(error.field)
        return True

    def _queue_offline(self, live: LiveLink, item: Pending) -> None:
        payload: dict[str, object] = {"text": item.text, "client_key": item.key, "at": self.now().isoformat()}
        if item.kind == "checkin":
            payload["check_in"] = item.text
            what = f"the check-in of {printable(item.text)}"
        elif item.kind == "form" and item.form is not None:
            payload["form"] = dataclasses.asdict(item.form)
            what = f"the radio entry for {printable(item.form.unit)}"
        elif item.kind == "correct" and item.corrects is not None:
            payload["corrects"] = item.corrects
            what = f"the correction of entry {item.corrects}"
        else:
            what = f"the radio entry {printable(item.text)!r}"
        live.queue("radio", payload, what)
        self._done_with(item)

    def _done_with(self, item: Pending) -> None:
        """Saved, or kept for later: the line, the correction or the form is free again."""
        self._keys.pop((item.kind, item.corrects, item.text), None)
        if item.kind in ("line", "correct") and self.command.value == item.text:
            self.command.value = ""
        if item.kind == "correct":
            self.stop_correcting(quiet=True)
        if item.kind == "form":
            self.query_one("#radio-form", RadioForm).saved()

    # ------------------------------------------------------------------ work done
    def _work_done(self, number: str, unit: str | None, resolution: str | None) -> None:
        if resolution is None:
            self.app.notify(f"{number} stays open.")
            return
        now = self.now()

        def complete(ctx: Ctx) -> str:
            from csc_console.services.radio_desk import complete_work_order

            wo = complete_work_order(ctx, number=number, resolution=resolution, unit=unit, now=now)
            return f"{wo.number} is completed: {printable(resolution)}."

        def failed(error: BaseException) -> bool:
            if not isinstance(error, CscError):
                return False
            self.app.notify(printable(str(error)), severity="error")
            self.app.push_screen(
                WorkDoneModal(number, printable(str(error)), resolution=resolution),
                partial(self._work_done, number, unit),
            )
            return True

        self.run_job("work-done", complete, self._work_completed, failed=failed)

    def _work_completed(self, said: str) -> None:
        self.app.notify(said)
        self.reload()

    # ------------------------------------------------------------------ board and log keys
    @on(BoardTable.Chosen)
    def _chosen(self, event: BoardTable.Chosen) -> None:
        self.show_command_line()
        line = self.command
        line.value = f"{event.unit} "
        line.cursor_position = len(line.value)
        line.focus()

    @on(RadioLogList.Correct)
    def _correct(self, event: RadioLogList.Correct) -> None:
        def fetch(ctx: Ctx) -> EntryPublic:
            from csc_console.services.radio_desk import get_entry

            return get_entry(ctx, event.entry_id)

        self.run_job("entry", fetch, self.start_correcting)

    def start_correcting(self, entry: EntryPublic) -> None:
        ctx = self.host.ctx
        if ctx is None:
            return
        from csc_console.services.radio_desk import command_text

        self.correcting = entry.id
        self.show_command_line()
        self._set_label(f"Correct #{entry.id}")
        line = self.command
        line.value = command_text(entry, ctx.catalog.dispatch_statuses)
        line.cursor_position = len(line.value)
        line.focus()
        self.app.notify(
            f"Correcting #{entry.id}: {entry.line(ctx.zone)}. Edit the line and press Enter; "
            "the correction is a new entry. Escape stops correcting."
        )

    def stop_correcting(self, *, quiet: bool = False) -> None:
        if self.correcting is None:
            return
        self.correcting = None
        self._set_label(RADIO_LABEL)
        if not quiet:
            self.command.value = ""
            self.app.notify("Correction stopped; nothing was logged.")

    def _set_label(self, text: str) -> None:
        self.query_one("#command-field Label.field-label", Label).update(f"{text}:")
        self.command.a11y_label = text  # type: ignore[attr-defined]
        self.command.refresh()  # the focus line says the new label

    def action_escape(self) -> None:
        if self.correcting is not None:
            self.stop_correcting()
        else:
            cast(Any, self.app).dismiss_messages()

    # ------------------------------------------------------------------ form and export
    def action_form(self) -> None:
        self.stop_correcting()
        self.query_one("#command-field").display = False
        self.query_one("#completions").display = False
        form = self.query_one("#radio-form", RadioForm)
        form.display = True
        word = self.command.value.split()[:1]
        form.start(
            word[0].upper() if word and word[0].upper() in {u for u, _ in form.units} else None
        )

    @on(RadioForm.Close)
    def _form_close(self) -> None:
        self.action_go("command")

    def action_export(self, fmt: str) -> None:
        now = self.now()

        def export(ctx: Ctx) -> str:
            from csc_console.services.radio_desk import SHIFT_HOURS, export_shift_log

            path, count = export_shift_log(ctx, fmt, now=now)
            kind = "text" if fmt == "text" else "CSV"
            return (
                f"Shift log saved as {kind}: {path} ({count} entr{'y' if count == 1 else 'ies'} "
                f"from the last {SHIFT_HOURS} hours)."
            )

        self.run_job("export", export, self.app.notify)
