"""What the Intake screen tests share: a console signed in as Maria (CSR) on a database where
Jane Caller is known, a clock the test moves, and keys counted as the CSR presses them.

The people, requests and the fixed "now" (Tuesday, March 3, 2026, 9:00 AM in Pasadena) are the
screen-reader mode's (``tests/linear/intake_support.py``), so both front ends are tested on the
same calls.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot

from csc_console.config import Settings, load_settings
from csc_console.screens.intake import IntakeScreen
from tests.linear.conftest import FIXED_NOW
from tests.linear.intake_support import JANE, earlier_call, open_request
from tests.ui.helpers import focus_line, make_app, settle

SIZE = (110, 40)
STREETLIGHT = {"light_or_signal": "street-light", "problem": "out"}


@dataclass
class Clock:
    now: datetime = FIXED_NOW

    def tick(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture(name="clock")
def clock_fixture(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """The Intake screen's time: fixed until the test moves it."""
    ticking = Clock()
    monkeypatch.setattr(IntakeScreen, "now", lambda self: ticking.now)
    return ticking


def open_ctx(settings: Settings) -> Any:
    from csc_console.services.bootstrap import open_context
    from csc_console.services.operators import create_operator, sign_in

    ctx = open_context(settings)
    admin = ctx.as_operator(sign_in(ctx, username="admin", display_name="Ada Admin"))
    maria = create_operator(admin, username="maria", display_name="Maria Lopez", role="csr")
    return ctx.as_operator(maria)


@pytest.fixture(name="desk_db")
def desk_db_fixture(sqlite_url: str) -> Iterator[Any]:
    """A CSR's service context on a SQLite database with Jane Caller known (she called two
    days ago); the test adds what else it needs."""
    ctx = open_ctx(load_settings(database_url=sqlite_url))
    earlier_call(ctx, JANE, days_ago=2)
    yield ctx
    ctx.db.dispose()


def jane_streetlight(ctx: Any) -> Any:
    """Jane's open streetlight request at her address (six days old)."""
    return open_request(
        ctx,
        category="street-lights-signals",
        answers=STREETLIGHT,
        caller=JANE,
        description="The light outside is out",
        days_ago=6,
    )


def intake_app(ctx: Any, **overrides: Any) -> Any:
    """The console on ``ctx``'s database, signed in directly as Maria."""
    settings = load_settings(database_url=ctx.db.url, operator="maria", **overrides)
    return make_app(settings)


@dataclass
class Keys:
    """Presses keys, counting those the CSR chose (``press``) apart from what the caller
    dictated (``dictate``: phone digits, the caller's words)."""

    pilot: Pilot[Any]
    pressed: list[str] = field(default_factory=list)
    dictated: int = 0

    async def press(self, *keys: str, wait: bool = True) -> None:
        """Keys the CSR chose; ``wait``: let workers finish and the screen settle after."""
        self.pressed.extend(keys)
        await self.pilot.press(*keys)
        if wait:
            await settle(self.pilot)

    async def dictate(self, words: str, *, key_by_key: bool = False) -> None:
        """What the caller says, typed into the focused field: key by key (each keystroke
        updates the screen) or, to keep the tests quick, as one paste."""
        self.dictated += len(words)
        if key_by_key:
            await self.pilot.press(*words)
        else:
            focused = self.pilot.app.focused
            assert focused is not None
            focused.post_message(events.Paste(words))
            await self.pilot.pause()
        await settle(self.pilot)

    async def type(self, words: str) -> None:
        """Typed by the CSR (counted, one key per character)."""
        await self.press(*words)

    @property
    def count(self) -> int:
        return len(self.pressed)


async def ready(pilot: Pilot[Any]) -> IntakeScreen:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, IntakeScreen), type(screen)
    assert screen.desk is not None
    return screen


def said(app: Any) -> str:
    return focus_line(app)


def field_value(app: Any, field: str) -> Any:
    return app.screen.query_one(f"#{field}").value


def flat(app: Any) -> str:
    """The screen's words, without borders, line breaks or runs of spaces (so that text that
    wraps inside a dialog is found whole)."""
    from tests.ui.helpers import BOX_AND_BLOCKS, screen_text

    text = "".join(" " if ord(ch) in BOX_AND_BLOCKS else ch for ch in screen_text(app))
    return " ".join(text.split())
