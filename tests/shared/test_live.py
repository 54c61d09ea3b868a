"""Live change feed: what one console commits reaches another, on both databases."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from csc_console.services import dispatch
from csc_console.services.live import Change, ChangeFeed


def _wait(found: list[Change], predicate: Callable[[Change], bool], timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(predicate(c) for c in list(found)):
            return True
        time.sleep(0.01)
    return False


def test_a_commit_on_one_console_reaches_the_other(admin_ctx: Any) -> None:
    seen: list[Change] = []
    statuses: list[tuple[bool, str]] = []
    feed = ChangeFeed(admin_ctx.db.url, seen.extend, lambda ok, msg: statuses.append((ok, msg))).start()
    try:
        assert _wait([], lambda c: True, timeout=0.3) is False  # nothing yet
        deadline = time.monotonic() + 5
        while not statuses and time.monotonic() < deadline:
            time.sleep(0.01)
        assert statuses and statuses[0][0] is True
        dispatch.log_command(admin_ctx, "PW12 os patching")
        assert _wait(seen, lambda c: c.entity == "unit" and c.action == "update")
        assert _wait(seen, lambda c: c.entity == "dispatch_entry" and c.action == "create")
    finally:
        feed.stop()


def test_rolled_back_work_is_not_announced(admin_ctx: Any) -> None:
    seen: list[Change] = []
    feed = ChangeFeed(admin_ctx.db.url, seen.extend).start()
    try:
        time.sleep(0.5)
        try:
            with admin_ctx.db.session(write=True) as s:
                from csc_console.db.models import Caller

                s.add(Caller(name="never saved"))
                s.flush()
                raise RuntimeError("changed my mind")
        except RuntimeError:
            pass
        assert not _wait(seen, lambda c: c.entity == "caller", timeout=1.0)
    finally:
        feed.stop()
