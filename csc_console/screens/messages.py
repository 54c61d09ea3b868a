"""The message log workspace: every message of the session with its time, newest last."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Static

from csc_console.screens.base import CscScreen
from csc_console.widgets.a11y.app import AccessibleApp
from csc_console.widgets.lists import ReadList
from csc_console.widgets.text import literal


class MessageLogScreen(CscScreen):
    a11y_title = "Messages"

    def compose_body(self) -> ComposeResult:
        yield Static(
            literal("Every message of this session, oldest first."), id="log-intro", markup=False
        )
        yield ReadList("Messages", empty="No messages yet.", id="log-lines")

    def on_screen_resume(self) -> None:
        self._fill(highlight_last=True)

    def on_accessible_app_logged(self, _message: AccessibleApp.Logged) -> None:
        self._fill(highlight_last=False)

    def _fill(self, *, highlight_last: bool) -> None:
        from csc_console.services.text import printable

        entries = list(self.host.message_log)
        lines = [printable(entry.line) for entry in entries]
        view = self.query_one("#log-lines", ReadList)
        view.set_lines(lines)
        if highlight_last and lines:
            view.highlighted = len(lines) - 1
        self.query_one("#log-intro", Static).update(
            literal(f"Messages: {len(lines)} this session, oldest first.")
        )
