"""The figures in words, one line each, label first: what the dashboard, the screen-reader mode
and ``report --format text`` say.

Lines carry no markup and no trailing full stop (the line mode adds one); numbers have
thousands separators, durations are spelled out ("3 minutes 19 seconds"), percentages read as
"52.0 percent", and every line stands on its own when read alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import timedelta
from typing import TYPE_CHECKING

from csc_console.services.periods import span_words

if TYPE_CHECKING:
    from csc_console.services.dashboard import CountLine, CsrLine, Trend
    from csc_console.services.kpi import Figures
    from csc_console.services.outliers import LongCall, Outliers
    from csc_console.services.overview import DepartmentWork
    from csc_console.services.reports import GroupedReport, GroupRow


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    word = singular if count == 1 else (plural_form or f"{singular}s")
    return f"{count:,} {word}"


def seconds_words(seconds: float) -> str:
    """``199.4`` -> "3 minutes 19 seconds"; ``42`` -> "42 seconds"."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(plural(hours, "hour"))
    if minutes:
        parts.append(plural(minutes, "minute"))
    if secs or not parts:
        parts.append(plural(secs, "second"))
    return " ".join(parts)


def percent(value: float | None) -> str:
    return "none" if value is None else f"{value:.1f} percent"


# --------------------------------------------------------------------------- one period
def abandoned_text(f: Figures) -> str:
    short = f.short_abandon_threshold_seconds
    if not short:
        return f"{f.calls_abandoned:,}"
    if not f.short_abandons:
        return f"{f.calls_abandoned:,} (short abandons, under {short} seconds, are not counted: none)"
    return (
        f"{f.calls_abandoned:,} (not counting {plural(f.short_abandons, 'short abandon')} "
        f"under {short} seconds)"
    )


def figure_lines(f: Figures, *, csr: bool = False) -> list[str]:
    """The figures of one period; ``csr`` for one CSR's (abandoned calls belong to nobody)."""
    threshold = f.service_level_threshold_seconds
    level = (
        f"{percent(f.service_level_pct)} answered within {threshold} seconds "
        f"({f.answered_within_threshold:,} of the calls counted)"
        if f.service_level_pct is not None
        else "none, no calls in this period"
    )
    asa = seconds_words(f.asa_seconds) if f.asa_seconds is not None else "no calls answered"
    aht = (
        f"{seconds_words(f.aht_seconds)} (talk, hold and after-call work, "
        f"{plural(f.handled_calls, 'handled call')})"
        if f.aht_seconds is not None
        else "no calls handled"
    )
    lines = [
        f"Calls offered: {f.calls_offered:,}",
        f"Calls answered: {f.calls_answered:,}",
        "Calls abandoned: not counted for one CSR (nobody answered them; see the whole centre)"
        if csr
        else f"Calls abandoned: {abandoned_text(f)}",
        f"Average answer delay: {asa}",
        f"Service level: {level}",
        f"Service level formula: {f.service_level_formula}",
        f"Average handle time: {aht}",
        f"Relay calls answered: {f.relay_calls_answered:,} (also in calls answered)",
        f"Requests received: {f.requests_received:,}",
    ]
    return lines


# --------------------------------------------------------------------------- groups
def group_line(row: GroupRow) -> str:
    """One group on one line, its label first."""
    f = row.figures
    parts = [
        f"{f.calls_offered:,} offered",
        f"{f.calls_answered:,} answered",
        f"{f.calls_abandoned:,} abandoned",
    ]
    if f.short_abandons:
        parts.append(f"{plural(f.short_abandons, 'short abandon')} not counted")
    if f.asa_seconds is not None:
        parts.append(f"average answer delay {seconds_words(f.asa_seconds)}")
    if f.service_level_pct is not None:
        parts.append(
            f"service level {percent(f.service_level_pct)} within "
            f"{f.service_level_threshold_seconds} seconds"
        )
    if f.aht_seconds is not None:
        parts.append(f"average handle time {seconds_words(f.aht_seconds)}")
    if f.relay_calls_answered:
        parts.append(plural(f.relay_calls_answered, "relay call") + " answered")
    parts.append(plural(f.requests_received, "request") + " received")
    return f"{row.label}: {', '.join(parts)}"


def grouped_lines(report: GroupedReport) -> list[str]:
    """Header lines, one line per group, and the total."""
    from csc_console.services.reports import GROUP_TITLES

    first = report.start
    last = report.total.last_day
    total = report.total
    who = f", {report.operator_name}" if report.operator_name else ""
    lines = [
        f"Period: {span_words(first, last)}{who}",
        f"Grouped by: {GROUP_TITLES.get(report.by, report.by)}, "
        f"{plural(len(report.rows), 'group')}",
        f"Service level formula: {total.service_level_formula}",
        f"Short abandons: calls abandoned within {total.short_abandon_threshold_seconds} "
        "seconds are not counted as offered or abandoned",
        "Calls: phone and relay calls through the queue; relay calls also counted apart",
    ]
    lines += [group_line(row) for row in report.rows]
    from csc_console.services.reports import GroupRow

    lines.append(group_line(GroupRow("", "Total", total)))
    return lines


# --------------------------------------------------------------------------- dashboard pieces
def count_lines(lines: Sequence[CountLine]) -> list[str]:
    return [f"{c.label}: {c.count:,}" for c in lines]


def work_order_lines(work: Iterable[DepartmentWork]) -> list[str]:
    return [
        f"{w.department}: {plural(w.open, 'open work order')}, {w.overdue:,} overdue"
        for w in work
    ]


def csr_line(line: CsrLine) -> str:
    f = line.figures
    parts = [f"{f.calls_answered:,} answered"]
    if f.asa_seconds is not None:
        parts.append(f"average answer delay {seconds_words(f.asa_seconds)}")
    if f.service_level_pct is not None:
        parts.append(f"service level {percent(f.service_level_pct)}")
    if f.aht_seconds is not None:
        parts.append(f"average handle time {seconds_words(f.aht_seconds)}")
    parts.append(plural(line.long_calls, "long call"))
    parts.append(plural(f.requests_received, "request") + " entered")
    return f"{line.name}: {', '.join(parts)}"


def outlier_rule(out: Outliers) -> str:
    if out.threshold_seconds is None or out.basis_aht_seconds is None:
        return "Long calls: none, no phone calls handled in this period"
    return (
        f"Long calls: handle time over {seconds_words(out.threshold_seconds)}, "
        f"{out.factor:g} times the centre's average of {seconds_words(out.basis_aht_seconds)} "
        "for phone calls; relay calls are never counted as long"
    )


def long_call_line(call: LongCall, *, with_csr: bool = True) -> str:
    when = call.queued_at
    hour = when.hour % 12 or 12
    clock = f"{hour}:{when.minute:02d} {'AM' if when.hour < 12 else 'PM'}"
    day = f"{when.strftime('%A')} {when.day} {when.strftime('%B')} {when.year}"
    who = f", {call.operator_name}" if with_csr and call.operator_name else ""
    return f"{day}, {clock}: {seconds_words(call.handle_seconds)}, call {call.call_id}{who}"


TREND_METRICS = {
    "calls_answered": "Calls answered",
    "service_level_pct": "Service level",
    "requests_received": "Requests received",
}


def trend_caption(trend: Trend, metric: str) -> str:
    """"Calls answered per day, 13 to 26 November 2026"."""
    per = {"day": "per day", "week": "per week", "month": "per month"}
    last = trend.end - timedelta(days=1)
    return (
        f"{TREND_METRICS.get(metric, metric)} {per.get(trend.unit, trend.unit)}, "
        f"{span_words(trend.start, last)}"
    )


def trend_values(trend: Trend, metric: str) -> list[tuple[str, float | None, str]]:
    """(period label, value, value in words) per point: what a chart draws and says."""
    out: list[tuple[str, float | None, str]] = []
    for p in trend.points:
        value = getattr(p, metric)
        if metric == "service_level_pct":
            words = "no calls" if value is None else f"{value:.1f} percent"
        else:
            words = f"{int(value or 0):,}"
        out.append((p.short_label, None if value is None else float(value), words))
    return out


def trend_lines(trend: Trend, metric: str) -> list[str]:
    """A chart's numbers as lines: "Mon 7 Mar 2022: 412"."""
    return [
        f"{p.label}: {words}"
        for p, (_label, _value, words) in zip(trend.points, trend_values(trend, metric), strict=True)
    ]
