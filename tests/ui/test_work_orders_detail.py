"""One work order: its lists, the lifecycle by keys (only the allowed next statuses offered),
refusals from the service, crew and priority, notes shown literally, the call-back list, the
sheet, reopening, a stale edit, and new work orders (crew-found, added to a request)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from csc_console.screens.error import ErrorModal
from csc_console.screens.work_orders.detail import WorkOrderScreen
from csc_console.screens.work_orders.stale_dialog import StaleDialog
from csc_console.screens.work_orders.status_dialog import StatusDialog
from csc_console.services.workorders import Change, get_work_order, update_work_order
from csc_console.widgets.choices import ChoiceList
from csc_console.widgets.lists import ReadList
from tests.ui.helpers import (
    cursor_in_focused,
    focus_line,
    message_bar,
    screen_lines,
    screen_text,
    settle,
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


def lines(app: Any, id_: str) -> list[str]:
    return app.screen.query_one(f"#{id_}", ReadList).lines


async def open_detail(pilot: Any, db: Db, row: int = 0) -> None:
    await open_queue(pilot, db)
    await pilot.press(*["down"] * row, "enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, WorkOrderScreen)


async def test_lifecycle_by_keys_with_refusals_callers_notes_and_sheet(wo_db: Db) -> None:
    wo = request(wo_db.csr, "100 N Lake Ave", phone="626-555-0101").work_orders[0]
    app = console(wo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_detail(pilot, wo_db)
        said = focus_line(app)
        assert said.startswith(f"Work order {wo}. Work order, list, Status: Assigned, OVERDUE ")
        assert said.endswith(", 1 of 10")
        assert cursor_in_focused(app)
        x, y = app.cursor_position
        assert screen_lines(app)[y][x:].startswith("Status: Assigned, OVERDUE")
        assert lines(app, "wo-callers") == ["Jane Caller, (626) 555-0101, not told yet"]
        assert lines(app, "wo-request")[0].startswith("Request: SR-2024-")
        assert lines(app, "wo-radio") == []  # the place for issue 5's radio log
        await pilot.press("tab")
        await settle(pilot)
        assert focus_line(app).startswith("Request, list, Request: SR-2024-")

        # Only the allowed next statuses, numbered.
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, StatusDialog)
        choices = app.screen.query_one(ChoiceList).choices
        assert [title for _, title in choices] == ["Dispatched", "New", "On hold", "Cancelled"]
        assert focus_line(app).startswith(f"Change the status of {wo}. Next status, list")
        await pilot.press("3", "enter", "enter")  # on hold without a reason
        await settle(pilot)
        assert isinstance(app.screen, ErrorModal)
        assert app.screen.message == "Putting a work order on hold needs a reason."
        await pilot.press("escape")  # back in the dialog, the choice kept
        await settle(pilot)
        assert isinstance(app.screen, StatusDialog)
        assert focus_line(app).startswith(f"Change the status of {wo}. Reason, text field")
        await pilot.press("escape")
        await settle(pilot)
        for number, then in (("1", "Dispatched"), ("1", "In progress")):
            await pilot.press("s", number, "enter", "enter")
            await settle(pilot)
            assert message_bar(app).startswith(f"Saved: {wo}: {then}, ")
        await pilot.press("s", "1", "enter")  # completed: the resolution is asked for
        await settle(pilot)
        assert focus_line(app) == "Resolution (what was done), text field, empty"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ErrorModal)
        assert "needs the resolution" in app.screen.message
        await pilot.press("escape", *"Patched [b]two[/b] holes", "enter")
        await settle(pilot)
        assert message_bar(app).startswith(f"Saved: {wo}: Completed, ")
        assert lines(app, "wo-facts")[0] == "Status: Completed"
        assert "Resolution: Patched [b]two[/b] holes" in lines(app, "wo-facts")
        assert lines(app, "wo-history")[0].endswith(
            "status, In progress to Completed by Maria Lopez: Patched [b]two[/b] holes"
        )
        assert "Status: Closed (Patched [b]two[/b] holes)" in lines(app, "wo-request")
        await pilot.press("s")
        await settle(pilot)
        assert "its status cannot change" in message_bar(app)

        # The call-back list: who to tell, then told.
        await pilot.press("t")
        await settle(pilot)
        assert message_bar(app).startswith("1 caller of SR-2024-")
        assert lines(app, "wo-callers") == ["Jane Caller, (626) 555-0101, told"]

        # A note is stored as typed and shown literally (one came from another console).
        update_work_order(wo_db.csr, number=wo, change=Change(note="\x1b[31mred\x07"))
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("n", *"[bold]mind the dog[/bold]", "enter")
        await settle(pilot)
        notes = lines(app, "wo-notes")
        assert notes[0].endswith("by Maria Lopez: [bold]mind the dog[/bold]")
        assert notes[1].endswith(": <ESC>[31mred^G")
        assert "[bold]mind the dog[/bold]" in screen_text(app)

        # The sheet, as a PDF file whose path is said.
        await pilot.press("w", "3", "enter")
        await settle(pilot)
        match = re.fullmatch(rf"Sheet for {wo} saved as PDF: (.+\.pdf)", message_bar(app))
        assert match, message_bar(app)
        assert Path(match.group(1)).read_bytes().startswith(b"%PDF")
        # Reopening is for supervisors: a CSR has no such key.
        assert "reopen" not in {b.binding.action for b in app.screen.active_bindings.values()}
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, WorkOrderScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert focus_line(app).startswith("Work orders. Work order queue, table, ") or (
            "Work order queue" in focus_line(app)
        )


async def test_a_stale_edit_shows_their_change_and_keeps_the_typed_text(wo_db: Db) -> None:
    wo = seed(wo_db.csr, 1)[0]
    app = console(wo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_detail(pilot, wo_db)
        # Someone else reassigns it while this screen shows the old version.
        update_work_order(wo_db.supervisor, number=wo, change=Change(crew="PW3"))
        await pilot.press("n", *"called [the] resident", "enter")
        await settle(pilot)
        assert isinstance(app.screen, StaleDialog)
        assert focus_line(app).startswith(f"{wo} was changed by someone else. Their change, list, ")
        theirs = lines(app, "stale-theirs")
        assert theirs[0].startswith("Changed by Lee Williams, ")
        assert theirs[0].endswith(": Crew PW2 -> PW3.")
        assert theirs[-1].startswith(f"Now: {wo}: Assigned, ")
        assert theirs[-1].endswith(", Normal priority, crew PW3.")
        assert lines(app, "stale-mine") == ["Note: called [the] resident"]
        assert app.screen.query_one("#stale-text").value == "called [the] resident"
        assert "called [the] resident" in screen_text(app)
        # Edit what was typed, then apply it again on top of their change.
        app.screen.query_one("#stale-text").focus()
        await pilot.press("end", *" twice", "enter")
        await settle(pilot)
        assert message_bar(app).startswith(f"Saved: {wo}: ")
        assert lines(app, "wo-notes")[0].endswith(": called [the] resident twice")
        current = get_work_order(wo_db.csr, number=wo)
        assert current.crew == "PW3"
        # Again, and this time discard it: theirs stays, mine is not saved.
        update_work_order(wo_db.supervisor, number=wo, change=Change(priority="urgent"))
        await pilot.press("n", *"never saved", "enter")
        await settle(pilot)
        assert isinstance(app.screen, StaleDialog)
        assert lines(app, "stale-theirs")[0].endswith(": Priority normal -> urgent.")
        await pilot.press("tab", "tab", "tab", "tab")
        await settle(pilot)
        assert focus_line(app) == "Discard mine, button"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WorkOrderScreen)
        assert message_bar(app) == f"{wo}: your change was discarded; theirs is shown."
        assert "never saved" not in " ".join(lines(app, "wo-notes"))
        assert lines(app, "wo-facts")[1] == "Priority: Urgent"


async def test_crew_priority_new_and_added_work_orders(wo_db: Db) -> None:
    wo = request(wo_db.csr, "100 N Lake Ave", phone="626-555-0101")
    number = wo.work_orders[0]
    app = console(wo_db)
    async with app.run_test(size=SIZE) as pilot:
        await open_detail(pilot, wo_db)
        await pilot.press("c")
        await settle(pilot)
        # The division's crews first (Streets & Sidewalks: PW1, PW2, PW3, ...).
        assert focus_line(app).startswith(f"Assign a crew to {number}. Crew, list, PW2, ")
        await pilot.press("3", "enter", *"<b>night</b>", "enter")
        await settle(pilot)
        assert message_bar(app).startswith(f"Saved: {number}: ")
        assert message_bar(app).endswith(", crew PW3.")
        assert any(
            line.endswith("assigned by Maria Lopez: Crew PW2 -> PW3: <b>night</b>")
            for line in lines(app, "wo-history")
        )
        await pilot.press("p", "3", "enter", "enter")
        await settle(pilot)
        assert ", High priority, " in message_bar(app)
        # Another work order on the same request, from the detail view.
        await pilot.press("a")
        await settle(pilot)
        assert focus_line(app).startswith("Add a work order to a request. What this work order")
        await pilot.press(*"Repaint the lines", "enter")
        await settle(pilot)
        assert isinstance(app.screen, WorkOrderScreen)
        assert re.match(rf"Work order WO-\d{{4}}-\d{{6}} added to {wo.number}\. WO-", message_bar(app))
        assert app.screen.number == number  # still on this one
        await pilot.press("escape")
        await settle(pilot)
        # Crew-found work from the queue: an address the street list does not know is refused
        # until "keep as typed" is ticked.
        await pilot.press("c")
        await settle(pilot)
        assert focus_line(app).startswith("New crew-found work order. Category, list")
        await pilot.press("3", "enter", *"99 Nowhere St", "enter", *"Sinkhole", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ErrorModal)
        assert "Nowhere" in app.screen.message
        await pilot.press("escape")
        await settle(pilot)
        app.screen.query_one("#new-unverified").value = True
        app.screen.query_one("#new-description").focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WorkOrderScreen)
        assert re.match(r"Work order WO-\d{4}-\d{6} created for crew-found work", message_bar(app))
        assert "Channel: Found by a crew" in lines(app, "wo-request")
        assert lines(app, "wo-callers") == []


@pytest.fixture
def any_db(db_url: str) -> Iterator[Db]:
    with database(db_url) as db:
        yield db


async def test_supervisor_reopens_on_both_databases(any_db: Db) -> None:
    wo = seed(any_db.csr, 1)[0]
    for change in (
        Change(status="dispatched"),
        Change(status="in_progress"),
        Change(status="completed", resolution="done"),
    ):
        update_work_order(any_db.csr, number=wo, change=change)
    app = console(any_db, "supervisor")
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, any_db)
        assert "No work orders match this filter" in focus_line(app)
        await pilot.press("f", "tab", "end", "left")  # status: closed (completed or cancelled)
        await settle(pilot)
        assert focus_line(app).startswith("Status, choice, Closed (completed or cancelled)")
        await pilot.press("escape")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("r", *"Not fixed [yet]", "enter")
        await settle(pilot)
        assert message_bar(app).startswith(f"Reopened: {wo}: Assigned, ")
        assert lines(app, "wo-history")[0].endswith(
            "reopened, Completed to Assigned by Lee Williams: Not fixed [yet]"
        )
