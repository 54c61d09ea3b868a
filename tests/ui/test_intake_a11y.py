"""The Intake screen by the accessibility base's rules: the terminal cursor in the focused
control after every Tab (on the highlighted row of a list, on the highlighted suggestion while
the words field keeps the focus), the focus line naming it, state as text, suggestion rows
repainted only when their text changed, nothing repainted while idle, every key in help and in
the palette, no box characters in the plain look."""

from __future__ import annotations

from typing import Any

from csc_console.screens.help import HelpScreen
from csc_console.screens.intake.screen import IntakeScreen
from csc_console.widgets.suggest import SuggestionList
from tests.ui.helpers import (
    box_characters,
    cursor_in_focused,
    focus_line,
    screen_lines,
    settle,
)
from tests.ui.intake_kit import (
    SIZE,
    Keys,
    clock_fixture,  # noqa: F401 - fixture
    desk_db_fixture,  # noqa: F401 - fixture
    intake_app,
    ready,
)


def row_at_cursor(app: Any) -> str:
    return screen_lines(app)[app.cursor_position.y]


async def test_tab_puts_the_cursor_in_each_control_and_the_focus_line_names_it(
    desk_db: Any, clock: Any
) -> None:
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert "(*) 1. Phone" in row_at_cursor(app)
        k = Keys(pilot)
        await k.press("enter")
        stops = []
        for _ in range(11):
            assert cursor_in_focused(app), focus_line(app)
            said = focus_line(app)
            label = said.split(", ")[0]
            row = row_at_cursor(app)
            # The cursor's row shows the control's label or its (first) value.
            assert label.split(":")[0][:12] in row or said.split(", ")[2][:12] in row, (said, row)
            stops.append(said)
            await k.press("tab")
        assert stops[:9] == [
            "Caller's phone, text field, empty",
            "Caller's name, text field, empty",
            "Anonymous caller, check box, not checked",
            "Caller's email, text field, empty",
            "Caller's address, text field, empty",
            "Preferred call-back, text field, empty",
            "Language, text field, empty",
            "The call is about, list, Report an issue, selected, 1 of 4",
            "Caller's words, text field, empty",
        ]
        assert stops[9].startswith("Disposition, list, No action, selected, 10 of 10")
        assert stops[10] == "Call notes, text field, empty"
        # State as text: the check box and a choice, before and after.
        await k.press("shift+tab", "shift+tab", "alt+f", "tab", "tab")
        assert "[ ] Anonymous caller" in row_at_cursor(app)
        await k.press("space")
        assert "[x] Anonymous caller" in row_at_cursor(app)
        assert focus_line(app) == "Anonymous caller, check box, checked"
        await k.press("alt+u", "down")
        assert "( ) 2. Ask for information" in row_at_cursor(app)
        assert focus_line(app) == "The call is about, list, Ask for information, not selected, 2 of 4"
        await k.press("space")
        assert "(*) 2. Ask for information" in row_at_cursor(app)
        assert focus_line(app) == "The call is about, list, Ask for information, selected, 2 of 4"


async def test_the_cursor_rides_on_the_highlighted_suggestion(desk_db: Any, clock: Any) -> None:
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        k = Keys(pilot)
        await k.press("enter", "alt+g")
        await k.dictate("the streetlight outside is out", key_by_key=True)
        words = app.screen.query_one("#words")
        # Typing: the cursor right after the last character typed (so a reader echoes it).
        assert app.cursor_position.x == words.content_region.x + len(words.value)
        assert focus_line(app) == "Caller's words, text field, empty"  # typing is not re-read
        await k.press("down")
        suggestions = app.screen.query_one("#suggestions", SuggestionList)
        first = suggestions.items[0][1]
        assert first == "Street Lights/Traffic Signals"
        assert app.focused is words  # typing can go on
        assert focus_line(app) == f"Suggestions, list, {first}, 1 of {len(suggestions.items)}"
        assert first in row_at_cursor(app)
        assert row_at_cursor(app)[app.cursor_position.x :].startswith(first)
        await k.press("down")
        second = suggestions.items[1][1]
        assert focus_line(app).startswith(f"Suggestions, list, {second}, 2 of")
        assert row_at_cursor(app)[app.cursor_position.x :].startswith(second)
        await k.press("s")  # typing again: back in the text
        assert app.cursor_position.x == words.content_region.x + len(words.value)
        assert focus_line(app).startswith("Caller's words, text field")
        await k.press("backspace", "down", "down", "enter")  # picks the highlighted one
        assert app.screen.desk.draft.category == suggestions.items[1][0]


async def test_suggestion_rows_are_repainted_only_when_their_text_changes(
    desk_db: Any, clock: Any
) -> None:
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        k = Keys(pilot)
        await k.press("enter", "alt+g")
        await k.dictate("the pothole on my street is ")
        suggestions = app.screen.query_one("#suggestions", SuggestionList)
        painted: list[int] = []
        original = SuggestionList.render_line

        def counting(self: SuggestionList, y: int) -> Any:
            painted.append(y)
            return original(self, y)

        SuggestionList.render_line = counting  # type: ignore[method-assign]
        try:
            before = suggestions.items
            await k.press("g")  # "g": only the fifth suggestion changes
            after = suggestions.items
            assert [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b] == [4]
            assert set(painted) == {4}
            painted.clear()
            await k.press("e")  # "ge": the same five suggestions
            assert suggestions.items == after
            assert painted == []
        finally:
            SuggestionList.render_line = original  # type: ignore[method-assign]


async def test_nothing_is_repainted_while_the_csr_listens(desk_db: Any, clock: Any) -> None:
    app = intake_app(desk_db)
    frames: list[int] = []
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        k = Keys(pilot)
        await k.press("enter")
        await k.dictate("626-555-0101")
        await k.press("enter")
        await k.dictate("a pothole")
        original = type(app)._display

        def counting(self: Any, screen: Any, renderable: Any) -> None:
            frames.append(1)
            original(self, screen, renderable)

        type(app)._display = counting  # type: ignore[method-assign]
        try:
            await pilot.pause(1.5)  # the draft is written meanwhile: no frame for it
            await settle(pilot)
        finally:
            type(app)._display = original  # type: ignore[method-assign]
    assert frames == []


async def test_every_key_is_in_help_and_in_the_palette(desk_db: Any, clock: Any) -> None:
    app = intake_app(desk_db)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("alt+h")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        lines = app.screen.query_one("#help-keys").lines
        for binding in IntakeScreen.BINDINGS:
            assert binding.id and binding.description
            assert any(line.endswith(f": {binding.description}") for line in lines), binding
        assert "Alt+A: Answer a call" in lines
        assert "Alt+S: Save the request" in lines
        await pilot.press("escape", "ctrl+p", *"save the req")
        await settle(pilot)
        assert any("Save the request" in line for line in screen_lines(app))


async def test_the_plain_look_has_no_box_characters_during_a_call(
    desk_db: Any, clock: Any
) -> None:
    app = intake_app(desk_db, plain=True)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert box_characters(app) == set()
        k = Keys(pilot)
        await k.press("enter")
        await k.dictate("626-555-0101")
        await k.press("enter")
        await k.dictate("a power line is down and sparking")
        assert box_characters(app) == set()
        await k.press("enter")  # the emergency dialog
        assert box_characters(app) == set()
