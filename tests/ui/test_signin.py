"""Sign-in: first operator becomes admin, unknown names are refused, --operator signs in."""

from __future__ import annotations

import dataclasses
import time
from typing import Any

import pytest
from textual.widgets import Input

from csc_console.screens.intake import IntakeScreen
from csc_console.screens.signin import FIRST_OPERATOR, SignInScreen
from tests.ui.helpers import focus_line, make_app, message_bar, screen_text, settle, sign_in


def _operators(settings: Any) -> list[Any]:
    from csc_console.services.bootstrap import open_context
    from csc_console.services.operators import list_operators

    ctx = open_context(settings)
    try:
        return list_operators(ctx)
    finally:
        ctx.db.dispose()


async def test_on_an_empty_database_the_first_operator_becomes_admin(settings: Any) -> None:
    app = make_app(settings)
    async with app.run_test(size=(100, 36)) as pilot:
        await settle(pilot)
        assert "the first operator to sign in becomes the administrator" in screen_text(
            app
        ).replace("\n ", " ")
        assert app.query_one("#display-name-field").display
        assert FIRST_OPERATOR in screen_text(app).replace("\n ", " ")
        await pilot.press(*"ada", "enter")
        await settle(pilot)
        assert app.focused is not None
        assert app.focused.id == "display-name"
        assert focus_line(app) == "Your name as shown, text field, empty"
        await pilot.press(*"Ada Lovelace", "enter")
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen)
        assert app.current_mode == "intake"
        assert message_bar(app) == "Signed in as Ada Lovelace, Admin."
    [operator] = _operators(settings)
    assert (operator.username, operator.display_name, operator.is_admin) == (
        "ada",
        "Ada Lovelace",
        True,
    )


async def test_an_unknown_operator_is_refused_and_the_typed_name_kept(
    make_ui_app: Any, existing_operator: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_ui_app()
    rings: list[bool] = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(True))
    async with app.run_test(size=(100, 36)) as pilot:
        await settle(pilot)
        assert not app.query_one("#display-name-field").display  # only asked on an empty database
        await pilot.press(*"bob", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        field = app.query_one("#username", Input)
        assert field.value == "bob"
        assert app.focused is field
        assert app.cursor_position.x == field.content_region.x + 3
        assert message_bar(app).startswith("Error: There is no operator named 'bob'.")
        assert "Error: There is no operator named 'bob'." in screen_text(app)
        assert rings
        # The focus line says again where the cursor is, with what the field holds now.
        assert focus_line(app) == "Operator name, text field, bob"
        # Escape dismisses the error (the log keeps it).
        await pilot.press("escape")
        await settle(pilot)
        assert message_bar(app) == ""
        assert app.message_log.last is not None
        assert app.message_log.last.severity == "error"
        # Correct the name and sign in.
        await pilot.press("ctrl+u", *existing_operator, "enter")
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen)


async def test_operator_setting_signs_in_directly(make_ui_app: Any, existing_operator: str) -> None:
    app = make_ui_app(operator=existing_operator)
    async with app.run_test(size=(100, 36)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen)
        assert app.ctx is not None
        assert app.ctx.operator is not None
        assert app.ctx.operator.username == existing_operator
        assert "Signed in as Ada Admin, Admin." in screen_text(app)


async def test_operator_setting_on_an_empty_database_makes_that_operator_admin(
    ui_settings: Any,
) -> None:
    settings = dataclasses.replace(ui_settings, operator="maria")
    app = make_app(settings)
    async with app.run_test(size=(100, 36)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen)
        # No instructions to type anything: the sign-in was automatic.
        assert all("press Enter" not in e.text for e in app.message_log)
    [operator] = _operators(ui_settings)
    assert (operator.username, operator.is_admin) == ("maria", True)


async def test_enter_before_the_database_is_open_signs_in_once_it_is(
    make_ui_app: Any, existing_operator: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from csc_console.services import bootstrap

    real_open = bootstrap.open_context

    def slow_open(settings: Any, **kwargs: Any) -> Any:
        time.sleep(1.0)
        return real_open(settings, **kwargs)

    monkeypatch.setattr(bootstrap, "open_context", slow_open)
    app = make_ui_app()
    async with app.run_test(size=(100, 36)) as pilot:
        await pilot.pause()
        await pilot.press(*existing_operator, "enter")
        for _ in range(100):  # the notice is logged through the app's queue (kept in the log)
            if any(e.text.startswith("Still opening the database") for e in app.message_log):
                break
            await pilot.pause(0.01)
        assert any(e.text.startswith("Still opening the database") for e in app.message_log)
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen)


async def test_sign_in_shows_names_literally(settings: Any) -> None:
    app = make_app(settings)
    async with app.run_test(size=(100, 36)) as pilot:
        await sign_in(pilot, "ann", display=None)
        # Typed text may hold anything (pasted escape sequences included).
        app.query_one("#display-name", Input).value = "[bold]Ann[/bold] \x1b[31mRed"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen)
        shown = "[bold]Ann[/bold] <ESC>[31mRed"
        assert f"Signed in as {shown}, Admin." in screen_text(app)
        assert f"CSC Console: Intake. {shown}." in screen_text(app)
        assert message_bar(app) == f"Signed in as {shown}, Admin."
