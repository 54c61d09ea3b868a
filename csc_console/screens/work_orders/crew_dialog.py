"""Assign a crew: the catalog's units, the work order's division first, as numbered choices
(type the number, or the first letters ``P``, ``T``), and an optional note. "No crew" takes the
work order off its crew. Assigning a crew to a new work order makes it assigned."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input

from csc_console.screens.work_orders.form import EditDialog, text_field
from csc_console.services.workorders import Change, WorkOrderPublic
from csc_console.widgets.choices import ChoiceList
from csc_console.widgets.fields import LabelledField

NO_CREW = "-"


class CrewDialog(EditDialog):
    first_focus = "crew-choice"
    next_field = {"crew-choice": "crew-note"}
    ok_label = "Assign"
    title_words = "Assign a crew to {number}"

    def __init__(self, wo: WorkOrderPublic, crews: list[tuple[str, str]]) -> None:
        super().__init__(wo)
        self.choices = [*crews, (NO_CREW, "No crew (take it off its crew)")]

    def compose_dialog(self) -> ComposeResult:
        now = f"crew {self.wo.crew}" if self.wo.crew else "no crew"
        yield self.note(f"{self.wo.number} has {now}. The {self.wo.division_name or 'division'}'s crews come first.")
        crews = ChoiceList("Crew", self.choices, value=self.wo.crew or None, id="crew-choice")
        yield LabelledField("Crew", crews)
        yield text_field("Note (optional)", id="crew-note")
        yield from self.buttons()

    def submit(self) -> None:
        value = self.required("crew-choice", "a crew")
        if value is None:
            return
        crew = "" if value == NO_CREW else value
        note = self.query_one("#crew-note", Input).value or None
        if crew == (self.wo.crew or "") and not note:
            self.dismiss(None)
            self.app.notify(f"{self.wo.number} keeps {f'crew {crew}' if crew else 'no crew'}.")
            return
        self.apply(Change(crew=crew, note=note))
