"""A small bar chart whose numbers stand beside the bars, one row per period.

``BarChart`` is a ``ReadList``: each row is "label, number, bar" ("Mon 7 Mar    412  ████▌"),
the highlighted row carries the terminal cursor, and the focus line says the label and the
number without the bar ("Calls answered per day, list, Mon 7 Mar: 412, 3 of 14"), so nothing
is chart-only. The bordered look draws bars with block characters (eighths of a cell); the
plain look (the app's ``-plain`` class) draws them with ``#``, which holds no box-drawing or
block character. The chart redraws itself when the look changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from csc_console.widgets.a11y.describe import Announcement, of_n
from csc_console.widgets.lists import ReadList

BAR_WIDTH = 24
_EIGHTHS = " ▏▎▍▌▋▊▉"
_FULL = "█"


@dataclass(frozen=True)
class Bar:
    label: str  # "Mon 7 Mar"
    value: float | None  # None: nothing to draw ("no calls")
    words: str  # the value as read: "412", "52.0 percent", "no calls"


def block_bar(value: float, top: float, width: int = BAR_WIDTH) -> str:
    """A bar of block characters, in eighths of a cell."""
    if top <= 0 or value <= 0:
        return ""
    eighths = round(min(value, top) / top * width * 8)
    full, rest = divmod(eighths, 8)
    return _FULL * full + (_EIGHTHS[rest] if rest else "")


def text_bar(value: float, top: float, width: int = BAR_WIDTH) -> str:
    """The same bar in plain text: ``#`` per cell (at least one for any value above zero)."""
    if top <= 0 or value <= 0:
        return ""
    return "#" * max(1, round(min(value, top) / top * width))


def chart_rows(bars: Sequence[Bar], *, plain: bool, top: float | None = None) -> list[str]:
    """The rows as drawn: label, number right-aligned, then the bar."""
    if not bars:
        return []
    values = [b.value for b in bars if b.value is not None]
    scale = top if top is not None else max(values, default=0.0)
    label_width = max(len(b.label) for b in bars)
    words_width = max(len(b.words) for b in bars)
    draw = text_bar if plain else block_bar
    rows = []
    for b in bars:
        bar = draw(b.value, scale) if b.value is not None else ""
        rows.append(f"{b.label.ljust(label_width)}  {b.words.rjust(words_width)}  {bar}".rstrip())
    return rows


class BarChart(ReadList):
    """A labelled bar chart (see the module documentation). ``top`` fixes the scale (100 for
    percentages); otherwise the largest value fills the width."""

    DEFAULT_CSS = """
    BarChart { height: auto; }
    """

    def __init__(
        self,
        label: str,
        *,
        top: float | None = None,
        empty: str = "No figures for this period.",
        id: str | None = None,  # noqa: A002 (Textual's name)
        classes: str | None = None,
    ) -> None:
        super().__init__(label, None, empty=empty, id=id, classes=classes)
        self.top = top
        self.bars: tuple[Bar, ...] = ()
        self._plain: bool | None = None

    def _is_plain(self) -> bool:
        try:
            return self.app.has_class("-plain")
        except Exception:  # not mounted in an app yet
            return False

    def set_bars(self, bars: Sequence[Bar], *, label: str | None = None) -> bool:
        """Show ``bars`` (and rename the chart); False when nothing changed (nothing redrawn)."""
        bars = tuple(bars)
        plain = self._is_plain()
        if bars == self.bars and plain == self._plain and (label is None or label == self.a11y_label):
            return False
        if label is not None:
            self.a11y_label = label
        self.bars = bars
        self._plain = plain
        self.set_lines(chart_rows(bars, plain=plain, top=self.top))
        return True

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self._plain is not None and self._is_plain() != self._plain:
            self.call_later(self._redraw)

    def _redraw(self) -> None:
        self._plain = self._is_plain()
        self.set_lines(chart_rows(self.bars, plain=self._plain, top=self.top))

    @property
    def spoken_lines(self) -> list[str]:
        """The chart as words, one line per bar: "Mon 7 Mar: 412"."""
        return [f"{b.label}: {b.words}" for b in self.bars]

    def a11y_describe(self) -> Announcement:
        if not self.bars:
            return Announcement(self.a11y_label, "chart", self.empty_text.rstrip("."))
        index = self.highlighted
        value = self.spoken_lines[index] if index is not None else ""
        return Announcement(self.a11y_label, "chart", value, of_n(index, len(self.bars)))
