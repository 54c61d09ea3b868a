"""The result of a supervisor's bulk change or escalation: the count, then what failed and why
and what changed, one work order per line (the desk's words, as in the line mode; the count is
also in the message log). Enter or Escape closes it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button

from csc_console.desks.workorders.results import BulkOutcome, outcome_lines, outcome_summary
from csc_console.screens.base import CscModal
from csc_console.widgets.lists import ReadList


class ResultsDialog(CscModal[None]):
    def __init__(self, action: str, outcome: BulkOutcome) -> None:
        super().__init__(classes="wo-dialog")
        self.a11y_title = f"{action}: {outcome_summary(outcome)}"
        self.lines = outcome_lines(outcome)

    def compose_dialog(self) -> ComposeResult:
        yield ReadList("Results", self.lines, id="results-list")
        with Horizontal(classes="buttons"):
            yield Button("OK", id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#results-list", ReadList).focus()

    def on_button_pressed(self) -> None:
        self.dismiss(None)

    def on_option_list_option_selected(self) -> None:
        self.dismiss(None)  # Enter on a line closes it too
