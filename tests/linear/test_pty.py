"""Screen-reader mode in a real pseudo-terminal and through a pipe: not one escape sequence.

The whole byte stream the program writes (plus the terminal's echo of what is typed) must hold no
ESC byte at all, so certainly no cursor addressing (ESC[...H/A/B/C/D/J/K), no alternate screen
(ESC[?1049h), no SGR colour, and no box-drawing or block characters (U+2500-U+259F)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.pty import (
    ALT_SCREEN,
    CURSOR_MOVES,
    SGR,
    PtySession,
    box_chars,
    csc_console_argv,
    escape_sequences,
    pty_env,
)

pytestmark = pytest.mark.pty


def assert_plain(data: bytes) -> None:
    assert not CURSOR_MOVES.search(data), escape_sequences(data)
    assert ALT_SCREEN not in data
    assert not SGR.search(data), escape_sequences(data)
    assert b"\x1b" not in data, escape_sequences(data)
    assert not box_chars(data.decode("utf-8", errors="replace"))


@pytest.fixture
def env(isolated_env: Path, sqlite_url: str) -> dict[str, str]:
    return pty_env(home=isolated_env, extra={"CSC_DATABASE_URL": sqlite_url})


def test_a_whole_session_in_a_pty_writes_no_escape_sequence(env: dict[str, str]) -> None:
    with PtySession(csc_console_argv("--screen-reader"), env=env, cols=80, rows=24) as term:
        term.wait_for_output(b"Operator name: ")
        term.settle()
        term.type("mar", per_char=True)
        # The terminal echoes typing right where the cursor is, so a screen reader echoes it.
        assert term.cursor_line == "Operator name: mar"
        assert term.cursor.x == len("Operator name: mar")
        term.type("ia\r")
        term.wait_for_output(b"Display name, default maria: ")
        term.type("Maria \x1b[31mLopez\r")
        term.wait_for("Status: Signed in as Maria <ESC>[31mLopez, Admin.")
        term.wait_for_output(b"Workspace, 1 to 7, default 1: ")
        for typed, expect in [
            ("help\r", "quit: leave csc-console."),
            ("repeat\r", "Workspace, 1 to 7, default 1: "),
            ("dashboard\r", "Period, 1 to 5, default 1: "),
            ("\r", "Requests received: 0."),
            ("\r", "Workspace, 1 to 7, default 4: "),  # Show: Enter alone is done
            ("dispatch\r", "Radio: "),
            ("board\r", "Available, TS2, for 0 min"),
            ("back\r", "Status: Left Dispatch."),
            ("work orders\r", "Work orders, 1 to 8, default 1: "),
            ("\r", "Status: No work orders match this filter"),
            ("back\r", "Status: Left Work orders."),
            ("intake\r", "Status: No call in progress."),
        ]:
            mark = term.mark()
            term.type(typed)
            term.wait_for_output(expect.encode(), start=mark)
        term.settle()
        assert term.idle_bytes(1.0) == 0
        term.type("quit\r")
        assert term.wait_exit(15) == 0
    assert_plain(bytes(term.output))
    assert b"Status: Signed out. Goodbye." in term.output


@pytest.mark.parametrize(
    ("args", "extra"),
    [
        ((), {"CSC_SCREEN_READER": "1"}),
        ((), {"TERM": "dumb"}),
    ],
    ids=["CSC_SCREEN_READER", "TERM=dumb"],
)
def test_line_mode_is_chosen_without_the_flag(
    env: dict[str, str], args: tuple[str, ...], extra: dict[str, str]
) -> None:
    with PtySession(csc_console_argv(*args), env={**env, **extra}) as term:
        term.wait_for_output(b"Operator name: ")
        term.send(b"\x04")  # Ctrl+D: end of input
        assert term.wait_exit(15) == 0
    assert_plain(bytes(term.output))
    assert b"Status: End of input. Goodbye." in term.output


def test_ctrl_d_at_the_menu_exits_cleanly(env: dict[str, str]) -> None:
    with PtySession(csc_console_argv("--screen-reader", "--operator", "ada"), env=env) as term:
        term.wait_for_output(b"Workspace, 1 to 7, default 1: ")
        term.send(b"\x04")
        assert term.wait_exit(15) == 0
    assert b"Status: End of input. Signed out. Goodbye." in term.output
    assert_plain(bytes(term.output))


def test_piped_stdin_selects_line_mode(env: dict[str, str], tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "csc_console"],
        input="maria\nMaria Lopez\nhelp\n4\n\nquit\n",
        capture_output=True,
        text=True,
        env={**env, "TERM": "xterm-256color"},
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert "Operator name: maria\n" in out  # what was typed is echoed after its prompt
    assert "Status: Signed in as Maria Lopez, Admin.\n" in out
    assert "Calls answered: 0.\n" in out
    assert out.endswith("Status: Signed out. Goodbye.\n")
    assert_plain(out.encode())


def test_start_up_failure_in_a_pty_is_one_error_line(env: dict[str, str], tmp_path: Path) -> None:
    broken = tmp_path / "city" / "catalog"
    broken.mkdir(parents=True)
    (broken / "units.toml").write_text("[[unit]]\ncall_sign = 'pw 1'\n", encoding="utf-8")
    with PtySession(
        csc_console_argv("--screen-reader", "--data-dir", str(tmp_path / "city")), env=env
    ) as term:
        assert term.wait_exit(15) == 3
    text = term.output.decode()
    assert_plain(term.output)
    assert "Traceback" not in text
    errors = [line for line in text.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1
    assert "units.toml" in errors[0]


def test_ctrl_c_at_a_prompt_is_cancel(env: dict[str, str]) -> None:
    with PtySession(csc_console_argv("--screen-reader", "--operator", "ada"), env=env) as term:
        term.wait_for_output(b"Workspace, 1 to 7, default 1: ")
        term.type("dashboard\r")
        term.wait_for_output(b"Period, 1 to 5, default 1: ")
        mark = term.mark()
        term.send(b"\x03")  # Ctrl+C
        term.wait_for_output(b"Status: Dashboard cancelled.", start=mark)
        term.wait_for_output(b"Workspace, 1 to 7, default 4: ", start=mark)
        mark = term.mark()
        term.send(b"\x03")
        term.wait_for_output(b"Status: Nothing to cancel; you are at the menu.", start=mark)
        term.type("quit\r")
        assert term.wait_exit(15) == 0
    assert_plain(bytes(term.output))
