"""Read models of the radio log and the board as the widgets' text (no Textual here)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from csc_console.desks.dispatch import say
from csc_console.services.dispatch import BoardRow, EntryPublic, _duration
from csc_console.services.text import printable
from csc_console.widgets.radio import BoardLine

#: the board's columns and their widths (cells are cut to fit; the focus line reads them whole)
BOARD_COLUMNS: Sequence[tuple[str, int]] = (
    ("Status", 22),
    ("Unit", 6),
    ("In status", 11),
    ("Work order or place", 32),
    ("Check-in", 20),
)


def stale_cell(row: BoardRow) -> str:
    """The check-in column: "STALE: over 90 min" (the focus line says it in full)."""
    return f"STALE: over {row.stale_limit} min" if row.stale else ""


def board_line(row: BoardRow) -> BoardLine:
    where = " @ ".join(p for p in (row.work_order or "", printable(row.location)) if p)
    return BoardLine(
        key=row.unit,
        cells=(row.status_name, row.unit, _duration(row.minutes), where, stale_cell(row)),
        spoken=row.line(),
    )


def board_lines(rows: Iterable[BoardRow]) -> list[BoardLine]:
    return [board_line(r) for r in rows]


LOG_CACHE = 200


def log_entries(entries: Iterable[EntryPublic], zone: Any, known: dict[int, str] | None = None) -> list[tuple[int, str]]:
    """``(id, "#12 10:42:05 PW12 On scene WO-2026-000123: patched")``: the number a correction
    names comes first. ``known``: lines already made, by entry id (the log is append-only, so
    an entry's line never changes); new ones are added to it."""
    if known is None:
        return [(e.id, say.entry_line(e, zone)) for e in entries]
    if len(known) > 4 * LOG_CACHE:
        known.clear()
    out = []
    for e in entries:
        line = known.get(e.id)
        if line is None:
            line = known[e.id] = say.entry_line(e, zone)
        out.append((e.id, line))
    return out
