"""The title row at the top of every screen (static text: no clock, nothing ticking), and the
footer of keys."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer, Static

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


class KeysFooter(Footer):
    """Textual's ``Footer``, rebuilt only when the keys it shows change.

    The stock footer rebuilds itself after every focus change (its keys are new widgets, so
    the whole screen is laid out again): on a form as large as Intake that was most of the
    cost of a Tab. Here a focus change that leaves the shown keys as they were costs nothing.
    """

    _shown: tuple[object, ...] | None = None

    def bindings_changed(self, screen: Screen[Any]) -> None:
        shown = tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for (_, binding, enabled, tooltip) in screen.active_bindings.values()
            if binding.show or binding.action == "command_palette"
        )
        if self._bindings_ready and shown == self._shown:
            return
        self._shown = shown
        super().bindings_changed(screen)
