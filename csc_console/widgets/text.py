"""Text shown literally, and text read back out of widgets.

Widgets never parse markup in text that came from people or outside systems: a caller who
types ``[bold]`` sees ``[bold]``. Screens pass such text through
``csc_console.services.text.printable`` first; ``literal`` additionally makes any control
character that is still there visible (``<ESC>``, ``^G``, the same forms ``printable`` uses),
so nothing that reaches a widget can move the cursor or recolour the terminal.
"""

from __future__ import annotations

import re

from rich.text import Text
from textual.content import Content

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 0x1B:
        return "<ESC>"
    if code < 0x20:
        return f"^{chr(code + 0x40)}"
    if code == 0x7F:
        return "^?"
    return f"<U+{code:04X}>"


def visible_controls(text: str) -> str:
    """``text`` with control characters (except tab and newline) shown as visible stand-ins."""
    return _CONTROLS.sub(_visible, text)


def literal(text: str) -> Content:
    """``text`` as Textual content: no markup parsing, control characters made visible."""
    return Content(visible_controls(text))


def literal_rich(text: str) -> Text:
    """``text`` as a Rich ``Text`` (for widgets such as ``DataTable`` that parse ``str``)."""
    return Text(visible_controls(text), no_wrap=True, overflow="ellipsis")


def plain_text(value: object) -> str:
    """The words a visual shows, without styles (for announcements and tests)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, Content):
        return value.plain
    if isinstance(value, Text):
        return value.plain
    plain = getattr(value, "plain", None)
    if isinstance(plain, str):
        return plain
    return str(value)
