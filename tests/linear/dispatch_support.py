"""Helpers for the dispatch transcripts: Elena Hernandez (dispatcher) at the radio, a clock that
moves 5 seconds per typed line and jumps when the script says so (``Wait(minutes)``), and the
work orders the traffic is about."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest

from csc_console.config import Settings, load_settings
from tests.linear.conftest import FIXED_NOW, Transcript
from tests.linear.intake_support import SECONDS_PER_LINE, Clock, open_request


@dataclass(frozen=True)
class Wait:
    """Time passing between two lines of the script (the radio is quiet)."""

    minutes: float


class Radio(io.StringIO):
    """The dispatcher's typing: each line takes ``SECONDS_PER_LINE``; a ``Wait`` moves the
    clock before the next line is read."""

    def __init__(self, script: Iterable[str | Wait], clock: Clock) -> None:
        self.items: Iterator[str | Wait] = iter(script)
        self.clock = clock
        super().__init__("")

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        for item in self.items:
            if isinstance(item, Wait):
                self.clock.now += timedelta(minutes=item.minutes)
                continue
            self.clock.tick(SECONDS_PER_LINE)
            return f"{item}\n"
        return ""


@dataclass(frozen=True)
class Shift:
    settings: Settings
    ctx: Any  # Elena's service context
    wo: str  # an assigned pothole work order at 1200 N Lake Ave
    done: str  # a completed one


@pytest.fixture(name="shift")
def shift_fixture(admin_ctx: Any, settings: Settings) -> Shift:
    from csc_console.services.operators import create_operator
    from csc_console.services.workorders import Change, update_work_order

    elena = create_operator(
        admin_ctx, username="elena", display_name="Elena Hernandez", role="dispatcher"
    )
    ctx = admin_ctx.as_operator(elena)
    number = open_request(ctx, days_ago=1).work_orders[0]
    done = open_request(ctx, address="55 E Walnut St", days_ago=2).work_orders[0]
    for status in ("dispatched", "in_progress"):
        update_work_order(ctx, number=done, change=Change(status=status))
    update_work_order(ctx, number=done, change=Change(status="completed", resolution="patched"))
    signed = load_settings(
        database_url=settings.database_url, data_dir=settings.data_dir, operator="elena"
    )
    return Shift(signed, ctx, number, done)


def at_the_radio(shift: Shift, script: Iterable[str | Wait]) -> Transcript:
    """Run screen-reader mode signed in as Elena; the transcript, with the export folder
    written as ``<exports>`` (it lies under each test's private home)."""
    from csc_console.linear.shell import run_line_mode
    from csc_console.services.radio_desk import exports_dir

    out = io.StringIO()
    clock = Clock(FIXED_NOW)
    code = run_line_mode(shift.settings, stdin=Radio(script, clock), stdout=out, clock=clock)
    return Transcript(code, out.getvalue().replace(str(exports_dir()), "<exports>"))
