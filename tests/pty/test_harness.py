"""The pty harness itself, checked against the bare Textual baseline and tiny programs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.helpers.pty import (
    PtySession,
    PtyTimeout,
    box_chars,
    escape_sequences,
    key_bytes,
    pty_env,
)

pytestmark = pytest.mark.pty

BASELINE = str(Path(__file__).resolve().parents[2] / "bench" / "baseline_app.py")


def test_named_keys_are_xterm_bytes() -> None:
    assert key_bytes("tab") == b"\t"
    assert key_bytes("shift+tab") == b"\x1b[Z"
    assert key_bytes("enter") == b"\r"
    assert key_bytes("down") == b"\x1b[B"
    assert key_bytes("f1") == b"\x1bOP"
    assert key_bytes("f12") == b"\x1b[24~"
    assert key_bytes("ctrl+q") == b"\x11"
    assert key_bytes("x") == b"x"
    with pytest.raises(ValueError, match="unknown key"):
        key_bytes("hyper+q")


def test_screen_cursor_and_idle_bytes_of_a_textual_app() -> None:
    with PtySession([sys.executable, BASELINE, "--no-blink"], env=pty_env()) as term:
        term.wait_for("Sign in to the baseline console")
        term.type("jane", per_char=True)
        # Stock Input: the cursor sits on the Input's row, one cell past the value.
        assert "jane" in term.cursor_line
        assert term.cursor.x == term.cursor_line.index("jane") + len("jane") + 1
        assert box_chars(term.text)  # stock look: block characters around the Input
        term.settle()
        assert term.idle_bytes(1.0) == 0
        term.press("ctrl+q", settle=False)
        assert term.wait_exit(10) == 0


def test_idle_output_is_counted() -> None:
    # A blinking Input repaints while idle: the harness must see those bytes.
    with PtySession([sys.executable, BASELINE], env=pty_env()) as term:
        term.wait_for("Sign in to the baseline console")
        assert term.idle_bytes(1.0) > 0


def test_timeout_dumps_the_screen_and_close_kills_the_child() -> None:
    code = "print('hello from the child', flush=True); import time; time.sleep(60)"
    term = PtySession([sys.executable, "-c", code], env=pty_env(), timeout=5)
    try:
        term.wait_for("hello from the child", settle=False)
        with pytest.raises(PtyTimeout, match="hello from the child") as failure:
            term.wait_for("never shown", timeout=0.3)
        assert "cursor=(" in str(failure.value)
    finally:
        term.close()
    assert not term.alive


def test_escape_sequences_are_found_in_raw_output() -> None:
    code = "print('\\x1b[1mbold\\x1b[0m'); print('\\x1b[2J'); print('plain line')"
    with PtySession([sys.executable, "-c", code], env=pty_env()) as term:
        assert term.wait_exit(10) == 0
    assert escape_sequences(bytes(term.output)) == [b"\x1b[1m", b"\x1b[0m", b"\x1b[2J"]
    assert "plain line" in term.text
