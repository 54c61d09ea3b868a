"""The terminal cursor follows focus for every kind of control (no database needed)."""

from __future__ import annotations

import textual
from textual.app import App
from textual.widgets import Input

from tests.ui.form_app import FormApp
from tests.ui.helpers import char_at_cursor, cursor_in_focused, focus_line, screen_lines, settle

SIZE = (100, 60)

# What the focus line says, control by control, tabbing from the caller-name field.
TAB_ORDER = [
    ("name", "Caller name, text field, empty"),
    ("notes", "Notes, text area, empty"),
    ("anonymous", "Anonymous caller, check box, not checked"),
    ("callback", "Call-back wanted, switch, Off"),
    ("channel", "Channel, radio group, Phone, selected, 1 of 3"),
    ("category", "Category, list, Potholes, 1 of 3"),
    ("units", "Units, table, PW12, Available, row 1 of 2"),
    ("priority", "Priority, pop-up list, Normal"),
    ("entries", "Entries, list, First entry, 1 of 2"),
    ("departments", "Departments, tree, Departments, expanded, 1 of 1"),
    ("save", "Save, button"),
]


async def _focus(pilot, widget_id: str) -> None:  # type: ignore[no-untyped-def]
    pilot.app.screen.query_one(f"#{widget_id}").focus()
    await settle(pilot)


async def test_tab_and_shift_tab_keep_the_cursor_on_the_focused_control() -> None:
    app = FormApp()
    async with app.run_test(size=SIZE) as pilot:
        await _focus(pilot, "name")
        for widget_id, said in TAB_ORDER:
            assert app.focused is not None
            assert app.focused.id == widget_id
            assert cursor_in_focused(app), (widget_id, app.cursor_position, app.focused.region)
            assert focus_line(app).endswith(said)
            await pilot.press("tab")
            await settle(pilot)
        await _focus(pilot, "save")
        for widget_id, said in reversed(TAB_ORDER):
            assert app.focused is not None
            assert app.focused.id == widget_id
            assert cursor_in_focused(app), widget_id
            assert focus_line(app).endswith(said)
            await pilot.press("shift+tab")
            await settle(pilot)


async def test_input_cursor_sits_exactly_at_the_insertion_point() -> None:
    app = FormApp()
    async with app.run_test(size=SIZE) as pilot:
        await _focus(pilot, "name")
        field = app.query_one("#name", Input)
        start = field.content_region.x
        assert app.cursor_position.x == start
        await pilot.press(*"Pot")
        await settle(pilot)
        # Right after the last typed character: where a screen reader looks for the echo.
        assert app.cursor_position == (start + 3, field.content_region.y)
        x, y = app.cursor_position
        assert screen_lines(app)[y][x - 3 : x] == "Pot"
        # Textual 8.2.8 itself puts the cursor one cell further (the bug this fixes).
        assert field.cursor_screen_offset.x == start + 4
        await pilot.press("left")
        await settle(pilot)
        assert app.cursor_position.x == start + 2
        await pilot.press("home")
        await settle(pilot)
        assert app.cursor_position.x == start
        await pilot.press("end", *"東")  # a wide character takes two cells
        await settle(pilot)
        assert app.cursor_position.x == start + 5


async def test_list_cursor_follows_the_highlighted_row() -> None:
    app = FormApp()
    async with app.run_test(size=SIZE) as pilot:
        await _focus(pilot, "category")
        for expected, position in (("Streetlight Out", "2 of 3"), ("Graffiti", "3 of 3")):
            await pilot.press("down")
            await settle(pilot)
            x, y = app.cursor_position
            assert screen_lines(app)[y][x:].startswith(expected)
            assert focus_line(app) == f"Category, list, {expected}, {position}"
        await pilot.press("home")
        await settle(pilot)
        assert char_at_cursor(app) == "P"


async def test_table_cursor_follows_the_highlighted_row() -> None:
    app = FormApp()
    async with app.run_test(size=SIZE) as pilot:
        await _focus(pilot, "units")
        first_row = app.cursor_position.y
        await pilot.press("down")
        await settle(pilot)
        x, y = app.cursor_position
        assert y == first_row + 1
        assert screen_lines(app)[y][x:].startswith("PW14")
        assert focus_line(app) == "Units, table, PW14, On scene, row 2 of 2"


async def test_radio_group_cursor_follows_the_highlighted_choice() -> None:
    app = FormApp()
    async with app.run_test(size=SIZE) as pilot:
        await _focus(pilot, "channel")
        assert char_at_cursor(app) == "("
        await pilot.press("down")
        await settle(pilot)
        x, y = app.cursor_position
        assert screen_lines(app)[y][x:].startswith("( ) Walk-in")
        assert focus_line(app) == "Channel, radio group, Walk-in, not selected, 2 of 3"
        await pilot.press("enter")
        await settle(pilot)
        assert screen_lines(app)[y][x:].startswith("(*) Walk-in")
        assert focus_line(app) == "Channel, radio group, Walk-in, selected, 2 of 3"


async def test_button_and_toggles_carry_the_cursor_on_their_text() -> None:
    app = FormApp()
    async with app.run_test(size=SIZE) as pilot:
        await _focus(pilot, "save")
        x, y = app.cursor_position
        assert screen_lines(app)[y][x:].startswith("Save")
        await _focus(pilot, "anonymous")
        assert char_at_cursor(app) == "["
        await _focus(pilot, "callback")
        x, y = app.cursor_position
        assert screen_lines(app)[y][x:].startswith("Off")
        await _focus(pilot, "priority")
        x, y = app.cursor_position
        assert screen_lines(app)[y][x:].startswith("Normal")


async def test_cursor_follows_a_control_scrolled_into_view() -> None:
    app = FormApp()
    async with app.run_test(size=(100, 16)) as pilot:
        await _focus(pilot, "save")
        assert cursor_in_focused(app)
        x, y = app.cursor_position
        assert y < 16
        assert screen_lines(app)[y][x:].startswith("Save")
        await _focus(pilot, "name")
        assert cursor_in_focused(app)


async def test_with_nothing_focused_the_cursor_rests_on_the_focus_line() -> None:
    app = FormApp()
    async with app.run_test(size=SIZE) as pilot:
        app.screen.set_focus(None)
        app.screen.query_one("#focus-line").refresh()
        await settle(pilot)
        line = app.screen.query_one("#focus-line")
        assert app.cursor_position.y == line.region.y


def test_the_pinned_textual_still_has_the_frame_hook() -> None:
    """The cursor machinery relies on ``App._display`` (private) of the pinned Textual."""
    assert textual.__version__ == "8.2.8"
    assert callable(getattr(App, "_display", None))
