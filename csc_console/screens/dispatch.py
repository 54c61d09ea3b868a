"""Dispatch workspace: every active unit and its status (the radio log comes with the
dispatch issue)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Static

from csc_console.screens.base import WorkspaceScreen
from csc_console.widgets.lists import ReadTable
from csc_console.widgets.text import literal

if TYPE_CHECKING:
    from csc_console.services.context import Ctx
    from csc_console.services.overview import UnitLine


class DispatchScreen(WorkspaceScreen[tuple["UnitLine", ...]]):
    a11y_title = "Dispatch"
    mode = "dispatch"

    def compose_body(self) -> ComposeResult:
        yield Static(literal("Units: loading."), id="units-summary", markup=False)
        yield ReadTable("Units", ("Status", "Unit", "Name", "Since"), id="units-table")

    def fetch(self, ctx: Ctx) -> tuple[UnitLine, ...]:
        from csc_console.services.overview import unit_overview

        return unit_overview(ctx)

    def show(self, data: tuple[UnitLine, ...]) -> None:
        from csc_console.services.text import printable

        self.query_one("#units-summary", Static).update(
            literal(f"Units: {len(data)} in service, status first.")
        )
        self.query_one("#units-table", ReadTable).set_rows(
            (
                printable(u.status),
                printable(u.call_sign),
                printable(u.name),
                f"{u.since:%H:%M}" if u.since else "",
            )
            for u in data
        )
