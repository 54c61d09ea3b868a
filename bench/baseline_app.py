"""The bare Textual baseline: the same kind of first screen as csc-console, with no app code.

A title, a couple of labels, an operator Input (focused), a short list and a footer; stock
widgets, stock theme, nothing else imported. The benchmarks time it exactly the way they time
csc-console; the pty tests use it to check the harness itself.

    python bench/baseline_app.py [--no-blink] [--workspace]

``--workspace`` shows a second kind of first screen (the list focused, as on a csc-console
workspace), for comparison with ``csc-console --operator NAME``. F1 opens a help dialog with
the keys in a list. ``--no-blink`` turns the Input's cursor blink off (a blinking Input writes
bytes while idle).
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, OptionList, Static

SIGN_IN_TEXT = "Sign in to the baseline console"
WORKSPACE_TEXT = "Intake baseline workspace"


class HelpScreen(ModalScreen[None]):
    """F1: a dialog listing the keys (the csc-console help screen's kind of widgets)."""

    BINDINGS = [Binding("escape", "dismiss", "Close")]

    def __init__(self, keys: list[str]) -> None:
        super().__init__()
        self.keys = keys

    def compose(self) -> ComposeResult:
        yield Static("Help: baseline keys")
        yield OptionList(*self.keys)


class BaselineApp(App[None]):
    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("f2", "noop", "Intake"),
        Binding("f3", "noop", "Work orders"),
        Binding("ctrl+q", "quit", "Quit"),
    ]

    def __init__(self, *, blink: bool = True, workspace: bool = False) -> None:
        super().__init__()
        self.blink = blink
        self.workspace = workspace

    def compose(self) -> ComposeResult:
        yield Static(WORKSPACE_TEXT if self.workspace else SIGN_IN_TEXT, id="title")
        yield Label("Type your operator name and press Enter.")
        yield Label("Operator name")
        yield Input(placeholder="operator name", id="operator")
        yield Label("Workspaces")
        yield OptionList("Intake", "Work orders", "Dispatch", "Dashboard", id="workspaces")
        yield Label("Messages: none")
        yield Footer()

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.cursor_blink = self.blink
        if self.workspace:
            self.query_one(OptionList).focus()
        else:
            field.focus()

    def action_noop(self) -> None:
        return None

    def action_help(self) -> None:
        keys = [f"{b.key}: {b.description}" for b in self.BINDINGS if isinstance(b, Binding)]
        self.push_screen(HelpScreen(keys))


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    BaselineApp(blink="--no-blink" not in args, workspace="--workspace" in args).run()


if __name__ == "__main__":
    main()
