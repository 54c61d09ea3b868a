"""The focus line: blanked for a frame, then "label, role, value or state, position"."""

from __future__ import annotations

from tests.ui.form_app import FormApp
from tests.ui.helpers import focus_line, screen_lines, settle

SIZE = (100, 60)


async def _focus(pilot, widget_id: str) -> None:  # type: ignore[no-untyped-def]
    pilot.app.screen.query_one(f"#{widget_id}").focus()
    await settle(pilot)


async def test_a_focus_change_blanks_the_line_for_a_frame_then_writes_it_whole() -> None:
    app = FormApp()
    async with app.run_test(size=SIZE) as pilot:
        await _focus(pilot, "name")
        app.frames.clear()
        app.record_focus_line = True
        await pilot.press("tab")
        await settle(pilot)
        said = "Notes, text area, empty"
        assert app.frames[-1] == said
        first_said = app.frames.index(said)
        # Before the new text reached the terminal, a frame showed the line empty, and no
        # frame mixed old and new text.
        blank = app.frames.index("")
        assert blank < first_said
        assert set(app.frames[blank:]) == {"", said}, app.frames


async def test_the_first_screen_is_named_with_its_first_control() -> None:
    app = FormApp()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert focus_line(app).startswith("Form. ")


async def test_typing_is_not_announced_again_but_a_revisit_reads_the_value() -> None:
    app = FormApp()
    async with app.run_test(size=SIZE) as pilot:
        await _focus(pilot, "name")
        app.frames.clear()
        app.record_focus_line = True
        await pilot.press(*"Maria")
        await settle(pilot)
        assert len(set(app.frames)) == 1  # never blanked, never rewritten
        assert app.frames[0].endswith("Caller name, text field, empty")
        await pilot.press("tab", "shift+tab")
        await settle(pilot)
        assert focus_line(app) == "Caller name, text field, Maria"


async def test_highlight_and_state_changes_are_announced() -> None:
    app = FormApp()
    async with app.run_test(size=SIZE) as pilot:
        await _focus(pilot, "category")
        await pilot.press("down")
        await settle(pilot)
        assert focus_line(app) == "Category, list, Streetlight Out, 2 of 3"
        await _focus(pilot, "anonymous")
        await pilot.press("space")
        await settle(pilot)
        assert focus_line(app) == "Anonymous caller, check box, checked"
        await _focus(pilot, "callback")
        await pilot.press("enter")
        await settle(pilot)
        assert focus_line(app) == "Call-back wanted, switch, On"


async def test_where_am_i_names_the_screen_and_the_control() -> None:
    app = FormApp()
    async with app.run_test(size=SIZE) as pilot:
        await _focus(pilot, "units")
        app.where_am_i()
        await settle(pilot)
        assert focus_line(app) == "Form. Units, table, PW12, Available, row 1 of 2"


async def test_the_focus_line_shows_caller_text_literally() -> None:
    app = FormApp()
    async with app.run_test(size=SIZE) as pilot:
        await _focus(pilot, "name")
        await pilot.press(*"[bold]Ann")
        await pilot.press("tab", "shift+tab")
        await settle(pilot)
        assert focus_line(app) == "Caller name, text field, [bold]Ann"
        line = app.screen.query_one("#focus-line")
        assert "Caller name, text field, [bold]Ann" in screen_lines(app)[line.region.y]
