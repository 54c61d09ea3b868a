"""The read-only overviews behind the workspaces' first views (both databases)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from csc_console.db.models import Call, ServiceRequest, WorkOrder
from csc_console.services.overview import (
    intake_overview,
    today_bounds,
    today_figures,
    unit_overview,
    work_order_overview,
)

# 10:00 in Pasadena on a weekday; "yesterday" is 20 hours earlier (still 2026-03-09 in UTC).
NOW = datetime(2026, 3, 10, 17, 0, tzinfo=UTC)
YESTERDAY = NOW - timedelta(hours=20)


def _seed(ctx: Any) -> None:
    category = next(c for c in ctx.catalog.categories if c.work_order)
    with ctx.db.session(write=True, note="test data") as s:
        for n, (when, status) in enumerate(
            [
                (NOW - timedelta(hours=1), "open"),
                (NOW - timedelta(minutes=5), "closed"),
                (YESTERDAY, "open"),
            ],
            1,
        ):
            s.add(
                ServiceRequest(
                    number=f"SR-2026-{n:06d}",
                    category_code=category.code,
                    department_code=category.department,
                    status=status,
                    address="[bold]100 N Garfield Ave",
                    created_at=when,
                )
            )
        s.add_all(
            [
                WorkOrder(
                    number="WO-2026-000001",
                    category_code=category.code,
                    department_code=category.department,
                    status="new",
                    due_at=NOW - timedelta(days=1),
                    created_at=YESTERDAY,
                ),
                WorkOrder(
                    number="WO-2026-000002",
                    category_code=category.code,
                    department_code=category.department,
                    status="assigned",
                    due_at=NOW + timedelta(days=2),
                    created_at=NOW,
                ),
                WorkOrder(
                    number="WO-2026-000003",
                    category_code=category.code,
                    department_code=category.department,
                    status="completed",
                    created_at=NOW,
                ),
                Call(
                    queued_at=NOW - timedelta(hours=2),
                    answered_at=NOW - timedelta(hours=2),
                    status="completed",
                ),
                Call(queued_at=NOW - timedelta(hours=1), status="abandoned"),
                Call(queued_at=YESTERDAY, answered_at=YESTERDAY, status="completed"),
            ]
        )


def test_today_is_the_city_day(ctx: Any) -> None:
    start, end = today_bounds(ctx, NOW)
    assert start == datetime(2026, 3, 10, 7, 0, tzinfo=UTC)  # midnight PDT
    assert end - start == timedelta(hours=24)


def test_intake_counts_todays_requests_newest_first(ctx: Any) -> None:
    _seed(ctx)
    view = intake_overview(ctx, now=NOW)
    assert view.requests_today == 2
    assert [r.number for r in view.recent] == ["SR-2026-000002", "SR-2026-000001"]
    assert view.recent[0].status == "Closed"
    assert view.recent[0].address == "[bold]100 N Garfield Ave"  # stored as typed
    assert view.recent[0].created_at.tzinfo is not None


def test_work_orders_open_and_overdue_per_department(ctx: Any) -> None:
    _seed(ctx)
    rows = work_order_overview(ctx, now=NOW)
    category = next(c for c in ctx.catalog.categories if c.work_order)
    [mine] = [r for r in rows if r.department_code == category.department]
    assert (mine.open, mine.overdue) == (2, 1)
    assert mine.department == ctx.catalog.department(category.department).name
    assert all(r.open == 0 for r in rows if r is not mine)


def test_units_come_from_the_catalog_with_their_status(ctx: Any) -> None:
    units = unit_overview(ctx)
    assert [u.call_sign for u in units] == sorted(u.call_sign for u in ctx.catalog.units)
    assert {u.status for u in units} == {ctx.catalog.dispatch_status("available").name}


def test_todays_figures(ctx: Any) -> None:
    _seed(ctx)
    figures = today_figures(ctx, now=NOW)
    assert (figures.calls_offered, figures.calls_answered, figures.calls_abandoned) == (2, 1, 1)
    assert figures.requests_received == 2
    assert figures.open_work_orders == 2
