"""The command palette, made to read like every other screen.

Textual's palette keeps the terminal cursor in its search field even when the user arrows
through the results, so a screen reader never reads them. Here, once a result is highlighted
the cursor moves onto it (typing again clears the highlight, and the cursor returns to the
insertion point), and a focus line at the bottom says what is highlighted:
"Commands, list, Dispatch, 1 of 3".
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.command import CommandInput, CommandList, CommandPalette
from textual.geometry import Offset

from csc_console.widgets.a11y import cursor, describe
from csc_console.widgets.announce import FocusLine
from csc_console.widgets.text import plain_text


class AccessiblePalette(CommandPalette):
    a11y_title = "Command palette"

    DEFAULT_CSS = """
    AccessiblePalette > FocusLine {
        dock: bottom;
        background: $background;
        color: $foreground;
        padding: 0 1;
    }
    """

    browsing = False
    """True once the user moved into the results with Up/Down; typing sets it back."""

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield FocusLine(id="focus-line")

    def on_input_changed(self) -> None:
        self.browsing = False

    def _action_cursor_down(self) -> None:
        results = self.query_one(CommandList)
        if not self.browsing and results.highlighted is not None and results.display:
            # Textual highlights the first result by itself; the first Down reads it
            # instead of skipping to the second.
            self.browsing = True
            self.refresh()
            return
        self.browsing = True
        super()._action_cursor_down()

    def _action_command_list(self, action: str) -> None:
        self.browsing = True
        super()._action_command_list(action)


def _highlighted_list(widget: CommandInput) -> CommandList | None:
    if not getattr(widget.screen, "browsing", False):
        return None
    for results in widget.screen.query(CommandList):
        if results.highlighted is not None and results.option_count and results.display:
            return results
    return None


@cursor.cursor_locator(CommandInput)
def _command_input_cursor(widget: CommandInput) -> Offset | cursor.Anchored | None:
    results = _highlighted_list(widget)
    if results is not None:
        offset = cursor.cursor_offset(results)
        if offset is not None:
            return cursor.Anchored(offset, results)
    return cursor.cursor_locator_for(CommandInput.__mro__[1])(widget)


@describe.describer(CommandInput)
def _command_input_words(widget: CommandInput) -> describe.Announcement:
    results = _highlighted_list(widget)
    if results is not None and results.highlighted is not None:
        prompt = plain_text(results.get_option_at_index(results.highlighted).prompt)
        return describe.Announcement(
            "Commands",
            "list",
            " ".join(prompt.split()),
            describe.of_n(results.highlighted, results.option_count),
        )
    return describe.Announcement(
        "Command search", "text field", widget.value or "empty", live_value=True
    )
