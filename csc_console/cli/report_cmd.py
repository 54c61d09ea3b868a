"""``csc-console report``: the centre's figures, for a year or any range, whole or grouped.

    csc-console report --year 2022
    csc-console report --from 2022-03-01 --to 2022-03-31 --by day --format csv
    csc-console report --year 2022 --by csr --formula offered
    csc-console report --year 2022 --csr jchen --by month

Ungrouped, text is one figure per line, label first, numbers written out so a screen reader
reads them well ("Average speed of answer: 199 seconds (3 minutes 19 seconds)"); CSV is one
header row and one data row; JSON is one object. Grouped (``--by``), CSV and JSON have one row
per group with the same columns plus the group key (named after the grouping: ``month``,
``csr``, ...), and text has one group per line, label first, then the total. All carry the
period (``from`` and ``to``, both inclusive) and the service-level formula.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING, Any

from csc_console.config import Settings

if TYPE_CHECKING:
    from csc_console.services.reports import GroupedReport

COLUMNS = (
    "from",
    "to",
    "calls_offered",
    "calls_answered",
    "calls_abandoned",
    "short_abandons",
    "short_abandon_threshold_seconds",
    "asa_seconds",
    "service_level_pct",
    "service_level_threshold_seconds",
    "answered_within_threshold",
    "service_level_formula",
    "handled_calls",
    "aht_seconds",
    "relay_calls_answered",
    "requests_received",
)


def _date_arg(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2022-03-31") from None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "report",
        help="the centre's figures (calls answered, answer delay, service level, handle time, requests)",
        description="Compute the centre's figures from the call and request records, for a "
        "year or a range of dates, for the whole centre or one CSR, whole or grouped.",
    )
    p.add_argument("--year", type=int, metavar="YEAR", help="calendar year (default: this year)")
    p.add_argument(
        "--from", dest="first", type=_date_arg, metavar="DATE", help="first day (default: 1 January of --to's year)"
    )
    p.add_argument(
        "--to", dest="last", type=_date_arg, metavar="DATE", help="last day, included (default: today)"
    )
    p.add_argument(
        "--by",
        choices=["day", "week", "month", "csr", "category", "channel"],
        help="one row per day, week (from Monday), month, CSR, request category or channel",
    )
    p.add_argument("--csr", metavar="USERNAME", help="one CSR's figures (calls they answered)")
    p.add_argument("--format", choices=["text", "json", "csv"], default="text")
    p.add_argument(
        "--formula",
        "--service-level-formula",
        dest="formula",
        choices=["answered", "offered", "offered_with_short"],
        default="answered",
        help="denominator of the service level: answered calls (default), calls offered "
        "(short abandons excluded), or answered plus every abandoned call",
    )
    p.set_defaults(func=_report)


def _range(args: argparse.Namespace, settings: Settings) -> tuple[date, date]:
    """Local dates [start, end) from --year or --from/--to."""
    from datetime import datetime, timedelta

    from csc_console.errors import ValidationError
    from csc_console.services.kpi import year_range

    today = datetime.now(settings.zone).date()
    if args.first is not None or args.last is not None:
        if args.year is not None:
            raise ValidationError("Give either --year or --from/--to, not both.", field="year")
        last = args.last if args.last is not None else today
        first = args.first if args.first is not None else date(last.year, 1, 1)
        if last < first:
            raise ValidationError(
                f"--to {last.isoformat()} is before --from {first.isoformat()}.", field="to"
            )
        return first, last + timedelta(days=1)
    year = args.year if args.year is not None else today.year
    if not 1900 <= year <= 9998:
        raise ValidationError(f"{year} is not a year the report can cover.", field="year")
    return year_range(year)


def _report(args: argparse.Namespace, settings: Settings) -> int:
    from csc_console.services.bootstrap import open_context
    from csc_console.services.kpi import figures
    from csc_console.services.reports import grouped

    start, end = _range(args, settings)
    ctx = open_context(settings)
    try:
        if args.by:
            report = grouped(
                ctx, start=start, end=end, by=args.by, formula=args.formula, operator=args.csr
            )
        else:
            result = figures(ctx, start=start, end=end, formula=args.formula, operator=args.csr)
            csr_name = None
            if args.csr:
                from csc_console.services.kpi import operator_ref

                with ctx.db.session() as s:
                    csr_name = operator_ref(s, args.csr)[1]
    finally:
        ctx.db.dispose()
    if args.by:
        _emit_grouped(report, args.format)
        return 0
    data = result.as_dict()
    if args.csr:
        data = {"csr": args.csr.strip().lower(), **data}
    if args.format == "json":
        from csc_console.cli.output import emit_json

        emit_json(data)
    elif args.format == "csv":
        from csc_console.cli.output import emit_csv

        emit_csv([data], (("csr",) if args.csr else ()) + COLUMNS)
    else:
        from csc_console.cli.output import emit_lines

        lines = text_lines(data)
        if csr_name is not None:
            lines.insert(1, f"CSR: {csr_name} ({data['csr']}); abandoned calls belong to no CSR")
        emit_lines(lines)
    return 0


def _emit_grouped(report: GroupedReport, fmt: str) -> None:
    rows = report.as_dicts()
    if fmt == "json":
        from csc_console.cli.output import emit_json

        emit_json(rows)
    elif fmt == "csv":
        from csc_console.cli.output import emit_csv

        emit_csv(rows, (report.by, *COLUMNS))
    else:
        from csc_console.cli.output import emit_lines
        from csc_console.desks.dashboard import grouped_lines

        emit_lines(grouped_lines(report))


# --------------------------------------------------------------------------- text
def _count(n: int) -> str:
    return f"{n:,}"


def duration(seconds: float) -> str:
    """ "199 seconds (3 minutes 19 seconds)": exact figure first, then a spoken form."""
    whole = round(seconds)
    shown = f"{seconds:,.1f}".removesuffix(".0")
    if whole < 60:
        return f"{shown} seconds"
    minutes, secs = divmod(whole, 60)
    parts = [f"{minutes} minute{'s' if minutes != 1 else ''}"]
    if secs:
        parts.append(f"{secs} second{'s' if secs != 1 else ''}")
    return f"{shown} seconds ({' '.join(parts)})"


def _day(d: date) -> str:
    return f"{d.day} {d.strftime('%B')} {d.year}"


def text_lines(data: dict[str, Any]) -> list[str]:
    start, last_day = date.fromisoformat(data["from"]), date.fromisoformat(data["to"])
    threshold = data["service_level_threshold_seconds"]
    short = data["short_abandon_threshold_seconds"]
    asa = data["asa_seconds"]
    aht = data["aht_seconds"]
    sl = data["service_level_pct"]
    return [
        f"Period: {_day(start)} to {_day(last_day)}",
        f"Calls offered: {_count(data['calls_offered'])}",
        f"Calls answered: {_count(data['calls_answered'])}",
        f"Calls abandoned: {_count(data['calls_abandoned'])}",
        f"Short abandons (under {short} seconds, not counted as abandoned): "
        f"{_count(data['short_abandons'])}",
        "Average speed of answer: " + (duration(asa) if asa is not None else "no answered calls"),
        f"Service level: {sl:.1f}% answered within {threshold} seconds"
        if sl is not None
        else f"Service level: no calls (threshold {threshold} seconds)",
        f"Service level formula: {data['service_level_formula']}",
        "Average handle time: " + (duration(aht) if aht is not None else "no handled calls"),
        f"Relay calls answered: {_count(data['relay_calls_answered'])}",
        f"Requests received: {_count(data['requests_received'])}",
    ]
