"""Dispatch in a real pseudo-terminal at burst speed (issue 14, defect 1): three radio lines
written in one ``os.write``, the first a clear that raises "Is the work on WO-… completed?".
All three are logged, nothing is completed until the dispatcher answers with Alt+Q, and the
answer's dialog holds the clear line's words."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.helpers.pty import PtySession
from tests.pty.test_console_pty import start_workspace

pytestmark = pytest.mark.pty

Spawn = Callable[..., PtySession]
BURST = "PW12 cl patched two holes\rPW4 enrt 900 E Colorado Blvd\rpw5 10-8\r"


def _context(url: str) -> Any:
    from csc_console.config import load_settings
    from csc_console.services.bootstrap import open_context
    from csc_console.services.operators import sign_in

    ctx = open_context(load_settings(database_url=url))
    return ctx.as_operator(sign_in(ctx, username="maria", display_name="Maria Lopez"))


def test_a_burst_after_a_clear_logs_every_line_and_completes_nothing(
    spawn_console: Spawn, with_operator: str, sqlite_url: str
) -> None:
    from csc_console.services import dispatch
    from csc_console.services.workorders import get_work_order
    from tests.linear.intake_support import open_request

    ctx = _context(sqlite_url)
    try:
        number = open_request(ctx, days_ago=1).work_orders[0]
        term = start_workspace(spawn_console, cols=110, rows=36)
        term.press("f4")
        term.wait_for("Board:", timeout=30)
        term.type(f"to PW12 d {number}\r")
        term.wait_for(f"to PW12 Dispatched {number}", timeout=30)
        term.send(BURST)  # one write: the three lines arrive together
        term.wait_for("PW5: 10-8", timeout=30)
        term.wait_for("Alt+Q: answer", timeout=30)
        term.settle()
        entries = dispatch.list_log(ctx, None, limit=10)
        assert [(e.unit, e.message) for e in entries] == [
            ("PW12", ""),
            ("PW12", "patched two holes"),
            ("PW4", "900 E Colorado Blvd"),
            ("PW5", "10-8"),
        ], term.dump(0)
        wo = get_work_order(ctx, number=number)
        assert wo.status != "completed" and wo.resolution != "pw5 10-8", term.dump(0)

        term.send("\x1bq")  # Alt+Q: the question's dialog, the clear line's words in it
        term.wait_for("patched two holes", timeout=30)
        term.wait_for("Not yet", timeout=30)
        term.press("enter")
        term.wait_for(f"{number} is completed: patched two holes.", timeout=30)
        done = get_work_order(ctx, number=number)
        assert (done.status, done.resolution) == ("completed", "patched two holes")
    finally:
        ctx.db.dispose()
