"""The error dialog: for anything the user must read. Rings the bell; stays until closed.

``ErrorModal(message, retry=True)`` offers "Try again": the typed result is True when the
user chose it, False when they closed the dialog.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Static

from csc_console.screens.base import CscModal
from csc_console.widgets.text import literal


class ErrorModal(CscModal[bool]):
    def __init__(
        self, message: str, *, title: str = "Error", retry: bool = False, ring: bool = True
    ) -> None:
        super().__init__(classes="error-dialog")
        self.message = message
        self.retry = retry
        self.ring = ring
        self.a11y_title = f"{title}: {message}"
        self._title = title

    def compose_dialog(self) -> ComposeResult:
        yield Static(literal(self.message), id="error-text", markup=False)
        with Horizontal(classes="buttons"):
            yield Button("OK", id="error-ok", variant="primary")
            if self.retry:
                yield Button("Try again", id="error-retry")

    def on_mount(self) -> None:
        self.query_one("#dialog-title", Static).update(literal(self._title))
        if self.ring:
            self.app.bell()

    @on(Button.Pressed, "#error-ok")
    def _ok(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#error-retry")
    def _retry(self) -> None:
        self.dismiss(True)

    def action_close(self) -> None:
        self.dismiss(False)
