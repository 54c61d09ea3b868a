"""Intake in a real pseudo-terminal at burst speed: a whole caller typed in one ``os.write``
(a fast typist, a paste, a braille display sending a line). Each field gets what was typed for
it: the Enter that moves on is handled before the keys typed after it, and the keys typed while
the caller is looked up wait for the lookup to say where they go."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.helpers.pty import PtySession
from tests.pty.test_console_pty import start_workspace

pytestmark = pytest.mark.pty

Spawn = Callable[..., PtySession]


def _draft(url: str) -> object:
    from csc_console.config import load_settings
    from csc_console.services.bootstrap import open_context
    from csc_console.services.intake import load_draft
    from csc_console.services.operators import sign_in

    ctx = open_context(load_settings(database_url=url))
    try:
        return load_draft(ctx.as_operator(sign_in(ctx, username="maria", display_name="Maria")))
    finally:
        ctx.db.dispose()


def test_a_new_caller_typed_in_one_burst_lands_field_by_field(
    spawn_console: Spawn, with_operator: str, sqlite_url: str
) -> None:
    term = start_workspace(spawn_console, cols=120, rows=40)
    term.wait_for("Answer, list, Phone", timeout=30)
    term.settle()
    term.send("\r626-555-0191\rAna Lopez\rana@example.com\r")  # one write
    term.wait_for("Caller's address, text field", timeout=30)
    term.settle()
    screen = term.dump(0)
    assert "Phone call answered" in screen, screen
    assert "(626) 555-0191Ana" not in screen, screen
    term.press("ctrl+q")  # quitting mid-call asks, and keeps the call as typed
    term.wait_for("Quit", timeout=30)
    term.press("y")
    term.wait_exit(timeout=30)
    draft = _draft(sqlite_url)
    assert draft is not None
    assert (draft.phone, draft.name, draft.email) == (  # type: ignore[attr-defined]
        "(626) 555-0191",
        "Ana Lopez",
        "ana@example.com",
    ), screen
