"""The form alternative to the command line: one field per part of a radio entry.

Unit (a list: type the call sign to jump to it), Status (a list; "No status, a note" first),
Work order, Message, Location, and "Sent to the unit". Enter in a text field or the "Log entry"
button posts ``RadioForm.Save`` with the values; the screen checks and saves them in a worker
and calls ``saved()`` (clears everything but the unit) or leaves the fields as typed on error.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Select, Static

from csc_console.desks.dispatch import FormFields, say
from csc_console.desks.workorders.words import WORK_ORDER
from csc_console.widgets.entry import TextField
from csc_console.widgets.fields import LabelledField
from csc_console.widgets.text import literal
from csc_console.widgets.toggles import CheckBox

NOTE = "note"
FIELD_IDS = {
    "unit": "form-unit",
    "status": "form-status",
    "work_order": "form-wo",
    "message": "form-message",
    "location": "form-location",
}


FormValues = FormFields  # the form's values: the desk's typed fields


class RadioForm(VerticalScroll, can_focus=False):
    """The fields of one radio entry (see the module documentation)."""

    class Save(Message):
        def __init__(self, values: FormValues) -> None:
            super().__init__()
            self.values = values

    class Close(Message):
        """Back to the command line."""

    def __init__(
        self,
        units: Sequence[tuple[str, str]],
        statuses: Sequence[tuple[str, str]],
        *,
        id: str | None = None,  # noqa: A002 (Textual's name)
    ) -> None:
        super().__init__(id=id)
        self.units = list(units)
        self.statuses = list(statuses)

    def compose(self) -> ComposeResult:
        yield Static(
            literal(
                "Radio entry form: Enter in a text field logs it; Alt+L goes back to the command line."
            ),
            id="form-title",
            markup=False,
        )
        yield LabelledField(
            "Unit",
            Select(
                [(text, value) for value, text in self.units],
                prompt="Choose a unit",
                id="form-unit",
            ),
        )
        yield LabelledField(
            "Status",
            Select(
                [(say.FORM_NOTE, NOTE), *((text, value) for value, text in self.statuses)],
                value=NOTE,
                allow_blank=False,
                id="form-status",
            ),
        )
        yield LabelledField(WORK_ORDER, TextField(id="form-wo", max_length=20))
        yield LabelledField("Message", TextField(id="form-message", max_length=4000))
        yield LabelledField("Location", TextField(id="form-location", max_length=300))
        yield CheckBox("Sent to the unit (not from it)", id="form-to-unit")
        with Horizontal(classes="buttons"):
            yield Button("Log entry", id="form-save")
            yield Button("Back to the command line", id="form-close")

    def values(self) -> FormValues:
        unit = self.query_one("#form-unit", Select).value
        status = self.query_one("#form-status", Select).value
        return FormValues(
            unit=unit if isinstance(unit, str) else "",
            status=status if isinstance(status, str) and status != NOTE else None,
            work_order=self.query_one("#form-wo", TextField).value,
            message=self.query_one("#form-message", TextField).value,
            location=self.query_one("#form-location", TextField).value,
            to_unit=self.query_one("#form-to-unit", CheckBox).value,
        )

    def start(self, unit: str | None = None) -> None:
        """Show the form with the focus on the unit (chosen already when given)."""
        if unit:
            self.query_one("#form-unit", Select).value = unit
        self.query_one("#form-unit", Select).focus()

    def focus_field(self, name: str | None) -> None:
        target = FIELD_IDS.get(name or "")
        if target:
            self.query_one(f"#{target}").focus()

    def saved(self) -> None:
        """The entry was logged: ready for the next one on the same unit."""
        self.query_one("#form-status", Select).value = NOTE
        for name in ("form-wo", "form-message", "form-location"):
            self.query_one(f"#{name}", TextField).value = ""
        self.query_one("#form-to-unit", CheckBox).value = False
        self.query_one("#form-status", Select).focus()

    @on(TextField.Submitted)
    @on(Button.Pressed, "#form-save")
    def _save(self, event: Message) -> None:
        event.stop()
        self.post_message(self.Save(self.values()))

    @on(Button.Pressed, "#form-close")
    def _close(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Close())
