"""``csc-console calls list|show`` and ``csc-console relay transcript|purge``."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from csc_console.cli.common import add_format, open_ctx
from csc_console.config import Settings

if TYPE_CHECKING:
    from csc_console.services.context import Ctx


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-26") from None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("calls", help="list and show calls (relay details and transcripts included)")
    csub = p.add_subparsers(dest="calls_command", metavar="ACTION", required=True)
    ls = csub.add_parser("list", help="calls, newest first")
    ls.add_argument("--channel")
    ls.add_argument("--since", type=_date, metavar="DATE")
    ls.add_argument("--limit", type=int, default=200)
    add_format(ls, "text", "json", "csv")
    ls.set_defaults(func=_list)
    sh = csub.add_parser("show", help="one call")
    sh.add_argument("id", type=int)
    add_format(sh, "text", "json")
    sh.set_defaults(func=_show)

    r = sub.add_parser("relay", help="relay-call transcripts: plain-text record, retention")
    rsub = r.add_subparsers(dest="relay_command", metavar="ACTION", required=True)
    tr = rsub.add_parser("transcript", help="the plain-text record of a relay call")
    tr.add_argument("id", type=int)
    tr.add_argument("--output", "-o", metavar="FILE")
    tr.set_defaults(func=_transcript)
    pg = rsub.add_parser("purge", help="delete transcript turns (supervisors)")
    grp = pg.add_mutually_exclusive_group(required=True)
    grp.add_argument("--call", type=int, metavar="ID")
    grp.add_argument("--before", type=_date, metavar="DATE", help="calls that queued before DATE")
    pg.set_defaults(func=_purge)


def _list(args: argparse.Namespace, settings: Settings) -> int:
    import csv

    from csc_console.cli.output import emit_json, emit_lines
    from csc_console.desks.readback import call_summary
    from csc_console.errors import ValidationError
    from csc_console.services.calls import CALL_CSV_COLUMNS, list_calls
    from csc_console.services.text import printable

    if not 1 <= args.limit <= 100_000:
        raise ValidationError("--limit must be between 1 and 100,000.")
    ctx = open_ctx(settings)
    since = datetime.combine(args.since, time(0), tzinfo=ctx.zone) if args.since else None
    rows = list_calls(ctx, channel=args.channel, since=since, limit=args.limit)
    if args.format == "json":
        emit_json([r.to_json() for r in rows])
    elif args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(CALL_CSV_COLUMNS), extrasaction="ignore")
        writer.writeheader()
        for r in rows:
            data = r.to_json()
            data["requests"] = " ".join(r.requests)
            data["topics"] = " ".join(r.call.topics)
            writer.writerow({k: printable(v) if isinstance(v, str) else v for k, v in data.items()})
    else:
        emit_lines(call_summary(r, ctx.zone) for r in rows)
    return 0


def _show(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.cli.output import emit_json, emit_lines
    from csc_console.desks.readback import call_lines
    from csc_console.services.calls import show_call

    ctx = open_ctx(settings)
    detail = show_call(ctx, call_id=args.id)
    if args.format == "json":
        emit_json(detail.to_json())
    else:
        lines = call_lines(detail, ctx.zone)
        if detail.call.topics:
            lines.append(f"Topics: {', '.join(_entry_name(ctx, code) for code in detail.call.topics)}")
        emit_lines(lines)
    return 0


def _entry_name(ctx: Ctx, code: str) -> str:
    from csc_console.errors import CscError

    try:
        return ctx.catalog.entry(code).name
    except CscError:
        return code


def _transcript(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.services.relay import transcript_text

    text = transcript_text(open_ctx(settings), call_id=args.id)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:  # noqa: PTH123
            fh.write(text)
        print(f"Wrote {args.output}.")
    else:
        sys.stdout.write(text)
    return 0


def _purge(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.services.relay import purge_older_than, purge_transcript

    ctx = open_ctx(settings, signed_in=True)
    if args.call is not None:
        n = purge_transcript(ctx, call_id=args.call)
    else:
        n = purge_older_than(ctx, before=datetime.combine(args.before, time(0), tzinfo=ctx.zone))
    print(f"Deleted {n} transcript turn{'s' if n != 1 else ''}.")
    return 0
