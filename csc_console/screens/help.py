"""Help: every key binding of the screen underneath, with what it does, one per line."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from csc_console.screens.base import CscModal
from csc_console.widgets.a11y.app import screen_title
from csc_console.widgets.a11y.keys import KeyRow, key_rows
from csc_console.widgets.lists import ReadList
from csc_console.widgets.text import literal


class HelpScreen(CscModal[None]):
    BINDINGS: ClassVar[list[Any]] = [
        Binding("escape", "close", "Close help", id="close-help"),
    ]

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__(id="help")
        self.rows: list[KeyRow] = key_rows(screen)
        name = screen_title(screen).split(":")[0] or "this screen"
        self.a11y_title = f"Help: keys of {name}"

    def compose_dialog(self) -> ComposeResult:
        yield Static(
            literal(
                "Up and Down read the keys one per line. Escape closes help. "
                "Every command can also be found by name with Ctrl+P."
            ),
            id="help-intro",
            markup=False,
        )
        yield ReadList("Keys", [row.line for row in self.rows], id="help-keys")
