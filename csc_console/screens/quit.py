"""The quit question: Ctrl+Q or the palette's Quit while work is in progress (a call, a relay
call, a correction). The words are the desk's (``desks.quit``), the same the screen-reader mode
says; the answer is explicit: the cursor starts on "Stay", so Enter alone, or Escape, stays;
Y quits and N stays, as the screen-reader mode's yes or no.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Static

from csc_console.desks.quit import QuitQuestion
from csc_console.screens.base import CscModal
from csc_console.services.text import printable
from csc_console.widgets.text import literal

TITLE = "Quit csc-console"


class QuitModal(CscModal[bool]):
    BINDINGS: ClassVar[list[Any]] = [
        Binding("y", "answer(True)", "Quit", id="quit-yes"),
        Binding("n", "answer(False)", "Stay", id="quit-no"),
    ]

    def __init__(self, question: QuitQuestion) -> None:
        super().__init__(classes="quit-dialog")
        self.question = question
        self.sentence = printable(question.sentence)
        self.a11y_title = f"{TITLE}: {self.sentence}"

    def compose_dialog(self) -> ComposeResult:
        yield Static(literal(self.sentence), id="quit-text", markup=False)
        with Horizontal(classes="buttons"):
            yield Button(self.question.stay_label, id="quit-stay", variant="primary")
            yield Button(self.question.quit_label, id="quit-yes")

    def on_mount(self) -> None:
        self.query_one("#dialog-title", Static).update(literal(TITLE))
        self.query_one("#quit-stay", Button).focus()

    @on(Button.Pressed, "#quit-stay")
    def _stay(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#quit-yes")
    def _quit(self) -> None:
        self.dismiss(True)

    def action_answer(self, quit_now: bool) -> None:
        self.dismiss(quit_now)

    def action_close(self) -> None:
        self.dismiss(False)
