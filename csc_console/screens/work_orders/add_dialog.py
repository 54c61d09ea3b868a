"""Add a work order to an existing request (a second crew, a follow-up job): the request's
number, optionally what this work order is for (else the request's description) and its crew
(else the category's routing decides)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Input, Select, Static

from csc_console.db.models import DESCRIPTION_MAX
from csc_console.screens.work_orders.form import WoDialog, text_field
from csc_console.services.workorders import WorkOrderPublic, add_work_order
from csc_console.widgets.fields import LabelledField
from csc_console.widgets.text import literal

if TYPE_CHECKING:
    from csc_console.services.context import Ctx

DEFAULT = "default"


class AddWorkOrderDialog(WoDialog[WorkOrderPublic]):
    ok_label = "Add work order"
    a11y_title = "Add a work order to a request"

    def __init__(self, crews: list[tuple[str, str]], request: str = "") -> None:
        super().__init__(classes="wo-dialog")
        self.crews = crews
        self.request = request

    def compose_dialog(self) -> ComposeResult:
        yield Static(
            literal("The request keeps its callers; they are told when all its work is done."),
            classes="dialog-note",
            markup=False,
        )
        yield text_field("Request number", value=self.request, id="add-request")
        yield text_field(
            "What this work order is for (optional)",
            id="add-description",
            max_length=DESCRIPTION_MAX,
        )
        crew = Select(
            [(literal("The category's default crew"), DEFAULT)]
            + [(literal(words), sign) for sign, words in self.crews],
            value=DEFAULT,
            allow_blank=False,
            id="add-crew",
        )
        yield LabelledField("Crew", crew)
        yield from self.buttons()

    def on_mount(self) -> None:
        target = "#add-description" if self.request else "#add-request"
        self.query_one(target, Input).focus()

    def entered(self, field: Input) -> None:
        if field.id == "add-request":
            self.query_one("#add-description", Input).focus()
        else:
            self.submit()

    def submit(self) -> None:
        request = self.query_one("#add-request", Input).value.strip()
        if not request:
            self.host.show_error("Type the request's number first, like SR-2026-000123.")
            return
        description = self.query_one("#add-description", Input).value or None
        crew = self.query_one("#add-crew", Select).value

        def call(ctx: Ctx) -> WorkOrderPublic:
            return add_work_order(
                ctx,
                request=request,
                description=description,
                crew=crew if isinstance(crew, str) and crew != DEFAULT else None,
            )

        self.run_job(call, self.dismiss)
