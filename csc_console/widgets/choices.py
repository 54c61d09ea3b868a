"""Numbered choices with their state as text: ``(*) 2. Right lane`` / ``( ) 3. Bike lane``.

``ChoiceList`` is the keyboard-first way to answer "which one": type the number shown (two
digits when there are more than nine choices), or the first letter of a choice (again for the
next one with that letter); Up/Down and Space work too. Enter chooses the highlighted choice
(if the user moved onto one) and posts ``Accepted``, which screens use to go on to the next
field. A multiple-choice list (``[x] 1. Recycling``) toggles with a number or Space.

The terminal cursor sits on the highlighted row (the ``OptionList`` locator); the focus line
says "label, list, choice, selected or not selected, position", or "nothing selected" before
anything is highlighted. Rows are shown literally (no markup). Nothing here knows about
services: screens give ``(value, title)`` pairs and read ``value``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from csc_console.widgets.a11y.describe import Announcement, of_n
from csc_console.widgets.text import literal

__all__ = ["ChoiceList"]

ChoiceValue = str | tuple[str, ...] | None


class ChoiceList(OptionList):
    """Numbered single or multiple choices (see the module documentation)."""

    DEFAULT_CSS = """
    ChoiceList { height: auto; max-height: 12; width: 1fr; }
    """
    BINDINGS: ClassVar[list[Any]] = [
        Binding("enter", "accept", "Choose and go on", show=False),
        Binding("space", "choose_highlighted", "Choose the highlighted item", show=False),
    ]

    class Changed(Message):
        """The chosen value changed by the user (a number, a letter, Space or Enter)."""

        def __init__(self, choice_list: ChoiceList, value: ChoiceValue) -> None:
            super().__init__()
            self.choice_list = choice_list
            self.value = value

        @property
        def control(self) -> ChoiceList:
            return self.choice_list

    class Accepted(Message):
        """Enter: the user is done with this list."""

        def __init__(self, choice_list: ChoiceList) -> None:
            super().__init__()
            self.choice_list = choice_list

        @property
        def control(self) -> ChoiceList:
            return self.choice_list

    class OutOfRange(Message):
        """A number was typed that is not one of the choices."""

        def __init__(self, choice_list: ChoiceList, typed: str) -> None:
            super().__init__()
            self.choice_list = choice_list
            self.typed = typed

        @property
        def control(self) -> ChoiceList:
            return self.choice_list

        @property
        def text(self) -> str:
            count = self.choice_list.option_count
            span = "1" if count == 1 else f"a number from 1 to {count}"
            return f"{self.typed} is not a choice here; type {span}."

    def __init__(
        self,
        label: str,
        choices: Sequence[tuple[str, str]] = (),
        *,
        value: ChoiceValue = None,
        multiple: bool = False,
        id: str | None = None,  # noqa: A002 (Textual's name)
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self.a11y_label = label
        self.multiple = multiple
        self._choices: list[tuple[str, str]] = []
        self._chosen: list[str] = []
        self._digits = ""
        self.set_choices(choices, value)

    # ------------------------------------------------------------------ value
    @property
    def choices(self) -> list[tuple[str, str]]:
        return list(self._choices)

    @property
    def value(self) -> ChoiceValue:
        if self.multiple:
            return tuple(self._chosen)
        return self._chosen[0] if self._chosen else None

    @property
    def chosen_titles(self) -> list[str]:
        titles = dict(self._choices)
        return [titles[v] for v in self._chosen if v in titles]

    def set_choices(self, choices: Sequence[tuple[str, str]], value: ChoiceValue = None) -> None:
        """Replace the choices (and the value); the highlight goes to the chosen one."""
        self._choices = list(choices)
        self._chosen = self._valid(value)
        self.set_options([Option(self._row(i)) for i in range(len(self._choices))])
        self.highlighted = self._first_chosen()

    def set_value(self, value: ChoiceValue) -> None:
        """Choose programmatically (no ``Changed`` message)."""
        self._chosen = self._valid(value)
        self._redraw()
        self.highlighted = self._first_chosen()

    def _valid(self, value: ChoiceValue) -> list[str]:
        keys = {v for v, _ in self._choices}
        if value is None:
            return []
        wanted = [value] if isinstance(value, str) else list(value)
        chosen = [v for v in wanted if v in keys]
        return chosen if self.multiple else chosen[:1]

    def _first_chosen(self) -> int | None:
        for index, (key, _) in enumerate(self._choices):
            if key in self._chosen:
                return index
        return None

    # ------------------------------------------------------------------ drawing
    def _mark(self, key: str) -> str:
        on = key in self._chosen
        if self.multiple:
            return "[x]" if on else "[ ]"
        return "(*)" if on else "( )"

    def _row(self, index: int) -> Any:
        key, title = self._choices[index]
        return literal(f"{self._mark(key)} {index + 1}. {title}")

    def _redraw(self) -> None:
        for index in range(len(self._choices)):
            prompt = self._row(index)
            if self.get_option_at_index(index).prompt != prompt:
                self.replace_option_prompt_at_index(index, prompt)

    # ------------------------------------------------------------------ choosing
    def choose(self, index: int, *, toggle: bool = True) -> None:
        """Choose the choice at ``index`` (toggle it in a multiple-choice list)."""
        key = self._choices[index][0]
        if self.multiple:
            if key in self._chosen and toggle:
                self._chosen.remove(key)
            elif key not in self._chosen:
                self._chosen.append(key)
                order = [v for v, _ in self._choices]
                self._chosen.sort(key=order.index)
        else:
            self._chosen = [key]
        self._redraw()
        self.highlighted = index
        self.refresh()  # the state changed even when the highlight did not
        self.post_message(self.Changed(self, self.value))

    def action_choose_highlighted(self) -> None:
        if self.highlighted is not None:
            self.choose(self.highlighted)

    def action_accept(self) -> None:
        index = self.highlighted
        if index is not None and self._choices:
            key = self._choices[index][0]
            if key not in self._chosen and (not self.multiple or not self._chosen):
                self.choose(index, toggle=False)
        self.post_message(self.Accepted(self))

    def action_select(self) -> None:  # OptionList's Enter, should anything still call it
        self.action_accept()

    async def _on_key(self, event: events.Key) -> None:
        character = event.character
        if character is None or not event.is_printable or character == " ":
            self._digits = ""
            return
        if character.isdigit():
            event.stop()
            event.prevent_default()
            self._typed_digit(character)
        elif character.isalpha():
            event.stop()
            event.prevent_default()
            self._digits = ""
            self._typed_letter(character)

    def _typed_digit(self, digit: str) -> None:
        count = len(self._choices)
        if self._digits and int(self._digits + digit) <= count:
            number, self._digits = int(self._digits + digit), ""
        else:
            number = int(digit)
            self._digits = digit if count >= 10 and number * 10 <= count else ""
        if 1 <= number <= count:
            self.choose(number - 1)
        else:
            self._digits = ""
            self.post_message(self.OutOfRange(self, digit))

    def _typed_letter(self, letter: str) -> None:
        count = len(self._choices)
        start = (self.highlighted + 1) if self.highlighted is not None else 0
        for step in range(count):
            index = (start + step) % count
            if self._choices[index][1].lower().startswith(letter.lower()):
                self.choose(index, toggle=self.multiple)
                return
        self.app.bell()

    # ------------------------------------------------------------------ words
    def a11y_describe(self) -> Announcement:
        label = self.a11y_label
        if not self._choices:
            return Announcement(label, "list", "empty")
        index = self.highlighted
        if index is None:
            chosen = self.chosen_titles
            value = ", ".join(chosen) + ", selected" if chosen else "nothing selected"
            count = len(self._choices)
            return Announcement(label, "list", value, f"{count} choices")
        key, title = self._choices[index]
        state = "selected" if key in self._chosen else "not selected"
        return Announcement(label, "list", f"{title}, {state}", of_n(index, len(self._choices)))
