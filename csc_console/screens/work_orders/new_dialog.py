"""Crew-found work: a work order with no caller (recorded with its own closed request).

Category (the work-order categories as numbered choices), address (checked against the
city's streets; "keep as typed" saves an address the list does not know), what needs doing,
and optionally the crew and the priority (else the category's routing decides).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Select

from csc_console.catalog import Catalog
from csc_console.db.models import ADDRESS_MAX, DESCRIPTION_MAX
from csc_console.screens.work_orders.form import WoDialog, text_field
from csc_console.services.workorders import WorkOrderPublic, create_direct
from csc_console.vocab import Priority
from csc_console.widgets.choices import ChoiceList
from csc_console.widgets.fields import LabelledField
from csc_console.widgets.text import literal
from csc_console.widgets.toggles import CheckBox

if TYPE_CHECKING:
    from csc_console.services.context import Ctx

DEFAULT = "default"


def work_categories(catalog: Catalog) -> list[tuple[str, str]]:
    return [(c.code, c.name) for c in catalog.categories if c.work_order]


class NewWorkOrderDialog(WoDialog[WorkOrderPublic]):
    ok_label = "Create"
    a11y_title = "New crew-found work order"

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
            crew = Select(
                [(literal("The category's default crew"), DEFAULT)]
                + [(literal(words), sign) for sign, words in self.crews],
                value=DEFAULT,
                allow_blank=False,
                id="new-crew",
            )
            yield LabelledField("Crew", crew)
            priority = Select(
                [(literal("The category's priority"), DEFAULT)]
                + [(literal(p.label), p.value) for p in Priority],
                value=DEFAULT,
                allow_blank=False,
                id="new-priority",
            )
            yield LabelledField("Priority", priority)
        yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#new-category", ChoiceList).focus()

    @on(ChoiceList.Accepted, "#new-category")
    def _category_accepted(self) -> None:
        self.query_one("#new-address", Input).focus()

    def entered(self, field: Input) -> None:
        if field.id == "new-address":
            self.query_one("#new-description", Input).focus()
        else:
            self.submit()

    def submit(self) -> None:
        category = self.query_one("#new-category", ChoiceList).value
        if not isinstance(category, str):
            self.host.show_error("Choose the category first: type its number.")
            return
        address = self.query_one("#new-address", Input).value
        description = self.query_one("#new-description", Input).value
        unverified = self.query_one("#new-unverified", CheckBox).value
        crew = self.query_one("#new-crew", Select).value
        priority = self.query_one("#new-priority", Select).value

        def call(ctx: Ctx) -> WorkOrderPublic:
            return create_direct(
                ctx,
                category=category,
                address=address,
                description=description,
                crew=crew if isinstance(crew, str) and crew != DEFAULT else None,
                priority=priority if isinstance(priority, str) and priority != DEFAULT else None,
                unverified_address=unverified,
            )

        self.run_job(call, self.dismiss)
