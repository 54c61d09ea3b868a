"""``csc-console import calls FILE``: the phone system's call-detail records (registered under
``import`` by ``import_cmd``).

    csc-console import calls cdr-2022.csv
    csc-console import calls export.csv --map call_id="Call ID" --map agent="Agent Login"
    csc-console import calls export.csv --mapping avaya.toml --unmatched report

Prints a summary (rows read, matched, created, updated, unchanged, bad), then the bad rows and
the answered calls no CSR logged, with line numbers. Exit status 0 even when rows were bad;
non-zero only when the file cannot be read at all (missing, empty, or a required column
absent). The format is in docs/call-detail-import.md.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from csc_console.config import Settings

if TYPE_CHECKING:
    from csc_console.services.calldata import ImportSummary

LISTED_UNMATCHED = 50


def register(isub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``calls`` to the ``import`` command's actions."""
    c = isub.add_parser(
        "calls",
        help="call-detail records (CSV) from the phone system",
        description="Read the phone system's call-detail CSV, match its rows to the calls the "
        "CSRs logged (same agent, answered within the tolerance) and record queue, answer and "
        "hold times; abandoned calls become calls of their own. Safe to run twice.",
    )
    c.add_argument("file", type=Path, metavar="FILE")
    c.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="the file's column for a field (call_id, queued, answered, ended, agent, "
        "hold_seconds, result, channel); repeatable",
    )
    c.add_argument("--mapping", type=Path, metavar="TOML", help="a mapping file (columns, time format)")
    c.add_argument("--time-format", metavar="FORMAT", help="strptime format of the times (default ISO 8601)")
    c.add_argument("--timezone", metavar="ZONE", help="zone of times without an offset (default the city's)")
    c.add_argument("--delimiter", metavar="CHAR", help="field separator (default a comma)")
    c.add_argument(
        "--tolerance",
        type=int,
        metavar="SECONDS",
        help="how far apart the phone system's and the console's answer times may be (default 120)",
    )
    c.add_argument(
        "--unmatched",
        choices=["create", "report"],
        default="create",
        help="answered calls no CSR logged: create them as calls (default) or only report them",
    )
    c.add_argument("--format", choices=["text", "json"], default="text", help="summary format")
    c.set_defaults(func=_import_calls)


def _import_calls(args: argparse.Namespace, settings: Settings) -> int:
    from dataclasses import replace

    from csc_console.cli.common import open_ctx
    from csc_console.errors import ValidationError
    from csc_console.services.calldata import (
        CdrMapping,
        import_calls,
        load_mapping,
        parse_map_option,
    )

    mapping = load_mapping(args.mapping) if args.mapping else CdrMapping()
    mapping = mapping.with_columns(dict(parse_map_option(m) for m in args.map))
    if args.time_format:
        mapping = replace(mapping, time_format=args.time_format)
    if args.timezone:
        mapping = replace(mapping, timezone=args.timezone)
    if args.delimiter:
        if len(args.delimiter) != 1:
            raise ValidationError("--delimiter takes one character.")
        mapping = replace(mapping, delimiter=args.delimiter)
    if args.tolerance is not None:
        if not 0 <= args.tolerance <= 3600:
            raise ValidationError("--tolerance takes 0 to 3600 seconds.")
        mapping = replace(mapping, tolerance_seconds=args.tolerance)
    ctx = open_ctx(settings, signed_in=bool(settings.operator))
    try:
        summary = import_calls(ctx, path=args.file, mapping=mapping, unmatched=args.unmatched)
    finally:
        ctx.db.dispose()
    if args.format == "json":
        from csc_console.cli.output import emit_json

        emit_json(summary.as_dict())
    else:
        from csc_console.cli.output import emit_lines

        emit_lines(summary_lines(summary, unmatched=args.unmatched))
    return 0


def summary_lines(summary: ImportSummary, *, unmatched: str = "create") -> list[str]:
    s = summary
    lines = [
        f"Call-detail records imported from {s.file}.",
        f"Rows read: {s.rows:,}",
        f"Matched to calls the CSRs logged: {s.matched:,}",
        f"Created: {s.created:,} ({s.created_abandoned:,} abandoned calls the CSRs never "
        f"saw, {s.created_unmatched:,} answered calls no CSR logged)",
        f"Updated (imported before, changed since): {s.updated:,}",
        f"Unchanged (imported before): {s.unchanged:,}",
        f"Bad rows (not imported): {s.bad:,}",
    ]
    if unmatched == "report":
        lines.append(f"Answered calls no CSR logged, reported only: {s.unmatched_reported:,}")
    if s.unknown_agents:
        names = ", ".join(f"{n} ({c:,})" for n, c in s.unknown_agents.most_common(10))
        lines.append(f"Agents who are not operators: {names}")
    lines += [p.text() for p in s.bad_rows]
    if s.bad > len(s.bad_rows):
        lines.append(f"And {s.bad - len(s.bad_rows):,} more bad rows.")
    shown = s.unmatched_rows[:LISTED_UNMATCHED]
    total_unmatched = s.created_unmatched + s.unmatched_reported
    if shown:
        what = "created as calls of their own" if unmatched == "create" else "not imported"
        lines.append(f"Answered calls no CSR logged ({what}):")
        lines += [p.text() for p in shown]
        if total_unmatched > len(shown):
            lines.append(f"And {total_unmatched - len(shown):,} more; --format json lists up to 1,000.")
    return lines
