"""The centre's figures (services.kpi) and ``csc-console report``, on hand-made rows."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, inspect, select

from csc_console.cli.main import main
from csc_console.config import load_settings
from csc_console.db.models import Call, ServiceRequest
from csc_console.errors import ValidationError
from csc_console.services import kpi

YEAR = (date(2022, 1, 1), date(2023, 1, 1))


def _local(ctx: Any, *args: int) -> datetime:
    return datetime(*args, tzinfo=ctx.zone).astimezone(UTC)


def _call(
    s: Any,
    queued: datetime,
    *,
    channel: str = "phone",
    wait: float | None = None,
    handle: float | None = None,
    abandon_after: float | None = None,
    status: str | None = None,
) -> None:
    answered = queued + timedelta(seconds=wait) if wait is not None else None
    acw = (
        answered + timedelta(seconds=handle)
        if answered is not None and handle is not None
        else None
    )
    ended = acw - timedelta(seconds=5) if acw is not None else None
    if abandon_after is not None:
        ended = queued + timedelta(seconds=abandon_after)
    s.add(
        Call(
            channel=channel,
            status=status or ("abandoned" if abandon_after is not None else "completed"),
            queued_at=queued,
            answered_at=answered,
            ended_at=ended,
            acw_ended_at=acw,
        )
    )


def _request(s: Any, number: str, created: datetime) -> None:
    s.add(
        ServiceRequest(
            number=number,
            category_code="potholes",
            department_code="public-works",
            created_at=created,
        )
    )


def seed_rows(ctx: Any) -> None:
    """Known rows; the expected figures for 2022 are worked out in the test below."""
    base = _local(ctx, 2022, 3, 7, 9, 0)  # a Monday morning
    at = [base + timedelta(minutes=m) for m in range(20)]
    with ctx.db.session(write=True) as s:
        _call(s, at[0], wait=10, handle=100)
        _call(s, at[1], wait=30.4, handle=200)  # rounds to 30 s: within 30 s
        _call(s, at[2], wait=30.6, handle=150)  # rounds to 31 s: not within
        _call(s, at[3], channel="relay", wait=100, handle=250)
        _call(s, at[4], wait=20, status="wrap_up")  # answered, after-call work not finished
        _call(s, at[5], abandon_after=3)  # short abandon
        _call(s, at[6], abandon_after=4.4)  # rounds to 4 s: short
        _call(s, at[7], abandon_after=4.6)  # rounds to 5 s: counted as abandoned
        _call(s, at[8], abandon_after=60)
        _call(s, at[9], status="queued")  # still waiting: neither answered nor abandoned
        _call(s, at[10], channel="walk_in", wait=5, handle=300)  # not a queue call
        _call(s, _local(ctx, 2021, 12, 31, 23, 59), wait=1, handle=1)  # 2021 in Pasadena
        _call(s, _local(ctx, 2023, 1, 1, 0, 0), wait=1, handle=1)  # 2023
        _request(s, "SR-2022-000001", _local(ctx, 2022, 1, 1, 0, 0))
        _request(s, "SR-2022-000002", at[0])
        _request(s, "SR-2022-000003", _local(ctx, 2022, 12, 31, 23, 59))
        _request(s, "SR-2021-000001", _local(ctx, 2021, 12, 31, 23, 59))


# --------------------------------------------------------------------------- formulas
def test_figures_from_hand_made_rows(ctx: Any) -> None:
    seed_rows(ctx)
    f = kpi.figures(ctx, start=YEAR[0], end=YEAR[1])
    assert f.calls_answered == 5
    assert f.answered_within_threshold == 3
    assert f.asa_seconds == pytest.approx(38.2)  # (10 + 30.4 + 30.6 + 100 + 20) / 5
    assert f.service_level_pct == 60.0
    assert f.service_level_threshold_seconds == 30
    assert f.handled_calls == 4
    assert f.aht_seconds == pytest.approx(175.0)  # (100 + 200 + 150 + 250) / 4
    assert f.short_abandons == 2
    assert f.calls_abandoned == 2
    assert f.calls_offered == 7
    assert f.relay_calls_answered == 1
    assert f.requests_received == 3
    assert "divided by calls answered" in f.service_level_formula
    assert "abandoned calls are not counted" in f.service_level_formula


def test_service_level_formulas_count_abandons_as_they_say(ctx: Any) -> None:
    seed_rows(ctx)
    offered = kpi.figures(ctx, start=YEAR[0], end=YEAR[1], formula="offered")
    assert offered.service_level_pct == pytest.approx(42.9)  # 3 / (5 + 2)
    assert "abandons under 5 seconds are not counted" in offered.service_level_formula
    every = kpi.figures(ctx, start=YEAR[0], end=YEAR[1], formula="offered_with_short")
    assert every.service_level_pct == pytest.approx(33.3)  # 3 / (5 + 4)
    with pytest.raises(ValidationError, match="Unknown service level formula"):
        kpi.figures(ctx, start=YEAR[0], end=YEAR[1], formula="nonsense")  # type: ignore[arg-type]


def test_thresholds_come_from_the_settings(ctx: Any) -> None:
    seed_rows(ctx)
    strict = replace(
        ctx,
        settings=load_settings(
            database_url=ctx.settings.database_url,
            service_level_seconds=10,
            short_abandon_seconds=0,
        ),
    )
    f = kpi.figures(strict, start=YEAR[0], end=YEAR[1])
    assert f.service_level_threshold_seconds == 10
    assert f.answered_within_threshold == 1
    assert f.service_level_pct == 20.0
    assert f.short_abandons == 0
    assert f.calls_abandoned == 4
    assert "within 10 seconds" in f.service_level_formula


def test_periods_are_local_dates_half_open(ctx: Any) -> None:
    seed_rows(ctx)
    last_day_2021 = kpi.figures(ctx, start=date(2021, 12, 31), end=date(2022, 1, 1))
    assert (last_day_2021.calls_answered, last_day_2021.requests_received) == (1, 1)
    march_7 = kpi.figures(ctx, start=date(2022, 3, 7), end=date(2022, 3, 8))
    assert march_7.calls_answered == 5
    assert march_7.requests_received == 1


def test_an_empty_period_has_no_averages(ctx: Any) -> None:
    f = kpi.figures(ctx, start=YEAR[0], end=YEAR[1])
    assert (f.calls_answered, f.calls_offered, f.requests_received) == (0, 0, 0)
    assert f.asa_seconds is None
    assert f.aht_seconds is None
    assert f.service_level_pct is None


def test_a_period_must_end_after_it_starts(ctx: Any) -> None:
    with pytest.raises(ValidationError, match="must end after it starts"):
        kpi.figures(ctx, start=date(2022, 2, 1), end=date(2022, 2, 1))


# --------------------------------------------------------------------------- indexes
def test_range_queries_filter_on_indexed_time_columns(ctx: Any) -> None:
    """The figures' range filters are on the columns the time indexes cover (checked from the
    schema and the SQL, not from a query plan, which depends on the planner and table sizes)."""
    lo, hi = kpi.utc_bounds(ctx.zone, *YEAR)
    calls = select(*kpi.call_aggregates(threshold_seconds=30, short_abandon_seconds=5)).where(
        *kpi.queue_call_filter(lo, hi)
    )
    requests = (
        select(func.count())
        .select_from(ServiceRequest)
        .where(ServiceRequest.created_at >= lo, ServiceRequest.created_at < hi)
    )
    indexes = inspect(ctx.db.engine)
    first_column = {
        (table, ix["name"]): ix["column_names"][0]
        for table in ("call", "service_request")
        for ix in indexes.get_indexes(table)
    }
    assert first_column[("call", "ix_call_queued_at")] == "queued_at"
    assert first_column[("service_request", "ix_request_created_at")] == "created_at"
    with ctx.db.engine.connect() as conn:
        sql = [
            str(q.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
            for q in (calls, requests)
        ]
    where = [s.split("WHERE", 1)[1] for s in sql]
    assert "call.queued_at >=" in where[0] and "call.queued_at <" in where[0]
    assert "service_request.created_at >=" in where[1]


# --------------------------------------------------------------------------- report command
def test_report_json(ctx: Any, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    seed_rows(ctx)
    assert main(["--db", db_url, "report", "--year", "2022", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    for key in (
        "calls_answered",
        "calls_abandoned",
        "asa_seconds",
        "service_level_pct",
        "service_level_threshold_seconds",
        "aht_seconds",
        "requests_received",
        "service_level_formula",
        "calls_offered",
        "short_abandons",
    ):
        assert key in data
    assert data["calls_answered"] == 5
    assert data["asa_seconds"] == 38.2
    assert (data["from"], data["to"]) == ("2022-01-01", "2022-12-31")


def test_report_csv_has_one_header_and_one_row(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from csc_console.services.bootstrap import open_context

    ctx = open_context(load_settings(database_url=sqlite_url))
    try:
        seed_rows(ctx)
    finally:
        ctx.db.dispose()
    assert main(["--db", sqlite_url, "report", "--year", "2022", "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 2
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["calls_answered"] == "5"
    assert record["service_level_pct"] == "60.0"
    assert record["aht_seconds"] == "175.0"
    assert record["requests_received"] == "3"
    assert "divided by calls answered" in record["service_level_formula"]


def test_report_text_is_one_labelled_figure_per_line(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", sqlite_url, "report", "--year", "2022"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Period: 1 January 2022 to 31 December 2022"
    assert "Calls answered: 0" in lines
    assert "Average speed of answer: no answered calls" in lines
    assert all(": " in line for line in lines)
    assert not any("\x1b" in line for line in lines)


def test_report_text_spells_out_durations() -> None:
    from csc_console.cli.report_cmd import duration

    assert duration(199.0) == "199 seconds (3 minutes 19 seconds)"
    assert duration(160.0) == "160 seconds (2 minutes 40 seconds)"
    assert duration(38.2) == "38.2 seconds"
    assert duration(60.0) == "60 seconds (1 minute)"


def test_report_bad_year_is_one_sentence(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--db", sqlite_url, "report", "--year", "12"])
    err = capsys.readouterr().err.strip()
    assert code != 0
    assert err == "csc-console: 12 is not a year the report can cover."
