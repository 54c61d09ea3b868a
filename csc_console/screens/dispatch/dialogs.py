"""The answer to an open question of the radio desk: "Is the work on WO-2026-000123 completed?"
Opened only by the dispatcher's key (Alt+Q), never by a radio line: keys typed before it stay
on the command line. The resolution is filled with the clear line's words and has the focus:
Enter completes the work order with it; "Not yet" leaves the work order open; Escape closes
the dialog and the question stays open. The dialog returns the desk's ``Answer``, or None."""

from __future__ import annotations

from typing import Any, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Static

from csc_console.desks.dispatch import Answer, Completed, NotCompleted, WorkDoneQuestion, say
from csc_console.screens.base import CscModal
from csc_console.widgets.entry import TextField
from csc_console.widgets.fields import LabelledField
from csc_console.widgets.text import literal

RESOLUTION_MAX = 4000


class WorkDoneModal(CscModal[Answer | None]):
    def __init__(self, question: WorkDoneQuestion) -> None:
        super().__init__(classes="work-done-dialog")
        self.question = question
        self.a11y_title = question.sentence

    def compose_dialog(self) -> ComposeResult:
        field = TextField(value=self.question.proposed, id="resolution", max_length=RESOLUTION_MAX)
        yield LabelledField("Resolution", field, id="resolution-field")
        yield Static(literal(say.dialog_hint()), id="resolution-hint", markup=False)
        with Horizontal(classes="buttons", id="work-done-buttons"):
            yield Button("Completed", id="work-done-yes")
            yield Button("Not yet", id="work-done-no")

    def on_mount(self) -> None:
        field = self.query_one("#resolution", TextField)
        field.focus()
        field.cursor_position = len(field.value)

    @on(Button.Pressed, "#work-done-yes")
    def _yes(self) -> None:
        self._complete(self.query_one("#resolution", TextField).value)

    @on(Button.Pressed, "#work-done-no")
    def _no(self) -> None:
        self.dismiss(NotCompleted(self.question))

    @on(TextField.Submitted, "#resolution")
    def _save(self, event: TextField.Submitted) -> None:
        self._complete(event.value)

    def _complete(self, typed: str) -> None:
        text = typed.strip()
        if not text:
            self.app.bell()
            cast(Any, self.app).announce(say.RESOLUTION_REQUIRED)
            self.query_one("#resolution", TextField).focus()
            return
        self.dismiss(Completed(self.question, text))
