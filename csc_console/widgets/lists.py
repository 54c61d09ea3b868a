"""Read-only lists and tables whose rows are shown literally and read one per line."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import DataTable, OptionList
from textual.widgets.option_list import Option

from csc_console.widgets.a11y.describe import Announcement, of_n
from csc_console.widgets.text import literal, literal_rich


class ReadList(OptionList):
    """One line per item; the highlighted line carries the terminal cursor.

    ``label`` is what the focus line calls the list ("Today's requests, list, ...").
    Lines are shown literally (pass them through ``printable`` first when they hold
    caller-supplied text). An empty list shows ``empty`` on a row of its own (so the cursor
    rests on words, not on a border); before the first ``set_lines`` it shows "Loading.".
    """

    DEFAULT_CSS = """
    ReadList { height: auto; max-height: 1fr; }
    """

    def __init__(
        self,
        label: str,
        lines: Iterable[str] | None = None,
        *,
        empty: str = "Nothing to show.",
        id: str | None = None,  # noqa: A002 (Textual's name)
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self.a11y_label = label
        self.empty_text = empty
        self._items: list[str] = []
        self._fill(list(lines) if lines is not None else None)

    def _fill(self, lines: list[str] | None) -> None:
        self._items = lines or []
        if lines:
            self.set_options([Option(literal(line)) for line in lines])
            if self.highlighted is None:
                self.highlighted = 0
        else:
            placeholder = "Loading." if lines is None else self.empty_text
            self.set_options([Option(literal(placeholder), disabled=True)])

    def set_lines(self, lines: Iterable[str]) -> None:
        """Replace the lines, keeping the highlighted position where possible."""
        keep = self.highlighted
        self._fill(list(lines))
        if self._items:
            self.highlighted = min(keep or 0, len(self._items) - 1)

    @property
    def lines(self) -> list[str]:
        return list(self._items)

    def a11y_describe(self) -> Announcement:
        if not self._items:  # the placeholder row says why, e.g. "No requests yet today"
            return Announcement(self.a11y_label, "list", self.empty_text.rstrip("."))
        index = self.highlighted
        value = self._items[index] if index is not None else ""
        return Announcement(self.a11y_label, "list", value, of_n(index, len(self._items)))


class ReadTable(DataTable[object]):
    """A row-cursor table of literal text; the focus line reads the whole row."""

    DEFAULT_CSS = """
    ReadTable { height: auto; max-height: 1fr; }
    """

    def __init__(
        self,
        label: str,
        columns: Sequence[str],
        *,
        id: str | None = None,  # noqa: A002 (Textual's name)
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=False)
        self.a11y_label = label
        self.add_columns(*columns)

    empty_text = ""
    """Shown on the first row while the table has no rows (and said by the focus line), so
    the cursor, which rests there, shows on a braille display what the focus line says."""

    def placeholder(self) -> str:
        """The text drawn where the first row would be, when there are no rows."""
        return "" if self.row_count else self.empty_text

    @property
    def _total_row_height(self) -> int:  # DataTable's: one line for the placeholder
        rows = len(self._y_offsets)
        return rows if rows or not self.placeholder() else 1

    def render_line(self, y: int) -> Strip:
        text = self.placeholder()
        if text and y == (self.header_height if self.show_header else 0):
            style = self.rich_style
            width = self.scrollable_content_region.width
            return Strip([Segment(" " * self.cell_padding + text, style)]).crop_extend(0, width, style)
        return super().render_line(y)

    def set_rows(self, rows: Iterable[Sequence[str]]) -> None:
        keep = self.cursor_row
        self.clear()
        for row in rows:
            self.add_row(*[literal_rich(cell) for cell in row])
        if self.row_count:
            self.move_cursor(row=min(keep, self.row_count - 1))
