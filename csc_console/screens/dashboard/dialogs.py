"""The Dashboard's custom range: two dates typed as year-month-day, both days included."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Input, Static

from csc_console.desks.dashboard import CUSTOM_RANGE, FROM_DATE, RANGE_HINT, checked_range
from csc_console.errors import CscError
from csc_console.screens.base import CscModal
from csc_console.services.periods import parse_day
from csc_console.widgets.entry import TextField
from csc_console.widgets.fields import LabelledField
from csc_console.widgets.text import literal


class CustomRangeDialog(CscModal[tuple[date, date] | None]):
    """Returns (first day, last day), or None when closed."""

    a11y_title = CUSTOM_RANGE
    BINDINGS: ClassVar[list[Any]] = [
        Binding("escape", "close", "Close this dialog", id="close-dialog"),
        Binding("ctrl+s", "submit", "Show the range", id="dialog-apply"),
    ]

    def __init__(self, first: date, last: date) -> None:
        super().__init__(classes="dashboard-dialog")
        self.first = first
        self.last = last

    def compose_dialog(self) -> ComposeResult:
        yield Static(
            literal(RANGE_HINT),
            classes="dialog-note",
            markup=False,
        )
        yield LabelledField(
            FROM_DATE, TextField(value=self.first.isoformat(), id="range-from", max_length=10)
        )
        yield LabelledField(
            "To date", TextField(value=self.last.isoformat(), id="range-to", max_length=10)
        )
        with Horizontal(classes="buttons"):
            yield Button("Show", id="ok", variant="primary")
            yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#range-from", Input).focus()

    @on(Input.Submitted, "#range-from")
    def _next(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#range-to", Input).focus()

    @on(Input.Submitted, "#range-to")
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    def action_submit(self) -> None:
        try:
            first = parse_day(self.query_one("#range-from", Input).value, field="from")
            last = parse_day(self.query_one("#range-to", Input).value, field="to")
            checked_range(first, last)
        except CscError as error:
            self.host.show_error(str(error))
            return
        self.dismiss((first, last))
