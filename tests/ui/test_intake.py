"""Whole calls on the full-screen Intake screen, by keyboard only, as the screen-reader mode's
golden transcripts take them (tests/linear/transcripts/intake_*.txt): the same people, the same
words and defaults, the same read-back, the same records stored.

The standard report call (a known caller by phone, a pothole at their own address, no
duplicates) counts the keys the CSR presses beyond what the caller dictates: at most 20.
"""

from __future__ import annotations

from typing import Any

import pytest

from csc_console.screens.intake.dialogs import RedirectModal
from csc_console.services.requests import get_request, list_requests
from tests.linear.intake_support import JANE, all_calls, open_request, set_status
from tests.ui.helpers import cursor_in_focused, focus_line, message_bar, screen_text, settle, until
from tests.ui.intake_kit import (
    SIZE,
    Keys,
    clock_fixture,  # noqa: F401 - fixture
    desk_db_fixture,  # noqa: F401 - fixture
    field_value,
    intake_app,
    jane_streetlight,
    open_ctx,
    ready,
)

POTHOLE = "there's a big pothole in front of my house"
READ_BACK = "Your number is S R 2 0 2 6 0 0 0 0 0 {n}; expected by Monday, March 9."


async def pothole_questions(k: Keys) -> None:
    """Right lane, dinner-plate size, depth skipped, no hazard, direction and count skipped."""
    await k.press("2", "enter", "2", "enter", "enter", "n", "enter", "enter", "enter")


# --------------------------------------------------------------------------- the standard call
@pytest.fixture
def standard_db(db_url: str) -> Any:
    """Jane is known (an earlier call), on SQLite and PostgreSQL."""
    from csc_console.config import load_settings
    from tests.linear.intake_support import earlier_call

    ctx = open_ctx(load_settings(database_url=db_url))
    earlier_call(ctx, JANE, days_ago=2)
    yield ctx
    ctx.db.dispose()


async def test_standard_report_call_takes_at_most_20_keys(standard_db: Any, clock: Any) -> None:
    app = intake_app(standard_db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert focus_line(app).endswith("Answer, list, Phone, selected, 1 of 5")
        k = Keys(pilot)
        await k.press("enter")  # answer a phone call
        assert message_bar(app).startswith("Phone call answered at 9:00 AM.")
        assert focus_line(app) == "Caller's phone, text field, empty"
        await k.dictate("626-555-0101", key_by_key=True)
        await k.press("enter")  # known caller: straight on to the caller's words
        assert field_value(app, "phone") == "(626) 555-0101"
        assert field_value(app, "name") == "Jane Caller"
        assert message_bar(app) == (
            "Known caller: Jane Caller, (626) 555-0101, 1200 N Lake Ave. No open requests."
        )
        assert focus_line(app) == "Caller's words, text field, empty"
        await k.dictate(POTHOLE, key_by_key=True)
        assert app.screen.query_one("#suggestions").items[0] == ("potholes", "Potholes")
        await k.press("enter")  # the first suggestion
        assert message_bar(app) == "Category: Potholes; 6 questions, 3 required."
        assert focus_line(app).startswith("Where in the street is it (required), list")
        await pothole_questions(k)
        assert focus_line(app) == "Address, text field, 1200 N Lake Ave"  # the caller's own
        clock.tick(60)
        await k.press("enter")
        assert message_bar(app) == "Verified: 1200 N Lake Ave, 91104."
        # A verified address asks no cross street (the desk's rule, as in screen-reader mode)
        assert focus_line(app) == f"Description, text field, {POTHOLE}"
        await k.press("enter")  # saves
        said = f"Request SR-2026-000001 saved. {READ_BACK.format(n=1)}"
        assert message_bar(app) == said
        assert said in screen_text(app)
        assert "Work order: WO-2026-000001." in screen_text(app)
        assert focus_line(app) == "Disposition, list, Request created, selected, 1 of 10"
        clock.tick(15)
        await k.press("alt+e")  # the read-back again
        assert message_bar(app) == READ_BACK.format(n=1)
        await k.press("alt+t")
        assert message_bar(app) == "Handle time: 1 minute 15 seconds."
        await k.press("enter", "enter")  # disposition kept, no notes: the call ends
        assert message_bar(app) == (
            "Call ended: Request created. Handle time: 1 minute 15 seconds. "
            "Ready for the next call."
        )
        assert focus_line(app) == "Answer, list, Phone, selected, 1 of 5"
        assert cursor_in_focused(app)
    counted = k.count - 2  # Alt+E and Alt+T were checks, not part of the call
    print(f"standard pothole call, full screen: {counted} keys beyond the dictated")
    assert counted <= 20
    assert counted == 16  # a change here changes the CSR's day: look at why (17 until a
    # verified address stopped asking for a cross street)
    [request] = list_requests(standard_db)
    assert (request.category_code, request.address, request.address_verified) == (
        "potholes",
        "1200 N Lake Ave",
        True,
    )
    assert request.answers == {"location_in_street": "right-lane", "size": "medium", "hazard": "no"}
    assert request.description == POTHOLE
    assert request.caller is not None and request.caller.name == "Jane Caller"
    call = all_calls(standard_db)[-1]
    assert (call.disposition, call.purpose, call.topic_code) == (
        "request_created",
        "report",
        "potholes",
    )
    assert call.acw_ended_at is not None and call.answered_at is not None


# --------------------------------------------------------------------------- interruptions
async def test_emergency_words_interrupt_with_the_script_and_transfer(
    desk_db: Any, clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = intake_app(desk_db)
    rings: list[bool] = []
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        monkeypatch.setattr(app, "bell", lambda: rings.append(True))
        k = Keys(pilot)
        await k.press("enter")
        await k.dictate("626-555-0199")
        await k.press("enter")
        assert message_bar(app) == "New caller: no earlier calls from (626) 555-0199."
        assert focus_line(app) == "Caller's name, text field, empty"
        await k.dictate("Sam Smith")
        await k.press("alt+g")
        await k.dictate("a power line is down and sparking on my street")
        await k.press("enter")
        assert isinstance(app.screen, RedirectModal)
        assert rings
        text = screen_text(app)
        assert "Emergency: the caller said 'sparking'. Transfer to 911 Emergency." in text
        assert "Say: Stay far away from the wire, at least 100 feet" in text
        assert focus_line(app).endswith("Transfer to 911 Emergency and wrap up, button")
        await k.press("enter")
        assert focus_line(app) == "Intake. Disposition, list, Transferred to 911, selected, 6 of 10"
        clock.tick(60)
        await k.press("enter", "enter")
        assert message_bar(app).startswith("Call ended: Transferred to 911. Handle time: 1 minute.")
    call = all_calls(desk_db)[-1]
    assert call.disposition == "transferred_911"
    assert list_requests(desk_db) == []


async def test_edison_served_outage_reads_the_sce_script(desk_db: Any, clock: Any) -> None:
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        k = Keys(pilot)
        await k.press("enter", "enter")  # answer; no phone number
        assert message_bar(app) == "No phone number."
        await k.press("tab", "space")  # anonymous
        assert message_bar(app) == "Anonymous caller: no name is recorded."
        await k.press("alt+g")
        await k.dictate("the power is out at my house")
        await k.press("enter")
        assert message_bar(app).startswith("Category: Power/Water Outage and Issues;")
        await k.press("1", "enter", "2", "enter", "1", "enter", "enter", "enter", "enter")
        assert focus_line(app) == "Address, text field, empty"
        await k.dictate("3700 E Colorado Blvd")
        await k.press("enter")
        assert isinstance(app.screen, RedirectModal)
        text = screen_text(app)
        assert "Wrong agency: the answer to utility is power; the address is served by SCE." in text
        assert "Say: Your address is served by Southern California Edison" in text
        assert focus_line(app).endswith(
            "Refer the caller to Southern California Edison and wrap up, button"
        )
        await k.press("enter")
        assert focus_line(app) == "Intake. Disposition, list, Referred, selected, 5 of 10"
        await k.press("enter")
        await k.dictate("Gave the Edison number.")
        await k.press("enter")
        assert message_bar(app).startswith("Call ended: Referred.")
    call = all_calls(desk_db)[-1]
    assert (call.disposition, call.notes, call.caller_id) == (
        "referred",
        "Gave the Edison number.",
        None,
    )
    assert list_requests(desk_db) == []


# --------------------------------------------------------------------------- place
async def jane_reports_a_pothole(pilot: Any) -> Keys:
    """Jane answered, her pothole categorised and its questions answered, up to and including
    the address (at her house): then the duplicate check runs."""
    await ready(pilot)
    k = Keys(pilot)
    await k.press("enter")
    await k.dictate("626-555-0101")
    await k.press("enter")
    await k.dictate("the pothole outside my house is getting bigger")
    await k.press("enter")
    await pothole_questions(k)
    await k.press("enter")
    return k


async def test_a_duplicate_nearby_gets_the_caller_linked(desk_db: Any, clock: Any) -> None:
    existing = open_request(desk_db)  # a neighbour's pothole at Jane's address, 3 days old
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        k = await jane_reports_a_pothole(pilot)  # the address: verified, then duplicates
        assert message_bar(app) == (
            "Possible duplicates: 1 open request for Potholes nearby in the last 30 days. "
            "Enter or Alt+L links the caller to the highlighted one."
        )
        assert focus_line(app) == (
            f"Possible duplicates, list, Link to {existing.number}: 1200 N Lake Ave, same "
            "address, 3 days old, Open, Deep pothole by the bus stop, 1 caller, 1 of 2"
        )
        assert cursor_in_focused(app)
        await k.press("alt+l")
        assert message_bar(app) == (
            f"Caller linked to request {existing.number}, now 2 callers. Your number is "
            "S R 2 0 2 6 0 0 0 0 0 1; expected by Wednesday, March 4."
        )
        assert focus_line(app).startswith("Disposition, list, Linked to an existing request")
        await k.press("enter", "enter")
    assert len(list_requests(desk_db)) == 1
    assert get_request(desk_db, number=existing.number).callers_count == 2
    assert all_calls(desk_db)[-1].disposition == "linked_to_existing"


async def test_a_duplicate_saved_at_another_console_during_the_call_shows_up(desk_db: Any, clock: Any) -> None:
    """Two CSRs take calls about the same pothole at the same moment: the second sees the
    first's request appear among the possible duplicates, without losing her place."""
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        k = await jane_reports_a_pothole(pilot)  # the address: verified, no duplicates yet
        assert app.screen.query_one("#duplicates").display is False
        assert app.focused is not None and app.focused.id == "description"
        await k.dictate(", by the bus")
        first = open_request(desk_db, days_ago=0)  # the other CSR's call is saved
        said = f"New possible duplicate, saved at another console: Link to {first.number}"
        await until(pilot, lambda: message_bar(app).startswith(said))
        assert app.screen.query_one("#duplicates").display
        assert app.focused is not None and app.focused.id == "description"
        assert field_value(app, "description").endswith(", by the bus")
        await k.press("shift+tab", "shift+tab")  # the cross street, then the duplicates
        assert focus_line(app).startswith(f"Possible duplicates, list, Link to {first.number}: 1200 N Lake Ave, same address")


async def test_an_unknown_street_is_kept_unverified_after_a_warning(
    desk_db: Any, clock: Any
) -> None:
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        k = Keys(pilot)
        await k.press("enter")
        await k.dictate("626-555-0142")
        await k.press("enter")
        await k.dictate("Lee Park")
        await k.press("alt+g")
        await k.dictate("someone sprayed graffiti on the wall")
        await k.press("enter")
        await k.press("1", "enter", "5", "enter", "n", "enter", "enter", "enter")
        await k.dictate("1200 Lak Ave")
        await k.press("enter")
        warning = (
            "Warning: No street called 'Lak AVE' in the city's street file. Did you mean 1200 N "
            "Lake Ave, 1200 S Lake Ave, 1200 Ashtabula St, 1200 La Loma Rd or 1200 Laguna Rd?"
        )
        assert message_bar(app) == warning
        assert focus_line(app) == "Which address, list, nothing selected, 7 choices"
        assert "( ) 6. Keep 1200 Lak Ave, not verified" in screen_text(app)
        await k.press("6", "enter")
        assert message_bar(app) == (
            "Warning: The address is kept as typed and the request will be marked not verified."
        )
        assert focus_line(app) == "Cross street or landmark, text field, empty"
        await k.dictate("behind the old garage")
        await k.press("enter", "enter")
        assert message_bar(app).startswith("Request SR-2026-000001 saved.")
        result = app.screen.query_one("#result-lines").lines
        assert f"Warning: Address not verified: {warning.removeprefix('Warning: ')}" in result
    [request] = list_requests(desk_db)
    assert (request.address, request.address_verified, request.cross_street) == (
        "1200 Lak Ave",
        False,
        "behind the old garage",
    )


async def test_a_near_miss_is_picked_by_its_number(desk_db: Any, clock: Any) -> None:
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        k = Keys(pilot)
        await k.press("enter")
        await k.dictate("626-555-0101")
        await k.press("enter")
        await k.dictate(POTHOLE)
        await k.press("enter")
        await pothole_questions(k)
        await k.press("ctrl+u")
        await k.dictate("1200 Lak Ave")
        await k.press("enter", "1", "enter")
        assert message_bar(app) == "Verified: 1200 N Lake Ave, 91104."
        assert field_value(app, "address") == "1200 N Lake Ave"
        assert focus_line(app) == f"Description, text field, {POTHOLE}"  # verified: no cross street


# --------------------------------------------------------------------------- other purposes
async def test_an_information_call_is_logged_by_topic(desk_db: Any, clock: Any) -> None:
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        k = Keys(pilot)
        await k.press("enter")
        await k.dictate("626-555-0101")
        await k.press("enter", "alt+u", "2", "enter")
        assert focus_line(app) == "Caller's words, text field, empty"
        await k.dictate("when is my trash day")
        await k.press("enter")
        assert message_bar(app) == (
            "Topic: Trash Collection Day and Holiday Schedule. Read the script to the caller."
        )
        assert focus_line(app).startswith("Topic, list, Say: Your collection day depends on")
        assert cursor_in_focused(app)
        await k.press("down")
        assert focus_line(app).startswith("Topic, list, Hours: Collection Monday-Friday")
        await k.press("enter")
        assert focus_line(app) == "Next, list, Wrap up the call, selected, 1 of 3"
        await k.press("enter")
        assert focus_line(app) == "Disposition, list, Information provided, selected, 3 of 10"
        await k.press("enter", "enter")
    call = all_calls(desk_db)[-1]
    assert (call.disposition, call.purpose, call.topic_code) == (
        "information_provided",
        "information",
        "collection-day",
    )


async def test_follow_up_and_status_from_the_caller_history(desk_db: Any, clock: Any) -> None:
    request = jane_streetlight(desk_db)
    set_status(desk_db, request.number, "in_progress", "A crew is scheduled for Thursday.")
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        k = Keys(pilot)
        await k.press("enter")
        await k.dictate("626-555-0101")
        await k.press("enter")
        assert message_bar(app).endswith("Open requests: 1.")
        # The status of an open request without leaving the call: Alt+Y, Enter.
        await k.press("alt+y")
        assert focus_line(app).startswith(
            f"Caller's requests and calls, list, {request.number}: In progress, Street "
            "Lights/Traffic Signals, 1200 N Lake Ave, overdue, was expected by"
        )
        await k.press("enter")
        status = (
            f"{request.number}: In progress, Street Lights/Traffic Signals, 1200 N Lake Ave. "
            "Department: Department of Public Works. Expected by: Friday, February 27, overdue. "
            "Last note: A crew is scheduled for Thursday."
        )
        assert message_bar(app) == status
        assert focus_line(app).startswith("Caller's requests and calls, list")  # still there
        # A follow-up call: the caller's open request is filled in.
        await k.press("alt+u", "3", "enter")
        assert focus_line(app) == f"Request number, text field, {request.number}"
        await k.press("enter")
        assert message_bar(app) == status
        assert focus_line(app).startswith(f"Request status, list, {request.number}: In progress")
        await k.press("enter")
        assert focus_line(app) == "Disposition, list, Status given, selected, 4 of 10"
        await k.press("enter", "enter")
    assert all_calls(desk_db)[-1].disposition == "status_given"


async def test_a_referral_lists_the_number_and_hours(desk_db: Any, clock: Any) -> None:
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        k = Keys(pilot)
        await k.press("enter", "enter", "alt+u", "4", "enter")
        assert focus_line(app).startswith("Refer to, list, nothing selected")
        await k.press("r", "enter")  # the first name with R
        assert message_bar(app).startswith("Refer the caller to ")
        assert focus_line(app).startswith("Referral, list, Refer the caller to ")
        await k.press("enter", "enter", "enter")
    assert all_calls(desk_db)[-1].disposition == "referred"


async def test_relay_is_chosen_by_number_and_the_next_call_is_one_key_away(
    desk_db: Any, clock: Any
) -> None:
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        k = Keys(pilot)
        await k.press("2", "enter")
        assert message_bar(app).startswith("Relay call answered at 9:00 AM.")
        await k.press("alt+a")
        assert message_bar(app) == "Warning: A call is in progress: Alt+Z goes to its wrap-up."
        await k.press("alt+k")
        assert message_bar(app).startswith("Call ended: No action.")
        await k.press("alt+a")  # the next call, straight away
        await settle(pilot)
        assert focus_line(app) == "Caller's phone, text field, empty"
    assert [c.channel for c in all_calls(desk_db)][-2:] == ["relay", "phone"]
