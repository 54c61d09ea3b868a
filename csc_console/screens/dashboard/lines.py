"""What the Dashboard shows, as text: one function per section, from ``DashboardData``.

Pure functions (no widgets), so the words are tested without an app and match the
screen-reader mode's (both use ``services.kpi_text``).
"""

from __future__ import annotations

from dataclasses import dataclass

from csc_console.services import kpi_text
from csc_console.services.dashboard import DashboardData
from csc_console.services.periods import span_words
from csc_console.services.text import printable
from csc_console.widgets.charts import Bar

CHARTS = ("calls_answered", "service_level_pct", "requests_received")


@dataclass(frozen=True)
class Sections:
    heading: str
    figures: list[str]
    charts: dict[str, tuple[str, tuple[Bar, ...]]]  # metric -> (caption, bars)
    channels: list[str]
    categories: list[str]
    work_orders: list[str]
    csrs: list[str]
    long_rule: str
    long_calls: list[str]


def who(data: DashboardData) -> str:
    return printable(data.operator_name) if data.operator_name else "Whole centre"


def heading(data: DashboardData) -> str:
    return f"{who(data)}: {data.range.describe()}."


def announcement(data: DashboardData) -> str:
    """Said when the range or the CSR changed: "Now showing Ana Garcia, this month: 1 to 16
    March 2022."."""
    shown = printable(data.operator_name) if data.operator_name else "the whole centre"
    rng = data.range
    return f"Now showing {shown}, {rng.title.lower()}: {span_words(rng.start, rng.last_day)}."


def sections(data: DashboardData) -> Sections:
    csr = data.operator_name is not None
    charts = {
        metric: (
            kpi_text.trend_caption(data.trend, metric),
            tuple(Bar(label, value, words) for label, value, words in kpi_text.trend_values(data.trend, metric)),
        )
        for metric in CHARTS
    }
    long_calls = [
        printable(kpi_text.long_call_line(c, with_csr=not csr)) for c in data.outliers.calls
    ]
    return Sections(
        heading=heading(data),
        figures=kpi_text.figure_lines(data.figures, csr=csr),
        charts=charts,
        channels=kpi_text.count_lines(data.requests_by_channel),
        categories=kpi_text.count_lines(data.requests_by_category),
        work_orders=[printable(line) for line in kpi_text.work_order_lines(data.work_orders)],
        csrs=[printable(kpi_text.csr_line(line)) for line in data.csrs],
        long_rule=kpi_text.outlier_rule(data.outliers),
        long_calls=long_calls,
    )


def long_calls_title(data: DashboardData) -> str:
    if data.operator_name:
        return f"Long calls of {printable(data.operator_name)}"
    return "Longest calls of the centre"
