"""What the Dispatch screen tests share: a database with a dispatcher (Elena Hernandez) and a
pothole work order, a clock the test moves, and the console opened straight on Dispatch.

"Now" is the screen-reader tests' (Tuesday, March 3, 2026, 9:00 AM in Pasadena), so the
times on screen are 09:00:00 and on."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from textual.pilot import Pilot

from csc_console.config import Settings, load_settings
from csc_console.screens.dispatch import DispatchScreen
from csc_console.screens.dispatch.workspace import DispatchWorkspace
from tests.linear.conftest import FIXED_NOW
from tests.ui.helpers import make_app, settle

SIZE = (110, 36)


@dataclass
class Clock:
    now: datetime = FIXED_NOW

    def tick(self, minutes: float) -> None:
        self.now += timedelta(minutes=minutes)


@pytest.fixture(name="clock")
def clock_fixture(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """The Dispatch screen's time: fixed until the test moves it."""
    ticking = Clock()
    monkeypatch.setattr(DispatchWorkspace, "now", lambda self: ticking.now)
    return ticking


@dataclass
class Desk:
    settings: Settings
    ctx: Any  # the dispatcher's service context
    wo: str  # an assigned pothole work order at 1200 N Lake Ave


def make_desk(url: str) -> Desk:
    from csc_console.services.bootstrap import open_context
    from csc_console.services.operators import create_operator, sign_in
    from tests.linear.intake_support import open_request

    settings = load_settings(database_url=url)
    ctx = open_context(settings)
    admin = ctx.as_operator(sign_in(ctx, username="admin", display_name="Ada Admin"))
    elena = create_operator(
        admin, username="elena", display_name="Elena Hernandez", role="dispatcher"
    )
    dispatcher = admin.as_operator(elena)
    number = open_request(dispatcher, days_ago=1).work_orders[0]
    return Desk(settings, dispatcher, number)


@pytest.fixture(name="desk")
def desk_fixture(sqlite_url: str) -> Iterator[Desk]:
    made = make_desk(sqlite_url)
    try:
        yield made
    finally:
        made.ctx.db.dispose()


def console(desk: Desk) -> Any:
    from csc_console.services.bootstrap import open_context

    return make_app(desk.settings, open_context(desk.settings))


async def open_dispatch(pilot: Pilot[Any], desk: Desk) -> DispatchScreen:
    """Sign Elena in and show the Dispatch workspace."""
    app = pilot.app
    await settle(pilot)
    assert app.base_ctx is not None
    app.ctx = app.base_ctx.as_operator(desk.ctx.operator)
    app.switch_mode("dispatch")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, DispatchScreen)
    return screen


async def type_line(pilot: Pilot[Any], text: str, *, enter: bool = True) -> None:
    """Type ``text`` key by key (then Enter)."""
    await pilot.press(*text)
    if enter:
        await pilot.press("enter")
    await settle(pilot)


async def paste_line(pilot: Pilot[Any], text: str, *, enter: bool = True) -> None:
    """Put ``text`` in the focused field at the cursor, as a paste would (a key costs about
    0.1 s in a Pilot test; lines whose typing is not the point are pasted), then Enter."""
    field = pilot.app.focused
    assert field is not None
    field.insert_text_at_cursor(text)  # type: ignore[attr-defined]
    if enter:
        await pilot.press("enter")
    await settle(pilot)


def board_row(screen: DispatchScreen, unit: str) -> tuple[str, ...]:
    from csc_console.widgets.radio import BoardTable

    table = screen.query_one("#board", BoardTable)
    return next(line.cells for line in table.lines if line.key == unit)


def log_lines(screen: DispatchScreen) -> list[str]:
    from csc_console.widgets.radio import RadioLogList

    return [line for _, line in screen.query_one("#radio-log", RadioLogList).entries]
