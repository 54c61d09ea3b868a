"""Supervisor tools on the queue: selection shown as text, bulk reassign with the refusals
listed and logged, escalating overdue work, and a refusal from the service shown if it
happens anyway (that a CSR is not offered them: ``test_work_orders_queue``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from csc_console.errors import PermissionDenied
from csc_console.screens.error import ErrorModal
from csc_console.screens.work_orders import bulk_dialog
from csc_console.screens.work_orders.results_dialog import ResultsDialog
from csc_console.services.queues import QueueFilter, list_queue
from csc_console.services.workorders import Change, get_work_order, update_work_order
from csc_console.widgets.paged_table import PagedTable
from tests.ui.helpers import focus_line, message_bar, settle
from tests.ui.work_orders_kit import (
    SIZE,
    Db,
    console,
    database,
    open_queue,
    seed,
)


@pytest.fixture
def wo_db(sqlite_url: str) -> Iterator[Db]:
    with database(sqlite_url) as db:
        yield db


def first_cells(app: Any) -> list[str]:
    """The first column of the queue (the selection marks, for supervisors)."""
    table = app.screen.query_one(PagedTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_supervisor_selects_changes_in_bulk_and_escalates(
    wo_db: Db, monkeypatch: pytest.MonkeyPatch
) -> None:
    numbers = seed(wo_db.csr, 3)
    app = console(wo_db, "supervisor")
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, wo_db)
        assert first_cells(app) == ["[ ]", "[ ]", "[ ]"]
        await pilot.press("space")
        await settle(pilot)
        assert f", table, selected, {numbers[0]}: Assigned, " in focus_line(app)
        assert message_bar(app) == f"{numbers[0]} selected; 1 selected."
        await pilot.press("down", "space")
        await settle(pilot)
        assert first_cells(app) == ["[x]", "[x]", "[ ]"]
        assert "2 selected." in str(app.screen.query_one("#queue-summary").content)
        # One of them is completed meanwhile (by someone else): it cannot be reassigned.
        for change in (
            Change(status="dispatched"),
            Change(status="in_progress"),
            Change(status="completed", resolution="done"),
        ):
            update_work_order(wo_db.csr, number=numbers[1], change=change)
        await pilot.press("b")
        await settle(pilot)
        assert focus_line(app).startswith("Change 2 selected work orders. Crew, list, ")
        await pilot.press("4", "enter", "enter", "enter")  # PW3, keep the priority, no note
        await settle(pilot)
        assert isinstance(app.screen, ResultsDialog)
        said = focus_line(app)
        assert said.startswith(
            f"Bulk change: 1 work order changed, 1 not changed. Results, list, {numbers[1]}: not changed. "
        )
        assert "reopen it before reassigning" in said
        logged = app.message_log.last
        assert logged is not None and logged.severity == "warning"
        assert logged.text.startswith("Bulk change: 1 work order changed, 1 not changed.")
        assert numbers[1] in logged.text
        await pilot.press("escape")
        await settle(pilot)
        assert get_work_order(wo_db.csr, number=numbers[0]).crew == "PW3"
        assert "1 selected." in str(app.screen.query_one("#queue-summary").content)

        # Escalate: every overdue open work order one step up.
        await pilot.press("e")
        await settle(pilot)
        assert focus_line(app).startswith("Escalate overdue work orders. Escalate, button")
        await pilot.press("enter")
        await settle(pilot)
        assert focus_line(app).startswith("Escalation: 2 work orders escalated. Results, list, WO-")
        assert ": priority raised one step., 1 of 2" in focus_line(app)
        await pilot.press("enter")
        await settle(pilot)
        assert list_queue(wo_db.csr, QueueFilter(priority="high")).total == 2

        # Should the service refuse (the role changed elsewhere), its sentence is shown.
        def refuse(ctx: Any, **kw: Any) -> Any:
            raise PermissionDenied("Lee Williams is signed in as CSR; this needs Supervisor.")

        monkeypatch.setattr(bulk_dialog, "bulk_update", refuse)
        await pilot.press("b", "enter", "2", "enter", "enter")  # crew kept, priority Low
        await settle(pilot)
        assert isinstance(app.screen, ErrorModal)
        assert app.screen.message == "Lee Williams is signed in as CSR; this needs Supervisor."
