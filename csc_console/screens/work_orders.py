"""Work orders workspace: open and overdue work orders per department (queues come with the
work-order issue)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Static

from csc_console.screens.base import WorkspaceScreen
from csc_console.widgets.lists import ReadTable
from csc_console.widgets.text import literal

if TYPE_CHECKING:
    from csc_console.services.context import Ctx
    from csc_console.services.overview import DepartmentWork


class WorkOrdersScreen(WorkspaceScreen[tuple["DepartmentWork", ...]]):
    a11y_title = "Work orders"
    mode = "work_orders"

    def compose_body(self) -> ComposeResult:
        yield Static(
            literal("Open work orders by department: loading."), id="wo-summary", markup=False
        )
        yield ReadTable(
            "Open work orders by department", ("Department", "Open", "Overdue"), id="wo-table"
        )

    def fetch(self, ctx: Ctx) -> tuple[DepartmentWork, ...]:
        from csc_console.services.overview import work_order_overview

        return work_order_overview(ctx)

    def show(self, data: tuple[DepartmentWork, ...]) -> None:
        from csc_console.services.text import printable

        total = sum(d.open for d in data)
        overdue = sum(d.overdue for d in data)
        self.query_one("#wo-summary", Static).update(
            literal(f"Open work orders by department: {total} open, {overdue} overdue.")
        )
        self.query_one("#wo-table", ReadTable).set_rows(
            (printable(d.department), f"{d.open} open", f"{d.overdue} overdue") for d in data
        )
