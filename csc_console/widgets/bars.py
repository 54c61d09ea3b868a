"""The title row at the top of every screen (static text: no clock, nothing ticking)."""

from __future__ import annotations

from textual.widgets import Static

from csc_console.widgets.text import literal


class TitleBar(Static):
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        height: 1;
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, text: str = "", *, id: str | None = None) -> None:  # noqa: A002 (Textual's name)
        super().__init__(literal(text), id=id, markup=False)
        self.text = text

    def set_text(self, text: str) -> None:
        self.text = text
        self.update(literal(text))
