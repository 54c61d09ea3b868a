"""Add a work order to an existing request (a second crew, a follow-up job): the request's
number, optionally what this work order is for (else the request's description) and its crew
(else the category's routing decides)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Input

from csc_console.db.models import DESCRIPTION_MAX
from csc_console.screens.work_orders.form import WoDialog, crew_field, text_field
from csc_console.services.workorders import WorkOrderPublic, add_work_order

if TYPE_CHECKING:
    pass



class AddWorkOrderDialog(WoDialog[WorkOrderPublic]):
    next_field = {"add-request": "add-description"}
    ok_label = "Add work order"
    a11y_title = "Add a work order to a request"

    def __init__(self, crews: list[tuple[str, str]], request: str = "") -> None:
        super().__init__(classes="wo-dialog")
        self.crews = crews
        self.request = request

    def compose_dialog(self) -> ComposeResult:
        yield self.note("The request keeps its callers; they are told when all its work is done.")
        yield text_field("Request number", value=self.request, id="add-request")
        yield text_field(
            "What this work order is for (optional)",
            id="add-description",
            max_length=DESCRIPTION_MAX,
        )
        yield crew_field(self.crews, id="add-crew")
        yield from self.buttons()

    def on_mount(self) -> None:
        target = "#add-description" if self.request else "#add-request"
        self.query_one(target, Input).focus()

    def submit(self) -> None:
        request = self.query_one("#add-request", Input).value.strip()
        if not request:
            self.host.show_error("Type the request's number first, like SR-2026-000123.")
            return
        description = self.query_one("#add-description", Input).value or None
        call = partial(
            add_work_order, request=request, description=description, crew=self.picked("add-crew")
        )
        self.run_job(call, self.dismiss)
