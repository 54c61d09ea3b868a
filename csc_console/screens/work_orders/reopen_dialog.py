"""Reopen a completed or cancelled work order (supervisors): the reason is required. It goes
back to assigned when it has a crew, else to new."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input

from csc_console.db.models import NOTE_MAX
from csc_console.desks.workorders.detail import reopened
from csc_console.desks.workorders.words import status_label
from csc_console.screens.work_orders.form import EditDialog, Saved, text_field
from csc_console.services.context import Ctx
from csc_console.services.workorders import WorkOrderPublic, reopen


class ReopenDialog(EditDialog):
    first_focus = "reopen-reason"
    ok_label = "Reopen"
    title_words = "Reopen {number}"

    def compose_dialog(self) -> ComposeResult:
        yield self.note(f"{self.wo.number} is {status_label(self.wo.status).lower()}. Why reopen it?")
        yield text_field("Reason", id="reopen-reason", max_length=NOTE_MAX)
        yield from self.buttons()

    def submit(self) -> None:
        reason = self.query_one("#reopen-reason", Input).value
        number = self.wo.number

        def call(ctx: Ctx) -> WorkOrderPublic:
            return reopen(ctx, number=number, reason=reason)

        def done(wo: WorkOrderPublic) -> None:
            self.dismiss(Saved(wo, reopened(wo)))

        self.run_job(call, done)
