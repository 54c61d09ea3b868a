"""A text field with ranked suggestions under it, updated as the user types.

``SuggestInput`` keeps the focus (typing goes on, and a screen reader echoes it because the
terminal cursor sits at the insertion point); Down and Up move a highlight through the
``SuggestionList`` below, and then the cursor sits on the highlighted row and the focus line
reads it ("Suggestions, list, Potholes, 1 of 5"), as in the command palette. Typing again puts
the cursor back in the text. Enter posts ``Picked`` with the highlighted suggestion (the first
when the user did not move).

``SuggestionList.show`` replaces the rows; a row whose text did not change is not repainted,
so a keystroke that changes one suggestion rewrites one row of the terminal, and one that
changes none rewrites nothing. The list keeps a fixed number of rows (blank ones when there
are fewer suggestions), so nothing below it moves while the user types.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from textual import events
from textual.binding import Binding
from textual.geometry import Offset, Region
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from csc_console.widgets.a11y.cursor import Anchored, cursor_offset
from csc_console.widgets.a11y.describe import Announcement, of_n
from csc_console.widgets.entry import TextField
from csc_console.widgets.text import literal

__all__ = ["SuggestInput", "SuggestionList"]


class SuggestionList(OptionList):
    """Suggestions shown under a ``SuggestInput`` (never focused itself)."""

    can_focus = False
    ROWS: ClassVar[int] = 5
    DEFAULT_CSS = """
    SuggestionList { height: auto; max-height: 7; width: 1fr; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(
        self,
        label: str = "Suggestions",
        *,
        id: str | None = None,  # noqa: A002 (Textual's name)
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self.a11y_label = label
        self._items: list[tuple[str, str]] = []
        self._rows: list[str] = []
        self.note = ""
        self.show([], note="")

    @property
    def items(self) -> list[tuple[str, str]]:
        """The suggestions as ``(value, text)``, best first."""
        return list(self._items)

    def value_at(self, index: int | None) -> str | None:
        if index is None or not 0 <= index < len(self._items):
            return None
        return self._items[index][0]

    def show(self, items: Sequence[tuple[str, str]], *, note: str = "") -> None:
        """Show ``items`` (``note`` on the first row when there are none), repainting only
        the rows whose text changed."""
        self._items = list(items)
        self.note = note
        rows = [text for _, text in self._items] or ([note] if note else [])
        rows += [""] * (self.ROWS - len(rows))
        highlight = 0 if self._items else None
        if len(rows) != len(self._rows):
            self._rows = rows
            self.set_options(
                [Option(literal(r), disabled=i >= len(self._items)) for i, r in enumerate(rows)]
            )
            self.highlighted = highlight
            return
        changed = [
            i for i, (old, new) in enumerate(zip(self._rows, rows, strict=True)) if old != new
        ]
        self._rows = rows
        for index in changed:
            option = self.get_option_at_index(index)
            option._set_prompt(literal(rows[index]))
            option.disabled = index >= len(self._items)
        if changed:
            self._option_render_cache.clear()
            self._line_cache.clear()
            width = self.scrollable_content_region.width
            top = int(self.scroll_offset.y)
            for index in changed:
                self.refresh(Region(0, index - top, width, 1))
        if self.highlighted != highlight:
            self.highlighted = highlight

    def move(self, step: int) -> None:
        if not self._items:
            return
        index = 0 if self.highlighted is None else self.highlighted + step
        self.highlighted = max(0, min(len(self._items) - 1, index))

    def a11y_describe(self) -> Announcement:
        index = self.highlighted
        if index is None or not self._items:
            return Announcement(self.a11y_label, "list", self.note or "empty")
        return Announcement(
            self.a11y_label, "list", self._items[index][1], of_n(index, len(self._items))
        )


class BrowsingInput(TextField):
    """A text field with a ``SuggestionList`` under it that Down and Up browse without leaving
    the field: while browsing, the cursor and the focus line are on the highlighted row; typing
    goes back to the text."""

    browsing = False
    """True once Down/Up moved into the list; typing sets it back."""
    default_label = "Text"

    def __init__(self, suggestions: SuggestionList, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.suggestions = suggestions

    def action_browse(self, step: int) -> None:
        if not self.suggestions.items:
            self.app.bell()
            return
        if not self.browsing:
            # The first Down reads the highlighted (first) row instead of skipping it.
            self.browsing = True
            if step < 0 or self.suggestions.highlighted is None:
                self.suggestions.move(0 if step > 0 else -1)
        else:
            self.suggestions.move(step)
        self.refresh()  # the cursor and the focus line move even if nothing else changed

    def stop_browsing(self) -> None:
        if self.browsing:
            self.browsing = False
            if self.suggestions.items:
                self.suggestions.highlighted = 0
            self.refresh()

    async def _on_key(self, event: events.Key) -> None:
        if event.key not in ("up", "down", "enter", "tab", "shift+tab"):
            self.stop_browsing()
        await super()._on_key(event)

    def a11y_cursor(self) -> Offset | Anchored:  # type: ignore[override]
        if self.browsing and self.suggestions.highlighted is not None:
            offset = cursor_offset(self.suggestions)
            if offset is not None:
                return Anchored(offset, self.suggestions)
        return super().a11y_cursor()

    def a11y_describe(self) -> Announcement:
        if self.browsing and self.suggestions.highlighted is not None:
            return self.suggestions.a11y_describe()
        label = getattr(self, "a11y_label", None) or self.default_label
        return Announcement(label, "text field", self.value or "empty", live_value=True)


class SuggestInput(BrowsingInput):
    """The text field above a ``SuggestionList`` (see the module documentation)."""

    BINDINGS: ClassVar[list[Any]] = [
        Binding("down", "browse(1)", "Next suggestion", show=False),
        Binding("up", "browse(-1)", "Previous suggestion", show=False),
        Binding("enter", "pick", "Pick the highlighted suggestion", show=False),
    ]

    class Picked(Message):
        """Enter: ``value`` is the highlighted (or first) suggestion, None when there is none."""

        def __init__(self, field: SuggestInput, value: str | None) -> None:
            super().__init__()
            self.field = field
            self.value = value

        @property
        def control(self) -> SuggestInput:
            return self.field

    def action_pick(self) -> None:
        index = self.suggestions.highlighted if self.browsing else 0
        self.post_message(self.Picked(self, self.suggestions.value_at(index)))

    def browse_from_top(self) -> None:
        """Put the highlight (and the cursor) on the first suggestion."""
        if self.suggestions.items:
            self.browsing = True
            self.suggestions.highlighted = 0
            self.refresh()
