"""Read-only lists the menu's interim workspaces show until their own services exist.

The work-order issue brings ``services/workorders.py`` (queues, paging, overdue on the business
calendar) and the dispatch issue ``services/dispatch.py`` (the board); when they land, the
workspaces switch to them and this module goes. Until then: one session per call, frozen read
models, bounded queries on indexed columns, never whole tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlmodel import col

from csc_console.db.models import Unit, WorkOrder
from csc_console.services.context import Ctx
from csc_console.vocab import WorkOrderStatus

CLOSED_WORK = (WorkOrderStatus.COMPLETED.value, WorkOrderStatus.CANCELLED.value)


@dataclass(frozen=True)
class WorkOrderLine:
    number: str
    category_code: str
    status: str
    priority: str
    address: str | None
    crew: str | None
    division: str | None
    due_at: datetime | None


@dataclass(frozen=True)
class DepartmentQueue:
    department_code: str
    total: int
    first: tuple[WorkOrderLine, ...]


@dataclass(frozen=True)
class UnitLine:
    call_sign: str
    name: str
    department_code: str
    division: str | None
    status: str
    status_since: datetime | None
    location: str | None
    work_order: str | None


def open_work_orders(ctx: Ctx, *, per_department: int = 10) -> list[DepartmentQueue]:
    """Open work orders per department: the count and the first few by due time."""
    is_open = col(WorkOrder.status).not_in(CLOSED_WORK)
    with ctx.db.session() as s:
        counts = s.execute(
            select(col(WorkOrder.department_code), func.count())
            .where(is_open)
            .group_by(col(WorkOrder.department_code))
            .order_by(col(WorkOrder.department_code))
        ).all()
        queues: list[DepartmentQueue] = []
        for department_code, total in counts:
            rows = s.scalars(
                select(WorkOrder)
                .where(is_open, col(WorkOrder.department_code) == department_code)
                .order_by(
                    col(WorkOrder.due_at).is_(None),
                    col(WorkOrder.due_at),
                    col(WorkOrder.id),
                )
                .limit(per_department)
            )
            first = tuple(
                WorkOrderLine(
                    number=r.number,
                    category_code=r.category_code,
                    status=r.status,
                    priority=r.priority,
                    address=r.address,
                    crew=r.crew,
                    division=r.division,
                    due_at=r.due_at,
                )
                for r in rows
            )
            queues.append(DepartmentQueue(department_code, int(total), first))
        return queues


def _natural(call_sign: str) -> tuple[tuple[int, int | str], ...]:
    """PW2 before PW10."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"(\d+)", call_sign) if p)


def units(ctx: Ctx) -> list[UnitLine]:
    """Every active unit (a few dozen, from the catalog) with its status, in call-sign order."""
    with ctx.db.session() as s:
        rows = s.execute(
            select(Unit, col(WorkOrder.number))
            .outerjoin(WorkOrder, col(WorkOrder.id) == col(Unit.work_order_id))
            .where(col(Unit.active).is_(True))
            .order_by(col(Unit.call_sign))
        ).all()
        lines = [
            UnitLine(
                call_sign=u.call_sign,
                name=u.name,
                department_code=u.department_code,
                division=u.division,
                status=u.status,
                status_since=u.status_since,
                location=u.location,
                work_order=number,
            )
            for u, number in rows
        ]
    return sorted(lines, key=lambda line: _natural(line.call_sign))
