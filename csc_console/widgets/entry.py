"""A text field that shows what it holds literally and says when its limit stops the typing.

Textual's ``Input`` writes its value to the terminal as it is: a value holding an escape
sequence (pasted, or restored from a draft or the database) would recolour the terminal or
retitle the window. ``TextField`` draws every control character as a visible symbol of one
cell (ESC as U+241B, BEL as U+2407, ...), so what is stored stays exactly as typed, the caret
stays where it belongs, and nothing typed by a caller can reach the terminal as a command.

When its ``max_length`` refuses a key or a paste, it rings the bell and posts
``TextField.LimitReached``: the screen says why ("at most 4,000 characters").
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Offset, Size
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input

__all__ = ["TextField", "shown"]

_PICTURES = {code: chr(0x2400 + code) for code in range(0x20)}
_PICTURES[0x7F] = "\u2421"
_OTHER = "\ufffd"  # C1 controls and direction overrides: one visible cell


def _shown_char(ch: str) -> str:
    code = ord(ch)
    if code < 0x20 or code == 0x7F:
        return _PICTURES[code]
    if 0x80 <= code <= 0x9F or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return _OTHER
    return ch


def shown(value: str) -> str:
    """``value`` with each control character replaced by one visible character."""
    if value.isprintable():
        return value
    return "".join(_shown_char(ch) for ch in value)


class TextField(Input):
    """An ``Input`` whose value is drawn literally, one cell per character typed."""

    class LimitReached(Message):
        """A key or a paste was refused: the field already holds ``limit`` characters."""

        def __init__(self, field: TextField, limit: int) -> None:
            super().__init__()
            self.field = field
            self.limit = limit

        @property
        def control(self) -> TextField:
            return self.field

    def _watch_value(self, value: str) -> None:
        # Input keeps its scrollable width in ``virtual_size``, a reactive that lays the whole
        # screen out again when it changes: on every keystroke, which on a large form costs
        # far more than the field itself. Only the field's own scrolling depends on it, so it
        # is set without that layout (Input then finds it already up to date).
        self.set_reactive(Widget.virtual_size, Size(self.content_width, 1))
        super()._watch_value(value)

    @property
    def _value(self) -> Text:
        if self.password:
            return super()._value
        return Text(shown(self.value), no_wrap=True, overflow="ignore", end="")

    def restricted(self) -> None:
        self.app.bell()
        if self.max_length:
            self.post_message(self.LimitReached(self, self.max_length))

    def a11y_cursor(self) -> Offset:
        """The insertion point, counted in the cells actually drawn."""
        content = self.content_region
        before = shown(self.value[: self.cursor_position])
        if self.password:
            before = "\u2022" * len(before)
        cells = cell_len(before.expandtabs(4))
        return Offset(content.x + cells - int(self.scroll_offset.x), content.y)
