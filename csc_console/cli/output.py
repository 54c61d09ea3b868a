"""Printing command results as JSON, CSV or text; caller-supplied text is made printable."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any, TextIO

from csc_console.services.text import printable


def _default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "value"):  # enums
        return value.value
    raise TypeError(f"cannot serialise {type(value).__name__}")


def emit_json(data: Any, out: TextIO | None = None) -> None:
    """JSON keeps text exactly as stored (escapes are JSON escapes, so nothing reaches a
    terminal raw: ensure_ascii turns ESC into \\u001b)."""
    stream = out or sys.stdout
    json.dump(data, stream, default=_default, indent=2, ensure_ascii=True)
    stream.write("\n")


def emit_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str], out: TextIO | None = None) -> None:
    writer = csv.DictWriter(out or sys.stdout, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in columns})


def _cell(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, str):
        return printable(value)
    return value


def emit_lines(lines: Iterable[str], out: TextIO | None = None) -> None:
    stream = out or sys.stdout
    for line in lines:
        stream.write(printable(line) + "\n")
