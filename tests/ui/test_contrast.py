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


async def _all_screens(
    app: Any, pilot: Any, themes: tuple[str, ...] = ()
) -> list[tuple[str, list[list[tuple[str, Style]]]]]:
    """Cells of every screen and state worth checking: forms, lists, dialogs, messages; in each
    of ``themes`` in turn (switched as Ctrl+T does; the app's own theme when none), so one run
    of the console covers them all."""
    shots: list[tuple[str, list[list[tuple[str, Style]]]]] = []

    async def shot(name: str) -> None:
        await settle(pilot)
        if not themes:
            shots.append((name, screen_cells(app)))
            return
        for theme in themes:
            app.theme = theme
            await settle(pilot, quiet_frames=1)
            shots.append((f"{name} ({theme})", screen_cells(app)))

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


@pytest.mark.parametrize("plain", [False, True], ids=["bordered", "plain"])
async def test_every_pair_drawn_meets_wcag(make_ui_app: Any, plain: bool) -> None:
    themes = tuple(name for name, t in THEMES.items() if not t.ansi)
    app = make_ui_app(theme=themes[0], plain=plain)
    async with app.run_test(size=SIZE) as pilot:
        shots = await _all_screens(app, pilot, themes)
    assert len(shots) == 12 * len(themes)  # every state, in every theme
    assert _check(shots, DARK_TERMINAL) == {}


async def test_the_ansi_theme_meets_wcag_on_common_terminal_palettes(make_ui_app: Any) -> None:
    app = make_ui_app(theme="csc-ansi")
    async with app.run_test(size=SIZE) as pilot:
        shots = await _all_screens(app, pilot)
    for palette, terminal in (("light", LIGHT_TERMINAL), ("dark", DARK_TERMINAL)):
        assert _check(shots, terminal) == {}, f"on a {palette} terminal"


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
