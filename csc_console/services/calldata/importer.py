"""Importing the phone system's call-detail records (see docs/call-detail-import.md).

One pass over the file, ``CHUNK`` rows at a time (never the whole file in memory); each chunk
is one transaction:

1. rows are checked; a bad row is reported with its line number and skipped;
2. rows whose call id is already some call's ``external_id`` were imported before: unchanged,
   or updated when the phone system's times differ now (so running twice changes nothing);
3. an answered row is matched to a call the CSR logged: same agent (operator username), a
   queue call with no ``external_id`` yet, answered within ``tolerance_seconds`` of the phone
   system's answer time (the nearest wins, each call once). The match gets the phone system's
   queued, answered and ended times, hold seconds and call id (after-call work is kept; its end
   moves up to the new end of the call if it lay before it);
4. an abandoned row becomes a call of its own (status abandoned, no CSR): the CSRs never saw
   it, yet it counts in the figures; an answered row nobody logged becomes a call of its own
   too (``unmatched="create"``, the default, with the agent as its CSR and no after-call work),
   or is only reported (``unmatched="report"``). Both kinds are listed with line numbers.

One summary audit event records the import (bulk writes bypass the per-row ORM audit).
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, TextIO

from sqlalchemy import insert, select

from csc_console.db.models import AuditEvent
from csc_console.db.types import utcnow
from csc_console.errors import ValidationError
from csc_console.services.calldata.mapping import (
    FIELD_WORDS,
    CdrMapping,
    CdrRow,
    RowError,
    RowReader,
)
from csc_console.services.calldata.matching import match_rows, naive_utc
from csc_console.services.calldata.writes import Writer
from csc_console.services.context import Ctx
from csc_console.services.kpi import CALL, OPERATOR

CHUNK = 2000
MAX_LISTED = 1000  # problems kept for the summary; the rest are only counted

Unmatched = Literal["create", "report"]


@dataclass(frozen=True)
class Problem:
    line: int
    message: str

    def text(self) -> str:
        return f"Line {self.line:,}: {self.message}."


@dataclass
class ImportSummary:
    file: str
    rows: int = 0
    matched: int = 0
    created_abandoned: int = 0
    created_unmatched: int = 0
    updated: int = 0
    unchanged: int = 0
    bad: int = 0
    unmatched_reported: int = 0
    bad_rows: list[Problem] = field(default_factory=list)
    unmatched_rows: list[Problem] = field(default_factory=list)
    unknown_agents: Counter[str] = field(default_factory=Counter)

    @property
    def created(self) -> int:
        return self.created_abandoned + self.created_unmatched

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "rows": self.rows,
            "matched": self.matched,
            "created": self.created,
            "created_abandoned": self.created_abandoned,
            "created_unmatched": self.created_unmatched,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "bad": self.bad,
            "unmatched_reported": self.unmatched_reported,
            "bad_rows": [{"line": p.line, "problem": p.message} for p in self.bad_rows],
            "unmatched_rows": [{"line": p.line, "call": p.message} for p in self.unmatched_rows],
            "unknown_agents": dict(self.unknown_agents),
        }

    def _bad(self, line: int, message: str) -> None:
        self.bad += 1
        if len(self.bad_rows) < MAX_LISTED:
            self.bad_rows.append(Problem(line, message))

    def _unmatched(self, row: CdrRow) -> None:
        if len(self.unmatched_rows) < MAX_LISTED:
            self.unmatched_rows.append(
                Problem(row.line, f"call {row.call_id}, agent {row.agent or 'none'}")
            )


# --------------------------------------------------------------------------- reading
def open_csv(path: Path) -> TextIO:
    """The file for reading; a ``ValidationError`` (a sentence) when it cannot be opened."""
    try:
        return path.open("r", encoding="utf-8-sig", errors="replace", newline="")
    except FileNotFoundError:
        raise ValidationError(f"There is no file {path}.") from None
    except IsADirectoryError:
        raise ValidationError(f"{path} is a folder, not a call-detail file.") from None
    except OSError as exc:
        raise ValidationError(f"Cannot read {path}: {exc.strerror or exc}.") from None


def _chunks(
    reader: Any, parse: RowReader, summary: ImportSummary
) -> Iterator[list[CdrRow]]:
    chunk: list[CdrRow] = []
    while True:
        try:
            raw = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            summary.rows += 1
            summary._bad(reader.line_num, f"it cannot be read as CSV ({exc})")
            continue
        if not raw or (len(raw) == 1 and not raw[0].strip()):
            continue  # a blank line
        summary.rows += 1
        try:
            chunk.append(parse.parse(raw, reader.line_num))
        except RowError as exc:
            summary._bad(reader.line_num, str(exc))
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def import_calls(
    ctx: Ctx,
    *,
    path: Path,
    mapping: CdrMapping | None = None,
    unmatched: Unmatched = "create",
    now: datetime | None = None,
) -> ImportSummary:
    """Import one call-detail CSV; see the module docstring. A file that cannot be read at all
    (missing, no header, required columns absent) raises ``ValidationError``; a bad row never
    does."""
    if unmatched not in ("create", "report"):
        raise ValidationError("Unmatched rows are either created or reported.")
    mapping = mapping or CdrMapping()
    zone = mapping.zone(ctx.zone)
    summary = ImportSummary(file=str(path))
    with open_csv(path) as fh:
        reader = csv.reader(fh, delimiter=mapping.delimiter)
        try:
            header = next(reader)
        except StopIteration:
            raise ValidationError(f"{path} is empty: a call-detail file starts with a header row.") from None
        except csv.Error as exc:
            raise ValidationError(f"{path} cannot be read as CSV: {exc}.") from None
        parse = RowReader(mapping, header, zone)
        if parse.missing:
            raise ValidationError(
                f"{path} has no column for the {', '.join(parse.missing)}. Name the columns "
                "with --map FIELD=COLUMN or a mapping file (docs/call-detail-import.md)."
            )
        with ctx.db.session() as s:
            agents = {
                str(u).lower(): int(i)
                for u, i in s.execute(select(OPERATOR.c.username, OPERATOR.c.id))
            }
        for chunk in _chunks(reader, parse, summary):
            _import_chunk(ctx, chunk, agents, mapping, unmatched, summary, now or utcnow())
    _audit(ctx, summary, mapping)
    return summary


# --------------------------------------------------------------------------- one chunk
def _import_chunk(
    ctx: Ctx,
    rows: list[CdrRow],
    agents: dict[str, int],
    mapping: CdrMapping,
    unmatched: Unmatched,
    summary: ImportSummary,
    now: datetime,
) -> None:
    first_line: dict[str, int] = {}
    unique: list[CdrRow] = []
    for row in rows:
        seen = first_line.get(row.call_id)
        if seen is not None:
            summary._bad(row.line, f"call id {row.call_id} appears again (first on line {seen:,})")
            continue
        first_line[row.call_id] = row.line
        unique.append(row)
    updates: list[tuple[Any, ...]] = []
    inserts: list[tuple[Any, ...]] = []
    writer = Writer(ctx.db.dialect)
    with ctx.db.session(write=True) as s:
        existing = {
            r.external_id: r
            for r in s.execute(
                select(
                    CALL.c.id,
                    CALL.c.external_id,
                    CALL.c.queued_at,
                    CALL.c.answered_at,
                    CALL.c.ended_at,
                    CALL.c.hold_seconds,
                ).where(CALL.c.external_id.in_([r.call_id for r in unique]))
            )
        }
        fresh: list[CdrRow] = []
        for row in unique:
            old = existing.get(row.call_id)
            if old is None:
                fresh.append(row)
            elif (
                naive_utc(old.queued_at),
                naive_utc(old.answered_at),
                naive_utc(old.ended_at),
                old.hold_seconds,
            ) == (
                row.queued,
                row.answered,
                row.ended,
                row.hold_seconds,
            ):
                summary.unchanged += 1
            else:
                summary.updated += 1
                updates.append(writer.update_values(old.id, row, now))
        answered = [r for r in fresh if r.answered is not None and r.agent in agents]
        matches = match_rows(s, answered, agents, mapping.tolerance_seconds)
        for row in fresh:
            call_id = matches.get(row.line)
            if call_id is not None:
                summary.matched += 1
                updates.append(writer.update_values(call_id, row, now))
                continue
            if row.answered is None:
                summary.created_abandoned += 1
                inserts.append(writer.insert_values(row, None, now))
                continue
            if row.agent and row.agent not in agents and len(summary.unknown_agents) < 100:
                summary.unknown_agents[row.agent] += 1
            summary._unmatched(row)
            if unmatched == "create":
                summary.created_unmatched += 1
                inserts.append(writer.insert_values(row, agents.get(row.agent or ""), now))
            else:
                summary.unmatched_reported += 1
        writer.write(s, updates, inserts)


def _audit(ctx: Ctx, summary: ImportSummary, mapping: CdrMapping) -> None:
    changes: dict[str, Any] = {
        k: v for k, v in summary.as_dict().items() if isinstance(v, int | str)
    }
    changes["columns"] = {FIELD_WORDS.get(k, k): v for k, v in mapping.columns.items()}
    with ctx.db.session(write=True) as s:
        s.execute(
            insert(AuditEvent).values(
                at=utcnow(),
                operator_id=ctx.operator_id,
                entity="call",
                entity_id="call-detail import",
                action="import",
                changes=changes,
                note=f"call-detail records from {Path(summary.file).name}",
            )
        )
