"""Crew-found work: a work order with no caller (recorded with its own closed request).

Category (the work-order categories as numbered choices), address (checked against the
city's streets; "keep as typed" saves an address the list does not know), what needs doing,
and optionally the crew and the priority (else the category's routing decides).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Select

from csc_console.catalog import Catalog
from csc_console.db.models import ADDRESS_MAX, DESCRIPTION_MAX
from csc_console.desks.workorders.words import NEW_CREW_FOUND
from csc_console.screens.work_orders.form import DEFAULT, WoDialog, crew_field, text_field
from csc_console.services.workorders import WorkOrderPublic, create_direct
from csc_console.vocab import Priority
from csc_console.widgets.choices import ChoiceList
from csc_console.widgets.fields import LabelledField
from csc_console.widgets.text import literal
from csc_console.widgets.toggles import CheckBox

if TYPE_CHECKING:
    pass



def work_categories(catalog: Catalog) -> list[tuple[str, str]]:
    return [(c.code, c.name) for c in catalog.categories if c.work_order]


class NewWorkOrderDialog(WoDialog[WorkOrderPublic]):
    first_focus = "new-category"
    next_field = {"new-category": "new-address", "new-address": "new-description"}
    ok_label = "Create"
    a11y_title = NEW_CREW_FOUND

    def __init__(self, catalog: Catalog, crews: list[tuple[str, str]]) -> None:
        super().__init__(classes="wo-dialog")
        self.categories = work_categories(catalog)
        self.crews = crews

    def compose_dialog(self) -> ComposeResult:
        with VerticalScroll(id="new-form", can_focus=False):
            yield LabelledField(
                "Category", ChoiceList("Category", self.categories, id="new-category")
            )
            yield text_field("Address", id="new-address", max_length=ADDRESS_MAX)
            yield LabelledField(
                "Address check",
                CheckBox("Keep the address as typed (not in the street list)", id="new-unverified"),
            )
            yield text_field("What needs doing", id="new-description", max_length=DESCRIPTION_MAX)
            yield crew_field(self.crews, id="new-crew")
            priority = Select(
                [(literal("The category's priority"), DEFAULT)]
                + [(literal(p.label), p.value) for p in Priority],
                value=DEFAULT,
                allow_blank=False,
                id="new-priority",
            )
            yield LabelledField("Priority", priority)
        yield from self.buttons()

    def submit(self) -> None:
        category = self.required("new-category", "the category")
        if category is None:
            return
        address = self.query_one("#new-address", Input).value
        description = self.query_one("#new-description", Input).value
        unverified = self.query_one("#new-unverified", CheckBox).value
        call = partial(
            create_direct,
            category=category,
            address=address,
            description=description,
            crew=self.picked("new-crew"),
            priority=self.picked("new-priority"),
            unverified_address=unverified,
        )
        self.run_job(call, self.dismiss)
