"""``csc-console dispatch log|line|checkin|board|log-list``."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from csc_console.cli.common import add_format, open_ctx
from csc_console.config import Settings


def _time(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a time like 2026-11-26T07:00 or 2026-11-26") from None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("dispatch", help="radio log and unit status board")
    dsub = p.add_subparsers(dest="dispatch_command", metavar="ACTION", required=True)

    lg = dsub.add_parser("log", help="log a unit's status (needs --operator)")
    lg.add_argument("unit")
    lg.add_argument("status", help="status word or short key (os, er, av, oos, ...); 'note' for none")
    lg.add_argument("--wo", metavar="NUMBER", help="the work order it is about")
    lg.add_argument("--message", default="")
    lg.add_argument("--location")
    lg.add_argument("--to", action="store_true", help="a message sent to the unit")
    add_format(lg, "text", "json")
    lg.set_defaults(func=_log)

    ln = dsub.add_parser("line", help='log a command line, e.g. "PW12 os WO-2026-000123 patched"')
    ln.add_argument("text")
    add_format(ln, "text", "json")
    ln.set_defaults(func=_line)

    ci = dsub.add_parser("checkin", help="record a unit's check-in (restarts its stale clock)")
    ci.add_argument("unit")
    ci.set_defaults(func=_checkin)

    bd = dsub.add_parser("board", help="every unit's status, status first")
    add_format(bd, "text", "json")
    bd.set_defaults(func=_board)

    ll = dsub.add_parser("log-list", help="the radio log, newest at the bottom")
    ll.add_argument("--unit")
    ll.add_argument("--wo", metavar="NUMBER")
    ll.add_argument("--search")
    ll.add_argument("--since", type=_time, metavar="TIME")
    ll.add_argument("--until", type=_time, metavar="TIME")
    ll.add_argument("--limit", type=int, default=500)
    add_format(ll, "text", "json", "csv")
    ll.set_defaults(func=_log_list)


def _show(result, fmt: str) -> None:  # type: ignore[no-untyped-def]
    from csc_console.cli.output import emit_json, emit_lines

    if fmt == "json":
        emit_json({**result.entry.to_json(), "work_order_status": result.work_order_status,
                   "ask_completed": result.ask_completed})
    else:
        emit_lines([result.said])


def _log(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.errors import ValidationError
    from csc_console.services.dispatch import log_entry
    from csc_console.services.radio_grammar import RadioCommand, match_status, status_suggestions
    from csc_console.vocab import Direction

    ctx = open_ctx(settings, signed_in=True)
    units = {u.call_sign: u for u in ctx.catalog.units}
    unit = args.unit.strip().upper()
    if unit not in units:
        ctx.catalog.unit(unit)  # NotFound with the unit's name
    status = None
    if args.status.lower() != "note":
        matched = match_status(args.status.split(), ctx.catalog.dispatch_statuses)
        if matched is None or matched[1] != len(args.status.split()):
            near, _ = status_suggestions(args.status, ctx.catalog.dispatch_statuses)
            hint = f" Did you mean {', '.join(near)}?" if near else ""
            raise ValidationError(f"Unknown status {args.status!r}.{hint}", field="status")
        status = matched[0]
    if status is None and not args.message.strip() and not args.wo:
        raise ValidationError("A note needs --message.", field="message")
    wo = None
    if args.wo:
        from csc_console.services.radio_grammar import wo_number

        wo = wo_number(args.wo.strip())
        if wo is None:
            raise ValidationError(f"{args.wo!r} is not a work-order number (like WO-2026-000123).")
    direction = Direction.TO_UNIT if args.to or (status and status.base == "dispatched") else Direction.FROM_UNIT
    cmd = RadioCommand(unit=unit, status=status, work_order=wo, message=args.message, location=args.location, direction=direction)
    _show(log_entry(ctx, cmd), args.format)
    return 0


def _line(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.services.dispatch import log_command

    _show(log_command(open_ctx(settings, signed_in=True), args.text), args.format)
    return 0


def _checkin(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.services.dispatch import check_in

    print(check_in(open_ctx(settings, signed_in=True), unit=args.unit).said)
    return 0


def _board(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.cli.output import emit_json, emit_lines
    from csc_console.services.dispatch import board

    rows = board(open_ctx(settings))
    if args.format == "json":
        emit_json([r.to_json() for r in rows])
    else:
        emit_lines(r.line() for r in rows)
    return 0


def _log_list(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.cli.output import emit_json, emit_lines
    from csc_console.errors import ValidationError
    from csc_console.services.dispatch import LogQuery, export_log_csv, list_log

    if not 1 <= args.limit <= 100_000:
        raise ValidationError("--limit must be between 1 and 100,000.")
    ctx = open_ctx(settings)

    def aware(t: datetime | None) -> datetime | None:
        return t.replace(tzinfo=ctx.zone) if t is not None and t.tzinfo is None else t

    query = LogQuery(unit=args.unit, work_order=args.wo, text=args.search, since=aware(args.since), until=aware(args.until))
    if args.format == "csv":
        export_log_csv(ctx, sys.stdout, query, limit=args.limit)
    elif args.format == "json":
        emit_json([e.to_json() for e in list_log(ctx, query, limit=args.limit)])
    else:
        emit_lines(e.line(ctx.zone) for e in list_log(ctx, query, limit=args.limit))
    return 0
