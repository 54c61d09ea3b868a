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

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Static

from csc_console.catalog.redirects import RedirectHit
from csc_console.desks.intake.say import redirect_lines
from csc_console.screens.base import CscModal
from csc_console.services.text import printable
from csc_console.widgets.text import literal

STRENGTH = {"emergency": 0, "wrong_agency": 1, "referral": 2}
TITLES = {"emergency": "Emergency", "wrong_agency": "Wrong agency", "referral": "Referral"}


def strongest(hits: Sequence[RedirectHit]) -> RedirectHit:
    return min(hits, key=lambda h: STRENGTH.get(h.kind, 3))


def redirect_choices(hit: RedirectHit) -> list[tuple[str, str]]:
    """(value, label) pairs, the default first (as in screen-reader mode)."""
    if hit.kind == "emergency":
        return [
            ("transfer", f"Transfer to {hit.target_name} and wrap up"),
            ("continue", "Continue the call"),
        ]
    refer = ("refer", f"Refer the caller to {hit.target_name} and wrap up")
    if hit.kind == "wrong_agency":
        return [refer, ("continue", "Take the report anyway")]
    return [("continue", "Continue the report"), refer]


class RedirectModal(CscModal[str]):
    def __init__(self, hit: RedirectHit, shown: Sequence[RedirectHit]) -> None:
        super().__init__(classes="redirect-dialog")
        self.hit = hit
        self.lines = [printable(line) for line in redirect_lines(shown)]
        self.choices = redirect_choices(hit)
        self.a11y_title = TITLES.get(hit.kind, "Redirect")

    def compose_dialog(self) -> ComposeResult:
        yield Static(literal("\n".join(self.lines)), id="redirect-script", markup=False)
        with Horizontal(classes="buttons"):
            for value, label in self.choices:
                yield Button(label, id=f"redirect-{value}")

    def on_mount(self) -> None:
        if self.hit.is_emergency:
            self.app.bell()
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
