"""The dashboard desk's words on their own (no database, no front end): the heading of a range,
the figures, groups, CSR lines, work orders, long calls and trends, as both front ends and
``report --format text`` say them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from csc_console.desks import dashboard as say
from csc_console.errors import ValidationError
from csc_console.services.dashboard import CountLine, CsrLine, Trend, TrendPoint
from csc_console.services.kpi import Figures
from csc_console.services.outliers import LongCall, Outliers
from csc_console.services.overview import DepartmentWork
from csc_console.services.periods import custom_range, preset_range
from csc_console.services.reports import GroupedReport, GroupRow

PASADENA = ZoneInfo("America/Los_Angeles")  # long calls are in the city's zone
MARCH = preset_range("month", date(2022, 3, 16))


def _figures(**changes: object) -> Figures:
    figures = Figures(
        start=date(2022, 3, 1), end=date(2022, 3, 17), calls_offered=1720, calls_answered=1700,
        calls_abandoned=20, short_abandons=1, answered_within_threshold=1360, asa_seconds=42.0,
        service_level_pct=80.0, service_level_threshold_seconds=30,
        short_abandon_threshold_seconds=5, service_level_formula="answered within 30 seconds",
        handled_calls=1, aht_seconds=199.4, relay_calls_answered=3, requests_received=1,
    )  # fmt: skip
    return replace(figures, **changes)  # type: ignore[arg-type]


def test_heading_announcement_and_the_range_refusal() -> None:
    assert say.heading(None, MARCH) == "Whole centre, this month: 1 to 16 March 2022."
    assert say.heading("Ana\x1bGarcia", MARCH) == "Ana<ESC>Garcia, this month: 1 to 16 March 2022."
    assert say.announcement(None, MARCH) == (
        "Now showing the whole centre, this month: 1 to 16 March 2022."
    )
    assert say.csrs_heading(1, MARCH) == "1 CSR, this month: 1 to 16 March 2022."
    assert say.checked_range(date(2022, 3, 1), date(2022, 3, 31)) == custom_range(
        date(2022, 3, 1), date(2022, 3, 31)
    )
    with pytest.raises(ValidationError, match="must not end before it starts"):
        say.checked_range(date(2022, 3, 31), date(2022, 3, 1))


def test_figures_in_words_with_one_plural() -> None:
    lines = say.figure_lines(_figures())
    assert lines[0] == "Calls offered: 1,720"
    assert lines[2] == "Calls abandoned: 20 (not counting 1 short abandon under 5 seconds)"
    assert lines[3] == "Average answer delay: 42 seconds"
    assert lines[4] == "Service level: 80.0 percent answered within 30 seconds (1,360 of the calls counted)"
    assert lines[6] == (
        "Average handle time: 3 minutes 19 seconds (talk, hold and after-call work, 1 handled call)"
    )
    csr = say.figure_lines(_figures(asa_seconds=None, service_level_pct=None), csr=True)
    assert csr[2].startswith("Calls abandoned: not counted for one CSR")
    assert csr[3] == "Average answer delay: no calls answered"
    assert csr[4] == "Service level: none, no calls in this period"
    assert say.sentences(["a", "b.", "c:"]) == ["a.", "b.", "c:"]


def test_groups_csrs_counts_and_work_orders() -> None:
    report = GroupedReport(
        by="week", start=date(2022, 3, 1), end=date(2022, 3, 17), operator=None,
        operator_name=None, rows=(GroupRow("2022-03-07", "Week of 7 March 2022", _figures()),),
        total=_figures(),
    )  # fmt: skip
    lines = say.grouped_lines(report)
    assert lines[0] == "Period: 1 to 16 March 2022"
    assert lines[1] == "Grouped by: week, 1 group"
    assert lines[5].startswith("Week of 7 March 2022: 1,720 offered, 1,700 answered, 20 abandoned, ")
    assert lines[5].endswith("3 relay calls answered, 1 request received")
    assert lines[-1].startswith("Total: ")
    assert say.csr_line(CsrLine("ana", "Ana Garcia", _figures(), 2)).endswith(
        "2 long calls, 1 request entered"
    )
    assert say.count_lines([CountLine("phone", "Phone", 1234)]) == ["Phone: 1,234"]
    work = [DepartmentWork("public-works", "Department of Public Works", 1, 0)]
    assert say.work_order_lines(work) == ["Department of Public Works: 1 open work order, 0 overdue"]


def test_long_calls() -> None:
    none = Outliers(3.0, None, None, (), (), 0)
    assert say.outlier_rule(none) == "Long calls: none, no phone calls handled in this period"
    assert say.long_calls_heading(none, None) == "No long calls for the centre in this period."
    call = LongCall(8, datetime(2022, 3, 14, 9, 0, tzinfo=PASADENA), 1500.0, "ana", "Ana Garcia", None)
    out = Outliers(3.0, 200.0, 600.0, (("ana", 1),), (call,), 1)
    assert say.outlier_rule(out).startswith(
        "Long calls: handle time over 10 minutes, 3 times the centre's average of 3 minutes 20 seconds"
    )
    assert say.long_calls_heading(out, "Ana Garcia") == "1 long call for Ana Garcia, the longest first:"
    assert say.long_call_line(call) == "Monday 14 March 2022, 9:00 AM: 25 minutes, call 8, Ana Garcia"
    assert say.long_call_line(call, with_csr=False).endswith("call 8")
    assert say.long_calls_title(None) == "Longest calls of the centre"


def test_trends() -> None:
    points = (
        TrendPoint(date(2022, 3, 7), "Monday 7 March 2022", "Mon 7 Mar", 412, None, None, 3),
        TrendPoint(date(2022, 3, 8), "Tuesday 8 March 2022", "Tue 8 Mar", 1, 52.04, 9.0, 0),
    )
    trend = Trend("day", date(2022, 3, 7), date(2022, 3, 9), points)
    assert say.trend_caption(trend, "calls_answered") == "Calls answered per day, 7 to 8 March 2022"
    assert say.trend_lines(trend, "calls_answered") == ["Monday 7 March 2022: 412", "Tuesday 8 March 2022: 1"]
    assert say.trend_values(trend, "service_level_pct") == [
        ("Mon 7 Mar", None, "no calls"),
        ("Tue 8 Mar", 52.04, "52.0 percent"),
    ]
