from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from csc_console.services.callers import CallerInput
from csc_console.services.requests import NewRequest, create_request
from csc_console.services.workorders import Change, update_work_order
from csc_console.vocab import WorkOrderStatus as S

LA = ZoneInfo("America/Los_Angeles")
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=LA).astimezone(UTC)
POTHOLE = {"location_in_street": "2", "size": "medium", "hazard": "no"}

# A legal path to each status, from a freshly created (assigned) pothole work order.
PATH_TO: dict[S, list[Change]] = {
    S.ASSIGNED: [],
    S.NEW: [Change(status="new", crew="")],
    S.DISPATCHED: [Change(status="dispatched")],
    S.IN_PROGRESS: [Change(status="dispatched"), Change(status="in_progress")],
    S.ON_HOLD: [Change(status="on_hold", reason="waiting for asphalt")],
    S.COMPLETED: [Change(status="dispatched"), Change(status="in_progress"), Change(status="completed", resolution="patched")],
    S.CANCELLED: [Change(status="cancelled", reason="duplicate")],
}


def pothole_request(ctx: Any, address: str = "1200 N Lake Ave", phone: str | None = "626-555-0101") -> Any:
    return create_request(
        ctx,
        NewRequest(
            category="potholes",
            address=address,
            answers=POTHOLE,
            description="Pothole",
            caller=CallerInput(phone=phone, name="Jane Caller") if phone else CallerInput(),
        ),
        now=NOW,
    )


def work_order_in(ctx: Any, status: S, address: str = "1200 N Lake Ave") -> str:
    req = pothole_request(ctx, address)
    number = req.work_orders[0]
    for change in PATH_TO[status]:
        update_work_order(ctx, number=number, change=change)
    return number


@pytest.fixture
def supervisor_ctx(admin_ctx: Any) -> Any:
    from csc_console.services.operators import create_operator

    sup = create_operator(admin_ctx, username="lw", display_name="Lee Williams", role="supervisor")
    return admin_ctx.as_operator(sup)
