"""Dialogs of the Intake screen: a redirect script to read, and an unfinished call to resume.

``RedirectModal`` interrupts the call when an emergency, wrong-agency or referral rule fires:
why and where to, the script to read aloud (the screen-reader mode's own lines), and the
choice. An emergency rings the bell and offers "Transfer to 911 Emergency and wrap up" first;
a wrong agency offers the referral first; a referral offers to continue first. Escape goes on
with the call. ``ResumeModal`` offers back a call left unfinished (a crash, a closed terminal,
a database that went away): resume it (Enter), close it, or Escape to decide later.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Static

from csc_console.catalog.redirects import RedirectHit
from csc_console.desks.intake.outcome import redirect_question
from csc_console.desks.intake.say import redirect_lines
from csc_console.screens.base import CscModal
from csc_console.services.text import printable
from csc_console.widgets.a11y.app import AccessibleApp
from csc_console.widgets.text import literal


class RedirectModal(CscModal[str]):
    def __init__(self, hit: RedirectHit, shown: Sequence[RedirectHit]) -> None:
        super().__init__(classes="redirect-dialog")
        self.hit = hit
        self.lines = [printable(line) for line in redirect_lines(shown)]
        question = redirect_question(shown)
        self.choices = [(o.value, o.title) for o in question.options]
        self.a11y_title = question.title

    def compose_dialog(self) -> ComposeResult:
        yield Static(literal("\n".join(self.lines)), id="redirect-script", markup=False)
        with Horizontal(classes="buttons"):
            for value, label in self.choices:
                yield Button(label, id=f"redirect-{value}")

    def on_mount(self) -> None:
        if self.hit.is_emergency:
            self.app.bell()
        for line in self.lines:  # kept in the message log, to read again after the dialog
            cast("AccessibleApp[object]", self.app).write_to_log(line, "warning")
        self.query_one(f"#redirect-{self.choices[0][0]}", Button).focus()

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("redirect-") or "continue")

    def action_close(self) -> None:
        self.dismiss("continue")


class ResumeModal(CscModal[bool | None]):
    a11y_title = "Unfinished call"

    def __init__(self, line: str) -> None:
        super().__init__(classes="resume-dialog")
        self.line = printable(line)

    def compose_dialog(self) -> ComposeResult:
        yield Static(
            literal(f"{self.line} Resume it? Escape decides later (Alt+A offers it again)."),
            id="resume-text",
            markup=False,
        )
        with Horizontal(classes="buttons"):
            yield Button("Resume the call", id="resume-yes")
            yield Button("Close it", id="resume-no")

    def on_mount(self) -> None:
        self.query_one("#resume-yes", Button).focus()

    @on(Button.Pressed, "#resume-yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#resume-no")
    def _no(self) -> None:
        self.dismiss(False)

    def action_close(self) -> None:
        self.dismiss(None)
