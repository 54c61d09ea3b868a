"""Screen-reader sign-in where the database requires passwords (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.helpers.passwords import PASSWORD, operators_with_passwords, set_setting
from tests.linear.conftest import Transcript, check_golden

Console = Callable[..., Transcript]


@pytest.fixture
def passwords_on(ctx) -> None:  # type: ignore[no-untyped-def]
    operators_with_passwords(ctx)


def test_first_operator_of_a_shared_database_chooses_a_password(
    console: Console, settings  # type: ignore[no-untyped-def]
) -> None:
    set_setting(settings.database_url, "require_passwords", "on")
    t = console(["maria", "Maria Lopez", "short", PASSWORD, "different one!", PASSWORD, PASSWORD, "quit"])
    check_golden("signin_first_operator_password", t)
    assert PASSWORD not in t.output and "different one!" not in t.output
    assert "Error: A password needs at least 10 characters." in t.lines
    assert "Error: The two passwords differ; choose the password again." in t.lines
    assert "Status: Signed in as Maria Lopez, Admin." in t.lines
    # The password chosen is now the one that signs in.
    again = console([], operator="maria")
    assert "Error: This console needs your password." in again.lines


@pytest.mark.usefixtures("passwords_on")
def test_wrong_password_then_right(console: Console) -> None:
    t = console(["maria", "not the password", PASSWORD, "quit"])
    check_golden("signin_password_wrong_then_right", t)
    assert "not the password" not in t.output and PASSWORD not in t.output
    assert "Error: Wrong password (4 tries left before a 15-minute lock)." in t.lines
    assert "Status: Signed in as Maria Lopez, CSR." in t.lines
    # The wrong password is never offered back as a default.
    assert "Enter keeps what you typed before" not in t.output


@pytest.mark.usefixtures("passwords_on")
def test_five_wrong_passwords_lock_the_name(console: Console) -> None:
    t = console(["maria", *["wrong password!"] * 5, PASSWORD, "cancel"])
    errors = [line for line in t.lines if line.startswith("Error:")]
    assert errors[-2] == "Error: Wrong password. Operator 'maria' is now locked for 15 minutes."
    assert errors[-1].startswith("Error: Operator 'maria' is locked after 5 wrong passwords; try again in 15 minutes")
    assert "Status: Signed in" not in t.output
    assert "Status: Not signed in." in t.lines


@pytest.mark.usefixtures("passwords_on")
def test_operator_setting_takes_the_password_from_the_environment(
    console: Console, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = console(["quit"], operator="maria")
    assert missing.lines[1] == "Error: This console needs your password."
    monkeypatch.setenv("CSC_PASSWORD", PASSWORD)
    t = console(["quit"], operator="maria")
    assert t.lines[1] == "Status: Signed in as Maria Lopez, CSR."
    assert "Password" not in t.output


def test_a_mapped_workstation_account_signs_in_without_a_password(
    console: Console, ctx, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    operators_with_passwords(ctx, os_account="mlopez")
    monkeypatch.setenv("LOGNAME", "mlopez")
    t = console(["", "quit"])
    check_golden("signin_workstation_account", t)
    assert "Password" not in t.output
    assert "Status: Signed in as Maria Lopez, CSR." in t.lines
    # Another name still needs its password.
    other = console(["ada", "cancel"])
    assert "Password: " in other.output
    # Not allowed: the mapping alone signs nobody in.
    set_setting(str(ctx.db.url), "allow_os_accounts", "off")
    refused = console(["maria", "cancel"])
    assert "Operator name: " in refused.output and "Password: " in refused.output


@pytest.mark.usefixtures("passwords_on")
def test_a_password_is_taken_exactly_as_typed(console: Console, ctx) -> None:  # type: ignore[no-untyped-def]
    from csc_console.services.auth import set_password
    from csc_console.services.operators import sign_in

    admin = ctx.as_operator(sign_in(ctx, username="ada", password=PASSWORD))
    set_password(admin, username="maria", password="  spaced out  ")
    trimmed = console(["maria", "spaced out", "cancel"])
    assert "Error: Wrong password (4 tries left before a 15-minute lock)." in trimmed.lines
    exact = console(["maria", "  spaced out  ", "quit"])
    assert "Status: Signed in as Maria Lopez, CSR." in exact.lines
