"""``csc-console demo --year 2022`` (scaled down), then ``report --by month`` and the dashboard
show the same 2022 figures, on both databases."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest

from csc_console.cli.main import main

SCALE = "0.02"
SUMMED = (
    "calls_offered", "calls_answered", "calls_abandoned", "short_abandons",
    "answered_within_threshold", "handled_calls", "relay_calls_answered", "requests_received",
)  # fmt: skip


def test_report_by_month_adds_up_to_the_year(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", db_url, "demo", "--year", "2022", "--scale", SCALE, "--seed", "3"]) == 0
    capsys.readouterr()
    assert main(["--db", db_url, "report", "--year", "2022", "--format", "json"]) == 0
    year = json.loads(capsys.readouterr().out)
    assert main(["--db", db_url, "report", "--year", "2022", "--by", "month", "--format", "json"]) == 0
    months = json.loads(capsys.readouterr().out)
    assert [m["month"] for m in months] == [f"2022-{n:02d}-01" for n in range(1, 13)]
    for name in SUMMED:
        assert sum(m[name] for m in months) == year[name], name
    assert year["calls_answered"] == round(139_119 * float(SCALE))
    assert year["asa_seconds"] == pytest.approx(199.0, abs=1.0)
    assert year["service_level_pct"] == pytest.approx(52.0, abs=0.5)
    assert year["aht_seconds"] == pytest.approx(160.0, abs=1.0)
    # weighted back together, the months give the year's averages
    answered = sum(m["calls_answered"] for m in months)
    asa = sum(m["asa_seconds"] * m["calls_answered"] for m in months if m["asa_seconds"]) / answered
    assert asa == pytest.approx(year["asa_seconds"], abs=0.1)
    by_csr = _run(capsys, db_url, "--by", "csr")
    assert sum(r["calls_answered"] for r in by_csr) == year["calls_answered"]
    assert {r["csr"] for r in by_csr} >= {"agarcia", "jchen", "dkim", "rjohnson", "tnguyen"}

    # the dashboard's March equals the report's March row
    from csc_console.config import load_settings
    from csc_console.services.bootstrap import open_context
    from csc_console.services.dashboard import View, dashboard

    ctx = open_context(load_settings(database_url=db_url))
    try:
        data = dashboard(ctx, view=View(kind="month"), now=datetime(2022, 3, 31, 23, 0, tzinfo=UTC))
    finally:
        ctx.db.dispose()
    march = months[2]
    assert data.range.start == date(2022, 3, 1)
    assert data.figures.calls_answered == march["calls_answered"]
    assert data.figures.asa_seconds == march["asa_seconds"]
    assert sum(p.calls_answered for p in data.trend.points) == march["calls_answered"]
    assert sum(c.figures.calls_answered for c in data.csrs) == march["calls_answered"]


def _run(capsys: pytest.CaptureFixture[str], db_url: str, *extra: str) -> Any:
    assert main(["--db", db_url, "report", "--year", "2022", "--format", "json", *extra]) == 0
    return json.loads(capsys.readouterr().out)
