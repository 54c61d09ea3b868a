"""What the Dashboard shows, by section, from ``DashboardData``: the words are the desk's
(``desks.dashboard``, the screen-reader mode's too); this module only groups them for the
widgets (the charts' bars)."""

from __future__ import annotations

from dataclasses import dataclass

from csc_console.desks import dashboard as say
from csc_console.services.dashboard import DashboardData
from csc_console.widgets.charts import Bar

CHARTS = tuple(say.TREND_METRICS)


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


def heading(data: DashboardData) -> str:
    return say.heading(data.operator_name, data.range)


def announcement(data: DashboardData) -> str:
    return say.announcement(data.operator_name, data.range)


def sections(data: DashboardData) -> Sections:
    csr = data.operator_name is not None
    charts = {
        metric: (
            say.trend_caption(data.trend, metric),
            tuple(Bar(label, value, words) for label, value, words in say.trend_values(data.trend, metric)),
        )
        for metric in CHARTS
    }
    return Sections(
        heading=heading(data),
        figures=say.figure_lines(data.figures, csr=csr),
        charts=charts,
        channels=say.count_lines(data.requests_by_channel),
        categories=say.count_lines(data.requests_by_category),
        work_orders=say.work_order_lines(data.work_orders),
        csrs=[say.csr_line(line) for line in data.csrs],
        long_rule=say.outlier_rule(data.outliers),
        long_calls=[say.long_call_line(c, with_csr=not csr) for c in data.outliers.calls],
    )


def long_calls_title(data: DashboardData) -> str:
    return say.long_calls_title(data.operator_name)
