"""Work orders: created from service requests whose category (or answers) needs a crew.

Routing comes from the catalog (department, division, default crew, priority); the due time
is the category's SLA on the city's business calendar.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from csc_console.catalog.schema import Category, Routing
from csc_console.db.models import ServiceRequest, WorkOrder
from csc_console.services.context import Ctx
from csc_console.services.numbers import next_number
from csc_console.vocab import WorkOrderStatus


def create_for_request(
    s: Session,
    ctx: Ctx,
    request: ServiceRequest,
    category: Category,
    routing: Routing,
    *,
    now: datetime,
) -> WorkOrder:
    """The work order for a new request, in the request's transaction."""
    crew = routing.default_crew
    row = WorkOrder(
        number=next_number(s, prefix="WO", year=now.astimezone(ctx.zone).year),
        request_id=request.id,
        category_code=category.code,
        department_code=routing.department,
        division=routing.division,
        crew=crew,
        status=(WorkOrderStatus.ASSIGNED if crew else WorkOrderStatus.NEW).value,
        priority=routing.priority,
        address=request.address or request.cross_street,
        description=request.description,
        created_at=now,
        updated_at=now,
        due_at=request.due_at,
        assigned_at=now if crew else None,
    )
    s.add(row)
    return row
