"""The Work orders queue: rows in words with the cursor on them, paging from the database,
filters and sort by keys, the refresh timer that writes nothing while nothing changed, CSV
export and the division's daily sheet."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from csc_console.screens.help import HelpScreen
from csc_console.screens.work_orders import queue as queue_module
from csc_console.screens.work_orders.queue import WorkOrdersScreen
from csc_console.services.workorders import Change, update_work_order
from csc_console.widgets.lists import ReadList
from csc_console.widgets.paged_table import PagedTable
from tests.ui.helpers import (
    cursor_in_focused,
    focus_line,
    message_bar,
    screen_lines,
    screen_text,
    settle,
    until,
)
from tests.ui.work_orders_kit import (
    SIZE,
    Db,
    console,
    database,
    open_queue,
    request,
    seed,
)


@pytest.fixture
def wo_db(sqlite_url: str) -> Iterator[Db]:
    with database(sqlite_url) as db:
        yield db


OVERDUE = r"OVERDUE \d+ business days"
DUE = r"\w{3} \w{3} \d+, \d{4} \d+:\d{2} [AP]M"


def row_said(app: Any) -> str:
    """The focus line without the table's name (said only when the table gains focus)."""
    return focus_line(app).removeprefix("Work orders. ").removeprefix("Work order queue, table, ")


def summary(app: Any) -> str:
    return str(app.screen.query_one("#queue-summary").content)


def row_on_cursor(app: Any) -> str:
    x, y = app.cursor_position
    return screen_lines(app)[y][x:]


async def test_rows_in_words_cursor_on_them_and_pages_from_the_database(
    wo_db: Db, monkeypatch: pytest.MonkeyPatch
) -> None:
    numbers = seed(wo_db.csr, 5)
    monkeypatch.setattr(queue_module, "PAGE_SIZE", 2)
    asked: list[tuple[int, int]] = []
    real = queue_module.list_queue

    def spy(ctx: Any, filt: Any, **kw: Any) -> Any:
        asked.append((kw["offset"], kw["limit"]))
        return real(ctx, filt, **kw)

    monkeypatch.setattr(queue_module, "list_queue", spy)
    app = console(wo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, wo_db)
        table = app.screen.query_one(PagedTable)
        assert table.row_count == 2
        said = focus_line(app)
        assert re.fullmatch(
            rf"Work orders\. Work order queue, table, {numbers[0]}: Assigned, {OVERDUE}, "
            rf"Normal priority, Potholes, 100 N Lake Ave, crew PW2, due {DUE}, row 1 of 2, page 1 of 3",
            said,
        ), said
        assert cursor_in_focused(app)
        assert row_on_cursor(app).startswith(numbers[0])
        assert "OVERDUE" in screen_text(app)  # overdue written out, not only a colour
        await pilot.press("down")
        await settle(pilot)
        # Arrowing says the row, not the table's name again.
        assert re.fullmatch(
            rf"{numbers[1]}: Assigned, {OVERDUE}, Normal priority, Potholes, 110 N Lake Ave, "
            rf"crew PW2, due {DUE}, row 2 of 2, page 1 of 3",
            focus_line(app),
        ), focus_line(app)
        assert row_on_cursor(app).startswith(numbers[1])
        await pilot.press("down")  # past the last row: the next page, first row
        await settle(pilot)
        assert table.row_count == 2
        assert focus_line(app).startswith(f"{numbers[2]}: ")
        assert focus_line(app).endswith("row 1 of 2, page 2 of 3")
        assert row_on_cursor(app).startswith(numbers[2])
        await pilot.press("up")  # before the first row: the previous page, last row
        await settle(pilot)
        assert focus_line(app).startswith(f"{numbers[1]}: ")
        assert focus_line(app).endswith("row 2 of 2, page 1 of 3")
        await pilot.press("n", "n")
        await settle(pilot)
        assert focus_line(app).startswith(f"{numbers[4]}: ")
        assert focus_line(app).endswith("row 1 of 1, page 3 of 3")
        await pilot.press("n")
        await settle(pilot)
        assert message_bar(app) == "This is the last page."
        await pilot.press("p")
        await settle(pilot)
        assert focus_line(app).endswith("row 1 of 2, page 2 of 3")
        assert "5 work orders, page 2 of 3. Showing 3 to 4." in summary(app)
        assert summary(app).startswith("Open work orders, all departments, due first: 5 work orders")
        await pilot.press("tab")  # away and back: the table's name is said again
        await settle(pilot)
        await pilot.press("shift+tab")
        await settle(pilot)
        assert focus_line(app).startswith(f"Work order queue, table, {numbers[2]}: ")
    assert {limit for _, limit in asked} == {2}  # never more than a page
    assert [offset for offset, _ in asked] == [0, 2, 0, 2, 4, 2]


async def test_filters_by_keys_and_the_filter_bar_and_sort(wo_db: Db) -> None:
    numbers = seed(wo_db.csr, 3)
    fresh = request(wo_db.csr, "455 E Colorado Blvd", now=None).work_orders[0]  # not overdue
    update_work_order(wo_db.csr, number=numbers[2], change=Change(priority="urgent"))
    update_work_order(wo_db.csr, number=numbers[1], change=Change(status="dispatched"))
    app = console(wo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, wo_db)
        table = app.screen.query_one(PagedTable)
        assert table.row_count == 4
        await pilot.press("o")  # overdue only
        await settle(pilot)
        assert table.row_count == 3
        assert fresh not in screen_text(app)
        assert "overdue only" in screen_text(app)
        await pilot.press("o")
        await settle(pilot)
        assert table.row_count == 4
        # Status by keys: F goes to the filter bar; Tab to Status; Right steps through it.
        await pilot.press("f")
        await settle(pilot)
        assert focus_line(app).startswith("Division, choice, All departments, 1 of ")
        assert cursor_in_focused(app)
        await pilot.press("tab")
        await settle(pilot)
        assert focus_line(app) == "Status, choice, Open (any open status), 1 of 10"
        await pilot.press("right", "right", "right")  # New, Assigned, Dispatched
        await settle(pilot)
        assert focus_line(app) == "Status, choice, Dispatched, 4 of 10"
        assert table.row_count == 1
        assert numbers[1] in screen_text(app)
        assert "Dispatched work orders, all departments, due first: 1 work order" in screen_text(app)
        await pilot.press("home")  # back to every open one
        await settle(pilot)
        assert table.row_count == 4
        # Text search: Enter applies it and goes back to the queue.
        app.screen.query_one("#filter-text").focus()
        await settle(pilot)
        assert focus_line(app).startswith("Search, text field")
        await pilot.press(*"455 e colorado", "enter")
        await settle(pilot)
        assert app.focused is table
        assert table.row_count == 1
        assert focus_line(app).startswith(f"Work order queue, table, {fresh}: Assigned")
        app.screen.query_one("#filter-text").value = ""
        app.screen.query_one("#filter-text").focus()
        await pilot.press("enter")
        await settle(pilot)
        # Sort: due (oldest first), then newest first, then priority (urgent first).
        assert row_said(app).startswith(f"{numbers[0]}: ")
        await pilot.press("s")
        await settle(pilot)
        assert message_bar(app) == "Sort: newest first."
        assert row_said(app).startswith(f"{fresh}: ")
        await pilot.press("s")
        await settle(pilot)
        assert row_said(app).startswith(f"{numbers[2]}: Assigned, ")
        assert "Urgent priority" in focus_line(app)
        await pilot.press("f", "escape")  # Escape in the filter bar: back to the queue
        await settle(pilot)
        assert app.focused is table


async def test_the_timer_writes_nothing_while_the_queue_is_unchanged(
    wo_db: Db, monkeypatch: pytest.MonkeyPatch
) -> None:
    numbers = seed(wo_db.csr, 2)
    monkeypatch.setattr(WorkOrdersScreen, "REFRESH_SECONDS", 0.2)
    checks: list[int] = []
    real = queue_module.queue_fingerprint

    def counting(ctx: Any, filt: Any, **kw: Any) -> Any:
        checks.append(1)
        return real(ctx, filt, **kw)

    monkeypatch.setattr(queue_module, "queue_fingerprint", counting)
    app = console(wo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, wo_db, rows=2)
        await pilot.pause(0.3)
        frames: list[int] = []
        original = type(app)._display

        def counting_frames(self: Any, screen: Any, renderable: Any) -> None:
            if renderable is not None:
                frames.append(1)
            original(self, screen, renderable)

        monkeypatch.setattr(type(app), "_display", counting_frames)
        # A frame still owed for opening the queue may come late on a loaded machine: wait
        # for one quiet half second (at most 5 s) before watching.
        for _ in range(10):
            frames.clear()
            await pilot.pause(0.5)
            if not frames:
                break
        looked = len(checks)
        await pilot.pause(1.0)
        assert len(checks) > looked  # the timer did look while we watched
        assert frames == []  # and wrote nothing
        # A change (from another console) that the page does not show: the page is read
        # again, found the same, and nothing is written.
        seen = len(checks)
        update_work_order(wo_db.csr, number=numbers[0], change=Change(note="seen"))
        await pilot.pause(0.6)
        assert len(checks) > seen
        assert frames == []
        # A change the page shows is drawn.
        update_work_order(wo_db.csr, number=numbers[0], change=Change(priority="high"))
        await pilot.pause(0.6)
        assert frames
        assert "High" in screen_text(app)


SUPERVISOR_WORDS = ("Select or unselect", "Clear the selection", "Change the selected", "Escalate")


async def test_export_daily_sheet_and_no_supervisor_tools_for_a_csr(wo_db: Db) -> None:
    numbers = seed(wo_db.csr, 3)
    app = console(wo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, wo_db)
        await pilot.press("x")
        await settle(pilot)
        said = message_bar(app)
        match = re.fullmatch(r"3 work orders exported as CSV: (.+\.csv)", said)
        assert match, said
        with Path(match.group(1)).open(encoding="utf-8") as exported:
            rows = list(csv.DictReader(exported))
        assert [r["number"] for r in rows] == numbers
        await pilot.press("d")
        await settle(pilot)
        assert focus_line(app).startswith("Print a division's daily sheet. Division, list")
        await pilot.press("2", "enter")  # Streets & Sidewalks, after its whole department
        await settle(pilot)
        assert focus_line(app).startswith("Day, text field, empty")
        await pilot.press("enter")  # today
        await settle(pilot)
        assert focus_line(app).startswith("Format, list, Plain text")
        await pilot.press("enter")
        await settle(pilot)
        said = message_bar(app)
        match = re.fullmatch(r"Daily sheet for Streets & Sidewalks, \w+, \w+ \d+, \d+ open work orders?, saved as plain text: (.+\.txt)", said)
        assert match, said
        sheet = Path(match.group(1)).read_text(encoding="utf-8")
        assert "Streets & Sidewalks: work orders for" in sheet
        assert all(n in sheet for n in numbers)
        assert isinstance(app.screen, WorkOrdersScreen)
        # A CSR has no selection column and no supervisor keys (not even in help).
        assert str(app.screen.query_one(PagedTable).get_row_at(0)[0]) == numbers[0]
        await pilot.press("space", "b", "e")
        await settle(pilot)
        assert str(app.screen.query_one(PagedTable).get_row_at(0)[0]) == numbers[0]
        assert isinstance(app.screen, WorkOrdersScreen)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        keys = app.screen.query_one("#help-keys", ReadList).lines
        assert any(line.endswith(": Export to CSV") for line in keys)
        assert not [line for line in keys if any(w in line for w in SUPERVISOR_WORDS)]


async def test_the_queue_starts_from_the_operators_last_filter_and_keeps_a_new_one(wo_db: Db) -> None:
    """The desk's rule, as in the screen-reader mode: the filter and sort the operator left the
    queue with come back, and a change is kept for next time."""
    from csc_console.services.operators import get_operator
    from csc_console.services.queues import QueueFilter, last_filter, remember_filter

    numbers = seed(wo_db.csr, 2)
    update_work_order(wo_db.csr, number=numbers[1], change=Change(status="dispatched"))
    me = remember_filter(wo_db.csr, QueueFilter(statuses=("dispatched",)), "created")
    db = replace(wo_db, csr=wo_db.csr.as_operator(me))  # signed in after keeping it
    app = console(db)
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, db)
        assert summary(app).startswith("Dispatched work orders, all departments, newest first: 1 work order")
        assert row_said(app).startswith(f"{numbers[1]}: Dispatched, ")
        await pilot.press("s")  # newest first -> highest priority first
        await settle(pilot)

        def kept() -> tuple[QueueFilter, str]:
            return last_filter(get_operator(wo_db.csr, username=wo_db.csr.operator.username))

        await until(pilot, lambda: kept()[1] == "priority")
        assert kept() == (QueueFilter(statuses=("dispatched",)), "priority")
