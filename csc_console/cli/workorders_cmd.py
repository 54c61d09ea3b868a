"""``csc-console workorders list|show|update|create|reopen|escalate|sheet``."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from csc_console.cli.common import add_format, open_ctx
from csc_console.config import Settings


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-26") from None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("workorders", help="work-order queues, changes and crew sheets")
    wsub = p.add_subparsers(dest="workorders_command", metavar="ACTION", required=True)

    ls = wsub.add_parser("list", help="a filtered queue, due first")
    ls.add_argument("--department")
    ls.add_argument("--division")
    ls.add_argument("--crew")
    ls.add_argument("--status", action="append", help="repeatable; default: every open status; 'all' for any")
    ls.add_argument("--category")
    ls.add_argument("--priority")
    ls.add_argument("--overdue", action="store_true")
    ls.add_argument("--search", help="text in the number, address or description")
    ls.add_argument("--sort", choices=["due", "created", "priority", "number"], default="due")
    ls.add_argument("--limit", type=int, default=100)
    ls.add_argument("--offset", type=int, default=0)
    add_format(ls, "text", "json", "csv")
    ls.set_defaults(func=_list)

    sh = wsub.add_parser("show", help="one work order with its history")
    sh.add_argument("number")
    add_format(sh, "text", "json")
    sh.set_defaults(func=_show)

    up = wsub.add_parser("update", help="change status, crew, priority; add a note (needs --operator)")
    up.add_argument("number")
    up.add_argument("--status")
    up.add_argument("--crew")
    up.add_argument("--priority")
    up.add_argument("--note")
    up.add_argument("--reason", help="why it is on hold or cancelled")
    up.add_argument("--resolution", help="what was done (needed to complete)")
    add_format(up, "text", "json")
    up.set_defaults(func=_update)

    cr = wsub.add_parser("create", help="crew-found work with no caller (needs --operator)")
    cr.add_argument("--category", required=True)
    cr.add_argument("--address", required=True)
    cr.add_argument("--description", required=True)
    cr.add_argument("--crew")
    cr.add_argument("--priority")
    cr.add_argument("--unverified-address", action="store_true")
    cr.add_argument("--request", help="add the work order to this existing request instead")
    add_format(cr, "text", "json")
    cr.set_defaults(func=_create)

    ro = wsub.add_parser("reopen", help="reopen a completed or cancelled work order (supervisors)")
    ro.add_argument("number")
    ro.add_argument("--reason", required=True)
    add_format(ro, "text", "json")
    ro.set_defaults(func=_reopen)

    es = wsub.add_parser("escalate", help="raise the priority of overdue work orders (supervisors)")
    es.add_argument("--department")
    es.set_defaults(func=_escalate)

    st = wsub.add_parser("sheet", help="printable sheet: one work order, or a division's day")
    st.add_argument("number", nargs="?", help="one work order; omit for a department/division batch")
    st.add_argument("--department")
    st.add_argument("--division")
    st.add_argument("--date", type=_date, metavar="DAY")
    st.add_argument("--output", "-o", metavar="FILE", help="write to FILE (PDF needs a file or a pipe)")
    add_format(st, "text", "html", "pdf")
    st.set_defaults(func=_sheet)


def _filter(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from csc_console.services.queues import QueueFilter
    from csc_console.services.workorders import OPEN_STATUSES

    statuses = args.status or [s.value for s in OPEN_STATUSES]
    if statuses == ["all"]:
        statuses = []
    return QueueFilter(
        department=args.department,
        division=args.division,
        crew=args.crew,
        statuses=tuple(statuses),
        category=args.category,
        priority=args.priority,
        overdue=args.overdue,
        text=args.search,
    )


def _list(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.cli.output import emit_json, emit_lines
    from csc_console.desks.readback import work_order_summary
    from csc_console.services.queues import export_csv, list_queue

    ctx = open_ctx(settings)
    f = _filter(args)
    if args.format == "csv":
        export_csv(ctx, sys.stdout, f, sort=args.sort)
        return 0
    page = list_queue(ctx, f, sort=args.sort, offset=args.offset, limit=args.limit)
    if args.format == "json":
        emit_json([r.to_json() for r in page.rows])
    else:
        emit_lines([f"Work orders: {page.describe_total()} ({f.describe()})."])
        emit_lines(work_order_summary(r, ctx.zone) for r in page.rows)
    return 0


def _print(wo, fmt: str, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    from csc_console.cli.output import emit_json, emit_lines
    from csc_console.desks.readback import work_order_lines

    if fmt == "json":
        emit_json(wo.to_json())
    else:
        emit_lines(work_order_lines(wo, settings.zone))


def _show(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.services.workorders import get_work_order

    _print(get_work_order(open_ctx(settings), number=args.number), args.format, settings)
    return 0


def _update(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.services.workorders import Change, update_work_order

    ctx = open_ctx(settings, signed_in=True)
    change = Change(
        status=args.status, crew=args.crew, priority=args.priority, note=args.note,
        resolution=args.resolution, reason=args.reason,
    )
    _print(update_work_order(ctx, number=args.number, change=change), args.format, settings)
    return 0


def _create(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.services.workorders import add_work_order, create_direct

    ctx = open_ctx(settings, signed_in=True)
    if args.request:
        wo = add_work_order(ctx, request=args.request, crew=args.crew, description=args.description)
    else:
        wo = create_direct(
            ctx, category=args.category, address=args.address, description=args.description,
            crew=args.crew, priority=args.priority, unverified_address=args.unverified_address,
        )
    _print(wo, args.format, settings)
    return 0


def _reopen(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.services.workorders import reopen

    ctx = open_ctx(settings, signed_in=True)
    _print(reopen(ctx, number=args.number, reason=args.reason), args.format, settings)
    return 0


def _escalate(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.services.workorders import escalate_overdue

    ctx = open_ctx(settings, signed_in=True)
    result = escalate_overdue(ctx, department=args.department)
    print(f"Escalated {len(result.changed)} overdue work order{'s' if len(result.changed) != 1 else ''}.")
    for number in result.changed:
        print(number)
    return 0


def _sheet(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.errors import ValidationError
    from csc_console.services.sheets import division_sheet, render, work_order_sheet

    ctx = open_ctx(settings)
    if args.number:
        sheet = work_order_sheet(ctx, number=args.number)
    elif args.department:
        sheet = division_sheet(ctx, department=args.department, division=args.division, day=args.date)
    else:
        raise ValidationError("Give a work-order number, or --department (and --division, --date) for a batch.")
    content = render(ctx, sheet, args.format)
    if args.output:
        mode = "wb" if isinstance(content, bytes) else "w"
        with open(args.output, mode) as fh:  # noqa: PTH123
            fh.write(content)
        print(f"Wrote {args.output}.")
    elif isinstance(content, bytes):
        if sys.stdout.isatty():
            raise ValidationError("A PDF is not for the terminal: give --output FILE or pipe it.")
        sys.stdout.buffer.write(content)
    else:
        sys.stdout.write(content)
    return 0
