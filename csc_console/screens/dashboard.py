"""Dashboard workspace: today's call and request counts (the full dashboard comes with the
dashboard issue). Numbers are text, one per line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Static

from csc_console.screens.base import WorkspaceScreen
from csc_console.widgets.lists import ReadList
from csc_console.widgets.text import literal

if TYPE_CHECKING:
    from csc_console.services.context import Ctx
    from csc_console.services.overview import TodayFigures


class DashboardScreen(WorkspaceScreen["TodayFigures"]):
    a11y_title = "Dashboard"
    mode = "dashboard"

    def compose_body(self) -> ComposeResult:
        yield Static(literal("Today's figures: loading."), id="dash-day", markup=False)
        yield ReadList("Today's figures", id="dash-figures")

    def fetch(self, ctx: Ctx) -> TodayFigures:
        from csc_console.services.overview import today_figures

        return today_figures(ctx)

    def show(self, data: TodayFigures) -> None:
        self.query_one("#dash-day", Static).update(
            literal(f"Today's figures, {data.day:%A, %B} {data.day.day}, {data.day:%Y}, so far:")
        )
        self.query_one("#dash-figures", ReadList).set_lines(
            [
                f"Calls offered: {data.calls_offered}",
                f"Calls answered: {data.calls_answered}",
                f"Calls abandoned: {data.calls_abandoned}",
                f"Requests received: {data.requests_received}",
                f"Open work orders: {data.open_work_orders}",
            ]
        )
