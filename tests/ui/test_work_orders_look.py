"""The Work orders screens in colour and in the plain look: every text pair drawn meets WCAG
(text 4.5:1, marks 3:1) and the plain look has no box or block characters. The queue with rows
and a selection, the detail view and a dialog over it (the shared contrast and plain tests see
only the empty queue)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from rich.style import Style

from csc_console.widgets.text import visible_controls
from tests.ui.contrast import DARK_TERMINAL, LIGHT_TERMINAL, failures
from tests.ui.helpers import box_characters, screen_cells, settle
from tests.ui.work_orders_kit import SIZE, Db, console, database, open_queue, request, seed

Cells = list[list[tuple[str, Style]]]


@pytest.fixture
def wo_db(sqlite_url: str) -> Iterator[Db]:
    with database(sqlite_url) as db:
        yield db


# The light theme (the one with the thinnest margins) and the terminal-palette one; the shared
# tests/ui/test_contrast.py checks the empty queue in every theme.
CHECKED = ("csc-light", "csc-ansi")


async def _in_themes(app: Any, pilot: Any, name: str, shots: dict[str, Cells]) -> None:
    for theme in CHECKED:
        app.theme = theme
        await settle(pilot)
        shots[f"{name}, {theme}"] = screen_cells(app)


async def test_every_theme_meets_wcag_and_the_plain_look_has_no_boxes(wo_db: Db) -> None:
    seed(wo_db.csr, 2)
    request(wo_db.csr, "455 E Colorado Blvd", description="[bold]x[/bold]", now=None)
    app = console(wo_db, "supervisor")
    shots: dict[str, Cells] = {}
    boxes: dict[str, set[str]] = {}
    async with app.run_test(size=SIZE) as pilot:
        await open_queue(pilot, wo_db)
        await pilot.press("space", "down")
        await _in_themes(app, pilot, "queue", shots)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("s", "1")  # the status dialog over the detail view
        await _in_themes(app, pilot, "status dialog", shots)
        await pilot.press("alt+p")  # the plain look
        await settle(pilot)
        boxes["status dialog"] = box_characters(app)
        await pilot.press("escape")
        await settle(pilot)
        boxes["detail"] = box_characters(app)
        await pilot.press("escape")
        await settle(pilot)
        boxes["queue"] = box_characters(app)
        await pilot.press("f")  # the filter bar, focused, in the plain look
        await settle(pilot)
        boxes["filters"] = box_characters(app)
        shots["queue, plain, filters"] = screen_cells(app)
    assert {name: chars for name, chars in boxes.items() if chars} == {}
    bad = {}
    for name, cells in shots.items():
        terminals = [LIGHT_TERMINAL, DARK_TERMINAL] if "ansi" in name else [DARK_TERMINAL]
        for terminal in terminals:
            if found := failures(cells, terminal):
                bad[name] = {k: (r, visible_controls(s)) for k, (r, s) in found.items()}
    assert bad == {}
