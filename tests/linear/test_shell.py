"""Screen-reader mode end to end over injected streams, on SQLite and PostgreSQL.

Whole sessions are compared with golden transcripts in tests/linear/transcripts/ (the same
golden for both databases: the conversation must not depend on the backend)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from csc_console.config import load_settings
from csc_console.db.models import Unit
from csc_console.linear.menu import MenuRegistry, menu_entry
from csc_console.linear.prompts import TextPrompt
from csc_console.linear.workflow import Step, Workflow
from csc_console.vocab import Role
from tests.linear.conftest import FIXED_NOW, Transcript, check_golden, run_console

Console = Callable[..., Transcript]


@pytest.fixture
def with_maria(ctx) -> None:  # type: ignore[no-untyped-def]
    """An admin (Ada) and a CSR (Maria Lopez) exist."""
    from csc_console.services.operators import create_operator, sign_in

    admin = ctx.as_operator(sign_in(ctx, username="ada", display_name="Ada Admin"))
    create_operator(admin, username="maria", display_name="Maria Lopez", role="csr")


def no_escapes(t: Transcript) -> None:
    assert "\x1b" not in t.output
    assert not any(0x2500 <= ord(ch) <= 0x259F for ch in t.output)


# --------------------------------------------------------------------------- sign-in
def test_first_operator_becomes_admin(console: Console) -> None:
    t = console(["maria", "Maria Lopez", "quit"])
    check_golden("signin_first_operator", t)
    assert "Status: Signed in as Maria Lopez, Admin." in t.lines
    assert t.code == 0
    no_escapes(t)


def test_first_operator_display_name_defaults_to_the_name(console: Console) -> None:
    t = console(["maria", "", "quit"])
    assert "Display name, default maria: " in t.output
    assert "Status: Signed in as maria, Admin." in t.lines


def test_back_from_display_name_keeps_the_operator_name(console: Console) -> None:
    t = console(["maria", "back", "", "Maria Lopez", "quit"])
    assert "Operator name, default maria: " in t.output
    assert "Status: Signed in as Maria Lopez, Admin." in t.lines


@pytest.mark.usefixtures("with_maria")
def test_unknown_operator_then_success(console: Console) -> None:
    t = console(["bob", "Not A Name!", "maria", "quit"])
    check_golden("signin_unknown_operator", t)
    assert "Status: Signed in as Maria Lopez, CSR." in t.lines


@pytest.mark.usefixtures("with_maria")
def test_operator_setting_signs_in_directly(console: Console) -> None:
    t = console(["quit"], operator="maria")
    assert t.lines[:2] == [
        "csc-console, screen-reader mode. Type help at any prompt to hear what you can type there.",
        "Status: Signed in as Maria Lopez, CSR.",
    ]
    assert "Operator name" not in t.output


@pytest.mark.usefixtures("with_maria")
def test_unknown_operator_setting_says_so_and_asks(console: Console) -> None:
    t = console(["", "maria", "quit"], operator="bob")
    assert t.lines[1].startswith("Error: There is no operator named 'bob'.")
    assert "Operator name, default bob: " in t.output
    assert t.output.count("Error: There is no operator named 'bob'.") == 2  # Enter retried bob
    assert "Status: Signed in as Maria Lopez, CSR." in t.lines


def test_operator_setting_on_an_empty_database_creates_the_admin(console: Console) -> None:
    t = console(["quit"], operator="ada")
    assert "Status: Signed in as ada, Admin." in t.lines


def test_cancel_at_sign_in_ends_the_session(console: Console) -> None:
    t = console(["cancel"])
    assert t.lines[-2:] == ["Status: Not signed in.", "Status: Goodbye."]
    assert t.code == 0


def test_end_of_input_at_sign_in_exits_cleanly(console: Console) -> None:
    t = console([])
    assert t.lines[-2:] == [
        "Operator name: ",
        "Status: End of input. Goodbye.",
    ]
    assert t.code == 0


def test_caller_style_text_is_shown_literally(console: Console) -> None:
    t = console(["maria", "Maria \x1b[31mLopez\x07 [bold]x[/bold]", "quit"])
    assert "Status: Signed in as Maria <ESC>[31mLopez^G [bold]x[/bold], Admin." in t.lines
    no_escapes(t)
    assert "\x07" not in t.output


# --------------------------------------------------------------------------- menu
def test_menu_navigation(console: Console) -> None:
    t = console(
        ["maria", "Maria Lopez", "1", "back", "work", "", "back", "dash", "", "", "help", "4",
         "week", "", "quit"]
    )
    check_golden("menu_navigation", t)


def test_global_commands_at_the_menu(console: Console) -> None:
    t = console(["maria", "Maria Lopez", "help", "repeat", "back", "cancel", "9", "repeat",
                 "exit"])
    check_golden("menu_commands", t)
    assert t.code == 0


def test_end_of_input_at_the_menu_exits_cleanly(console: Console) -> None:
    t = console(["maria", "Maria Lopez"])
    assert t.lines[-1] == "Status: End of input. Signed out. Goodbye."
    assert t.code == 0


def test_end_of_input_inside_a_workflow_without_data_exits_cleanly(console: Console) -> None:
    t = console(["maria", "Maria Lopez", "dashboard"])
    assert t.lines[-2:] == ["Period, 1 to 5, default 1: ", "Status: End of input. Signed out. Goodbye."]
    assert t.code == 0


def test_dashboard_today_on_an_empty_database(console: Console) -> None:
    t = console(["maria", "Maria Lopez", "dashboard", "", "quit"])
    start = t.lines.index("Status: Whole centre, today: Tuesday 3 March 2026.")
    assert t.lines[start + 1 : start + 10] == [
        "Calls offered: 0.",
        "Calls answered: 0.",
        "Calls abandoned: 0 (short abandons, under 5 seconds, are not counted: none).",
        "Average answer delay: no calls answered.",
        "Service level: none, no calls in this period.",
        "Service level formula: calls answered within 30 seconds divided by calls answered "
        "(abandoned calls are not counted).",
        "Average handle time: no calls handled.",
        "Relay calls answered: 0 (also in calls answered).",
        "Requests received: 0.",
    ]


def test_dashboard_counts_todays_calls(console: Console, ctx) -> None:  # type: ignore[no-untyped-def]
    from csc_console.db.models import Call

    queued = FIXED_NOW - timedelta(minutes=30)
    with ctx.db.session(write=True) as s:
        s.add(
            Call(
                channel="phone",
                status="completed",
                queued_at=queued,
                answered_at=queued + timedelta(seconds=20),
                ended_at=queued + timedelta(seconds=140),
                acw_ended_at=queued + timedelta(seconds=200),
            )
        )
    t = console(["maria", "Maria Lopez", "dashboard", "1", "quit"])
    assert "Calls answered: 1." in t.lines
    assert "Average answer delay: 20 seconds." in t.lines
    assert "Service level: 100.0 percent answered within 30 seconds (1 of the calls counted)." in t.lines
    assert "Average handle time: 3 minutes (talk, hold and after-call work, 1 handled call)." in t.lines


def test_dispatch_lists_every_unit_status_first(console: Console, ctx) -> None:  # type: ignore[no-untyped-def]
    with ctx.db.session(write=True) as s:
        s.execute(update(Unit).values(status_since=FIXED_NOW - timedelta(hours=2)))
    t = console(["maria", "Maria Lopez", "dispatch", "board", "back", "quit"])
    units = ctx.catalog.units
    assert f"Status: {len(units)} units in service, 0 busy, 0 stale." in t.lines
    available = next(s for s in ctx.catalog.dispatch_statuses if s.code == "available")
    for unit in units:
        assert f"{available.name}, {unit.call_sign}, for 2 h 00 min" in t.lines
    shown = [x.split(", ")[1] for x in t.lines if x.startswith(f"{available.name}, ")]
    assert shown == sorted(shown, key=lambda sign: (sign.rstrip("0123456789"), len(sign), sign))
    no_escapes(t)


# --------------------------------------------------------------------------- registry
def test_later_workflows_register_in_the_menu(settings) -> None:  # type: ignore[no-untyped-def]
    registry = MenuRegistry()

    @menu_entry("echo", "Echo", "say a note back.", order=5, registry=registry)
    class Echo(Workflow):
        title = "Echo"

        def steps(self) -> Sequence[Step]:
            return [Step("note", TextPrompt("Note"))]

        def finish(self) -> None:
            self.io.status(f"You said {self.values['note']}.")

    @menu_entry("admin", "Operators", "manage operators.", roles=frozenset(), registry=registry)
    class AdminOnly(Workflow):
        title = "Operators"

    @menu_entry("supervise", "Supervise", "x.", roles=frozenset({Role.SUPERVISOR}),
                registry=registry)
    class Supervise(Workflow):
        title = "Supervise"

    t = run_console(settings, ["maria", "Maria Lopez", "", "hello", "quit"], registry=registry)
    assert t.lines[t.lines.index("Menu:") + 1 :][:3] == [
        "1. Echo: say a note back.",
        "2. Operators: manage operators.",  # admins see everything
        "3. Supervise: x.",
    ]
    assert "Status: You said hello." in t.lines

    with pytest.raises(ValueError, match="already registered"):
        menu_entry("echo", "Echo", "again", registry=registry)(Echo)
    menu_entry("echo", "Echo 2", "again", registry=registry, replace=True)(Echo)
    assert registry.get("echo").title == "Echo 2"


@pytest.mark.usefixtures("with_maria")
def test_role_restricted_entries_are_hidden(settings) -> None:  # type: ignore[no-untyped-def]
    registry = MenuRegistry()

    @menu_entry("open", "Open", "for everyone.", registry=registry)
    class Open(Workflow):
        title = "Open"

    @menu_entry("sup", "Supervise", "supervisors.", roles=frozenset({Role.SUPERVISOR}),
                registry=registry)
    class Sup(Workflow):
        title = "Supervise"

    t = run_console(settings, ["maria", "help", "quit"], registry=registry)
    assert "Supervise" not in t.output
    assert "Workspace, 1 only, default 1: " in t.output


def test_a_bug_in_a_workflow_is_said_and_the_menu_goes_on(settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("CSC_DEBUG", raising=False)
    registry = MenuRegistry()

    @menu_entry("broken", "Broken", "raises.", registry=registry)
    class Broken(Workflow):
        title = "Broken"

        def finish(self) -> None:
            raise KeyError("oops")

    t = run_console(settings, ["maria", "Maria Lopez", "1", "quit"], registry=registry)
    assert (
        "Error: Broken stopped because of an internal problem (KeyError: 'oops'). "
        "You are back at the menu." in t.lines
    )
    assert t.code == 0


# --------------------------------------------------------------------------- start-up failures
def test_broken_data_file_is_one_error_line(tmp_path: Path, sqlite_url: str) -> None:
    broken = tmp_path / "city" / "catalog"
    broken.mkdir(parents=True)
    (broken / "departments.toml").write_text("[[department]\ncode = \n", encoding="utf-8")
    settings = load_settings(database_url=sqlite_url, data_dir=tmp_path / "city")
    t = run_console(settings, ["maria"])
    assert t.code == 3
    assert len(t.lines) == 2
    assert t.lines[1].startswith("Error: Reference data file ")
    assert "departments.toml is not valid TOML" in t.lines[1]
    assert "Traceback" not in t.output


def test_unreachable_database_is_one_error_line() -> None:
    settings = load_settings(database_url="postgresql+psycopg://nobody@127.0.0.1:1/none")
    t = run_console(settings, ["maria"])
    assert t.code == 4
    assert len(t.lines) == 2
    assert t.lines[1].startswith("Error: ")
    assert "Traceback" not in t.output


def test_unknown_database_scheme_is_one_error_line() -> None:
    settings = load_settings(database_url="mysql://x@y/z")
    t = run_console(settings, [])
    assert t.code == 2
    assert t.lines[1].startswith("Error: Unknown database URL scheme 'mysql'")


def test_line_mode_loads_neither_textual_nor_rich() -> None:
    import subprocess
    import sys

    code = (
        "import sys, csc_console.cli.main, csc_console.linear.shell, csc_console.linear.menu\n"
        "csc_console.linear.menu.load_workflows()\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(bad)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_quit_and_end_of_input_in_an_unfinished_workflow(settings) -> None:  # type: ignore[no-untyped-def]
    registry = MenuRegistry()

    @menu_entry("note", "Note", "two questions.", registry=registry)
    class TwoSteps(Workflow):
        title = "Note"
        noun = "the note"

        def steps(self) -> Sequence[Step]:
            return [Step("a", TextPrompt("First")), Step("b", TextPrompt("Second"))]

    t = run_console(settings, ["maria", "Maria Lopez", "", "one", "quit", "n", "quit", "y"],
                    registry=registry)
    check_golden("quit_unfinished", t)
    assert t.code == 0

    t = run_console(settings, ["maria", "", "one"], registry=registry)
    assert t.lines[-2:] == [
        "Second: ",
        "Error: The input ended before the note was finished; what was typed there was not saved.",
    ]
    assert t.code == 1
