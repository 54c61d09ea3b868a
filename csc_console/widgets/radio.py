"""Widgets of the radio dispatch workspace (presentational: they get text, they post messages).

- ``CommandLine``: the dispatcher's one-line input (``PW12 os WO-2026-000123 patched``). Its
  completions are shown in a ``CompletionList`` under it. Tab takes the highlighted (or first)
  completion for the word being typed, when there is one; otherwise Tab moves on as usual.
  Down and Up move into the completions: the terminal cursor then sits on the highlighted row
  and the focus line reads it, as in the command palette; typing puts the cursor back in the
  text. Enter takes the completion while browsing, otherwise posts ``Entered`` with the text
  and empties the line at once (keys typed ahead begin the next line); the screen puts the text
  back when it could not be logged.
- ``BoardTable``: one row per unit, status first. ``set_rows`` rewrites only the cells whose
  text changed (a minute passing repaints the time cells, nothing else), keeps the cursor on
  the same unit, and the focus line reads the row as one sentence (given by the screen).
  ``c`` posts ``CheckIn`` for the highlighted unit, Enter ``Chosen``.
- ``RadioLogList``: the radio log, newest at the bottom; the highlight follows new entries when
  it was on the last one, else stays on its entry. ``e`` or Enter posts ``Correct``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from textual import events
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widgets import DataTable, OptionList
from textual.widgets.option_list import Option

from csc_console.widgets.a11y.describe import Announcement, of_n
from csc_console.widgets.suggest import BrowsingInput, SuggestionList
from csc_console.widgets.text import literal, literal_rich

__all__ = ["BoardLine", "BoardTable", "CommandLine", "CompletionList", "RadioLogList"]

_WORD_START = re.compile(r"\S*$")


# --------------------------------------------------------------------------- command line
class CommandLine(BrowsingInput):
    """The radio command line (see the module documentation)."""

    BINDINGS: ClassVar[list[Any]] = [
        Binding("tab", "complete", "Take the completion, or next control", show=False),
        Binding("down", "browse(1)", "Next completion", show=False),
        Binding("up", "browse(-1)", "Previous completion", show=False),
        Binding("enter", "enter", "Log the line", show=False),
    ]

    class Entered(Message):
        """Enter (not on a completion): log ``value`` (not ``Input.Submitted``, whose
        arguments differ)."""

        def __init__(self, line: CommandLine, value: str) -> None:
            super().__init__()
            self.line = line
            self.value = value

        @property
        def control(self) -> CommandLine:
            return self.line

    default_label = "Radio"

    def __init__(self, completions: SuggestionList, **kwargs: Any) -> None:
        # No select-on-focus: a line put here to correct must not vanish at the first key.
        kwargs.setdefault("select_on_focus", False)
        super().__init__(completions, **kwargs)

    @property
    def completions(self) -> SuggestionList:
        return self.suggestions

    @property
    def word(self) -> str:
        """The word being typed (up to the insertion point)."""
        match = _WORD_START.search(self.value[: self.cursor_position])
        return match.group() if match else ""

    def take(self, value: str) -> None:
        """Put ``value`` in place of the word being typed, then a space."""
        before = self.value[: self.cursor_position]
        after = self.value[self.cursor_position :].lstrip(" ")
        start = len(before) - len(self.word)
        text = f"{before[:start]}{value} "
        self.value = text + after
        self.cursor_position = len(text)
        self.stop_browsing()

    def action_complete(self) -> None:
        index = self.completions.highlighted if self.browsing else 0
        choice = self.completions.value_at(index)
        if choice is None or not (self.word or self.browsing):
            self.screen.focus_next()
            return
        self.take(choice)

    async def _on_key(self, event: events.Key) -> None:
        # Enter is handled here, in order with the typed keys: as a binding it would run only
        # after the event bubbled to the app, when the keys typed after it were already in
        # the line (Textual checks a widget's non-priority bindings on the way back up).
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.action_enter()

    def action_enter(self) -> None:
        if self.browsing:
            choice = self.completions.value_at(self.completions.highlighted)
            if choice is not None:
                self.take(choice)
                return
        # Emptied at once, before the next typed key is handled: keys typed ahead (a fast
        # dispatcher, a paste of several lines) start the next line, never the end of this one.
        text, self.value = self.value, ""
        self.post_message(self.Entered(self, text))


class CompletionList(SuggestionList):
    """The completions under the command line: three rows, never focused."""

    ROWS: ClassVar[int] = 3


# --------------------------------------------------------------------------- board
@dataclass(frozen=True)
class BoardLine:
    """One unit on the board: ``key`` (the call sign), the cells, and the row in words."""

    key: str
    cells: tuple[str, ...]
    spoken: str


class BoardTable(DataTable[object]):
    """The unit board (see the module documentation)."""

    DEFAULT_CSS = """
    BoardTable { height: auto; max-height: 1fr; }
    """
    BINDINGS: ClassVar[list[Any]] = [
        Binding("c", "check_in", "Check in the highlighted unit", show=False),
        Binding("enter", "choose", "Start a radio line for the highlighted unit", show=False),
    ]

    class CheckIn(Message):
        def __init__(self, unit: str) -> None:
            super().__init__()
            self.unit = unit

    class Chosen(Message):
        def __init__(self, unit: str) -> None:
            super().__init__()
            self.unit = unit

    def __init__(
        self,
        label: str,
        columns: Sequence[tuple[str, int]],
        *,
        empty: str = "No units.",
        id: str | None = None,  # noqa: A002 (Textual's name)
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=False)
        self.a11y_label = label
        self.empty_text = empty
        for title, width in columns:
            self.add_column(title, width=width)
        self._lines: list[BoardLine] = []
        self.filled = False
        self.cells_written = 0
        """How many cells the last ``set_rows`` rewrote (for tests and the curious)."""

    @property
    def lines(self) -> list[BoardLine]:
        return list(self._lines)

    @property
    def current(self) -> BoardLine | None:
        if not self._lines or not self.row_count:
            return None
        return self._lines[min(self.cursor_row, len(self._lines) - 1)]

    def set_rows(self, lines: Sequence[BoardLine]) -> None:
        """Show ``lines``, rewriting only the cells that changed. While the board has focus the
        cursor stays on its unit; otherwise on its row (the top: stale units come first)."""
        keep = self.current.key if self.current is not None and self.has_focus else None
        new = list(lines)
        old = self._lines
        self._lines = new
        if (
            not self.filled
            or len(new) != len(old)
            or any(len(n.cells) != len(o.cells) for n, o in zip(new, old, strict=False))
        ):
            self.filled = True
            self.clear()
            for line in new:
                self.add_row(*[literal_rich(cell) for cell in line.cells])
            self.cells_written = sum(len(line.cells) for line in new)
        else:
            changed = [
                Coordinate(r, c)
                for r, (n, o) in enumerate(zip(new, old, strict=True))
                for c, (a, b) in enumerate(zip(n.cells, o.cells, strict=True))
                if a != b
            ]
            self.cells_written = len(changed)
            if changed:
                # DataTable.update_cell repaints the whole table; this writes the same data
                # and repaints only the changed cells.
                for coordinate in changed:
                    row_key, column_key = self.coordinate_to_cell_key(coordinate)
                    self._data[row_key][column_key] = literal_rich(
                        new[coordinate.row].cells[coordinate.column]
                    )
                self._update_count += 1
                for coordinate in changed:
                    self.refresh_coordinate(coordinate)
        if keep is not None and new:
            index = next((i for i, line in enumerate(new) if line.key == keep), None)
            if index is not None and index != self.cursor_row:
                self.move_cursor(row=index)

    def action_check_in(self) -> None:
        if (line := self.current) is not None:
            self.post_message(self.CheckIn(line.key))

    def action_choose(self) -> None:
        if (line := self.current) is not None:
            self.post_message(self.Chosen(line.key))

    def a11y_describe(self) -> Announcement:
        line = self.current
        if line is None:
            return Announcement(self.a11y_label, "table", self.empty_text.rstrip("."))
        # live_value: a minute passing changes the row's words; that is not re-announced
        # (moving to another row is: its position changes).
        return Announcement(
            self.a11y_label,
            "table",
            line.spoken,
            f"row {self.cursor_row + 1} of {len(self._lines)}",
            live_value=True,
        )


# --------------------------------------------------------------------------- log
class RadioLogList(OptionList):
    """The radio log, newest at the bottom (see the module documentation)."""

    DEFAULT_CSS = """
    RadioLogList { height: 1fr; }
    """
    BINDINGS: ClassVar[list[Any]] = [
        Binding("enter,e", "correct", "Correct the highlighted entry", show=False),
    ]
    # The list's own height is fixed by its CSS (``1fr``), so a longer log needs a repaint of
    # the list and its scroll bar, not a layout of the whole screen; Textual's default (a
    # layout on every virtual-size change) repainted every widget for each line another
    # console logged (bench/bench_live.py). The scroll bar appearing still lays out (its own
    # reactive asks for it).
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    class Correct(Message):
        def __init__(self, entry_id: int) -> None:
            super().__init__()
            self.entry_id = entry_id

    def __init__(
        self,
        label: str,
        *,
        empty: str = "No radio entries.",
        id: str | None = None,  # noqa: A002 (Textual's name)
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self.a11y_label = label
        self.empty_text = empty
        self._entries: list[tuple[int, str]] = []
        self._loaded = False
        self.set_options([Option(literal("Loading."), disabled=True)])

    @property
    def entries(self) -> list[tuple[int, str]]:
        return list(self._entries)

    @property
    def current_id(self) -> int | None:
        index = self.highlighted
        if index is None or not self._entries or index >= len(self._entries):
            return None
        return self._entries[index][0]

    def set_entries(self, entries: Sequence[tuple[int, str]], *, empty: str | None = None) -> None:
        """``(entry id, line)`` oldest first. Appended entries are added, not redrawn."""
        if empty is not None:
            self.empty_text = empty
        new = list(entries)
        old = self._entries
        keep = self.current_id
        at_bottom = self.highlighted is None or not old or self.highlighted >= len(old) - 1
        if new == old and self._loaded:
            return
        self._loaded = True
        self._entries = new
        if not new:
            self.set_options([Option(literal(self.empty_text), disabled=True)])
            return
        if old and new[: len(old)] == old:
            self.add_options([Option(literal(line)) for _, line in new[len(old) :]])
        else:
            self.set_options([Option(literal(line)) for _, line in new])
        if at_bottom or keep is None:
            self.highlighted = len(new) - 1
        else:
            index = next((i for i, (key, _) in enumerate(new) if key == keep), len(new) - 1)
            self.highlighted = index
        self.scroll_to_highlight()

    def action_correct(self) -> None:
        if (entry_id := self.current_id) is not None:
            self.post_message(self.Correct(entry_id))

    def a11y_describe(self) -> Announcement:
        if not self._loaded:
            return Announcement(self.a11y_label, "list", "loading")
        if not self._entries:
            return Announcement(self.a11y_label, "list", self.empty_text.rstrip("."))
        index = self.highlighted
        value = self._entries[index][1] if index is not None else ""
        return Announcement(self.a11y_label, "list", value, of_n(index, len(self._entries)))
