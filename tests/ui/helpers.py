"""Pilot helpers for UI tests (reusable by later screens' tests).

- ``make_app(settings, ctx=None)``: the console with injected settings / service context;
- ``settle(pilot)``: let workers finish and the blank-then-write focus line reach the screen;
- ``screen_lines(app)`` / ``screen_cells(app)``: what the terminal would show, as text or as
  (character, Rich style) cells, including dialogs over their background;
- ``focus_line(app)``: what the focus line says now;
- ``cursor_in_focused(app)``: whether the terminal cursor sits inside the focused control.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from rich.style import Style
from textual._context import visible_screen_stack
from textual.app import App
from textual.geometry import Offset
from textual.pilot import Pilot

from csc_console.widgets.a11y.cursor import visible_region
from csc_console.widgets.announce import FocusLine, MessageBar

BOX_AND_BLOCKS = range(0x2500, 0x25A0)


def make_app(settings: Any, ctx: Any = None) -> Any:
    from csc_console.app import CscApp

    return CscApp(settings=settings, ctx=ctx)


def _busy(app: App[Any]) -> bool:
    if any(not worker.is_finished for worker in app.workers):
        return True
    if getattr(app, "cursor_parked", False):
        return True
    keys = getattr(app, "key_order", None)
    if keys is not None and not keys.idle:  # keys typed ahead wait, or the screen moves on
        return True
    screen = app.screen
    return any(line.blanked for line in screen.query(FocusLine)) or any(
        bar.blanked for bar in screen.query(MessageBar)
    )


async def settle(pilot: Pilot[Any], *, quiet_frames: int = 3, limit: float = 20.0) -> None:
    """Wait until workers are done and the focus line / message bar are written, and a few
    frames in a row passed with nothing pending (so messages posted by workers are handled)."""
    app = pilot.app
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    quiet = 0
    while quiet < quiet_frames:
        if loop.time() > deadline:
            raise TimeoutError("the app did not settle")
        # A worker that failed is the app's to report (its error handler runs); waiting for it
        # must not raise here, whichever side of its removal from the manager this lands on.
        await asyncio.gather(*[w.wait() for w in list(app.workers)], return_exceptions=True)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause(0.01)
        quiet = 0 if _busy(app) else quiet + 1


def screen_strips(app: App[Any]) -> list[Any]:
    screen = app.screen
    token = visible_screen_stack.set(list(app._background_screens))
    try:
        return screen._compositor.render_strips()
    finally:
        visible_screen_stack.reset(token)


def screen_lines(app: App[Any]) -> list[str]:
    return [strip.text for strip in screen_strips(app)]


def screen_text(app: App[Any]) -> str:
    return "\n".join(line.rstrip() for line in screen_lines(app))


def screen_cells(app: App[Any]) -> list[list[tuple[str, Style]]]:
    rows: list[list[tuple[str, Style]]] = []
    for strip in screen_strips(app):
        row: list[tuple[str, Style]] = []
        for segment in strip:
            style = segment.style or Style()
            row.extend((ch, style) for ch in segment.text)
        rows.append(row)
    return rows


def box_characters(app: App[Any]) -> set[str]:
    return {ch for line in screen_lines(app) for ch in line if ord(ch) in BOX_AND_BLOCKS}


def focus_line(app: App[Any]) -> str:
    return app.screen.query_one(FocusLine).text


def message_bar(app: App[Any]) -> str:
    return app.screen.query_one(MessageBar).text


def cursor_in_focused(app: App[Any]) -> bool:
    focused = app.focused
    if focused is None:
        return False
    return visible_region(focused).contains_point(app.cursor_position)


def cursor(app: App[Any]) -> Offset:
    return app.cursor_position


async def sign_in(pilot: Pilot[Any], name: str = "ada", display: str | None = "Ada Admin") -> None:
    """Sign in through the sign-in screen (the display name is typed only when asked for)."""
    await settle(pilot)
    await pilot.press(*name, "enter")
    await settle(pilot)
    if (
        display is not None
        and pilot.app.focused is not None
        and pilot.app.focused.id == "display-name"
    ):
        await pilot.press(*display, "enter")
        await settle(pilot)


def char_at_cursor(app: App[Any]) -> str:
    x, y = app.cursor_position
    line = screen_lines(app)[y]
    return line[x] if x < len(line) else ""


async def until(pilot: Pilot[Any], check: Callable[[], bool], limit: float = 5.0) -> float:
    """Wait until ``check()`` (a change another console made reaching this screen, say); the
    seconds it took."""
    start = time.monotonic()
    while not check():
        if time.monotonic() - start > limit:
            raise TimeoutError("the change did not reach the screen")
        await pilot.pause(0.02)
    return time.monotonic() - start
