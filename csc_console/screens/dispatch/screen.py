"""The Dispatch workspace: log radio traffic by command line or form, check units in, correct
entries, answer "is the work completed?", export the shift log. The radio desk
(``desks.dispatch``) holds the rules and the words; this screen renders it and feeds it.

Every entry is saved by a thread worker, one at a time in the order typed (none lost, order
kept), each with the desk's client key, so pressing Enter again after a failure can never log
it twice. Enter empties the command line at once, so keys typed ahead start the next line; a
line that could not be logged comes back to the command line when it is empty (otherwise the
message names it), with the sentence in the message bar (and the bell). After each save the
board and the log are read again. A line the database could not take because it is unreachable
is queued on this workstation (``screens.live``) and logged, at the time it was typed, when the
database returns.

A clear with its work order still open raises "Is the work on WO-… completed?": the desk keeps
it, the strip above the command line shows it, and the command line keeps the keyboard. Alt+Q
opens the dialog with the clear line's words as the resolution (only keys typed after Alt+Q
reach it).

Keys (all in help, F1 or Alt+H, and in the palette by name): Alt+L command line, Alt+U board,
Alt+G log, Alt+S search the log, Alt+F form, Alt+Q answer the open question, Alt+T export the
shift log as text, Alt+V as CSV, Escape stops a correction (and dismisses messages). On the
board: C checks the highlighted unit in, Enter starts a line for it. In the log: E or Enter
corrects the highlighted entry. In the command line: Tab takes the completion, Down/Up read the
completions.
"""

from __future__ import annotations

from collections import deque
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import on
from textual.binding import Binding
from textual.widgets import Label, Static

from csc_console.desks.dispatch import (
    OUTBOX_KIND,
    Answer,
    CheckIn,
    Completed,
    Correction,
    FormEntry,
    Pending,
    RadioLine,
    Save,
    say,
)
from csc_console.desks.quit import WorkInProgress, WorkKind
from csc_console.errors import CscError, DatabaseUnavailable, ValidationError
from csc_console.screens.dispatch.dialogs import WorkDoneModal
from csc_console.screens.dispatch.form import RadioForm
from csc_console.screens.dispatch.workspace import ANSWER_KEY, DispatchWorkspace, bind
from csc_console.services.text import printable
from csc_console.widgets.entry import TextField
from csc_console.widgets.radio import BoardTable, CommandLine, CompletionList, RadioLogList
from csc_console.widgets.text import literal

if TYPE_CHECKING:
    from csc_console.screens.live import LiveLink
    from csc_console.services.context import Ctx
    from csc_console.services.dispatch import EntryPublic, LogResult

RADIO_LABEL = "Radio"


class DispatchScreen(DispatchWorkspace):
    BINDINGS: ClassVar[list[Any]] = [
        bind("alt+f", "form", say.FORM_TITLE, "radio-form"),
        bind("alt+q", "work_done", "Work completed? Answer the open question", "work-done"),
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

    @property
    def command(self) -> CommandLine:
        return self.query_one("#command", CommandLine)

    # ------------------------------------------------------------------ completions
    def on_mount(self) -> None:
        self.update_completions()  # the units, before anything is typed
        self.show_questions()

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
            self.app.notify(say.EMPTY_LINE, severity="warning")
            return
        if self.correcting is not None:
            entry_id = self.correcting
            self.stop_correcting(quiet=True)
            self.enqueue(Correction(entry_id, text))
        else:
            self.enqueue(RadioLine(text))

    @on(RadioForm.Save)
    def _form_save(self, event: RadioForm.Save) -> None:
        self.enqueue(FormEntry(event.values))

    @on(BoardTable.CheckIn)
    def _check_in(self, event: BoardTable.CheckIn) -> None:
        self.enqueue(CheckIn(event.unit))

    def enqueue(self, save: Save) -> None:
        self._queue.append(self.desk.pending(save))
        self._drain()

    def _drain(self) -> None:
        if self._saving or not self._queue:
            return
        item = self._queue.popleft()
        self._saving = True
        now = self.now()
        self.run_job(
            "save",
            lambda ctx: item.run(ctx, now),
            partial(self._saved, item),
            failed=partial(self._save_failed, item),
        )

    def _saved(self, item: Pending, result: LogResult) -> None:
        self._saving = False
        logged = self.desk.logged(item, result)
        if isinstance(item.save, FormEntry):
            self.query_one("#radio-form", RadioForm).saved()
        said = logged.said
        if logged.question is not None:
            said = f"{said} {say.question_raised_screen(logged.question, ANSWER_KEY)}"
            self.show_questions()
        self.app.notify(said)
        self.reload()
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
        why = printable(str(error))
        save = item.save
        if isinstance(save, RadioLine | Correction):
            # Decided once the keys already on their way to the line have reached it.
            self.command.call_later(self._refused, save, why)
            return True
        self.app.notify(why, severity="error")
        if isinstance(save, FormEntry) and isinstance(error, ValidationError):
            self.query_one("#radio-form", RadioForm).focus_field(error.field)
        return True

    def _refused(self, save: RadioLine | Correction, why: str) -> None:
        """A refused line comes back on the command line, for correcting; if the dispatcher
        has typed on (or keys are still waiting their turn), the message names it instead."""
        keys = getattr(self.app, "key_order", None)
        if self.command.value or (keys is not None and keys.typed_ahead):
            why = say.not_logged(save.text, why)
        else:
            if isinstance(save, Correction):
                self.correcting = save.entry_id
                self._set_label(f"Correct #{save.entry_id}")
            self.command.value = save.text
            self.command.cursor_position = len(save.text)
        self.app.notify(why, severity="error")

    def _queue_offline(self, live: LiveLink, item: Pending) -> None:
        live.queue(OUTBOX_KIND, item.payload(self.now()), item.save.what, say=False)
        self.app.notify(self.desk.kept(item, len(live.outbox)), severity="warning")
        if isinstance(item.save, FormEntry):
            self.query_one("#radio-form", RadioForm).saved()

    # ------------------------------------------------------------------ open questions
    def show_questions(self) -> None:
        strip = self.query_one("#open-questions", Static)
        text = say.questions_strip(self.desk.questions.items, ANSWER_KEY)
        strip.update(literal(text))
        strip.display = bool(text)

    def action_work_done(self) -> None:
        questions = self.desk.questions.items
        if not questions:
            self.app.notify(say.NO_QUESTIONS)
            return
        self.app.push_screen(WorkDoneModal(questions[0]), self._answered)

    def _answered(self, answer: Answer | None) -> None:
        if answer is None:  # later: the question stays open
            self.show_questions()
            self.app.notify(say.question_waits(ANSWER_KEY))
            return
        if not isinstance(answer, Completed):
            said = self.desk.answered(answer)
            self.show_questions()
            if said:
                self.app.notify(said)
            return
        now = self.now()

        def failed(error: BaseException) -> bool:
            if not isinstance(error, CscError):
                return False
            self.app.notify(printable(str(error)), severity="error")
            return True

        self.run_job(
            "work-done",
            lambda ctx: self.desk.complete(ctx, answer, now),
            partial(self._work_completed, answer),
            failed=failed,
        )

    def _work_completed(self, answer: Completed, said: str) -> None:
        self.desk.answered(answer)
        self.show_questions()
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
        said, text = self.desk.correction(ctx, entry)
        self.correcting = entry.id
        self.show_command_line()
        self._set_label(f"Correct #{entry.id}")
        line = self.command
        line.value = text
        line.cursor_position = len(line.value)
        line.focus()
        self.app.notify(said)

    def work_in_progress(self) -> WorkInProgress | None:
        """A correction being typed, or a radio line typed and not yet sent: quitting asks."""
        if self.correcting is not None:
            return WorkInProgress(WorkKind.CORRECTION, f"entry {self.correcting}")
        typed = self.command.value.strip()
        if typed:
            return WorkInProgress(WorkKind.OTHER, f"the radio line {printable(typed)!r}")
        return None

    def stop_correcting(self, *, quiet: bool = False) -> None:
        if self.correcting is None:
            return
        self.correcting = None
        self._set_label(RADIO_LABEL)
        if not quiet:
            self.command.value = ""
            self.app.notify(say.CORRECTION_STOPPED)

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
        self.run_job("export", lambda ctx: self.desk.export(ctx, fmt, "", now), self.app.notify)
