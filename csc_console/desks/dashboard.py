"""The dashboard's words, in both front ends and in ``report --format text``: the heading of a
range, the figures of one period, grouped reports, the charts' captions and numbers, CSR lines,
work orders by department and the long calls, one line each, label first.

Lines carry no markup and no trailing full stop (``sentences`` adds one for the line mode);
numbers have thousands separators, durations are spelled out ("3 minutes 19 seconds"),
percentages read as "52.0 percent", and every line stands on its own when read alone."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from csc_console.desks.words import plural, say_clock, say_seconds
from csc_console.errors import ValidationError
from csc_console.services.periods import RANGE_TITLES, DateRange, custom_range, span_words
from csc_console.services.reports import GROUP_TITLES, GroupRow
from csc_console.services.text import printable

if TYPE_CHECKING:
    from csc_console.services.dashboard import CountLine, CsrLine, Trend
    from csc_console.services.kpi import Figures
    from csc_console.services.outliers import LongCall, Outliers
    from csc_console.services.overview import DepartmentWork
    from csc_console.services.reports import GroupedReport

WHOLE_CENTRE = "Whole centre"
LONG_CALLS = "Long calls"
FROM_DATE = "From date"
#: the ranges a supervisor picks, as both front ends name them
RANGE_NAMES = {key: RANGE_TITLES[key] for key in ("today", "week", "month", "year")}
CUSTOM_RANGE = RANGE_TITLES["custom"]  # "Custom range": the choice, its dialog, its heading
DATE_HINT = "Type the date as year-month-day, for example 2022-03-31."
RANGE_HINT = "Type the first and last day, as year-month-day, for example 2022-03-31."
WORK_HEADING = "Open and overdue work orders by department"
NO_CSRS = "There are no CSRs to show."


def sentences(lines: Iterable[str]) -> list[str]:
    """Each line closed as a sentence, for a line said on its own."""
    return [line if line.endswith((".", "?", "!", ":")) else f"{line}." for line in lines]


def percent(value: float | None) -> str:
    return "none" if value is None else f"{value:.1f} percent"


# --------------------------------------------------------------------------- the range
def who(operator_name: str | None) -> str:
    """"Ana Garcia", or "Whole centre"."""
    return printable(operator_name) if operator_name else WHOLE_CENTRE


def range_words(rng: DateRange) -> str:
    """"this month: 1 to 16 March 2022"."""
    return f"{rng.title.lower()}: {span_words(rng.start, rng.last_day)}"


def heading(operator_name: str | None, rng: DateRange) -> str:
    """"Whole centre, this month: 1 to 16 March 2022."."""
    return f"{who(operator_name)}, {range_words(rng)}."


def announcement(operator_name: str | None, rng: DateRange) -> str:
    """Said when the range or the CSR changed: "Now showing Ana Garcia, this month: ..."."""
    shown = printable(operator_name) if operator_name else "the whole centre"
    return f"Now showing {shown}, {range_words(rng)}."


def csrs_heading(count: int, rng: DateRange) -> str:
    """"2 CSRs, this month: 1 to 16 March 2022."."""
    return f"{plural(count, 'CSR')}, {range_words(rng)}."


def checked_range(first: date, last: date) -> DateRange:
    """A custom range, refused in words when it ends before it starts."""
    if last < first:
        raise ValidationError(
            f"The range must not end before it starts ({span_words(last, last)} is before "
            f"{span_words(first, first)})."
        )
    return custom_range(first, last)


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
    asa = say_seconds(f.asa_seconds) if f.asa_seconds is not None else "no calls answered"
    aht = (
        f"{say_seconds(f.aht_seconds)} (talk, hold and after-call work, "
        f"{plural(f.handled_calls, 'handled call')})"
        if f.aht_seconds is not None
        else "no calls handled"
    )
    return [
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
        parts.append(f"average answer delay {say_seconds(f.asa_seconds)}")
    if f.service_level_pct is not None:
        parts.append(
            f"service level {percent(f.service_level_pct)} within "
            f"{f.service_level_threshold_seconds} seconds"
        )
    if f.aht_seconds is not None:
        parts.append(f"average handle time {say_seconds(f.aht_seconds)}")
    if f.relay_calls_answered:
        parts.append(plural(f.relay_calls_answered, "relay call") + " answered")
    parts.append(plural(f.requests_received, "request") + " received")
    return f"{row.label}: {', '.join(parts)}"


def grouped_lines(report: GroupedReport) -> list[str]:
    """Header lines, one line per group, and the total."""
    total = report.total
    by_csr = f", {report.operator_name}" if report.operator_name else ""
    lines = [
        f"Period: {span_words(report.start, total.last_day)}{by_csr}",
        f"Grouped by: {GROUP_TITLES.get(report.by, report.by)}, "
        f"{plural(len(report.rows), 'group')}",
        f"Service level formula: {total.service_level_formula}",
        f"Short abandons: calls abandoned within {total.short_abandon_threshold_seconds} "
        "seconds are not counted as offered or abandoned",
        "Calls: phone and relay calls through the queue; relay calls also counted apart",
    ]
    lines += [group_line(row) for row in report.rows]
    lines.append(group_line(GroupRow("", "Total", total)))
    return lines


# --------------------------------------------------------------------------- dashboard pieces
def count_lines(lines: Sequence[CountLine]) -> list[str]:
    return [f"{printable(c.label)}: {c.count:,}" for c in lines]


def work_order_lines(work: Iterable[DepartmentWork]) -> list[str]:
    return [
        f"{printable(w.department)}: {plural(w.open, 'open work order')}, {w.overdue:,} overdue"
        for w in work
    ]


def csr_line(line: CsrLine) -> str:
    f = line.figures
    parts = [f"{f.calls_answered:,} answered"]
    if f.asa_seconds is not None:
        parts.append(f"average answer delay {say_seconds(f.asa_seconds)}")
    if f.service_level_pct is not None:
        parts.append(f"service level {percent(f.service_level_pct)}")
    if f.aht_seconds is not None:
        parts.append(f"average handle time {say_seconds(f.aht_seconds)}")
    parts.append(plural(line.long_calls, "long call"))
    parts.append(plural(f.requests_received, "request") + " entered")
    return f"{printable(line.name)}: {', '.join(parts)}"


# --------------------------------------------------------------------------- long calls
def outlier_rule(out: Outliers) -> str:
    if out.threshold_seconds is None or out.basis_aht_seconds is None:
        return "Long calls: none, no phone calls handled in this period"
    return (
        f"Long calls: handle time over {say_seconds(out.threshold_seconds)}, "
        f"{out.factor:g} times the centre's average of {say_seconds(out.basis_aht_seconds)} "
        "for phone calls; relay calls are never counted as long"
    )


def _day(moment: datetime) -> str:
    return f"{moment.strftime('%A')} {moment.day} {moment.strftime('%B')} {moment.year}"


def long_call_line(call: LongCall, *, with_csr: bool = True) -> str:
    """"Monday 14 March 2022, 9:00 AM: 25 minutes, call 8, Ana Garcia"."""
    moment = call.queued_at
    by = f", {printable(call.operator_name)}" if with_csr and call.operator_name else ""
    return f"{_day(moment)}, {say_clock(moment)}: {say_seconds(call.handle_seconds)}, call {call.call_id}{by}"


def long_calls_title(operator_name: str | None) -> str:
    if operator_name:
        return f"Long calls of {printable(operator_name)}"
    return "Longest calls of the centre"


def long_calls_heading(out: Outliers, operator_name: str | None) -> str:
    """"No long calls for the centre in this period." or "2 long calls for Ana Garcia, the
    longest first:"."""
    whose = printable(operator_name) if operator_name else "the centre"
    if not out.calls:
        return f"No long calls for {whose} in this period."
    return f"{plural(out.total, 'long call')} for {whose}, the longest first:"


# --------------------------------------------------------------------------- trends
TREND_METRICS = {
    "calls_answered": "Calls answered",
    "service_level_pct": "Service level",
    "requests_received": "Requests received",
}
_PER = {"day": "per day", "week": "per week", "month": "per month"}


def trend_caption(trend: Trend, metric: str) -> str:
    """"Calls answered per day, 13 to 26 November 2026"."""
    last = trend.end - timedelta(days=1)
    return (
        f"{TREND_METRICS.get(metric, metric)} {_PER.get(trend.unit, trend.unit)}, "
        f"{span_words(trend.start, last)}"
    )


def trend_values(trend: Trend, metric: str) -> list[tuple[str, float | None, str]]:
    """(period label, value, value in words) per point: what a chart draws and says."""
    out: list[tuple[str, float | None, str]] = []
    for p in trend.points:
        value = getattr(p, metric)
        if metric == "service_level_pct":
            words = "no calls" if value is None else percent(value)
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
