"""One line that holds one of a few values: Left and Right step through them, Home and End
go to the first and last, and typing the start of a value jumps to it.

``CycleChoice`` is a lighter, pop-up-free alternative to ``Select`` for a bar of filters: one
widget and one row each, nothing to open, and the focus line says "Status, choice, Dispatched,
4 of 10" after each step (the terminal cursor sits on the value). It posts ``Changed`` when the
user changes the value; ``set_value`` changes it quietly. Values are shown literally. Nothing
here knows what the values mean: screens give ``(value, words)`` pairs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from textual import events
from textual.binding import Binding
from textual.geometry import Offset
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget

from csc_console.widgets.a11y.describe import Announcement, of_n
from csc_console.widgets.text import literal

__all__ = ["CycleChoice"]

TYPE_AHEAD_SECONDS = 1.0  # typed letters are one search until this long a pause


class CycleChoice(Widget, can_focus=True):
    """A value chosen by stepping (see the module documentation)."""

    DEFAULT_CSS = """
    CycleChoice {
        height: 1;
        width: 1fr;
        padding: 0 1;
        background: $panel;
        color: $foreground;
    }
    CycleChoice:focus {
        text-style: bold underline;
    }
    """
    BINDINGS: ClassVar[list[Any]] = [
        Binding("right", "step(1)", "Next value", show=False),
        Binding("left", "step(-1)", "Previous value", show=False),
        Binding("home", "jump('first')", "First value", show=False),
        Binding("end", "jump('last')", "Last value", show=False),
    ]

    class Changed(Message):
        """The user changed the value."""

        def __init__(self, choice: CycleChoice, value: str) -> None:
            super().__init__()
            self.choice = choice
            self.value = value

        @property
        def control(self) -> CycleChoice:
            return self.choice

    def __init__(
        self,
        label: str,
        options: Sequence[tuple[str, str]],
        value: str | None = None,
        *,
        id: str | None = None,  # noqa: A002 (Textual's name)
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        if not options:
            raise ValueError("a CycleChoice needs at least one option")
        self.a11y_label = label
        self._options = list(options)
        keys = [key for key, _ in self._options]
        self._index = keys.index(value) if value in keys else 0
        self._typed = ""
        self._typing: Timer | None = None

    # ------------------------------------------------------------------ value
    @property
    def value(self) -> str:
        return self._options[self._index][0]

    @property
    def words(self) -> str:
        return self._options[self._index][1]

    @property
    def options(self) -> list[tuple[str, str]]:
        return list(self._options)

    def set_value(self, value: str) -> None:
        """Choose ``value`` without posting ``Changed`` (unknown values are ignored)."""
        for index, (key, _) in enumerate(self._options):
            if key == value:
                self._index = index
                self.refresh()
                return

    def _choose(self, index: int) -> None:
        index = max(0, min(index, len(self._options) - 1))
        if index == self._index:
            self.app.bell()  # at the end already: nothing moved
            return
        self._index = index
        self.refresh()
        self.post_message(self.Changed(self, self.value))

    # ------------------------------------------------------------------ keys
    def action_step(self, step: int) -> None:
        self._choose(self._index + step)

    def action_jump(self, where: str) -> None:
        self._choose(0 if where == "first" else len(self._options) - 1)

    async def _on_key(self, event: events.Key) -> None:
        character = event.character
        if character is None or not event.is_printable or character == " ":
            return
        event.stop()
        event.prevent_default()
        if self._typing is not None:
            self._typing.stop()
        self._typing = self.set_timer(TYPE_AHEAD_SECONDS, self._forget_typing)
        self._typed += character.lower()
        start = self._index if len(self._typed) > 1 else self._index + 1
        count = len(self._options)
        for step in range(count):
            index = (start + step) % count
            if self._options[index][1].lower().startswith(self._typed):
                if index != self._index:
                    self._choose(index)
                return
        self.app.bell()

    def _forget_typing(self) -> None:
        self._typed = ""
        self._typing = None

    # ------------------------------------------------------------------ drawing and words
    def render(self) -> Any:
        return literal(self.words)

    def a11y_describe(self) -> Announcement:
        return Announcement(
            self.a11y_label, "choice", self.words, of_n(self._index, len(self._options))
        )

    def a11y_cursor(self) -> Offset:
        content = self.content_region
        return Offset(content.x, content.y)
