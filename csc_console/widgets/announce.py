"""One-row text lines a screen reader speaks: the focus line and the message bar.

A terminal screen reader (Orca in a VTE terminal, measured) speaks text that is newly written
after a key press, but when a line is rewritten over older text it reports only the cells that
changed ("Caller name" -> "Category" is heard as "tegory"). ``AnnounceLine.announce`` therefore
blanks the line, lets one frame reach the terminal, and only then writes the new text, so the
whole sentence is spoken. Text is always shown literally (no markup).
"""

from __future__ import annotations

from textual.geometry import Offset
from textual.widgets import Static

from csc_console.widgets.message_log import MessageEntry
from csc_console.widgets.text import literal


class AnnounceLine(Static):
    """A line of text that can be (re-)announced to a screen reader (a long text wraps onto
    at most three rows rather than being cut off)."""

    DEFAULT_CSS = """
    AnnounceLine {
        height: auto;
        max-height: 3;
        width: 1fr;
    }
    """

    def __init__(
        self,
        text: str = "",
        *,
        id: str | None = None,  # noqa: A002 (Textual's name)
        classes: str | None = None,
    ) -> None:
        super().__init__(literal(text), id=id, classes=classes, markup=False)
        self._text = text
        self._pending: str | None = None

    @property
    def text(self) -> str:
        """What the line says (or is about to say, while it is blanked)."""
        return self._pending if self._pending is not None else self._text

    @property
    def blanked(self) -> bool:
        return self._pending is not None

    def show(self, text: str) -> None:
        """Write ``text`` straight away (no blank frame): for quiet updates."""
        self._pending = None
        self._text = text
        self._write(text)

    park_cursor = False
    """Set when the text is written with ``park=True``: for that one frame the terminal cursor
    goes to the end of the text (``AccessibleApp`` does it, then moves it back)."""

    def announce(self, text: str, *, park: bool = False) -> None:
        """Blank the line for one frame, then write ``text``, so it is spoken in full.

        ``park``: also put the terminal cursor at the end of the text in the frame that writes
        it. Orca 43 speaks text written after Tab, Return, Space, Alt+key or a printable key,
        and otherwise only when the insertion ends at the cursor (e.g. after an F-key).
        """
        already_blanking = self._pending is not None
        self._pending = text
        self._park = park or (already_blanking and self._park)
        if already_blanking:
            return  # the latest text wins; the blank frame is already on its way
        self._write("")
        self.call_after_refresh(self._write_pending)

    _park = False

    def _write_pending(self) -> None:
        if self._pending is None:
            return
        self._text = self._pending
        self._pending = None
        self.park_cursor, self._park = self._park, False
        self._write(self._text)

    _rows = -1

    def _write(self, text: str) -> None:
        """Put ``text`` on the line, with a layout of the screen only when the line's height
        can change (auto height, another number of rows): a layout of a large screen costs
        far more than the line itself, and the focus line is rewritten twice per Tab."""
        content = literal(text)
        auto = self.styles.auto_dimensions
        rows = -1
        if auto and self.content_region.width > 0:
            rows = len(content.wrap(self.content_region.width)) or 1
        self.update(content, layout=auto and (rows == -1 or rows != self._rows))
        self._rows = rows

    def text_end(self) -> Offset:
        """The screen cell just after the last character of the text."""
        content = self.content_region
        width = max(1, content.width)
        rows = literal(self._text).wrap(width) or [literal("")]
        last = min(len(rows), max(1, content.height)) - 1
        x = content.x + min(rows[last].cell_length, width - 1)
        return Offset(x, content.y + last)


class FocusLine(AnnounceLine):
    """Says what has focus: "label, role, value or state, position".

    ``AccessibleApp`` writes it on every focus and highlight change; screens only place it.
    Always two rows high, so a long announcement wraps instead of being cut, and the rows
    around it never move (tools that read the screen find it right above the footer).
    """

    DEFAULT_CSS = """
    FocusLine {
        height: 2;
        max-height: 2;
    }
    """


class MessageBar(AnnounceLine):
    """The latest message, which stays until the next one (errors until dismissed)."""

    def show_entry(self, entry: MessageEntry | None, *, speak: bool = True) -> None:
        self.set_class(entry is not None and entry.severity == "error", "-error")
        self.set_class(entry is not None and entry.severity == "warning", "-warning")
        text = entry.bar_text if entry is not None else ""
        if speak and text:
            self.announce(text)
        else:
            self.show(text)
