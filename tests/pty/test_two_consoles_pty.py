"""Two consoles side by side, each in its own real pseudo-terminal on one database: what one
logs on the radio shows up on the other's board while the other is typing, and what the other
typed stays where it was, cursor included (issue 8's "two tmux panes" check, automated)."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from tests.helpers.pty import PtySession
from tests.pty.test_console_pty import start_workspace

pytestmark = pytest.mark.pty

Spawn = Callable[..., PtySession]


def _on_dispatch(spawn: Spawn) -> PtySession:
    term = start_workspace(spawn, cols=110, rows=36)
    term.press("f4")
    term.wait_for("Board:", timeout=30)
    term.wait_for("PW2", timeout=30)
    return term


def test_a_radio_entry_on_one_console_shows_on_the_other(
    spawn_console: Spawn, with_operator: str
) -> None:
    left, right = _on_dispatch(spawn_console), _on_dispatch(spawn_console)
    right.type("PW12 en")  # the other dispatcher is in the middle of a line
    before = right.cursor
    assert right.cursor_line[before.x - 7 : before.x] == "PW12 en", right.dump(0)
    left.type("PW2 os")
    left.press("enter")
    left.wait_for("PW2 On scene", timeout=30)
    start = time.monotonic()
    right.wait_for("On scene", timeout=10)
    assert time.monotonic() - start < 5, right.dump(0)
    right.settle()
    assert right.cursor == before, right.dump(0)
    assert right.cursor_line[before.x - 7 : before.x] == "PW12 en", right.dump(0)
    right.press("backspace", "backspace")
    right.type("os")
    assert right.cursor_line[right.cursor.x - 7 : right.cursor.x] == "PW12 os", right.dump(0)
