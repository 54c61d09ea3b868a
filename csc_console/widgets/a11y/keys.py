"""Key bindings in words: for the footer, the help screen and the command palette.

Textual shows keys as symbols ("^p", "⏎", "↑"), which a screen reader speaks as "caret p" or
not at all. Here every key is a word: "Ctrl+P", "Enter", "Up".
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

_WORDS = {
    "escape": "Escape",
    "enter": "Enter",
    "tab": "Tab",
    "space": "Space",
    "backspace": "Backspace",
    "delete": "Delete",
    "up": "Up",
    "down": "Down",
    "left": "Left",
    "right": "Right",
    "home": "Home",
    "end": "End",
    "pageup": "Page Up",
    "pagedown": "Page Down",
    "question_mark": "?",
    "slash": "/",
    "plus": "+",
    "minus": "-",
}

# Better words for the stock widgets' own bindings ("Up: Up" says nothing).
STOCK_DESCRIPTIONS = {
    "cursor_up": "Previous item",
    "cursor_down": "Next item",
    "cursor_left": "Move left",
    "cursor_right": "Move right",
    "first": "First item",
    "last": "Last item",
    "page_up": "Page up",
    "page_down": "Page down",
    "page_left": "Page left",
    "page_right": "Page right",
    "scroll_left": "Scroll left",
    "scroll_right": "Scroll right",
    "scroll_home": "Scroll to the start",
    "scroll_end": "Scroll to the end",
    "select": "Choose the highlighted item",
    "select_cursor": "Choose the highlighted row",
    "press": "Press the button",
    "toggle_button": "Switch on or off",
    "app.focus_next": "Next control",
    "app.focus_previous": "Previous control",
    "screen.copy_text": "Copy the selected text",
    "submit": "Submit",
}

_MODIFIERS = {"ctrl": "Ctrl", "alt": "Alt", "shift": "Shift", "meta": "Meta", "super": "Super"}


def key_words(key: str) -> str:
    """``"ctrl+p"`` -> ``"Ctrl+P"``, ``"f1"`` -> ``"F1"``, ``"escape"`` -> ``"Escape"``."""
    parts = key.split("+")
    *mods, last = parts
    words = [_MODIFIERS.get(m, m.capitalize()) for m in mods]
    if last in _WORDS:
        words.append(_WORDS[last])
    elif len(last) == 1 or last.startswith("f") and last[1:].isdigit():
        words.append(last.upper())
    else:
        words.append(last.replace("_", " ").capitalize())
    return "+".join(words)


def binding_keys_words(binding: Binding) -> str:
    """All keys of a binding ("f1,alt+h") in words: "F1 or Alt+H"."""
    if binding.key_display:
        return binding.key_display
    return " or ".join(key_words(k.strip()) for k in binding.key.split(","))


@dataclass(frozen=True)
class KeyRow:
    """One action the user can take on a screen, with every key that does it."""

    keys: str
    description: str
    action: str
    node: DOMNode
    enabled: bool
    binding_id: str | None

    @property
    def line(self) -> str:
        return f"{self.keys}: {self.description}"


def key_rows(screen: Screen[object], *, include_widget_keys: bool = True) -> list[KeyRow]:
    """Every binding active on ``screen`` (focused widget, its ancestors, screen, app),
    one row per action, keys joined, in the order Textual checks them."""
    app_node = screen.app
    grouped: dict[tuple[int, str], list[str]] = {}
    first: dict[tuple[int, str], tuple[DOMNode, Binding, bool]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description:
            continue
        if not include_widget_keys and binding.id is None:
            continue
        group = (id(active.node), binding.action)
        grouped.setdefault(group, []).append(key)
        first.setdefault(group, (active.node, binding, active.enabled))
    rows: list[KeyRow] = []
    for group, keys in grouped.items():
        node, binding, enabled = first[group]
        display = binding.key_display or " or ".join(key_words(k) for k in keys)
        description = binding.description
        if binding.id is None:
            description = STOCK_DESCRIPTIONS.get(binding.action, description)
        rows.append(
            KeyRow(
                keys=display,
                description=description,
                action=binding.action,
                node=node,
                enabled=enabled,
                binding_id=binding.id,
            )
        )

    # The console's own keys (app, then screen) first; then the focused control's.
    def rank(row: KeyRow) -> int:
        if row.action.startswith("focus_move"):
            return 1  # Tab and Shift+Tab: the app's (see CscApp.BINDINGS), listed as the screen's
        if row.node is app_node:
            return 0
        if row.node is screen:
            return 1
        return 2

    return sorted(rows, key=rank)
