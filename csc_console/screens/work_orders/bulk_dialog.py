"""Supervisors: reassign or re-prioritise the selected work orders in one go. Each work order
is changed on its own, so a refusal (a closed one, say) does not undo the others; the result
lists what changed and what failed, with the reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Input

from csc_console.desks.workorders.results import BulkOutcome, bulk_outcome
from csc_console.desks.workorders.words import change_selected, joined
from csc_console.screens.work_orders.crew_dialog import NO_CREW
from csc_console.screens.work_orders.form import WoDialog, text_field
from csc_console.services.workorders import Change, bulk_update
from csc_console.vocab import Priority
from csc_console.widgets.choices import ChoiceList
from csc_console.widgets.fields import LabelledField

if TYPE_CHECKING:
    from csc_console.services.context import Ctx

KEEP = "keep"


class BulkDialog(WoDialog[BulkOutcome]):
    first_focus = "bulk-crew"
    next_field = {"bulk-crew": "bulk-priority", "bulk-priority": "bulk-note"}
    ok_label = "Change them"

    def __init__(self, numbers: list[str], crews: list[tuple[str, str]]) -> None:
        super().__init__(classes="wo-dialog")
        self.numbers = numbers
        count = len(numbers)
        self.a11y_title = change_selected(count)
        self.crews = [(KEEP, "Keep each one's crew"), *crews, (NO_CREW, "No crew")]
        self.priorities = [
            (KEEP, "Keep each one's priority"),
            *[(p.value, p.label) for p in Priority],
        ]

    def compose_dialog(self) -> ComposeResult:
        yield self.note(f"Selected: {joined(self.numbers)}.")
        yield LabelledField("Crew", ChoiceList("Crew", self.crews, value=KEEP, id="bulk-crew"))
        yield LabelledField(
            "Priority", ChoiceList("Priority", self.priorities, value=KEEP, id="bulk-priority")
        )
        yield text_field("Note (optional)", id="bulk-note")
        yield from self.buttons()

    def submit(self) -> None:
        crew = self.query_one("#bulk-crew", ChoiceList).value
        priority = self.query_one("#bulk-priority", ChoiceList).value
        note = self.query_one("#bulk-note", Input).value or None
        change = Change(
            crew=None if crew in (KEEP, None) else ("" if crew == NO_CREW else str(crew)),
            priority=None if priority in (KEEP, None) else str(priority),
            note=note,
        )
        if change.crew is None and change.priority is None:
            self.host.show_error("Choose a crew or a priority to change; Escape closes.")
            return
        numbers = list(self.numbers)

        def call(ctx: Ctx) -> BulkOutcome:
            return bulk_outcome(bulk_update(ctx, numbers=numbers, change=change), change)

        self.run_job(call, self.dismiss)
