"""The queue's tools that make files or new work orders: CSV export, the division's daily
sheet, crew-found work and a work order added to a request (a mixin of ``queue``'s screen:
the queue module stays about the queue itself)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csc_console.desks.workorders.detail import added_lines, created_lines
from csc_console.desks.workorders.results import csv_saved, saved_at
from csc_console.desks.workorders.words import crew_options
from csc_console.screens.work_orders.jobs import Jobs
from csc_console.services.queues import QueueFilter
from csc_console.services.workorders import WorkOrderPublic

if TYPE_CHECKING:
    from csc_console.screens.base import WorkspaceScreen
    from csc_console.services.context import Ctx

    _Screen = WorkspaceScreen[Any]
else:
    _Screen = object


class QueueTools(Jobs, _Screen):
    """Export, print and create, from the queue (see the module documentation)."""

    def queue_filter(self) -> tuple[QueueFilter, str]:
        """The queue's filter and sort now (the screen answers)."""
        raise NotImplementedError

    # ------------------------------------------------------------------ files
    def action_export(self) -> None:
        from csc_console.services.outputs import save_queue_csv

        filt, sort = self.queue_filter()

        def call(ctx: Ctx) -> tuple[Path, int]:
            return save_queue_csv(ctx, filt, sort=sort)

        def done(result: tuple[Path, int]) -> None:
            path, count = result
            self.app.notify(saved_at(csv_saved(count), path))

        self.run_job(call, done)

    def action_day_sheet(self) -> None:
        from csc_console.db.types import utcnow
        from csc_console.screens.work_orders.day_sheet_dialog import DaySheetDialog

        ctx = self.host.ctx
        if ctx is None:
            return
        f, _ = self.queue_filter()
        today = utcnow().astimezone(ctx.zone).date()
        dialog = DaySheetDialog(ctx.catalog, f.department, f.division, today)
        self.app.push_screen(dialog, self._sheet_written)

    def _sheet_written(self, said: str | None) -> None:
        if said is not None:
            self.app.notify(said)

    # ------------------------------------------------------------------ new work orders
    def _crews(self) -> list[tuple[str, str]]:
        ctx = self.host.ctx
        assert ctx is not None
        f, _ = self.queue_filter()
        return [(o.value, o.title) for o in crew_options(ctx.catalog, f.division, f.department)]

    def action_new(self) -> None:
        from csc_console.screens.work_orders.new_dialog import NewWorkOrderDialog

        ctx = self.host.ctx
        if ctx is not None:
            self.app.push_screen(
                NewWorkOrderDialog(ctx.catalog, self._crews()),
                lambda wo: self._open_created(wo, created_lines),
            )

    def action_add(self) -> None:
        from csc_console.screens.work_orders.add_dialog import AddWorkOrderDialog

        if self.host.ctx is not None:
            self.app.push_screen(
                AddWorkOrderDialog(self._crews()),
                lambda wo: self._open_created(wo, added_lines),
            )

    def _open_created(
        self, wo: WorkOrderPublic | None, said: Callable[[WorkOrderPublic], list[str]]
    ) -> None:
        from csc_console.screens.work_orders.detail import WorkOrderScreen

        if wo is None:
            return
        self.app.notify(" ".join(said(wo)))
        self.app.push_screen(WorkOrderScreen(wo.number))
