"""A cheap way to know whether a work-order queue may have changed, for a screen's refresh timer.

``queues.queue_signature`` reads ``max(updated_at)`` over every row of the queue: on a queue of
a hundred thousand work orders that is a few hundred milliseconds per look. Here the look is a
few index probes whatever the size of the queue:

- the queue's size (``list_queue``'s count, exact up to its cap), which changes when work
  orders enter or leave the filter (a status change, an overdue one, a new one);
- the newest work order and the newest work-order event (two primary-key lookups): every
  change a queue row shows (status, crew, priority, a note, escalation, reopening, creation)
  writes a ``work_order_event`` in the same transaction (``services.workorders``).

A change anywhere makes the fingerprint move, so the screen reloads its page (one indexed
query) and repaints only if what it shows changed. Nothing changes: nothing is repainted.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlmodel import col

from csc_console.db.models import WorkOrder, WorkOrderEvent
from csc_console.services.context import Ctx
from csc_console.services.queues import QueueFilter, list_queue

Fingerprint = tuple[int, bool, int, int]


def latest_change(ctx: Ctx) -> tuple[int, int]:
    """(newest work order id, newest work-order event id); (0, 0) on an empty database."""
    with ctx.db.session() as s:
        order = s.scalar(select(func.max(col(WorkOrder.id))))
        event = s.scalar(select(func.max(col(WorkOrderEvent.id))))
    return int(order or 0), int(event or 0)


def fingerprint(total: int, capped: bool, latest: tuple[int, int]) -> Fingerprint:
    return total, capped, latest[0], latest[1]


def queue_fingerprint(
    ctx: Ctx, filt: QueueFilter | None = None, *, now: datetime | None = None
) -> Fingerprint:
    """The queue's fingerprint now (see the module documentation)."""
    latest = latest_change(ctx)  # first: a change after this look moves the next one
    page = list_queue(ctx, filt, limit=1, now=now)
    return fingerprint(page.total, page.total_capped, latest)
