"""Supervisors: raise the priority of every overdue open work order by one step (low to
normal, normal to high, high to urgent), in the queue's department or everywhere."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Button

from csc_console.screens.work_orders.form import WoDialog
from csc_console.services.workorders import BulkResult, escalate_overdue

if TYPE_CHECKING:
    from csc_console.services.context import Ctx


class EscalateDialog(WoDialog[BulkResult]):
    ok_label = "Escalate"
    a11y_title = "Escalate overdue work orders"

    def __init__(self, department: str | None, where: str) -> None:
        super().__init__(classes="wo-dialog")
        self.department = department
        self.where = where

    def compose_dialog(self) -> ComposeResult:
        yield self.note(f"Raise the priority of every overdue open work order in {self.where} by one "
                "step? Each one's history says why.")
        yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    def submit(self) -> None:
        department = self.department

        def call(ctx: Ctx) -> BulkResult:
            return escalate_overdue(ctx, department=department)

        self.run_job(call, self.dismiss)
