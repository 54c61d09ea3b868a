"""Change a work order's status: only the statuses it may go to next, as numbered choices.

Type the number (or Up/Down and Space), Enter goes on to the text the new status needs: the
resolution when completing, the reason when putting on hold or cancelling, else an optional
note. A status that needs a crew, on a work order without one, also asks for the crew.
Enter in the text field (or Apply) saves; the service has the last word on every rule.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Select

from csc_console.desks.workorders.detail import (
    STATUS_TEXT_LABELS,
    needs_crew,
    status_change,
    status_text,
)
from csc_console.desks.workorders.words import CHANGE_STATUS, status_label
from csc_console.screens.work_orders.form import EditDialog, relabel, text_field
from csc_console.services.workorders import (
    WorkOrderPublic,
    allowed_next,
)
from csc_console.widgets.choices import ChoiceList
from csc_console.widgets.fields import LabelledField
from csc_console.widgets.text import literal


def text_label(status: str | None) -> str:
    return STATUS_TEXT_LABELS[status_text(status)]


class StatusDialog(EditDialog):
    ok_label = CHANGE_STATUS
    title_words = "Change the status of {number}"

    def __init__(self, wo: WorkOrderPublic, crews: list[tuple[str, str]]) -> None:
        super().__init__(wo)
        self.allowed = [(s.value, s.label) for s in allowed_next(wo.status)]
        self.crews = crews

    def compose_dialog(self) -> ComposeResult:
        yield self.note(f"{self.wo.number} is {status_label(self.wo.status).lower()}. Type the number of "
                "the next status, Enter, then what it needs, Enter.")
        yield LabelledField(
            "Next status", ChoiceList("Next status", self.allowed, id="status-choice")
        )
        crew = Select(
            [(literal(words), sign) for sign, words in self.crews],
            prompt="Choose a crew",
            id="status-crew",
        )
        yield LabelledField("Crew", crew, id="status-crew-field")
        yield text_field(text_label(None), id="status-text")
        yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#status-crew-field").display = False
        self.query_one("#status-choice", ChoiceList).focus()

    @property
    def chosen(self) -> str | None:
        value = self.query_one("#status-choice", ChoiceList).value
        return value if isinstance(value, str) else None

    def _needs_crew(self, status: str | None) -> bool:
        return needs_crew(status, self.wo.crew)

    @on(ChoiceList.Changed, "#status-choice")
    def _status_changed(self) -> None:
        status = self.chosen
        relabel(self.query_one("#status-text-field", LabelledField), text_label(status))
        self.query_one("#status-crew-field").display = self._needs_crew(status)

    @on(ChoiceList.Accepted, "#status-choice")
    def _status_accepted(self) -> None:
        if self._needs_crew(self.chosen):
            self.query_one("#status-crew", Select).focus()
        else:
            self.query_one("#status-text", Input).focus()

    @on(Select.Changed, "#status-crew")
    def _crew_changed(self) -> None:
        self.query_one("#status-text", Input).focus()

    def submit(self) -> None:
        status = self.required("status-choice", "the next status")
        if status is None:
            return
        text = self.query_one("#status-text", Input).value
        picked = self.query_one("#status-crew", Select).value
        crew = picked if isinstance(picked, str) else None
        self.apply(status_change(status, text=text, crew=crew, current_crew=self.wo.crew))
