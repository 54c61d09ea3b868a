"""Grouped reports, per-CSR figures, long calls and the dashboard service, on hand-made rows
(tests/dashboard/seed.py), on SQLite and PostgreSQL; plus the query plans."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

import pytest
from sqlalchemy import text

from csc_console.cli.main import main
from csc_console.services import dashboard, kpi, outliers, reports
from csc_console.services.periods import custom_range, offset_segments, preset_range
from tests.dashboard.seed import MARCH, seed_march


def _rows(report: reports.GroupedReport) -> dict[str, Any]:
    return {row.key: row for row in report.rows}


def _sums_match(report: reports.GroupedReport, whole: kpi.Figures) -> None:
    for name in (
        "calls_offered",
        "calls_answered",
        "calls_abandoned",
        "short_abandons",
        "answered_within_threshold",
        "handled_calls",
        "relay_calls_answered",
        "requests_received",
    ):
        assert sum(getattr(r.figures, name) for r in report.rows) == getattr(whole, name), name
    assert report.total == whole


# --------------------------------------------------------------------------- figures
def test_march_figures(admin_ctx: Any) -> None:
    seed_march(admin_ctx)
    f = kpi.figures(admin_ctx, start=MARCH[0], end=MARCH[1])
    assert (f.calls_answered, f.calls_abandoned, f.short_abandons, f.calls_offered) == (6, 1, 1, 7)
    assert f.answered_within_threshold == 4
    assert f.asa_seconds == pytest.approx(21.8)  # 131 / 6
    assert f.aht_seconds == pytest.approx(666.7)  # 4000 / 6
    assert (f.relay_calls_answered, f.requests_received) == (1, 5)
    offered = kpi.figures(admin_ctx, start=MARCH[0], end=MARCH[1], formula="offered")
    assert offered.service_level_pct == pytest.approx(57.1)  # 4 / 7


def test_one_csrs_figures(admin_ctx: Any) -> None:
    seed_march(admin_ctx)
    ana = kpi.figures(admin_ctx, start=MARCH[0], end=MARCH[1], operator="ANA")
    assert (ana.calls_answered, ana.calls_offered, ana.calls_abandoned) == (4, 4, 0)
    assert ana.answered_within_threshold == 3
    assert ana.asa_seconds == pytest.approx(16.5)  # (10 + 20 + 5 + 31) / 4
    assert ana.aht_seconds == pytest.approx(912.5)  # (100 + 2000 + 50 + 1500) / 4
    assert (ana.relay_calls_answered, ana.requests_received) == (1, 3)
    ben = kpi.figures(admin_ctx, start=MARCH[0], end=MARCH[1], operator="ben")
    assert (ben.calls_answered, ben.requests_received) == (2, 1)
    from csc_console.errors import NotFound

    with pytest.raises(NotFound, match="no operator 'zed'"):
        kpi.figures(admin_ctx, start=MARCH[0], end=MARCH[1], operator="zed")


# --------------------------------------------------------------------------- grouped
def test_by_day_uses_the_local_date_across_the_clock_change(admin_ctx: Any) -> None:
    seed_march(admin_ctx)
    report = reports.grouped(admin_ctx, start=MARCH[0], end=MARCH[1], by="day")
    assert len(report.rows) == 31
    rows = _rows(report)
    mon7 = rows["2022-03-07"].figures  # C2 was Tuesday in UTC
    assert (mon7.calls_answered, mon7.answered_within_threshold, mon7.requests_received) == (2, 1, 2)
    assert (mon7.asa_seconds, mon7.aht_seconds) == (25.0, 150.0)
    tue8 = rows["2022-03-08"].figures
    assert (tue8.calls_answered, tue8.calls_abandoned, tue8.short_abandons) == (1, 1, 1)
    assert (tue8.calls_offered, tue8.relay_calls_answered, tue8.requests_received) == (2, 1, 2)
    sun13 = rows["2022-03-13"].figures  # 01:30 PST and 23:30 PDT: both Sunday
    assert (sun13.calls_answered, sun13.asa_seconds, sun13.requests_received) == (2, 15.0, 1)
    assert rows["2022-03-14"].figures.calls_answered == 1
    assert rows["2022-03-02"].figures.calls_offered == 0
    assert rows["2022-03-02"].figures.asa_seconds is None
    assert rows["2022-03-07"].label == "Monday 7 March 2022"
    assert (rows["2022-03-07"].figures.start, rows["2022-03-07"].figures.end) == (
        date(2022, 3, 7),
        date(2022, 3, 8),
    )
    _sums_match(report, kpi.figures(admin_ctx, start=MARCH[0], end=MARCH[1]))


def test_by_week_starts_on_monday_and_clips_to_the_range(admin_ctx: Any) -> None:
    seed_march(admin_ctx)
    report = reports.grouped(admin_ctx, start=MARCH[0], end=MARCH[1], by="week")
    assert [r.key for r in report.rows] == [
        "2022-02-28", "2022-03-07", "2022-03-14", "2022-03-21", "2022-03-28",
    ]  # fmt: skip
    rows = _rows(report)
    assert rows["2022-02-28"].figures.start == date(2022, 3, 1)  # clipped
    week7 = rows["2022-03-07"].figures  # Sunday 13 March belongs to the week of the 7th
    assert (week7.calls_answered, week7.calls_abandoned, week7.requests_received) == (5, 1, 5)
    assert rows["2022-03-14"].figures.calls_answered == 1
    assert rows["2022-03-28"].figures.end == date(2022, 4, 1)
    _sums_match(report, kpi.figures(admin_ctx, start=MARCH[0], end=MARCH[1]))


def test_by_month(admin_ctx: Any) -> None:
    seed_march(admin_ctx)
    start, end = date(2022, 3, 1), date(2022, 5, 1)
    report = reports.grouped(admin_ctx, start=start, end=end, by="month", formula="offered")
    assert [(r.key, r.label) for r in report.rows] == [
        ("2022-03-01", "March 2022"),
        ("2022-04-01", "April 2022"),
    ]
    march, april = (r.figures for r in report.rows)
    assert (march.calls_answered, march.calls_offered, march.service_level_pct) == (6, 7, 57.1)
    assert (april.calls_answered, april.asa_seconds) == (1, 10.0)  # 00:30 local on 1 April
    _sums_match(report, kpi.figures(admin_ctx, start=start, end=end, formula="offered"))


def test_by_csr(admin_ctx: Any) -> None:
    seed_march(admin_ctx)
    report = reports.grouped(admin_ctx, start=MARCH[0], end=MARCH[1], by="csr")
    assert [(r.key, r.label) for r in report.rows] == [
        ("ana", "Ana Garcia"),
        ("ben", "Ben Ortiz"),
        ("", "No CSR"),
    ]
    ana, ben, nobody = (r.figures for r in report.rows)
    assert (ana.calls_answered, ana.aht_seconds, ana.requests_received) == (4, 912.5, 3)
    assert (ben.calls_answered, ben.asa_seconds, ben.requests_received) == (2, 32.5, 1)
    assert (nobody.calls_answered, nobody.calls_abandoned, nobody.short_abandons) == (0, 1, 1)
    assert nobody.requests_received == 1  # the web request
    _sums_match(report, kpi.figures(admin_ctx, start=MARCH[0], end=MARCH[1]))


def test_by_channel(admin_ctx: Any) -> None:
    seed_march(admin_ctx)
    report = reports.grouped(admin_ctx, start=MARCH[0], end=MARCH[1], by="channel")
    rows = _rows(report)
    assert list(rows) == ["phone", "relay", "web"]
    assert (rows["phone"].figures.calls_answered, rows["phone"].figures.calls_abandoned) == (5, 1)
    assert rows["phone"].figures.requests_received == 3
    assert (rows["relay"].figures.calls_answered, rows["relay"].figures.requests_received) == (1, 1)
    assert (rows["web"].figures.calls_offered, rows["web"].figures.requests_received) == (0, 1)
    _sums_match(report, kpi.figures(admin_ctx, start=MARCH[0], end=MARCH[1]))


def test_by_category_counts_a_call_under_its_first_request(admin_ctx: Any) -> None:
    seed_march(admin_ctx)
    report = reports.grouped(admin_ctx, start=MARCH[0], end=MARCH[1], by="category")
    assert [r.key for r in report.rows] == ["graffiti", "potholes", "missed-trash", ""]
    rows = _rows(report)
    assert (rows["potholes"].figures.calls_answered, rows["potholes"].figures.requests_received) == (2, 2)
    assert (rows["graffiti"].figures.calls_answered, rows["graffiti"].figures.requests_received) == (0, 2)
    assert rows["missed-trash"].figures.relay_calls_answered == 1
    none = rows[""]
    assert none.label == "No request"
    assert (none.figures.calls_answered, none.figures.calls_abandoned) == (3, 1)
    _sums_match(report, kpi.figures(admin_ctx, start=MARCH[0], end=MARCH[1]))
    one = reports.grouped(admin_ctx, start=MARCH[0], end=MARCH[1], by="category", operator="ben")
    assert [(r.key, r.figures.calls_answered) for r in one.rows] == [("potholes", 1), ("", 1)]


def test_unknown_grouping_is_refused(admin_ctx: Any) -> None:
    from csc_console.errors import ValidationError

    with pytest.raises(ValidationError, match="Unknown grouping"):
        reports.grouped(admin_ctx, start=MARCH[0], end=MARCH[1], by="hour")


# --------------------------------------------------------------------------- long calls
def test_long_calls_leave_relay_calls_out(admin_ctx: Any) -> None:
    seed_march(admin_ctx)
    out = outliers.long_calls(admin_ctx, start=MARCH[0], end=MARCH[1])
    # phone calls only: (100 + 200 + 50 + 150 + 1500) / 5 = 400; three times is 1,200
    assert (out.basis_aht_seconds, out.threshold_seconds) == (400.0, 1200.0)
    assert [c.handle_seconds for c in out.calls] == [1500.0]  # the 2,000 s relay call is not
    assert out.per_csr == (("ana", 1),)
    assert out.calls[0].operator == "ana"
    assert out.calls[0].queued_at.hour == 9  # local time
    assert outliers.long_calls(admin_ctx, start=MARCH[0], end=MARCH[1], operator="ben").total == 0
    ana = outliers.long_calls(admin_ctx, start=MARCH[0], end=MARCH[1], operator="ana")
    assert (ana.total, len(ana.calls)) == (1, 1)
    empty = outliers.long_calls(admin_ctx, start=date(2021, 1, 1), end=date(2021, 2, 1))
    assert (empty.threshold_seconds, empty.calls) == (None, ())


# --------------------------------------------------------------------------- dashboard
def test_dashboard_for_a_csr_and_the_signature(admin_ctx: Any) -> None:
    seed_march(admin_ctx)
    view = dashboard.View(kind="custom", first=date(2022, 3, 1), last=date(2022, 3, 31), operator="ana")
    data = dashboard.dashboard(admin_ctx, view=view)
    assert data.operator_name == "Ana Garcia"
    assert data.figures.calls_answered == 4
    assert [(c.key, c.count) for c in data.requests_by_channel] == [("phone", 2), ("relay", 1)]
    assert [(c.label, c.count) for c in data.requests_by_category] == [
        ("Graffiti", 1), ("Missed Trash", 1), ("Potholes", 1),
    ]  # fmt: skip
    assert [(c.username, c.figures.calls_answered, c.long_calls) for c in data.csrs] == [
        ("ana", 4, 1),
        ("ben", 2, 0),
    ]
    assert data.trend.unit == "day" and len(data.trend.points) == 31
    assert sum(p.calls_answered for p in data.trend.points) == 4
    assert [c.handle_seconds for c in data.outliers.calls] == [1500.0]
    before = dashboard.signature(admin_ctx)
    assert dashboard.signature(admin_ctx) == before
    from csc_console.services.calls import start_call

    start_call(admin_ctx)
    assert dashboard.signature(admin_ctx) != before


def test_ranges() -> None:
    wed = date(2022, 3, 16)
    assert preset_range("today", wed).start == wed
    assert (preset_range("week", wed).start, preset_range("week", wed).end) == (
        date(2022, 3, 14),
        date(2022, 3, 17),
    )
    assert preset_range("month", wed).describe() == "This month, 1 to 16 March 2022"
    assert preset_range("year", wed).start == date(2022, 1, 1)
    assert custom_range(date(2022, 2, 27), date(2022, 3, 2)).describe() == (
        "Custom range, 27 February to 2 March 2022"
    )
    from zoneinfo import ZoneInfo

    from csc_console.services.kpi import utc_bounds

    lo, hi = utc_bounds(ZoneInfo("America/Los_Angeles"), date(2022, 1, 1), date(2023, 1, 1))
    assert [(u.isoformat(), off) for u, off in offset_segments(ZoneInfo("America/Los_Angeles"), lo, hi)] == [
        ("2022-03-13T10:00:00+00:00", -480),
        ("2022-11-06T09:00:00+00:00", -420),
        ("2023-01-01T08:00:00+00:00", -480),
    ]


# --------------------------------------------------------------------------- query plans
def _plan(ctx: Any, query: Any) -> str:
    with ctx.db.engine.connect() as conn:
        if not ctx.db.is_sqlite:  # tiny tables: make the planner show whether an index fits
            conn.execute(text("SET enable_seqscan = off"))
        prefix = "EXPLAIN QUERY PLAN " if ctx.db.is_sqlite else "EXPLAIN "
        sql = str(query.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
        return " ".join(str(r[-1]) for r in conn.exec_driver_sql(prefix + sql))


def test_report_queries_use_the_indexes(ctx: Any) -> None:
    from csc_console.services.calldata.matching import CANDIDATES
    from csc_console.services.kpi import CALL

    lo, hi = kpi.utc_bounds(ctx.zone, *MARCH)
    for by in ("month", "csr", "category"):
        calls, requests = reports._queries(ctx, by, lo, hi)
        assert "ix_call_queued_at" in _plan(ctx, calls), by
        assert "ix_request_created_at" in _plan(ctx, requests), by
        # One CSR: SQLite takes the (operator, queued) index; PostgreSQL, on empty tables, may
        # take either call index, never a scan.
        one = _plan(ctx, calls.where(CALL.c.operator_id == 1))
        assert ("ix_call_operator_queued" if ctx.db.is_sqlite else "ix_call_") in one, by
        assert "Seq Scan on call" not in one
    from sqlalchemy import case, func, select

    from csc_console.services.dashboard import WORK
    from csc_console.services.workorders import OPEN_STATUSES

    work = select(WORK.c.department_code, func.count(), func.sum(case((WORK.c.due_at < hi, 1)))).where(
        WORK.c.status.in_([s.value for s in OPEN_STATUSES])
    ).group_by(WORK.c.department_code)
    assert "ix_work_order_" in _plan(ctx, work)
    candidates = _plan(ctx, CANDIDATES.params(ops=[1, 2], lo=lo, hi=hi))
    assert ("ix_call_operator_queued" if ctx.db.is_sqlite else "ix_call_") in candidates


# --------------------------------------------------------------------------- report command
def test_report_grouped_csv_json_and_text(
    admin_ctx: Any, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_march(admin_ctx)
    base = ["--db", db_url, "report", "--from", "2022-03-01", "--to", "2022-03-31"]
    assert main([*base, "--by", "week", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["week"] for r in rows] == ["2022-02-28", "2022-03-07", "2022-03-14", "2022-03-21", "2022-03-28"]
    assert rows[0]["from"] == "2022-03-01" and rows[1]["to"] == "2022-03-13"
    assert rows[1]["calls_answered"] == "5"
    from csc_console.cli.report_cmd import COLUMNS

    assert list(rows[0]) == ["week", *COLUMNS]

    assert main([*base, "--by", "csr", "--format", "json", "--formula", "offered"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(r["csr"], r["calls_answered"]) for r in data] == [("ana", 4), ("ben", 2), ("", 0)]
    assert "divided by calls offered" in data[0]["service_level_formula"]

    assert main([*base, "--by", "channel"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Period: 1 to 31 March 2022"
    assert lines[1] == "Grouped by: channel, 3 groups"
    assert any(line.startswith("Service level formula: calls answered within 30") for line in lines)
    phone = next(line for line in lines if line.startswith("Phone: "))
    assert phone.startswith("Phone: 6 offered, 5 answered, 1 abandoned, 1 short abandon not counted")
    assert lines[-1].startswith("Total: 7 offered, 6 answered")
    assert all(": " in line for line in lines)

    assert main([*base, "--csr", "ana", "--format", "json"]) == 0
    one = json.loads(capsys.readouterr().out)
    assert (one["csr"], one["calls_answered"], one["aht_seconds"]) == ("ana", 4, 912.5)


def test_report_refuses_a_mixed_or_backwards_range(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", sqlite_url, "report", "--year", "2022", "--from", "2022-01-01"]) != 0
    assert "either --year or --from/--to" in capsys.readouterr().err
    assert main(["--db", sqlite_url, "report", "--from", "2022-03-02", "--to", "2022-03-01"]) != 0
    assert "before --from" in capsys.readouterr().err


def test_open_and_overdue_work_orders_by_department(ctx: Any) -> None:
    from datetime import UTC, datetime, timedelta

    from csc_console.db.models import WorkOrder

    now = datetime(2022, 3, 16, 19, 0, tzinfo=UTC)
    with ctx.db.session(write=True) as s:
        for n, (dept, status, due) in enumerate(
            [
                ("public-works", "new", now - timedelta(days=2)),  # overdue
                ("public-works", "in_progress", now + timedelta(days=1)),
                ("public-works", "completed", now - timedelta(days=9)),  # closed: not counted
                ("transportation", "on_hold", now - timedelta(hours=1)),  # overdue
                ("transportation", "assigned", None),
            ]
        ):
            s.add(WorkOrder(number=f"WO-2022-{n:06d}", category_code="potholes", department_code=dept,
                            status=status, due_at=due))  # fmt: skip
    work = {w.department_code: (w.open, w.overdue) for w in dashboard.work_by_department(ctx, now=now)}
    assert work["public-works"] == (2, 1)
    assert work["transportation"] == (2, 1)
    from csc_console.desks.dashboard import work_order_lines

    lines = work_order_lines(dashboard.work_by_department(ctx, now=now))
    assert "Department of Public Works: 2 open work orders, 1 overdue" in lines
