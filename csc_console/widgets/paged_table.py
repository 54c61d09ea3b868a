"""A table that shows one page of a longer list at a time (the rows come from the database a
page at a time; the table never holds more than one page).

``PagedTable`` is a row-cursor ``ReadTable`` (cells shown literally) that

- says each row in words given by the screen ("WO-2026-000123, Assigned, OVERDUE 2 business
  days, High priority, ...") followed by where it is ("row 3 of 50, page 1 of 12"); the table's
  own name and role are said only when it gains focus, not on every arrow key;
- asks for the next or previous page (``PageWanted``) when Down is pressed on the last row or
  Up on the first (and Page Down / Page Up at the edges), so a screen-reader user arrows
  through the whole list without knowing where the pages break;
- can change one cell and the words of one row in place (a selection mark) without
  rebuilding the page.

Nothing here knows about work orders or services: screens give strings.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from textual import events
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.message import Message

from csc_console.widgets.a11y.describe import Announcement
from csc_console.widgets.lists import ReadTable
from csc_console.widgets.text import literal_rich


class PagedTable(ReadTable):
    """One page of a paged list (see the module documentation)."""

    DEFAULT_CSS = """
    PagedTable { height: 1fr; max-height: 100%; }
    """
    BINDINGS: ClassVar[list[Any]] = [
        Binding("enter", "select_cursor", "Open the highlighted row", id="open-row"),
    ]

    class PageWanted(Message):
        """The user moved past the first or last row: ``step`` is -1 or +1."""

        def __init__(self, table: PagedTable, step: int) -> None:
            super().__init__()
            self.table = table
            self.step = step

        @property
        def control(self) -> PagedTable:
            return self.table

    def __init__(
        self,
        label: str,
        columns: Sequence[str],
        *,
        empty: str = "Nothing to show.",
        id: str | None = None,  # noqa: A002 (Textual's name)
        classes: str | None = None,
    ) -> None:
        super().__init__(label, columns, id=id, classes=classes)
        self.empty_text = empty
        self._words: list[str] = []
        self._page_words = ""
        self._more_before = False
        self._more_after = False
        self._loaded = False
        self._fresh = True  # focus just arrived: say the table's name with the row

    # ------------------------------------------------------------------ content
    def show_page(
        self,
        rows: Sequence[Sequence[str]],
        words: Sequence[str],
        *,
        page_words: str = "",
        cursor: int = 0,
        more_before: bool = False,
        more_after: bool = False,
    ) -> None:
        """Replace the rows; ``words[i]`` is how row ``i`` is said; the cursor goes to
        ``cursor`` (clamped)."""
        self._loaded = True
        self._words = list(words)
        self._page_words = page_words
        self._more_before = more_before
        self._more_after = more_after
        self.clear()
        for row in rows:
            self.add_row(*[literal_rich(cell) for cell in row])
        if self.row_count:
            self.move_cursor(row=max(0, min(cursor, self.row_count - 1)), scroll=True)

    def set_row(self, index: int, cells: Sequence[str], words: str) -> None:
        """Change one row's cells and words in place (e.g. its selection mark)."""
        if not 0 <= index < self.row_count:
            return
        for column, cell in enumerate(cells):
            self.update_cell_at(Coordinate(index, column), literal_rich(cell))
        self._words[index] = words
        self.refresh()

    @property
    def words(self) -> list[str]:
        return list(self._words)

    def placeholder(self) -> str:
        if not self._loaded:
            return "Loading."
        return "" if self.row_count else self.empty_text

    # ------------------------------------------------------------------ moving
    def _moved_by_user(self) -> None:
        self._fresh = False

    def action_cursor_down(self) -> None:
        self._moved_by_user()
        if self._more_after and (not self.row_count or self.cursor_row >= self.row_count - 1):
            self.post_message(self.PageWanted(self, +1))
            return
        super().action_cursor_down()

    def action_cursor_up(self) -> None:
        self._moved_by_user()
        if self._more_before and self.cursor_row <= 0:
            self.post_message(self.PageWanted(self, -1))
            return
        super().action_cursor_up()

    def action_page_down(self) -> None:
        self._moved_by_user()
        if self._more_after and (not self.row_count or self.cursor_row >= self.row_count - 1):
            self.post_message(self.PageWanted(self, +1))
            return
        super().action_page_down()

    def action_page_up(self) -> None:
        self._moved_by_user()
        if self._more_before and self.cursor_row <= 0:
            self.post_message(self.PageWanted(self, -1))
            return
        super().action_page_up()

    def action_scroll_top(self) -> None:
        self._moved_by_user()
        super().action_scroll_top()

    def action_scroll_bottom(self) -> None:
        self._moved_by_user()
        super().action_scroll_bottom()

    def on_blur(self, event: events.Blur) -> None:
        self._fresh = True  # the next time it gains focus, its name is said again

    # ------------------------------------------------------------------ words
    def a11y_describe(self) -> Announcement:
        if not self._loaded:
            return Announcement(self.a11y_label, "table", "loading")
        if not self.row_count or not self._words:
            return Announcement(self.a11y_label, "table", self.empty_text.rstrip("."))
        row = max(0, min(self.cursor_row, len(self._words) - 1))
        position = f"row {row + 1} of {self.row_count}"
        if self._page_words:
            position = f"{position}, {self._page_words}"
        if self._fresh:
            return Announcement(self.a11y_label, "table", self._words[row], position)
        return Announcement("", "", self._words[row], position)
