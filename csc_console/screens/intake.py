"""Intake workspace: who is signed in and today's requests so far (the call-taking screen of
the intake issue grows here)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Static

from csc_console.screens.base import WorkspaceScreen, operator_words
from csc_console.widgets.lists import ReadList
from csc_console.widgets.text import literal

if TYPE_CHECKING:
    from csc_console.services.context import Ctx
    from csc_console.services.overview import IntakeOverview


class IntakeScreen(WorkspaceScreen["IntakeOverview"]):
    a11y_title = "Intake"
    mode = "intake"

    def compose_body(self) -> ComposeResult:
        yield Static(
            literal(self._who()),
            id="intake-operator",
            markup=False,
        )
        yield Static(literal("Today's requests: loading."), id="intake-count", markup=False)
        yield ReadList("Today's requests", empty="No requests yet today.", id="intake-requests")

    def _who(self) -> str:
        if self.host.ctx is None and self.host.settings.operator:
            from csc_console.services.text import printable

            return f"Signing in as {printable(self.host.settings.operator)}."
        return f"Signed in as {operator_words(self.host.ctx)}."

    def fetch(self, ctx: Ctx) -> IntakeOverview:
        from csc_console.services.overview import intake_overview

        return intake_overview(ctx)

    def show(self, data: IntakeOverview) -> None:
        from csc_console.services.text import printable

        self.query_one("#intake-operator", Static).update(literal(self._who()))
        day = f"{data.day:%A, %B} {data.day.day}"
        shown = (
            f", the latest {len(data.recent)} below"
            if data.requests_today > len(data.recent)
            else ""
        )
        self.query_one("#intake-count", Static).update(
            literal(f"Today's requests ({day}): {data.requests_today} so far{shown}.")
        )
        lines = [
            printable(
                f"{r.number}, {r.category}, {r.address or 'no address'}, {r.status}, "
                f"{r.created_at:%H:%M}"
            )
            for r in data.recent
        ]
        self.query_one("#intake-requests", ReadList).set_lines(lines)
