"""Every text/background pair drawn in every shipped theme meets WCAG: text 4.5:1, borders and
other marks 3:1. Measured on the rendered screens, cell by cell (not on theme variables)."""

from __future__ import annotations

from typing import Any

import pytest
from rich.style import Style
from rich.terminal_theme import TerminalTheme

from csc_console.screens.error import ErrorModal
from csc_console.themes import THEMES
from tests.ui.contrast import DARK_TERMINAL, LIGHT_TERMINAL, failures, ratio
from tests.ui.helpers import screen_cells, settle, sign_in

SIZE = (110, 34)


async def _all_screens(app: Any, pilot: Any) -> list[tuple[str, list[list[tuple[str, Style]]]]]:
    """Cells of every screen and state worth checking: forms, lists, dialogs, messages."""
    shots: list[tuple[str, list[list[tuple[str, Style]]]]] = []

    async def shot(name: str) -> None:
        await settle(pilot)
        shots.append((name, screen_cells(app)))

    await shot("sign-in")
    await pilot.press("tab", "tab")
    await shot("sign-in, button focused")
    await pilot.press("shift+tab", "shift+tab")
    await sign_in(pilot)
    for key, name in (
        ("f2", "intake"),
        ("f3", "work orders"),
        ("f4", "dispatch"),
        ("f5", "dashboard"),
        ("f9", "inbox"),
        ("f6", "messages"),
    ):
        await pilot.press(key)
        await shot(name)
    await pilot.press("f1", "down")
    await shot("help")
    await pilot.press("escape")
    app.notify("Saved.", severity="information")
    app.notify("Check the address.", severity="warning")
    app.notify("The database is unavailable.", severity="error")
    await shot("messages and toasts")
    app.push_screen(ErrorModal("Something to read."))
    await shot("error dialog")
    await pilot.press("escape", "ctrl+p")
    await pilot.press(*"Dis", "down")
    await shot("command palette")
    return shots


def _check(shots: list[tuple[str, Any]], terminal: TerminalTheme) -> dict[str, Any]:
    return {name: bad for name, cells in shots if (bad := failures(cells, terminal))}


@pytest.mark.parametrize("theme", [name for name, t in THEMES.items() if not t.ansi])
@pytest.mark.parametrize("plain", [False, True], ids=["bordered", "plain"])
async def test_every_pair_drawn_meets_wcag(make_ui_app: Any, theme: str, plain: bool) -> None:
    app = make_ui_app(theme=theme, plain=plain)
    async with app.run_test(size=SIZE) as pilot:
        shots = await _all_screens(app, pilot)
    assert _check(shots, DARK_TERMINAL) == {}


@pytest.mark.parametrize(
    "terminal", [LIGHT_TERMINAL, DARK_TERMINAL], ids=["light terminal", "dark terminal"]
)
async def test_the_ansi_theme_meets_wcag_on_common_terminal_palettes(
    make_ui_app: Any, terminal: TerminalTheme
) -> None:
    app = make_ui_app(theme="csc-ansi")
    async with app.run_test(size=SIZE) as pilot:
        shots = await _all_screens(app, pilot)
    assert _check(shots, terminal) == {}


async def test_no_color_is_honoured(make_ui_app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_ui_app()
    assert app.no_color
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pilot.press("f3")
        await settle(pilot)
        colours = {
            (style.color.triplet if style.color and style.color.triplet else None)
            for row in screen_cells(app)
            for ch, style in row
            if ch.strip()
        }
    hues = {c for c in colours if c is not None and len({c.red, c.green, c.blue}) > 1}
    assert hues == set()  # greys only


def test_the_ratio_formula() -> None:
    assert round(ratio((0, 0, 0), (255, 255, 255)), 1) == 21.0
    assert round(ratio((118, 118, 118), (255, 255, 255)), 2) == 4.54
