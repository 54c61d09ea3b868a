"""An unfinished call survives: a crash or a closed terminal (the draft comes back on start-up,
with everything typed, in either front end), and a database that goes away at the save (the
draft is kept, "Try again" saves it once)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest

from csc_console.db.engine import Database
from csc_console.errors import DatabaseUnavailable
from csc_console.screens.error import ErrorModal
from csc_console.screens.intake.dialogs import ResumeModal
from csc_console.services import calls
from csc_console.services.intake import CallDraft, load_draft, save_draft
from csc_console.services.requests import list_requests
from tests.linear.intake_support import all_calls
from tests.ui.helpers import focus_line, message_bar, settle
from tests.ui.intake_kit import (
    SIZE,
    Keys,
    clock_fixture,  # noqa: F401 - fixture
    desk_db_fixture,  # noqa: F401 - fixture
    field_value,
    flat,
    intake_app,
    ready,
)

POTHOLE = "there's a big pothole in front of my house"
OUTAGE = "The database is not reachable (connection refused); nothing was saved."


@contextlib.contextmanager
def database_down_at(note: str, times: int, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The next ``times`` write units of work called ``note`` fail as if the server were gone."""
    original = Database.session
    left = [times]

    @contextlib.contextmanager
    def flaky(self: Database, **kwargs: Any) -> Iterator[Any]:
        if kwargs.get("note") == note and left[0]:
            left[0] -= 1
            raise DatabaseUnavailable(OUTAGE)
        with original(self, **kwargs) as session:
            yield session

    monkeypatch.setattr(Database, "session", flaky)
    yield
    monkeypatch.setattr(Database, "session", original)


async def up_to_description(k: Keys) -> None:
    """Jane's pothole at her address, up to the description."""
    await k.press("enter")
    await k.dictate("626-555-0101")
    await k.press("enter")
    await k.dictate(POTHOLE)
    await k.press("enter", "2", "enter", "2", "enter", "enter", "n", "enter", "enter", "enter")
    await k.press("enter")  # the address (verified: no cross street asked)


async def test_a_crashed_console_offers_the_call_back_with_everything_typed(
    desk_db: Any, clock: Any
) -> None:
    first = intake_app(desk_db)
    async with first.run_test(size=SIZE) as pilot:
        await ready(pilot)
        k = Keys(pilot)
        await up_to_description(k)
        await k.press("ctrl+e")
        await k.dictate(", by the bus stop")
        await pilot.pause(0.8)  # the draft is written half a second after the typing stops
        await settle(pilot)
        assert focus_line(first).startswith("Description, text field")
    # The terminal is gone: nothing was wrapped up. The draft holds the call.
    draft = load_draft(desk_db)
    assert draft is not None
    assert (draft.step, draft.category, draft.address) == (
        "description",
        "potholes",
        "1200 N Lake Ave",
    )
    assert draft.description == f"{POTHOLE}, by the bus stop"
    clock.tick(10 * 60)
    again = intake_app(desk_db)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, ResumeModal)
        assert (
            "An unfinished call from 9:00 AM with Jane Caller, (626) 555-0101, Potholes."
            in flat(again)
        )
        assert focus_line(again).endswith("Resume the call, button")
        k = Keys(pilot)
        await k.press("enter")
        assert message_bar(again) == "Resuming the call with Jane Caller, (626) 555-0101."
        assert focus_line(again).endswith(
            f"Description, text field, {POTHOLE}, by the bus stop"
        )
        assert field_value(again, "words") == POTHOLE
        assert field_value(again, "address") == "1200 N Lake Ave"
        assert again.screen.query_one("#q-location_in_street").value == "right-lane"
        await k.press("enter")
        assert message_bar(again).startswith("Request SR-2026-000001 saved.")
        await k.press("enter", "enter")
        assert "Handle time: 10 minutes." in message_bar(again)
    [request] = list_requests(desk_db)
    assert request.description == f"{POTHOLE}, by the bus stop"
    assert load_draft(desk_db) is None
    assert len(all_calls(desk_db)) == 2  # the earlier call and this one, not a third


async def test_a_call_started_in_screen_reader_mode_is_resumed_here(
    desk_db: Any, clock: Any
) -> None:
    call = calls.start_call(desk_db, now=clock.now)
    draft = CallDraft(
        call_id=call.id,
        phone="(626) 555-0101",
        name="Jane Caller",
        caller_address="1200 N Lake Ave",
        purpose="report",
        words=POTHOLE,
        category="potholes",
        answers={"location_in_street": "right-lane", "size": "medium"},
        step="q.hazard",
    )
    save_draft(desk_db, draft)
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        k = Keys(pilot)
        await k.press("enter")
        assert focus_line(app).startswith("Intake. Is it a hazard right now")
        await k.press("n", "enter", "enter", "enter")
        assert focus_line(app) == "Address, text field, 1200 N Lake Ave"


async def test_a_call_started_here_is_resumed_in_screen_reader_mode(
    desk_db: Any, clock: Any
) -> None:
    from csc_console.config import load_settings
    from tests.linear.intake_support import take_calls

    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await up_to_description(Keys(pilot))
        app.screen.desk.flush_draft()
        await settle(pilot)
    # The terminal is closed; the CSR goes on in screen-reader mode.
    t = take_calls(load_settings(database_url=desk_db.db.url), ["1", "", "", "", "", "quit"])
    assert "An unfinished call from 9:00 AM with Jane Caller, (626) 555-0101, Potholes." in t.lines
    assert "Status: Resuming the call with Jane Caller, (626) 555-0101." in t.lines
    assert f"Description, default {POTHOLE}: " in t.lines
    assert any(line.startswith("Status: Request SR-2026-000001 saved.") for line in t.lines)
    [request] = list_requests(desk_db)
    assert request.answers == {"location_in_street": "right-lane", "size": "medium", "hazard": "no"}


async def test_closing_an_unfinished_call_records_it_as_dropped(desk_db: Any, clock: Any) -> None:
    call = calls.start_call(desk_db, now=clock.now)
    save_draft(desk_db, CallDraft(call_id=call.id, phone="(626) 555-0101", name="Jane Caller"))
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await Keys(pilot).press("tab", "enter")
        assert message_bar(app) == "The unfinished call was closed as Dropped."
        assert focus_line(app).endswith("Answer, list, Phone, selected, 1 of 5")
    assert load_draft(desk_db) is None
    assert all_calls(desk_db)[-1].disposition == "dropped"


async def test_the_database_going_away_at_the_save_loses_nothing(
    desk_db: Any, clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        k = Keys(pilot)
        await up_to_description(k)
        with database_down_at("request created", 2, monkeypatch):
            await k.press("enter")
            assert isinstance(app.screen, ErrorModal)
            said = f"{OUTAGE} Nothing typed is lost: the call is kept as a draft."
            assert app.message_log.last.bar_text == f"Error: {said}"
            assert said in flat(app)
            assert load_draft(desk_db) is not None
            await k.press("tab", "enter")  # Try again: down again
            assert isinstance(app.screen, ErrorModal)
            await k.press("tab", "enter")  # Try again: saved
        assert message_bar(app).startswith("Request SR-2026-000001 saved.")
        assert focus_line(app).endswith("Disposition, list, Request created, selected, 1 of 10")
        await k.press("enter", "enter")
    assert len(list_requests(desk_db)) == 1
    assert all_calls(desk_db)[-1].disposition == "request_created"
    assert load_draft(desk_db) is None


async def test_a_declined_retry_keeps_the_call_and_alt_s_saves_it(
    desk_db: Any, clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        k = Keys(pilot)
        await up_to_description(k)
        with database_down_at("request created", 1, monkeypatch):
            await k.press("enter")
            await k.press("enter")  # OK: not now
        assert message_bar(app) == "The call is kept as a draft: Alt+S tries the save again."
        await k.press("alt+s")
        assert message_bar(app).startswith("Request SR-2026-000001 saved.")
        await k.press("alt+s")  # not saved twice
        assert message_bar(app).startswith("Warning: Request SR-2026-000001 was saved earlier")
    assert len(list_requests(desk_db)) == 1
