"""Text from people and from outside systems: validated on the way in, made harmless on the way out.

Caller-supplied text is stored as typed (markup like ``[bold]`` and even escape sequences are
data, not instructions). Before any of it reaches a terminal it goes through ``printable``,
which turns every control character into a visible stand-in, so nothing typed by a caller can
move the cursor, change colours or retitle a window. Front ends additionally render such text
without markup parsing.
"""

from __future__ import annotations

import unicodedata
from datetime import datetime, tzinfo

from csc_console.errors import ValidationError

_VISIBLE = {"\t": "\t", "\n": "\n"}


def _control_name(ch: str) -> str:
    code = ord(ch)
    if code == 0x1B:
        return "<ESC>"
    if code < 0x20:
        return f"^{chr(code + 0x40)}"
    if code == 0x7F:
        return "^?"
    return f"<U+{code:04X}>"


def _is_control(ch: str) -> bool:
    cat = unicodedata.category(ch)
    # Cc: C0/C1 controls; Cf includes bidi overrides that can disguise text on screen.
    return cat == "Cc" or (cat == "Cf" and ch in _BIDI)


_BIDI = {
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
    "\u2066", "\u2067", "\u2068", "\u2069",
}


def printable(text: str | None, *, multiline: bool = False) -> str:
    """``text`` with every control character shown literally (ESC -> ``<ESC>``, BEL -> ``^G``).

    Newlines and tabs are kept when ``multiline``; otherwise they become spaces, so one record
    stays on one line (screen readers and braille displays read line by line).
    """
    if not text:
        return ""
    out: list[str] = []
    for ch in text:
        if ch in _VISIBLE:
            out.append(ch if multiline else " ")
        elif ch == "\r":
            out.append("" if multiline else " ")
        elif _is_control(ch):
            out.append(_control_name(ch))
        else:
            out.append(ch)
    return "".join(out)


def clean_text(
    value: str | None,
    *,
    field: str,
    max_length: int,
    required: bool = False,
    multiline: bool = False,
) -> str:
    """Validate free text for storage: trimmed, within ``max_length``, no NUL characters.

    Everything else (markup, escape sequences, other control characters) is kept as typed;
    display goes through ``printable``.
    """
    text = (value or "").strip()
    if not multiline:
        text = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    if required and not text:
        raise ValidationError(f"The {field} is required.", field=field)
    if "\x00" in text:
        raise ValidationError(
            f"The {field} contains a NUL character, which cannot be stored; remove it.", field=field
        )
    if len(text) > max_length:
        raise ValidationError(
            f"The {field} is {len(text):,} characters long; the limit is {max_length:,}. "
            "Shorten it (nothing you typed has been lost).",
            field=field,
        )
    return text


def when(moment: datetime | None, zone: tzinfo) -> str:
    """A moment as a record shows it: "Mon Dec 7, 2026 5:00 PM" in ``zone`` ("not set")."""
    if moment is None:
        return "not set"
    local = moment.astimezone(zone)
    hour = local.strftime("%I:%M %p").lstrip("0")
    return f"{local:%a %b} {local.day}, {local.year} {hour}"
