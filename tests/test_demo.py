"""Demo data (services.demo, ``csc-console demo``): shape, calibration, numbering, refusals.

Most checks share one scaled-down 2022 load per database (module fixture); one full year on
SQLite checks the published 2022 figures through the command line.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from csc_console.cli.main import main
from csc_console.db.models import (
    AuditEvent,
    Call,
    Caller,
    NumberSequence,
    Operator,
    RequestCaller,
    ServiceRequest,
    WorkOrder,
)
from csc_console.errors import ValidationError
from csc_console.services import kpi
from csc_console.services.demo import DemoResult, load_demo, parse_years
from csc_console.services.numbers import next_number
from csc_console.services.phones import parse_phone
from tests.helpers.dbs import set_app_setting

SCALE = 0.05
SEED = 7


@dataclass
class Loaded:
    ctx: Any
    url: str
    result: DemoResult


def _isolate(mp: pytest.MonkeyPatch, home: Path) -> None:
    for key in list(os.environ):
        if key.startswith("CSC_"):
            mp.delenv(key, raising=False)
    for sub in ("data", "config", "cache", "state"):
        (home / sub).mkdir(parents=True, exist_ok=True)
        mp.setenv(f"XDG_{sub.upper()}_HOME", str(home / sub))
    mp.setenv("HOME", str(home))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def loaded(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    sqlite_template: Path,
    postgres_server: Any,
) -> Iterator[Loaded]:
    from csc_console.config import load_settings
    from csc_console.db.engine import Database
    from csc_console.db.migrate import upgrade
    from csc_console.services.bootstrap import open_context

    mp = pytest.MonkeyPatch()
    _isolate(mp, tmp_path_factory.mktemp("demo-home"))
    pg_name = None
    try:
        if request.param == "sqlite":
            target = tmp_path_factory.mktemp("demo") / "demo.db"
            shutil.copyfile(sqlite_template, target)
            url = f"sqlite:///{target}"
        else:
            if postgres_server is None:
                pytest.skip("PostgreSQL not reachable (CI=true makes this a failure)")
            pg_name = f"csc_demo_{uuid.uuid4().hex[:10]}"
            url = postgres_server.create_database(pg_name)
            db = Database(url)
            upgrade(db)
            db.dispose()
            set_app_setting(url, "require_passwords", "off")  # a test database, not a shared one
        ctx = open_context(load_settings(database_url=url))
        result = load_demo(ctx, years=[2022], seed=SEED, scale=SCALE)
        yield Loaded(ctx, url, result)
        ctx.db.dispose()
    finally:
        if pg_name is not None:
            postgres_server.drop_database(pg_name)
        mp.undo()


def _rows(ctx: Any, query: Any) -> list[Any]:
    with ctx.db.session() as s:
        return list(s.execute(query).all())


def _local(ctx: Any, moment: datetime) -> datetime:
    return moment.astimezone(ctx.zone)


# --------------------------------------------------------------------------- figures
def test_scaled_year_reproduces_the_averages(loaded: Loaded) -> None:
    f = kpi.figures(loaded.ctx, start=date(2022, 1, 1), end=date(2023, 1, 1))
    assert f.calls_answered == round(139_119 * SCALE)
    assert f.requests_received == round(37_052 * SCALE)
    assert f.asa_seconds == pytest.approx(199.0, abs=0.5)
    assert f.service_level_pct == pytest.approx(52.0, abs=0.1)
    assert f.aht_seconds == pytest.approx(160.0, abs=0.5)
    assert (
        0.08
        <= (f.calls_abandoned + f.short_abandons) / (f.calls_offered + f.short_abandons)
        <= 0.15
    )
    assert f.short_abandons > 0


def test_one_summary_audit_event(loaded: Loaded) -> None:
    events = _rows(loaded.ctx, select(AuditEvent).where(AuditEvent.entity == "demo"))
    assert len(events) == 1
    event = events[0][0]
    assert (event.entity_id, event.action, event.note) == ("2022", "load", "demo data loaded")
    assert event.changes["calls"] == loaded.result.calls


def test_staff_are_created(loaded: Loaded) -> None:
    roles = dict(_rows(loaded.ctx, select(Operator.username, Operator.role)))
    assert sum(1 for r in roles.values() if r == "csr") >= 5
    assert roles["lwilliams"] == "supervisor"
    assert roles["ehernandez"] == "dispatcher"
    assert "admin" in roles.values()  # the empty database got an administrator first


# --------------------------------------------------------------------------- calendar
def test_no_calls_on_closed_days_or_outside_phone_hours(loaded: Loaded) -> None:
    ctx = loaded.ctx
    hours = ctx.calendar.definition.phone_hours
    days: Counter[date] = Counter()
    by_hour: Counter[int] = Counter()
    for channel, queued in _rows(ctx, select(Call.channel, Call.queued_at)):
        local = _local(ctx, queued)
        assert ctx.calendar.is_phone_day(local.date()), f"call on a closed day {local}"
        if channel in ("phone", "relay"):
            assert hours.open <= local.time() < hours.close, f"call outside phone hours {local}"
            by_hour[local.hour] += 1
        days[local.date()] += 1
    assert by_hour.most_common(1)[0][0] in (9, 10, 11)  # a mid-morning peak
    for holiday in ctx.calendar.holidays(2022):
        assert days[holiday] == 0
    by_weekday: Counter[int] = Counter()
    for day, n in days.items():
        by_weekday[day.weekday()] += n
    assert max(by_weekday, key=lambda d: by_weekday[d]) == 0  # Monday is the heaviest


# --------------------------------------------------------------------------- channels
def test_channels(loaded: Loaded) -> None:
    ctx = loaded.ctx
    calls = dict(_rows(ctx, select(Call.channel, func.count()).group_by(Call.channel)))
    assert calls["phone"] > 0.9 * sum(calls.values())
    assert {"relay", "walk_in", "voicemail", "email"} <= set(calls)
    requests = _rows(
        ctx,
        select(ServiceRequest.channel, func.count(), func.count(ServiceRequest.call_id)).group_by(
            ServiceRequest.channel
        ),
    )
    by_channel = {ch: (n, with_call) for ch, n, with_call in requests}
    assert {"web", "app", "live_chat"} <= set(by_channel)
    for ch in ("web", "app", "live_chat"):
        assert by_channel[ch][1] == 0  # no call behind these
    for ch in ("phone", "walk_in", "voicemail", "email"):
        assert by_channel[ch][0] == by_channel[ch][1]  # every one came from a contact


def test_callers_have_valid_local_numbers_and_some_call_again(loaded: Loaded) -> None:
    ctx = loaded.ctx
    phones = [p for (p,) in _rows(ctx, select(Caller.phone))]
    assert len(phones) == len(set(phones))
    area_codes = Counter(p[2:5] for p in phones)
    assert area_codes.most_common(1)[0][0] == "626"
    for phone in phones[:500]:
        assert parse_phone(phone).e164 == phone
    repeat = _rows(
        ctx,
        select(Call.caller_id)
        .where(Call.caller_id.is_not(None))  # type: ignore[union-attr]
        .group_by(Call.caller_id)
        .having(func.count() > 1),
    )
    assert repeat


# --------------------------------------------------------------------------- requests
def test_request_numbers_are_contiguous_and_numbering_continues(loaded: Loaded) -> None:
    ctx = loaded.ctx
    numbers = sorted(n for (n,) in _rows(ctx, select(ServiceRequest.number)))
    expected = [f"SR-2022-{i:06d}" for i in range(1, len(numbers) + 1)]
    assert numbers == expected
    wo_numbers = sorted(n for (n,) in _rows(ctx, select(WorkOrder.number)))
    assert wo_numbers == [f"WO-2022-{i:06d}" for i in range(1, len(wo_numbers) + 1)]
    with ctx.db.engine.connect() as conn, Session(bind=conn) as s:
        assert next_number(s, prefix="SR", year=2022) == f"SR-2022-{len(numbers) + 1:06d}"
        assert next_number(s, prefix="WO", year=2022) == f"WO-2022-{len(wo_numbers) + 1:06d}"
        s.rollback()
    seq = dict(_rows(ctx, select(NumberSequence.name, NumberSequence.next_value)))
    assert seq["SR-2022"] == len(numbers) + 1


class _Undo(Exception):
    pass


def _insert_one_of_each(ctx: Any) -> None:
    tables = (Caller, Call, ServiceRequest, RequestCaller, WorkOrder)
    with ctx.db.session(write=True) as s:
        top = {t: s.scalar(select(func.max(t.id))) for t in tables}
        caller = Caller(phone="+16267447311")
        s.add(caller)
        s.flush()
        call = Call(channel="phone", caller_id=caller.id)
        s.add(call)
        s.flush()
        request = ServiceRequest(
            number="SR-2022-999999",
            category_code="potholes",
            department_code="public-works",
            caller_id=caller.id,
            call_id=call.id,
        )
        s.add(request)
        s.flush()
        link = RequestCaller(request_id=request.id, caller_id=caller.id, call_id=call.id)
        order = WorkOrder(
            number="WO-2022-999999",
            request_id=request.id,
            category_code="potholes",
            department_code="public-works",
        )
        s.add_all([link, order])
        s.flush()
        for table, row in zip(tables, (caller, call, request, link, order), strict=True):
            assert row.id > top[table], table.__name__
        raise _Undo  # roll back: the shared demo database stays as loaded


def test_rows_added_after_the_demo_get_fresh_ids(loaded: Loaded) -> None:
    """The id sequences (PostgreSQL) moved past the bulk-loaded rows."""
    with pytest.raises(_Undo):
        _insert_one_of_each(loaded.ctx)


def test_work_orders_follow_the_catalog_and_the_calendar(loaded: Loaded) -> None:
    ctx = loaded.ctx
    rows = _rows(
        ctx,
        select(ServiceRequest, func.count(WorkOrder.id))
        .outerjoin(WorkOrder, WorkOrder.request_id == ServiceRequest.id)
        .group_by(ServiceRequest.id),
    )
    statuses: Counter[str] = Counter()
    for request, n_orders in rows:
        category = ctx.catalog.category(request.category_code)
        routing = category.routing(request.answers)
        assert n_orders == (1 if routing.work_order else 0), request.number
        assert request.department_code == routing.department
        assert request.due_at == ctx.calendar.due(request.created_at, category.sla)
        assert request.due_at > request.created_at
        if request.closed_at is not None:
            assert request.closed_at > request.created_at
        statuses[request.status] += 1
    assert statuses["closed"] > 0.9 * len(rows)  # a past year is mostly finished
    orders = _rows(ctx, select(WorkOrder))
    assert orders
    for (wo,) in orders:
        if wo.status == "completed":
            assert (
                wo.created_at
                <= wo.assigned_at
                <= wo.dispatched_at
                <= wo.started_at
                <= wo.completed_at
            )
            assert wo.resolution


def test_request_addresses_carry_the_intake_duplicate_keys(loaded: Loaded) -> None:
    ctx = loaded.ctx
    rows = _rows(
        ctx,
        select(
            ServiceRequest.address,
            ServiceRequest.address_key,
            ServiceRequest.street_key,
            ServiceRequest.house_number,
        ).limit(300),
    )
    for address, key, street, house in rows:
        check = ctx.catalog.street_index.check(address)
        assert check.ok, address
        assert (key, street, house) == (check.address_key, check.street_key, check.house_number)


def test_request_callers_match_the_caller_counts(loaded: Loaded) -> None:
    ctx = loaded.ctx
    links = dict(
        _rows(
            ctx, select(RequestCaller.request_id, func.count()).group_by(RequestCaller.request_id)
        )
    )
    rows = _rows(
        ctx, select(ServiceRequest.id, ServiceRequest.caller_id, ServiceRequest.callers_count)
    )
    assert any(count > 1 for _id, _caller, count in rows)
    early = _rows(
        ctx,
        select(func.count())
        .select_from(RequestCaller)
        .join(ServiceRequest, ServiceRequest.id == RequestCaller.request_id)
        .where(RequestCaller.linked_at < ServiceRequest.created_at),
    )
    assert early[0][0] == 0  # nobody is linked to a request before it exists
    for request_id, caller_id, count in rows:
        assert count == links.get(request_id, 0) + (1 if caller_id is None else 0)


def test_top_categories_at_least_as_common_as_the_rest(loaded: Loaded) -> None:
    ctx = loaded.ctx
    counts = dict(
        _rows(
            ctx,
            select(ServiceRequest.category_code, func.count()).group_by(
                ServiceRequest.category_code
            ),
        )
    )
    names = {c.code: c.name.lower() for c in ctx.catalog.categories}
    top = sorted(counts, key=lambda c: -counts[c])[:3]
    for fragment in ("bulky", "parking", "graffiti"):
        assert any(fragment in names[code] for code in top), (fragment, [names[c] for c in top])


# --------------------------------------------------------------------------- refusals
def test_a_second_load_of_the_same_year_is_refused(loaded: Loaded) -> None:
    with pytest.raises(ValidationError) as info:
        load_demo(loaded.ctx, years=[2021, 2022], seed=SEED, scale=SCALE)
    assert str(info.value) == (
        "The database already has calls in 2022; demo data is only loaded into years without calls."
    )
    assert kpi.figures(loaded.ctx, start=date(2021, 1, 1), end=date(2022, 1, 1)).calls_answered == 0


def test_parse_years() -> None:
    assert parse_years("2022") == [2022]
    assert parse_years("2013-2022") == list(range(2013, 2023))
    for bad in ("22", "2022-2013", "twenty", ""):
        with pytest.raises(ValidationError):
            parse_years(bad)


def test_the_same_seed_gives_the_same_rows(tmp_path: Path, sqlite_template: Path) -> None:
    from csc_console.config import load_settings
    from csc_console.services.bootstrap import open_context

    def load(name: str, seed: int) -> list[Any]:
        target = tmp_path / name
        shutil.copyfile(sqlite_template, target)
        ctx = open_context(load_settings(database_url=f"sqlite:///{target}"))
        try:
            load_demo(ctx, years=[2021], seed=seed, scale=0.01)
            calls = _rows(
                ctx,
                select(
                    Call.queued_at, Call.answered_at, Call.acw_ended_at, Call.caller_id
                ).order_by(Call.id),
            )
            requests = _rows(
                ctx,
                select(
                    ServiceRequest.number, ServiceRequest.category_code, ServiceRequest.address
                ).order_by(ServiceRequest.id),
            )
        finally:
            ctx.db.dispose()
        return [calls, requests]

    first, again, other = load("a.db", 5), load("b.db", 5), load("c.db", 6)
    assert first == again
    assert first != other


def test_the_current_year_stops_before_today(sqlite_url: str) -> None:
    from csc_console.config import load_settings
    from csc_console.services.bootstrap import open_context

    ctx = open_context(load_settings(database_url=sqlite_url))
    try:
        year = datetime.now(ctx.zone).year
        load_demo(ctx, years=[year], scale=0.01)
        today = datetime.now(ctx.zone).date()
        latest = _rows(ctx, select(func.max(Call.queued_at)))[0][0]
        assert latest is None or _local(ctx, latest).date() < today
        newest = _rows(ctx, select(func.max(ServiceRequest.created_at)))[0][0]
        assert newest is None or newest < datetime.now(UTC)
    finally:
        ctx.db.dispose()


# --------------------------------------------------------------------------- command line
def _one_sentence(err: str) -> str:
    line = err.strip()
    assert "\n" not in line
    assert "Traceback" not in line
    assert line.startswith("csc-console: ")
    assert line.endswith(".")
    return line.removeprefix("csc-console: ")


def test_cli_loads_and_then_refuses(sqlite_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["--db", sqlite_url, "demo", "--year", "2020", "--scale", "0.01", "--seed", "3"]) == 0
    )
    out = capsys.readouterr().out
    assert "\r" not in out
    assert "\x1b" not in out
    assert "2020: wrote" in out
    assert "Demo data loaded" in out
    assert main(["--db", sqlite_url, "report", "--year", "2020", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["calls_answered"] == round(kpi_target_2020() * 0.01)
    code = main(["--db", sqlite_url, "demo", "--years", "2019-2020", "--scale", "0.01"])
    assert code != 0
    assert _one_sentence(capsys.readouterr().err) == (
        "The database already has calls in 2020; demo data is only loaded into years without calls."
    )


def kpi_target_2020() -> int:
    from csc_console.services.demo.profile import targets_for

    return targets_for(2020).calls_answered


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2999"], "has not happened yet"),
        (["--years", "2022-2013"], "runs backwards"),
        (["--year", "soon"], "is not a year or a range of years"),
        (["--year", "1999"], "too early"),
        (["--year", "2022", "--scale", "0"], "The scale must be above 0"),
    ],
)
def test_cli_errors_are_one_sentence(
    sqlite_url: str, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code = main(["--db", sqlite_url, "demo", *args])
    assert code != 0
    assert message in _one_sentence(capsys.readouterr().err)


# --------------------------------------------------------------------------- the full year
@pytest.mark.slow
def test_full_2022_reproduces_the_published_figures(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", sqlite_url, "demo", "--year", "2022"]) == 0
    capsys.readouterr()
    assert main(["--db", sqlite_url, "report", "--year", "2022", "--format", "json"]) == 0
    f = json.loads(capsys.readouterr().out)
    assert f["calls_answered"] == pytest.approx(139_119, rel=0.01)
    assert f["requests_received"] == pytest.approx(37_052, rel=0.01)
    assert f["service_level_pct"] == pytest.approx(52.0, rel=0.01)
    assert f["asa_seconds"] == pytest.approx(199.0, abs=2)
    assert f["aht_seconds"] == pytest.approx(160.0, abs=2)
    assert (
        0.08
        <= (f["calls_abandoned"] + f["short_abandons"]) / (f["calls_offered"] + f["short_abandons"])
        <= 0.15
    )
    assert 100 <= f["relay_calls_answered"] <= 999
    # The October 2024 press figures' top four request categories lead the year.
    from csc_console.config import load_settings
    from csc_console.services.bootstrap import open_context

    ctx = open_context(load_settings(database_url=sqlite_url))
    try:
        counts = dict(
            _rows(
                ctx,
                select(ServiceRequest.category_code, func.count()).group_by(
                    ServiceRequest.category_code
                ),
            )
        )
        names = [ctx.catalog.category(code).name for code in sorted(counts, key=counts.__getitem__)]
    finally:
        ctx.db.dispose()
    top_four = " | ".join(names[-4:]).lower()
    for fragment in ("bulky item", "parking enforcement", "graffiti", "abandoned trash"):
        assert fragment in top_four
