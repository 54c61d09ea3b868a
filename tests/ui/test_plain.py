"""The plain look: no borders, box-drawing or block characters (U+2500-U+259F) anywhere."""

from __future__ import annotations

from typing import Any

from csc_console.screens.error import ErrorModal
from tests.ui.helpers import box_characters, screen_text, settle, sign_in

SIZE = (110, 36)


async def test_no_box_or_block_characters_on_any_screen(make_ui_app: Any) -> None:
    app = make_ui_app(plain=True)
    seen: dict[str, set[str]] = {}
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        seen["sign-in"] = box_characters(app)
        await sign_in(pilot)
        for key, name in (
            ("f2", "intake"),
            ("f3", "work orders"),
            ("f4", "dispatch"),
            ("f5", "dashboard"),
            ("f9", "inbox"),
            ("f6", "messages"),
        ):
            await pilot.press(key)
            await settle(pilot)
            seen[name] = box_characters(app)
        await pilot.press("f1")
        await settle(pilot)
        seen["help"] = box_characters(app)
        await pilot.press("escape")
        app.push_screen(ErrorModal("Something to read."))
        await settle(pilot)
        seen["error dialog"] = box_characters(app)
        await pilot.press("escape", "ctrl+p")
        await settle(pilot)
        await pilot.press(*"Dis", "down")
        await settle(pilot)
        seen["command palette"] = box_characters(app)
        assert "Dispatch" in screen_text(app)
    assert {name: chars for name, chars in seen.items() if chars} == {}


async def test_plain_look_can_be_switched_on_and_off(make_ui_app: Any) -> None:
    app = make_ui_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pilot.press("f5")
        await settle(pilot)
        assert box_characters(app)  # the ordinary look has borders
        await pilot.press("alt+p")
        await settle(pilot)
        assert box_characters(app) == set()
        assert app.message_log.last is not None
        assert app.message_log.last.text == "Plain look on."
        await pilot.press("alt+p")
        await settle(pilot)
        assert box_characters(app)


async def test_plain_look_keeps_messages_in_the_bar_without_toasts(make_ui_app: Any) -> None:
    app = make_ui_app(plain=True)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        assert len(app._notifications) == 0
        assert "Signed in as Ada Admin, Admin." in screen_text(app)
