"""The relay panel's Ctrl keys in a real pseudo-terminal: each reaches the console (none is
taken by the terminal's flow control or line discipline) and does what help says."""

from __future__ import annotations

from collections.abc import Callable

from tests.helpers.pty import PtySession
from tests.pty.test_console_pty import start_workspace

Spawn = Callable[..., PtySession]


def test_relay_keys_reach_the_console(spawn_console: Spawn, with_operator: str) -> None:
    term = start_workspace(spawn_console, cols=110, rows=40)
    term.type("2")
    term.press("enter")
    term.wait_for("Relay call answered", timeout=30)
    term.type("1")
    term.press("enter", "enter", "enter", "enter", "enter")  # TTY, no CA number, defaults
    term.wait_for("Turn, text field", timeout=30)
    term.type("hello")
    term.press("ctrl+s")  # SK: XOFF, were flow control on
    term.wait_for("Turn 1 saved. Next: CSR.", timeout=30)
    term.type("what is your address")
    term.press("ctrl+g")
    term.wait_for("Turn 2 saved. Next: Caller.", timeout=30)
    term.press("ctrl+f")
    term.wait_for("Turn 3 saved. Next: CSR.", timeout=30)
    term.press("ctrl+n")
    term.wait_for("Speaker: CA note.", timeout=30)
    term.press("ctrl+t")
    term.wait_for("Relay shorthand", timeout=30)
    term.press("escape")
    term.press("ctrl+l")
    term.wait_for("Never hang up on a relay call", timeout=30)
    term.press("escape")
    term.press("ctrl+o")
    term.wait_for("recorded as dropped", timeout=30)
    term.type("no answer")
    term.press("ctrl+b")
    term.wait_for("Call-back attempt 1 recorded.", timeout=30)
    term.press("ctrl+y")
    term.wait_for("Transcript saved to", timeout=30)
