"""The question after a unit cleared with its work order still open: "Is the work on
WO-2026-000123 completed?" Yes asks for the resolution (Enter saves it); No or Escape leaves
the work order as it is. The dialog returns the resolution, or None."""

from __future__ import annotations

from typing import Any, cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Static

from csc_console.screens.base import CscModal
from csc_console.services.text import printable
from csc_console.widgets.entry import TextField
from csc_console.widgets.fields import LabelledField
from csc_console.widgets.text import literal

RESOLUTION_MAX = 4000


class WorkDoneModal(CscModal[str | None]):
    def __init__(self, number: str, said: str, *, resolution: str = "") -> None:
        super().__init__(classes="work-done-dialog")
        self.number = number
        self.said = printable(said)
        self.resolution = resolution
        self.a11y_title = f"Is the work on {number} completed?"

    def compose_dialog(self) -> ComposeResult:
        yield Static(literal(self.said), id="work-done-said", markup=False)
        with Horizontal(classes="buttons", id="work-done-buttons"):
            yield Button("Yes, completed", id="work-done-yes")
            yield Button("No, not yet", id="work-done-no")
        field = TextField(value=self.resolution, id="resolution", max_length=RESOLUTION_MAX)
        yield LabelledField("Resolution", field, id="resolution-field")
        yield Static(
            literal("Type what was done, then Enter. Escape leaves the work order open."),
            id="resolution-hint",
            markup=False,
        )

    def on_mount(self) -> None:
        asked = bool(self.resolution)
        self.query_one("#resolution-field").display = asked
        self.query_one("#resolution-hint").display = asked
        if asked:
            self.query_one("#resolution", TextField).focus()
        else:
            self.query_one("#work-done-yes", Button).focus()

    @on(Button.Pressed, "#work-done-yes")
    def _yes(self) -> None:
        self.query_one("#resolution-field").display = True
        self.query_one("#resolution-hint").display = True
        self.query_one("#resolution", TextField).focus()

    @on(Button.Pressed, "#work-done-no")
    def _no(self) -> None:
        self.dismiss(None)

    @on(TextField.Submitted, "#resolution")
    def _save(self, event: TextField.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.app.bell()
            cast(Any, self.app).announce("Resolution is required: type what was done, or Escape.")
            return
        self.dismiss(text)
