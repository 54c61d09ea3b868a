"""The result of a supervisor's bulk change or escalation: what changed, what failed and why,
one work order per line (the same words are in the message log). Enter or Escape closes it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button

from csc_console.screens.base import CscModal
from csc_console.services.text import printable
from csc_console.services.workorders import BulkResult
from csc_console.widgets.lists import ReadList


def result_title(action: str, result: BulkResult) -> str:
    failed = f", {len(result.failed)} failed" if result.failed else ""
    return f"{action}: {len(result.changed)} changed{failed}"


def result_lines(result: BulkResult) -> list[str]:
    lines = [f"Failed: {number}: {printable(reason)}" for number, reason in result.failed]
    lines += [f"Changed: {number}" for number in result.changed]
    return lines or ["Nothing to change."]


def result_message(action: str, result: BulkResult) -> str:
    """One line for the message log: the counts, then every failure with its reason."""
    text = result_title(action, result) + "."
    if result.failed:
        text += " " + " ".join(f"{n}: {printable(r)}" for n, r in result.failed)
    return text


class ResultsDialog(CscModal[None]):
    def __init__(self, action: str, result: BulkResult) -> None:
        super().__init__(classes="wo-dialog")
        self.a11y_title = result_title(action, result)
        self.lines = result_lines(result)

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
