"""Full-screen sign-in where the database requires passwords (SQLite and PostgreSQL)."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from textual.widgets import Input

from csc_console.screens.intake import IntakeScreen
from csc_console.screens.signin import FIRST_OPERATOR_PASSWORD, SignInScreen
from tests.helpers.passwords import PASSWORD, operators_with_passwords, set_setting
from tests.ui.helpers import focus_line, make_app, message_bar, screen_text, settle

SIZE = (100, 36)


def _value(app: Any, field_id: str) -> str:
    return str(app.screen.query_one(f"#{field_id}", Input).value)


async def test_the_first_operator_of_a_shared_database_chooses_a_password(settings: Any) -> None:
    set_setting(settings.database_url, "require_passwords", "on")
    app = make_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert FIRST_OPERATOR_PASSWORD in screen_text(app).replace("\n ", " ")
        await pilot.press(*"ada", "enter", *"Ada Admin", "enter")
        await settle(pilot)
        assert focus_line(app) == "Password, password field, empty"
        await pilot.press(*PASSWORD, "enter")
        await settle(pilot)
        assert focus_line(app) == "Password again, password field, empty"
        assert PASSWORD not in screen_text(app)  # masked
        await pilot.press(*"something else", "enter")
        await settle(pilot)
        assert message_bar(app) == "Error: The two passwords differ; type the password again, twice."
        assert isinstance(app.screen, SignInScreen)
        assert (_value(app, "password"), _value(app, "password-again")) == ("", "")
        assert focus_line(app) == "Password, password field, empty"
        assert (_value(app, "username"), _value(app, "display-name")) == ("ada", "Ada Admin")
        await pilot.press(*"too short", "enter", *"too short", "enter")
        await settle(pilot)
        assert message_bar(app) == "Error: A password needs at least 10 characters."
        assert focus_line(app) == "Password, password field, empty"
        await pilot.press(*PASSWORD, "enter", *PASSWORD, "enter")
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen)
        assert message_bar(app) == "Signed in as Ada Admin, Admin."


async def test_a_wrong_password_is_one_line_and_the_name_is_kept(settings: Any, ctx: Any) -> None:
    operators_with_passwords(ctx)
    app = make_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.query_one("#password-field").display
        assert not app.query_one("#password-again-field").display
        await pilot.press(*"maria", "enter")
        await settle(pilot)
        assert focus_line(app) == "Password, password field, empty"
        await pilot.press(*"not my password", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        assert message_bar(app) == "Error: Wrong password (4 tries left before a 15-minute lock)."
        assert _value(app, "username") == "maria" and _value(app, "password") == ""
        assert focus_line(app) == "Password, password field, empty"
        await pilot.press(*PASSWORD, "enter")
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen)
        assert message_bar(app) == "Signed in as Maria Lopez, CSR."


async def test_five_wrong_passwords_lock_the_operator(settings: Any, ctx: Any) -> None:
    operators_with_passwords(ctx)
    app = make_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"maria", "enter")
        for _ in range(5):
            await pilot.press(*"wrong password", "enter")
            await settle(pilot)
        assert message_bar(app) == (
            "Error: Wrong password. Operator 'maria' is now locked for 15 minutes."
        )
        await pilot.press(*PASSWORD, "enter")
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        assert message_bar(app).startswith(
            "Error: Operator 'maria' is locked after 5 wrong passwords; try again in 15 minutes"
        )


async def test_operator_setting_with_the_password_in_the_environment(
    settings: Any, ctx: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    operators_with_passwords(ctx)
    monkeypatch.setenv("CSC_PASSWORD", PASSWORD)
    app = make_app(dataclasses.replace(settings, operator="maria"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen)
        assert app.ctx is not None and app.ctx.operator is not None
        assert app.ctx.operator.username == "maria"


async def test_operator_setting_without_the_password_asks_for_it(
    settings: Any, ctx: Any
) -> None:
    operators_with_passwords(ctx)
    app = make_app(dataclasses.replace(settings, operator="maria"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        assert message_bar(app) == "Error: This console needs your password."
        assert _value(app, "username") == "maria"
        # (Said after the screen's name: the console came back to the sign-in screen.)
        assert focus_line(app) == "Sign in. Password, password field, empty"
        await pilot.press(*PASSWORD, "enter")
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen)


async def test_a_mapped_workstation_account_signs_in_without_a_password(
    settings: Any, ctx: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    operators_with_passwords(ctx, os_account="mlopez")
    monkeypatch.setenv("LOGNAME", "mlopez")
    app = make_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert _value(app, "username") == "maria"
        assert "signs in as maria without a password: press Enter." in screen_text(app).replace(
            "\n ", " "
        )
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen)
        assert message_bar(app) == "Signed in as Maria Lopez, CSR."


async def test_keys_typed_ahead_after_a_tab_land_in_the_next_field(settings: Any, ctx: Any) -> None:
    """A fast typist (or a screen-reader user who knows the form) types the name, Tab and the
    password in one burst, before the console has handled the Tab: the password goes to the
    password field, not onto the end of the name."""
    from textual import events

    operators_with_passwords(ctx)
    app = make_app(settings)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst = [*"maria", "tab", *PASSWORD]
        for key in burst:  # all queued before any is handled, as a terminal delivers a burst
            app.post_message(events.Key(key, None if key == "tab" else key))
        await settle(pilot)
        assert (_value(app, "username"), _value(app, "password")) == ("maria", PASSWORD)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, IntakeScreen)
