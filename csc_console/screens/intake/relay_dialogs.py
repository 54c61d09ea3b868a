"""Dialogs of a relay call: the shorthand picker and the etiquette reminder.

``ShorthandModal`` lists the relay shorthand of the catalog ("HD: Hold: please wait, I am
checking something."), numbered; a number or Enter picks one and it is put into the turn
being typed. ``EtiquetteModal`` reads the relay etiquette one line at a time; Escape or Enter
closes it and the cursor goes back where it was.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.widgets import OptionList, Static

from csc_console.screens.base import CscModal
from csc_console.widgets.choices import ChoiceList
from csc_console.widgets.lists import ReadList
from csc_console.widgets.text import literal


class ShorthandModal(CscModal[str]):
    a11y_title = "Relay shorthand"

    def __init__(self, shorthand: Sequence[tuple[str, str]]) -> None:
        super().__init__(classes="relay-dialog")
        self.choices = [(abbr, f"{abbr}: {meaning}") for abbr, meaning in shorthand]

    def compose_dialog(self) -> ComposeResult:
        yield Static(
            literal("Enter puts the highlighted shorthand into the turn; Escape closes."),
            markup=False,
        )
        yield ChoiceList("Shorthand", self.choices, id="shorthand")

    def on_mount(self) -> None:
        listing = self.query_one("#shorthand", ChoiceList)
        listing.highlighted = 0
        listing.focus()

    @on(ChoiceList.Accepted, "#shorthand")
    def _picked(self, event: ChoiceList.Accepted) -> None:
        value = event.choice_list.value
        self.dismiss(value if isinstance(value, str) else "")

    def action_close(self) -> None:
        self.dismiss("")


class EtiquetteModal(CscModal[None]):
    a11y_title = "Relay etiquette"

    def __init__(self, lines: Sequence[str]) -> None:
        super().__init__(classes="relay-dialog")
        self.lines = [f"{i}. {line}" for i, line in enumerate(lines, start=1)]

    def compose_dialog(self) -> ComposeResult:
        yield Static(literal("Up and Down read the reminder; Escape or Enter closes."), markup=False)
        yield ReadList("Relay etiquette", self.lines, id="etiquette")

    def on_mount(self) -> None:
        self.query_one("#etiquette", ReadList).focus()

    @on(OptionList.OptionSelected, "#etiquette")
    def _read(self) -> None:
        self.dismiss(None)
