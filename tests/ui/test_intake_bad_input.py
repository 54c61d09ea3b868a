"""Bad input on the Intake screen: refused with a sentence that says what to fix, the typed
text kept, the cursor on the field; and text from callers (markup, escape sequences, control
characters) stored as typed and shown literally, never interpreted by the terminal."""

from __future__ import annotations

from typing import Any

import pytest

from csc_console.db import models
from csc_console.screens.intake import text
from csc_console.services.requests import list_requests
from tests.linear.intake_support import NEIGHBOUR, open_request
from tests.ui.helpers import focus_line, message_bar, screen_strips, settle
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

NAME = "Bob \x1b[31mRed\x1b[0m [bold]Smith[/bold]"
WORDS = "[link=https://evil.example]pothole[/link] on Lake \x1b]0;pwned\x07"


def escape_bytes(app: Any) -> bool:
    """Whether anything on the screen would reach the terminal as a control character."""
    return any(
        any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in segment.text)
        for strip in screen_strips(app)
        for segment in strip
    )


def test_the_field_limits_are_the_database_limits() -> None:
    assert (text.NAME_MAX, text.ADDRESS_MAX, text.DESCRIPTION_MAX, text.NOTE_MAX) == (
        models.NAME_MAX,
        models.ADDRESS_MAX,
        models.DESCRIPTION_MAX,
        models.NOTE_MAX,
    )


async def test_bad_input_is_refused_said_and_kept(
    desk_db: Any, clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = intake_app(desk_db)
    rings: list[bool] = []
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        monkeypatch.setattr(app, "bell", lambda: rings.append(True))
        k = Keys(pilot)
        await k.press("enter")
        # A partial phone number: the error, the typed text kept, the cursor still there.
        await k.dictate("555-01")
        await k.press("enter")
        assert message_bar(app) == "Error: 555-01 is too short for a phone number."
        assert focus_line(app) == "Caller's phone, text field, 555-01"
        assert rings
        await k.press("ctrl+u")
        await k.dictate("(626) 555-0188 x12")
        await k.press("enter")
        assert field_value(app, "phone") == "(626) 555-0188 ext. 12"
        assert message_bar(app) == "New caller: no earlier calls from (626) 555-0188 ext. 12."
        # Markup and escape sequences in a name: kept as typed, shown literally.
        await k.dictate(NAME)
        assert field_value(app, "name") == NAME
        assert "Bob \u241b[31mRed\u241b[0m [bold]Smith[/bold]" in flat(app)
        assert not escape_bytes(app)
        await k.press("enter")
        await k.dictate("not-an-email")
        await k.press("enter")
        assert message_bar(app) == (
            "Error: 'not-an-email' is not an email address (name@example.com)."
        )
        assert focus_line(app) == "Caller's email, text field, not-an-email"
        await k.press("ctrl+u", "alt+g")
        await k.dictate(WORDS)
        await k.press("enter")
        assert message_bar(app).startswith("Category: Potholes;")
        assert not escape_bytes(app)
        # A required list answered with nothing, then a number out of range.
        await k.press("enter")
        assert message_bar(app) == "Error: 'Where in the street is it?' must be answered."
        assert focus_line(app).startswith("Where in the street is it (required), list")
        await k.press("2", "enter", "9")
        assert message_bar(app) == "Error: 9 is not a choice here; type a number from 1 to 3."
        await k.press("2", "enter", "enter", "tab", "enter")  # the hazard question passed by
        # A number question answered with words.
        await k.dictate("many")
        await k.press("enter")
        assert message_bar(app) == (
            "Error: 'How many potholes are there?' needs a number; 'many' is not one."
        )
        assert focus_line(app) == "How many potholes are there, text field, many"
        await k.press("ctrl+u", "3", "enter")
        # Saving with a required answer missing: said, and the cursor on it.
        await k.press("alt+s")
        assert message_bar(app).startswith("Error: 'Is it a hazard right now")
        assert focus_line(app).startswith("Is it a hazard right now")
        await k.press("n", "alt+x")
        await k.dictate("1200 N Lake Ave")
        await k.press("enter")  # verified: on to the description
        # The description holds at most 4,000 characters: a longer paste is refused.
        description = app.screen.query_one("#description")
        before = description.value
        await k.dictate("x" * 4001)
        assert description.value == before
        assert message_bar(app) == (
            "Warning: Description holds at most 4,000 characters (the Open311 limit); the text "
            "was not added. Nothing typed before was lost."
        )
        # A longer one that arrived anyway (a draft from screen-reader mode) is refused at
        # the save, and kept.
        description.value = "y" * 4001
        await k.press("alt+s")
        assert message_bar(app) == (
            "Error: The description is 4,001 characters long; the limit is 4,000. Shorten it "
            "(nothing you typed has been lost)."
        )
        assert app.focused is description and description.value == "y" * 4001
        await k.press("ctrl+u")
        await settle(pilot)
        await k.press("alt+s")
        assert message_bar(app).startswith("Request SR-2026-000001 saved.")
        await k.dictate("Caller said \x1b[2J twice")
        assert not escape_bytes(app)
        await k.press("enter", "enter")
    [request] = list_requests(desk_db)
    assert request.caller is not None and request.caller.name == NAME
    assert request.caller.phone == "(626) 555-0188 ext. 12"
    assert request.answers["count"] == "3"
    assert request.description == ""


async def test_stored_text_is_shown_literally(desk_db: Any, clock: Any) -> None:
    """A duplicate's description and the caller's history carry what callers typed."""
    open_request(
        desk_db,
        description="[bold]Deep[/bold] hole \x1b[2J by the stop",
        caller=NEIGHBOUR,
    )
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        k = Keys(pilot)
        await k.press("enter")
        await k.dictate("626-555-0177")  # the neighbour
        await k.press("enter")
        await k.press("alt+y")
        await k.dictate("")
        shown = app.screen.query_one("#history").lines[0]
        assert shown.startswith("SR-2026-000001: Open, Potholes, 1200 N Lake Ave")
        await k.press("alt+g")
        await k.dictate("a pothole")
        await k.press("enter", "2", "enter", "2", "enter", "enter", "n", "enter", "enter", "enter")
        await k.press("ctrl+u")
        await k.dictate("1200 N Lake Ave")
        await k.press("enter")
        assert "[bold]Deep[/bold] hole <ESC>[2J by the stop" in focus_line(app)
        assert "[bold]Deep[/bold] hole <ESC>[2J by the stop" in flat(app)
        assert not escape_bytes(app)
