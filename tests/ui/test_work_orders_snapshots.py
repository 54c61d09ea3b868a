"""Snapshots of the Work orders workspace's look (pytest-textual-snapshot): the queue as a
supervisor sees it, with a selection, and one work order in the plain look. The clock is fixed
(overdue counts to it) and the work orders are from 2024, so no date on screen moves.

Update after a deliberate change of look:
``pytest tests/ui/test_work_orders_snapshots.py --snapshot-update`` and review the SVGs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from csc_console.screens.work_orders.detail import WorkOrderScreen
from csc_console.screens.work_orders.queue import WorkOrdersScreen
from tests.ui.helpers import settle
from tests.ui.work_orders_kit import Db, console, database, open_queue, request, seed

SIZE = (110, 30)
NOW = datetime(2024, 3, 14, 17, 0, tzinfo=UTC)  # a week after they were due


@pytest.fixture
def wo_db(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Db]:
    monkeypatch.setattr(WorkOrdersScreen, "now", lambda self: NOW)
    monkeypatch.setattr(WorkOrderScreen, "now", lambda self: NOW)
    with database(sqlite_url) as db:
        seed(db.csr, 3)
        request(
            db.csr, "455 E Colorado Blvd", description="[bold]Sinkhole[/bold]", phone="626-555-0101"
        )
        yield db


class TestWorkOrders:
    def test_queue_with_a_selection(self, snap_compare: Any, wo_db: Db) -> None:
        async def run_before(pilot: Any) -> None:
            await open_queue(pilot, wo_db)
            await pilot.press("down", "space", "down")
            await settle(pilot)
            pilot.app.dismiss_messages()
            await settle(pilot)

        assert snap_compare(console(wo_db, "supervisor"), terminal_size=SIZE, run_before=run_before)

    def test_detail_plain(self, snap_compare: Any, wo_db: Db) -> None:
        plain = Db(replace(wo_db.settings, plain=True), wo_db.admin, wo_db.csr, wo_db.supervisor)

        async def run_before(pilot: Any) -> None:
            await open_queue(pilot, plain)
            await pilot.press("ctrl+end", "enter")
            await settle(pilot)

        assert snap_compare(console(plain, "csr"), terminal_size=SIZE, run_before=run_before)
