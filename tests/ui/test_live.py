"""Live updates between two consoles on one database (SQLite and PostgreSQL): a change saved
through the services by another console shows up on this console's screen within moments,
without moving the cursor or touching what is being typed; saves the database could not take
are queued on disk and written once when it returns."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest
from textual.pilot import Pilot

from csc_console.errors import DatabaseUnavailable
from csc_console.screens.dispatch import DispatchScreen
from csc_console.screens.work_orders import WorkOrdersScreen
from csc_console.services import dispatch
from csc_console.services.workorders import Change, update_work_order
from csc_console.widgets.radio import CommandLine
from tests.ui.dispatch_kit import Desk, board_row, log_lines, make_desk
from tests.ui.helpers import make_app, message_bar, settle, until
from tests.ui.work_orders_kit import Db, database, request, seed

SIZE = (110, 36)
DOWN = "The database is not reachable (connection refused); nothing was saved."


@pytest.fixture
def desk(db_url: str) -> Iterator[Desk]:
    made = make_desk(db_url)
    try:
        yield made
    finally:
        made.ctx.db.dispose()


@pytest.fixture
def wo_db(db_url: str) -> Iterator[Db]:
    with database(db_url) as db:
        yield db


async def signed_in(pilot: Pilot[Any], mode: str) -> Any:
    """Wait for the direct sign-in (and its live link), then show workspace ``mode``."""
    app = pilot.app
    await settle(pilot)
    assert app.ctx is not None and app.live is not None
    for _ in range(100):  # the feed connects in its own thread
        if app.live.online:
            break
        await pilot.pause(0.05)
    assert app.live.online
    app.switch_mode(mode)
    await settle(pilot)
    return app.screen


async def test_a_radio_entry_from_another_console_shows_on_the_board_and_log(desk: Desk) -> None:
    app = make_app(dataclasses.replace(desk.settings, operator="elena"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await signed_in(pilot, "dispatch")
        assert isinstance(screen, DispatchScreen)
        command = screen.query_one("#command", CommandLine)
        assert app.focused is command
        await pilot.press(*"PW12 en")  # the dispatcher is typing
        await settle(pilot)
        assert "On scene" not in board_row(screen, "PW2")[0]
        # Another console logs a status for PW2.
        dispatch.log_command(desk.ctx, f"PW2 os {desk.wo}")
        took = await until(
            pilot,
            lambda: board_row(screen, "PW2")[0].startswith("On scene")
            and any(desk.wo in line for line in log_lines(screen)),
        )
        assert took < 2.0
        assert app.focused is command
        assert command.value == "PW12 en"
        assert command.cursor_position == len("PW12 en")
        await pilot.press("backspace", "backspace", "o", "s")
        assert command.value == "PW12 os"
        # An entry dated earlier (a queued line written late) goes where its time puts it.
        first = dispatch.list_log(desk.ctx, None, limit=1)[0]
        from datetime import timedelta

        dispatch.log_command(desk.ctx, "PW3 heard earlier", now=first.at - timedelta(hours=1))
        await until(pilot, lambda: any("heard earlier" in line for line in log_lines(screen)))
        assert "heard earlier" in log_lines(screen)[0]
        assert command.value == "PW12 os"


async def test_the_work_order_queue_follows_another_console_and_keeps_the_cursor(
    wo_db: Db,
) -> None:
    numbers = seed(wo_db.csr, 3)
    app = make_app(dataclasses.replace(wo_db.settings, operator="maria"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await signed_in(pilot, "work_orders")
        assert isinstance(screen, WorkOrdersScreen)
        await until(pilot, lambda: screen.table.row_count == 3)
        screen.table.focus()
        await pilot.press("down")
        await settle(pilot)
        on = screen._highlighted_number()  # noqa: SLF001
        assert on == numbers[1]
        # Someone else: a priority change on the row under the cursor, then a new work order.
        update_work_order(wo_db.supervisor, number=numbers[1], change=Change(priority="high"))
        await until(pilot, lambda: "High" in screen.table.words[1])
        request(wo_db.admin, "900 N Lake Ave")
        await until(pilot, lambda: screen.table.row_count == 4)
        assert screen._highlighted_number() == on  # noqa: SLF001
        assert app.focused is screen.table


async def test_a_radio_line_the_database_cannot_take_is_queued_and_written_once(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = dispatch.log_command

    def down(*args: Any, **kwargs: Any) -> Any:
        raise DatabaseUnavailable(DOWN)

    app = make_app(dataclasses.replace(desk.settings, operator="elena"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await signed_in(pilot, "dispatch")
        monkeypatch.setattr(dispatch, "log_command", down)
        line = f"PW2 er {desk.wo}"
        screen.query_one("#command", CommandLine).insert_text_at_cursor(line)
        await pilot.press("enter")
        await settle(pilot)
        assert message_bar(app) == (
            f"Warning: Database unreachable: the radio entry {line!r} is kept on this workstation and "
            "saved when the database returns (1 waiting)."
        )
        assert screen.query_one("#command", CommandLine).value == ""
        assert len(app.live.outbox) == 1
        [queued] = [app.live.outbox.queue.load(n) for n in app.live.outbox.pending()]
        app.live.status(False, "Database unreachable (OperationalError); your work is kept.")
        await settle(pilot)
        assert message_bar(app) == (
            "Warning: Database unreachable (OperationalError); your work is kept."
        )
        app.live.flush()  # the retry timer: still down, nothing lost
        await settle(pilot)
        assert len(app.live.outbox) == 1
        monkeypatch.setattr(dispatch, "log_command", real)
        app.live.status(True, "Live updates on.")  # the feed is back: the queue is written
        await settle(pilot)
        assert message_bar(app).startswith("Saved what was queued while the database was away:")
        await until(pilot, lambda: any("En route" in line for line in log_lines(screen)))
        assert len(app.live.outbox) == 0
        # Queued twice (its answer lost on the way, say): still one entry.
        assert queued is not None
        app.live.outbox.add("radio", queued["payload"])
        app.live.flush()
        await settle(pilot)
        assert len(app.live.outbox) == 0
    entries = dispatch.list_log(desk.ctx, None, limit=50)
    assert sum(1 for e in entries if e.status == "en_route") == 1


async def test_a_check_in_and_a_form_entry_the_database_cannot_take_are_queued_too(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    from csc_console.screens.dispatch.form import FormValues, RadioForm
    from csc_console.widgets.radio import BoardTable

    real_entry, real_check_in = dispatch.log_entry, dispatch.check_in

    def down(*args: Any, **kwargs: Any) -> Any:
        raise DatabaseUnavailable(DOWN)

    app = make_app(dataclasses.replace(desk.settings, operator="elena"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await signed_in(pilot, "dispatch")
        monkeypatch.setattr(dispatch, "log_entry", down)
        monkeypatch.setattr(dispatch, "check_in", down)
        screen.post_message(BoardTable.CheckIn("PW5"))
        await settle(pilot)
        assert message_bar(app) == (
            "Warning: Database unreachable: the check-in of PW5 is kept on this workstation and "
            "saved when the database returns (1 waiting)."
        )
        screen.post_message(RadioForm.Save(FormValues(unit="PW4", status="en_route", work_order="",
                                                      message="from the form", location="", to_unit=False)))
        await settle(pilot)
        assert message_bar(app).endswith("the radio entry for PW4 is kept on this workstation and "
                                         "saved when the database returns (2 waiting).")
        assert len(app.live.outbox) == 2
        monkeypatch.setattr(dispatch, "log_entry", real_entry)
        monkeypatch.setattr(dispatch, "check_in", real_check_in)
        app.live.status(False, "Database unreachable (OperationalError); your work is kept.")
        app.live.status(True, "Live updates on.")  # the feed is back: the queue is written
        await settle(pilot)
        await until(pilot, lambda: len(app.live.outbox) == 0)
        await until(pilot, lambda: any("from the form" in line for line in log_lines(screen)))
    entries = dispatch.list_log(desk.ctx, None, limit=50)
    assert sum(1 for e in entries if e.unit == "PW4" and e.message == "from the form") == 1
    assert sum(1 for e in entries if e.unit == "PW5" and e.message.startswith("Check-in")) == 1


async def test_the_inbox_keeps_the_cursor_on_its_message_when_one_arrives(wo_db: Db) -> None:
    from datetime import timedelta

    from csc_console.db.types import utcnow
    from csc_console.screens.inbox import InboxScreen
    from csc_console.services.inbox import NewMessage, add_message
    from csc_console.widgets.lists import ReadList

    now = utcnow()
    for i, name in enumerate(("Ana Ruiz", "Jo Resident")):
        add_message(wo_db.admin, NewMessage(channel="email", body=f"Message {i}", name=name,
                                            received_at=now - timedelta(hours=2 - i)))  # fmt: skip
    app = make_app(dataclasses.replace(wo_db.settings, operator="maria"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await signed_in(pilot, "inbox")
        assert isinstance(screen, InboxScreen)
        listing = screen.query_one("#inbox-list", ReadList)
        await until(pilot, lambda: len(listing.lines) == 2)
        listing.focus()
        await pilot.press("down")
        await settle(pilot)
        chosen = screen.selected()
        assert chosen is not None
        # An older message (due first, so listed first) comes in from the web portal.
        add_message(wo_db.admin, NewMessage(channel="web", body="Streetlight out", name="Lu Park",
                                            received_at=now - timedelta(days=3)))  # fmt: skip
        await until(pilot, lambda: len(listing.lines) == 3)
        after = screen.selected()
        assert after is not None and after.id == chosen.id
        assert app.focused is listing


async def test_a_note_the_database_cannot_take_is_queued_and_written_once(
    wo_db: Db, monkeypatch: pytest.MonkeyPatch
) -> None:
    from csc_console.screens.work_orders import note_dialog
    from csc_console.screens.work_orders.detail import WorkOrderScreen
    from csc_console.services.workorders import get_work_order

    [number] = seed(wo_db.csr, 1)
    real = note_dialog.update_work_order

    def down(*args: Any, **kwargs: Any) -> Any:
        raise DatabaseUnavailable(DOWN)

    app = make_app(dataclasses.replace(wo_db.settings, operator="maria"))
    async with app.run_test(size=SIZE) as pilot:
        screen = await signed_in(pilot, "work_orders")
        await until(pilot, lambda: screen.table.row_count == 1)
        screen.table.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WorkOrderScreen)
        monkeypatch.setattr(note_dialog, "update_work_order", down)
        await pilot.press("n")
        await settle(pilot)
        app.focused.insert_text_at_cursor("Crew found a gas leak; wait for SoCalGas")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WorkOrderScreen)  # the dialog closed
        assert message_bar(app).startswith(f"Warning: Database unreachable: the note on {number}")
        [queued] = [app.live.outbox.queue.load(n) for n in app.live.outbox.pending()]
        monkeypatch.setattr(note_dialog, "update_work_order", real)
        app.live.status(False, "Database unreachable (OperationalError); your work is kept.")
        app.live.status(True, "Live updates on.")
        await settle(pilot)
        notes = app.screen.query_one("#wo-notes")
        await until(pilot, lambda: any("gas leak" in line for line in notes.lines))
        assert queued is not None
        app.live.outbox.add("wo_note", queued["payload"])  # replayed twice: still one note
        app.live.flush()
        await settle(pilot)
        assert len(app.live.outbox) == 0
    wo = get_work_order(wo_db.admin, number=number)
    assert sum(1 for h in wo.history if h.text and "gas leak" in h.text) == 1


async def test_the_callers_history_takes_in_a_request_saved_on_another_console(
    db_url: str,
) -> None:
    from csc_console.config import load_settings
    from csc_console.widgets.lists import ReadList
    from tests.linear.intake_support import JANE, earlier_call, open_request
    from tests.ui.intake_kit import Keys, field_value, intake_app, open_ctx, ready

    ctx = open_ctx(load_settings(database_url=db_url))
    try:
        earlier_call(ctx, JANE, days_ago=2)
        app = intake_app(ctx)
        async with app.run_test(size=(110, 40)) as pilot:
            await ready(pilot)
            k = Keys(pilot)
            await k.press("enter")  # answer
            await k.dictate("626-555-0101")
            await k.press("enter")  # known caller: on to the caller's words
            history = app.screen.query_one("#history", ReadList)
            before = list(history.lines)
            await pilot.press(*"the light")
            focused = app.focused
            # Jane also wrote in: a colleague saves her streetlight request meanwhile.
            made = open_request(ctx, category="street-lights-signals", caller=JANE, days_ago=0,
                                answers={"light_or_signal": "street-light", "problem": "out"})  # fmt: skip
            await until(pilot, lambda: any(made.number in line for line in history.lines))
            assert "No open requests." in before and "No open requests." not in history.lines
            assert app.focused is focused
            assert field_value(app, "words") == "the light"
    finally:
        ctx.db.dispose()
