"""Identity on a shared database: passwords, lock-out, workstation accounts, roles."""

from __future__ import annotations

from typing import Any

import pytest

from csc_console.cli.main import main
from csc_console.errors import NotFound, PermissionDenied, ValidationError
from csc_console.services import auth
from csc_console.services.operators import create_operator, sign_in


@pytest.fixture
def passwords_on(admin_ctx: Any) -> Any:
    auth.set_password(admin_ctx, username="admin", password="correct horse battery")
    auth.set_setting(admin_ctx, key="require_passwords", value="on")
    return admin_ctx


def test_sign_in_needs_the_password_and_locks_after_five_failures(passwords_on: Any) -> None:
    ctx = passwords_on
    with pytest.raises(PermissionDenied, match="needs your password"):
        sign_in(ctx, username="admin")
    for left in (4, 3, 2, 1):
        with pytest.raises(PermissionDenied, match=f"{left} tr"):
            sign_in(ctx, username="admin", password="guess")
    with pytest.raises(PermissionDenied, match="now locked"):
        sign_in(ctx, username="admin", password="guess")
    with pytest.raises(PermissionDenied, match="locked after 5 wrong passwords"):
        sign_in(ctx, username="admin", password="correct horse battery")
    with pytest.raises(NotFound):
        sign_in(ctx, username="nobody", password="x")


def test_correct_password_resets_the_count(passwords_on: Any) -> None:
    with pytest.raises(PermissionDenied):
        sign_in(passwords_on, username="admin", password="guess")
    assert sign_in(passwords_on, username="admin", password="correct horse battery").username == "admin"


def test_password_rules_and_who_may_set_them(passwords_on: Any) -> None:
    csr = create_operator(passwords_on, username="maria", display_name="Maria Lopez")
    with pytest.raises(PermissionDenied, match="no password yet"):
        sign_in(passwords_on, username="maria", password="anything at all")
    maria = passwords_on.as_operator(csr)
    with pytest.raises(ValidationError, match="at least 10"):
        auth.set_password(maria, username="maria", password="short")
    with pytest.raises(PermissionDenied):
        auth.set_password(maria, username="admin", password="a long new password")
    auth.set_password(maria, username="maria", password="my own long password")
    assert sign_in(passwords_on, username="maria", password="my own long password").username == "maria"


def test_workstation_account_when_allowed(passwords_on: Any) -> None:
    create_operator(passwords_on, username="maria", display_name="Maria Lopez")
    auth.map_os_account(passwords_on, username="maria", os_account="mlopez")
    with pytest.raises(PermissionDenied):
        sign_in(passwords_on, username="maria", os_user="mlopez")  # not allowed yet
    auth.set_setting(passwords_on, key="allow_os_accounts", value="on")
    assert sign_in(passwords_on, username="maria", os_user="mlopez").username == "maria"
    with pytest.raises(PermissionDenied):
        sign_in(passwords_on, username="maria", os_user="someone-else")


def test_only_admins_change_settings_and_accounts(passwords_on: Any) -> None:
    csr = passwords_on.as_operator(create_operator(passwords_on, username="maria", display_name="Maria"))
    with pytest.raises(PermissionDenied):
        auth.set_setting(csr, key="require_passwords", value="off")
    with pytest.raises(PermissionDenied):
        auth.map_os_account(csr, username="maria", os_account="me")
    with pytest.raises(PermissionDenied):
        create_operator(csr, username="eve", display_name="Eve", role="admin")


def test_postgresql_requires_passwords_by_default(db_url: str, ctx: Any) -> None:
    from csc_console.db.models import AppSetting

    with ctx.db.session() as s:
        row = s.get(AppSetting, "require_passwords")
        if row is not None:
            s.delete(row)
    assert auth.passwords_required(ctx) is (not ctx.db.is_sqlite)


def test_cli_uses_csc_password(capsys: pytest.CaptureFixture[str], sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    base = ["--db", sqlite_url, "--operator", "admin"]
    assert main([*base, "operators", "list"]) == 0  # creates nothing: the list is empty
    assert main([*base, "operators", "add", "admin", "--role", "admin"]) == 0
    monkeypatch.setenv("CSC_NEW_PASSWORD", "correct horse battery")
    assert main([*base, "operators", "passwd", "admin"]) == 0
    assert main([*base, "settings", "set", "require_passwords", "on"]) == 0
    capsys.readouterr()
    assert main([*base, "dispatch", "line", "PW12 copy"]) != 0
    err = capsys.readouterr().err
    assert "needs your password" in err
    monkeypatch.setenv("CSC_PASSWORD", "correct horse battery")
    assert main([*base, "dispatch", "line", "PW12 copy"]) == 0


def test_the_first_operator_added_from_the_cli_on_postgresql_gets_a_password(
    postgres_server: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """On an empty shared database `operators add` makes the first operator the admin; with
    passwords required that admin needs a password at once, or nobody could ever sign in."""
    import uuid

    if postgres_server is None:
        pytest.skip("PostgreSQL not reachable (CI=true makes this a failure)")
    name = f"csc_test_first_{uuid.uuid4().hex[:8]}"
    url = postgres_server.create_database(name)
    try:
        base = ["--db", url, "--operator", "dana"]
        monkeypatch.delenv("CSC_NEW_PASSWORD", raising=False)
        assert main([*base, "operators", "add", "dana", "--name", "Dana Cruz", "--role", "dispatcher"]) != 0
        assert "needs a password" in capsys.readouterr().err
        assert main([*base, "operators", "list"]) == 0
        assert capsys.readouterr().out.strip() == ""  # nothing half-made
        monkeypatch.setenv("CSC_NEW_PASSWORD", "radio room 2026")
        assert main([*base, "operators", "add", "dana", "--name", "Dana Cruz", "--role", "dispatcher"]) == 0
        assert "the first operator of this database is its administrator, with the password given" in capsys.readouterr().out
        monkeypatch.setenv("CSC_PASSWORD", "radio room 2026")
        assert main([*base, "operators", "add", "eli", "--name", "Eli Park", "--role", "dispatcher"]) == 0
        assert "Added operator eli (Eli Park, Dispatcher)." in capsys.readouterr().out
    finally:
        postgres_server.drop_database(name)
