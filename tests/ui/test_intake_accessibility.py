"""The accessibility requests on the full-screen Intake screen, by keyboard only, as the
screen-reader mode's golden transcripts take them (tests/linear/transcripts/intake_access_*):
an accommodation for a council meeting too soon for the City Clerk's notice (the warning at the
date and with the result), enrolment in the refuse disability rollout service (on the crew's
route list), and the ADA seating information for the Rose Parade."""

from __future__ import annotations

from datetime import date
from typing import Any

from csc_console.services.requests import list_requests
from csc_console.services.rollout import route_list
from tests.linear.intake_support import all_calls
from tests.ui.helpers import cursor_in_focused, focus_line, message_bar, screen_text
from tests.ui.intake_kit import (
    SIZE,
    Keys,
    clock_fixture,  # noqa: F401 - fixture
    desk_db_fixture,  # noqa: F401 - fixture
    intake_app,
    ready,
)

TOO_SOON = (
    "What is the date and start time?: Tuesday March 3 is less than 1 business day away; "
    "the city may not be able to arrange it in time. Tell the caller."
)


async def jane_says(k: Keys, words: str) -> None:
    """Answer a phone call from Jane (known), her words, the first suggestion."""
    await k.press("enter")
    await k.dictate("626-555-0101")
    await k.press("enter")
    await k.dictate(words)
    await k.press("enter")


async def test_an_accommodation_for_a_meeting_too_soon(desk_db: Any, clock: Any) -> None:
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        k = Keys(pilot)
        await jane_says(k, "I need a sign language interpreter for the city council meeting")
        assert message_bar(app).startswith(
            "Category: Accessibility Requests for City Meetings, Events and Classes;"
        )
        assert focus_line(app) == "Which meeting, event or class (required), text field, empty"
        await k.dictate("City Council")
        await k.press("enter", "1", "enter")
        assert focus_line(app) == "What is the date and start time (required), text field, empty"
        await k.dictate("3/3/2026 6 pm")
        await k.press("enter")
        assert message_bar(app) == f"Warning: {TOO_SOON}"
        await k.press("enter")  # no location
        assert focus_line(app).startswith(
            "Which accommodations are needed? Choose all that apply (required), list"
        )
        assert cursor_in_focused(app)
        await k.press("1", "2")
        assert focus_line(app) == (
            "Which accommodations are needed? Choose all that apply (required), list, "
            "CART (real-time) captioning, selected, 2 of 6"
        )
        await k.press("enter", "enter", "2", "enter")  # no other; confirm through 711 relay
        await k.press("enter", "enter")  # address (verified: no cross street), description
        assert message_bar(app).startswith("Request SR-2026-000001 saved.")
        result = app.screen.query_one("#result-lines").lines
        assert f"Warning: {TOO_SOON}" in result
        await k.press("enter", "enter")
    [r] = list_requests(desk_db, category="accessibility-request")
    assert r.answers["accommodations"] == ["asl-interpreter", "cart-captioning"]
    assert (r.answers["meeting_type"], r.answers["confirm_by"]) == ("city-council", "relay")
    assert r.department_code == "city-clerk"


async def test_enrolment_in_the_rollout_service(desk_db: Any, clock: Any) -> None:
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        k = Keys(pilot)
        await jane_says(k, "sign me up for the disability rollout service")
        assert message_bar(app).startswith("Category: Resident Refuse Disability Rollout Service;")
        # City customer, no one can, a permanent disability, permanent.
        await k.press("1", "enter", "1", "enter", "1", "enter", "1", "enter")
        assert focus_line(app) == (
            "From which collection day should the service start (required), text field, empty"
        )
        await k.dictate("3/9/2026")
        await k.press("enter", "enter", "2", "enter")  # no end date; Tuesdays
        await k.dictate("left side yard behind the gate")
        await k.press("enter", "enter")  # no access notes
        await k.press("enter", "enter", "enter")
        assert message_bar(app).startswith("Request SR-2026-000001 saved.")
        assert "Work order: WO-2026-000001." in screen_text(app)
        await k.press("enter", "enter")
    [r] = list_requests(desk_db, category="refuse-rollout")
    [stop] = route_list(desk_db, day="Tuesday", on=date(2026, 3, 10))
    assert (stop.address, stop.container_location, stop.request) == (
        "1200 N Lake Ave",
        "left side yard behind the gate",
        r.number,
    )


async def test_ada_seating_information(desk_db: Any, clock: Any) -> None:
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        k = Keys(pilot)
        await k.press("enter")
        await k.dictate("626-555-0101")
        await k.press("enter", "alt+u", "2", "enter")
        await k.dictate("is there wheelchair seating for the Rose Parade")
        await k.press("enter")
        assert message_bar(app) == (
            "Topic: ADA Seating Information for Rose Parade and Rose Bowl. Read the script to "
            "the caller."
        )
        assert focus_line(app).startswith(
            "Topic, list, Say: For the Rose Parade, there are three free accessible viewing areas"
        )
        await k.press("down", "down")
        assert "Tournament of Roses" in focus_line(app)
        await k.press("enter", "enter")
        assert focus_line(app) == "Disposition, list, Information provided, selected, 3 of 10"
        await k.press("enter", "enter")
    call = all_calls(desk_db)[-1]
    assert (call.disposition, call.topic_code) == ("information_provided", "ada-seating")
