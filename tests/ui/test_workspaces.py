"""Workspaces (Textual modes) by keys and by the palette; help; error dialog; idle."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Input

from csc_console.errors import DatabaseUnavailable
from csc_console.screens.dashboard import DashboardScreen
from csc_console.screens.dispatch import DispatchScreen
from csc_console.screens.error import ErrorModal
from csc_console.screens.help import HelpScreen
from csc_console.screens.intake import IntakeScreen
from csc_console.screens.messages import MessageLogScreen
from csc_console.screens.work_orders import WorkOrdersScreen
from csc_console.widgets.a11y.keys import STOCK_DESCRIPTIONS, key_words
from tests.ui.helpers import (
    cursor_in_focused,
    focus_line,
    screen_lines,
    screen_text,
    settle,
    sign_in,
)

SIZE = (110, 36)
WORKSPACES = [
    (
        "f3",
        "alt+o",
        "work_orders",
        WorkOrdersScreen,
        "Work orders. Work order queue, table, No work orders match this filter",
    ),
    ("f4", "alt+d", "dispatch", DispatchScreen, "Dispatch. Radio, text field, empty"),
    (
        "f5",
        "alt+b",
        "dashboard",
        DashboardScreen,
        "Dashboard. Figures, list, Calls offered: 0, 1 of 9",
    ),
    (
        "f2",
        "alt+i",
        "intake",
        IntakeScreen,
        "Intake. Answer, list, Phone, selected, 1 of 5",
    ),
]


async def test_function_keys_and_alt_digits_switch_workspaces(make_ui_app: Any) -> None:
    app = make_ui_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        for fkey, altkey, mode, screen_type, said in WORKSPACES:
            for key in (fkey, altkey):
                await pilot.press("f6")  # somewhere else first
                await settle(pilot)
                assert isinstance(app.screen, MessageLogScreen)
                await pilot.press(key)
                await settle(pilot)
                assert app.current_mode == mode
                assert isinstance(app.screen, screen_type)
                assert focus_line(app).startswith(said)
                assert cursor_in_focused(app)


async def test_workspaces_are_commands_in_the_palette(make_ui_app: Any) -> None:
    app = make_ui_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        for name, mode in (
            ("Dispatch", "dispatch"),
            ("Work orders", "work_orders"),
            ("Messages", "messages"),
        ):
            await pilot.press("ctrl+p")
            await settle(pilot)
            assert isinstance(app.focused, Input)  # the palette's search field, cursor in it
            assert cursor_in_focused(app)
            await pilot.press(*name)
            await settle(pilot)
            assert "Command search, text field" in focus_line(app)
            await pilot.press("down")
            await settle(pilot)
            # The highlighted result carries the cursor and is announced.
            assert focus_line(app).startswith(f"Commands, list, {name}")
            x, y = app.cursor_position
            assert screen_lines(app)[y][x:].startswith(name)
            await pilot.press("enter")
            await settle(pilot)
            assert app.current_mode == mode


async def test_no_workspace_before_signing_in(make_ui_app: Any, existing_operator: str) -> None:
    app = make_ui_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3", "f5")
        await settle(pilot)
        assert app.ctx is None
        assert app.current_mode == "sign_in"


async def test_help_lists_every_binding_of_the_screen(make_ui_app: Any) -> None:
    app = make_ui_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pilot.press("f3")
        await settle(pilot)
        workspace = app.screen
        expected = {
            (
                key_words(key),
                STOCK_DESCRIPTIONS.get(b.binding.action, b.binding.description)
                if b.binding.id is None
                else b.binding.description,
            )
            for key, b in workspace.active_bindings.items()
            if b.binding.description
        }
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        lines = app.screen.query_one("#help-keys").lines  # type: ignore[attr-defined]
        for keys, description in expected:
            assert any(line.endswith(f": {description}") and keys in line for line in lines), (
                keys,
                description,
            )
        for must in (
            "F1 or Alt+H: Help",
            "F4 or Alt+D: Dispatch",
            "Ctrl+R: Refresh workspace",
            "Ctrl+Q: Quit",
        ):
            assert must in lines
        assert focus_line(app).startswith("Help: keys of Work orders. Keys, list, ")
        await pilot.press("down")
        await settle(pilot)
        x, y = app.cursor_position
        assert screen_lines(app)[y][x:].startswith(lines[1])
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is workspace


async def test_the_error_dialog_rings_is_literal_and_returns_a_typed_result(
    make_ui_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_ui_app()
    rings: list[bool] = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(True))
    results: list[bool | None] = []
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        rings.clear()
        app.push_screen(ErrorModal("Cannot save [bold]now[/bold].", retry=True), results.append)
        await settle(pilot)
        assert rings == [True]
        assert "Cannot save [bold]now[/bold]." in screen_text(app)
        assert focus_line(app) == "Error: Cannot save [bold]now[/bold]. OK, button"
        assert cursor_in_focused(app)
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert results == [True]
        app.push_screen(ErrorModal("Again."), results.append)
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert results == [True, False]


async def test_a_failing_worker_ends_in_the_one_error_handler(
    make_ui_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_fetch(self: Any, ctx: Any) -> Any:
        raise DatabaseUnavailable("The database at sqlite:///x is not answering.")

    monkeypatch.setattr(DispatchScreen, "fetch", broken_fetch)
    app = make_ui_app()
    rings: list[bool] = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(True))
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pilot.press("f4")
        await settle(pilot)
        assert rings == [True]  # once, not once per place that shows it
        assert isinstance(app.screen, ErrorModal)
        assert app.screen.message == "The database at sqlite:///x is not answering."
        assert app.message_log.last is not None
        assert app.message_log.last.severity == "error"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DispatchScreen)


async def test_nothing_repaints_while_idle(
    make_ui_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_ui_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, display=None)
        frames: list[int] = []
        original = type(app)._display

        def counting(self: Any, screen: Any, renderable: Any) -> None:
            if renderable is not None:
                frames.append(1)
            original(self, screen, renderable)

        monkeypatch.setattr(type(app), "_display", counting)
        await pilot.pause(1.5)  # the sign-in screen, with the cursor in a text field
        assert frames == []
        assert app.focused is not None
        assert app.focused.cursor_blink is False


async def test_a_new_workspace_is_announced_with_the_cursor_at_its_end_then_back(
    make_ui_app: Any,
) -> None:
    """After an F-key Orca speaks new text only if it ends at the cursor: the frame that writes
    a new screen's announcement parks the cursor there, then the cursor returns."""
    app = make_ui_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        parked: list[tuple[Any, str]] = []
        original = type(app)._display

        def watching(self: Any, screen: Any, renderable: Any) -> None:
            original(self, screen, renderable)
            if renderable is not None and self.cursor_parked:
                x, y = self.cursor_position
                parked.append((self.cursor_position, screen_lines(self)[y][:x]))

        type(app)._display = watching  # type: ignore[method-assign]
        try:
            await pilot.press("f3")
            await settle(pilot)
        finally:
            type(app)._display = original  # type: ignore[method-assign]
        said = focus_line(app)
        assert said.startswith("Work orders. ")
        assert parked, "the cursor was never parked"
        (_, before_cursor) = parked[0]
        assert before_cursor.strip()  # the text ends right at the cursor
        assert said.endswith(before_cursor.strip()[-12:])
        assert cursor_in_focused(app)  # and then it went back
