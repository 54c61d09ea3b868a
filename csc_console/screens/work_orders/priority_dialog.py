"""Change a work order's priority (low, normal, high, urgent as numbered choices) with an
optional note."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input

from csc_console.desks.workorders.words import priority_label
from csc_console.screens.work_orders.form import EditDialog, text_field
from csc_console.services.workorders import Change
from csc_console.vocab import Priority
from csc_console.widgets.choices import ChoiceList
from csc_console.widgets.fields import LabelledField


class PriorityDialog(EditDialog):
    first_focus = "priority-choice"
    next_field = {"priority-choice": "priority-note"}
    ok_label = "Set priority"
    title_words = "Priority of {number}"

    def compose_dialog(self) -> ComposeResult:
        yield self.note(f"{self.wo.number} is {priority_label(self.wo.priority).lower()} priority.")
        choices = [(p.value, p.label) for p in Priority]
        yield LabelledField(
            "Priority",
            ChoiceList("Priority", choices, value=self.wo.priority, id="priority-choice"),
        )
        yield text_field("Note (optional)", id="priority-note")
        yield from self.buttons()

    def submit(self) -> None:
        value = self.query_one("#priority-choice", ChoiceList).value
        note = self.query_one("#priority-note", Input).value or None
        if not isinstance(value, str) or (value == self.wo.priority and not note):
            self.dismiss(None)
            self.app.notify(
                f"{self.wo.number} stays {priority_label(self.wo.priority).lower()} priority."
            )
            return
        self.apply(Change(priority=value, note=note))
