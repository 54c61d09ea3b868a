"""``csc-console report --year 2022 --format text|json|csv``: the centre's figures.

Text is one figure per line, label first, numbers written out so a screen reader reads them
well ("Average speed of answer: 199 seconds (3 minutes 19 seconds)"); CSV is one header row
and one data row; JSON is one object. All three carry the period (``from`` and ``to``, both
inclusive) and the service-level formula.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from csc_console.config import Settings

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


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "report",
        help="the centre's figures (calls answered, answer delay, service level, handle time, requests)",
        description="Compute the centre's figures from the call and request records.",
    )
    p.add_argument("--year", type=int, metavar="YEAR", help="calendar year (default: this year)")
    p.add_argument("--format", choices=["text", "json", "csv"], default="text")
    p.add_argument(
        "--service-level-formula",
        dest="formula",
        choices=["answered", "offered", "offered_with_short"],
        default="answered",
        help="denominator of the service level: answered calls (default), calls offered "
        "(short abandons excluded), or answered plus every abandoned call",
    )
    p.set_defaults(func=_report)


def _report(args: argparse.Namespace, settings: Settings) -> int:
    from datetime import datetime

    from csc_console.services.bootstrap import open_context
    from csc_console.services.kpi import figures, year_range

    year = args.year if args.year is not None else datetime.now(settings.zone).year
    if not 1900 <= year <= 9998:
        from csc_console.errors import ValidationError

        raise ValidationError(f"{year} is not a year the report can cover.", field="year")
    start, end = year_range(year)
    ctx = open_context(settings)
    try:
        result = figures(ctx, start=start, end=end, formula=args.formula)
    finally:
        ctx.db.dispose()
    data = result.as_dict()
    if args.format == "json":
        from csc_console.cli.output import emit_json

        emit_json(data)
    elif args.format == "csv":
        from csc_console.cli.output import emit_csv

        emit_csv([data], COLUMNS)
    else:
        from csc_console.cli.output import emit_lines

        emit_lines(text_lines(data))
    return 0


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
