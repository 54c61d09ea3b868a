"""Write a generated year: callers, calls, relay details, requests, their callers, work orders,
the number counters and one summary audit event, in the caller's transaction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from csc_console.db.models import (
    AuditEvent,
    Call,
    Caller,
    RelayCall,
    RequestCaller,
    ServiceRequest,
    WorkOrder,
)
from csc_console.db.types import utcnow
from csc_console.services.demo.generate import Shared, YearData
from csc_console.services.demo.people import phone_for
from csc_console.services.demo.writer import BulkWriter
from csc_console.services.numbers import format_number, reserve_through

TABLES: list[Table] = [
    t.__table__  # type: ignore[union-attr]
    for t in (Caller, Call, RelayCall, ServiceRequest, RequestCaller, WorkOrder)
]
LOCK_KEY = 7311_0006  # PostgreSQL advisory lock held while a demo year is written

CALLER_COLUMNS = (
    "id", "phone", "name", "email", "address", "address_verified", "language", "anonymous",
    "created_at", "updated_at", "version",
)  # fmt: skip
CALL_COLUMNS = (
    "id", "channel", "status", "caller_id", "operator_id", "queued_at", "answered_at",
    "ended_at", "acw_ended_at", "hold_seconds", "purpose", "topic_code", "disposition",
    "created_at", "updated_at", "version",
)  # fmt: skip
RELAY_COLUMNS = (
    "call_id", "relay_type", "ca_number", "provider", "language", "preferred_callback",
    "dropped", "callback_attempts", "updated_at", "version",
)  # fmt: skip
REQUEST_COLUMNS = (
    "id", "number", "category_code", "status", "status_note", "description", "address",
    "address_key", "street_key", "house_number", "address_verified", "department_code",
    "channel", "answers", "caller_id",
    "call_id", "operator_id", "callers_count", "created_at", "due_at", "closed_at",
    "updated_at", "version",
)  # fmt: skip
LINK_COLUMNS = ("id", "request_id", "caller_id", "call_id", "linked_at", "notify", "notified_at")
WORK_ORDER_COLUMNS = (
    "id", "number", "request_id", "category_code", "department_code", "division", "crew",
    "status", "priority", "address", "description", "status_reason", "resolution",
    "created_at", "due_at", "assigned_at", "dispatched_at", "started_at", "completed_at",
    "updated_at", "version",
)  # fmt: skip


@dataclass(frozen=True)
class Written:
    calls: int
    requests: int
    work_orders: int
    callers: int
    links: int
    relay_calls: int
    first_request: str | None
    last_request: str | None


def _sequence_start(conn: Connection, prefix: str, year: int) -> int:
    from csc_console.db.models import NumberSequence

    value = conn.scalar(
        NumberSequence.__table__.select()  # type: ignore[attr-defined]
        .with_only_columns(NumberSequence.__table__.c.next_value)  # type: ignore[attr-defined]
        .where(NumberSequence.__table__.c.name == f"{prefix}-{year}")  # type: ignore[attr-defined]
    )
    return int(value or 1)


def write_year(
    conn: Connection, shared: Shared, data: YearData, *, operator_id: int | None
) -> Written:
    w = BulkWriter(conn)
    w.lock(TABLES, LOCK_KEY)
    caller_t, call_t, relay_t, request_t, link_t, wo_t = TABLES
    pool = shared.pool

    # Callers first seen this year.
    caller_base = w.next_id(caller_t)
    first_new = len(pool.db_ids)
    new_drafts = pool.drafts[first_new:]
    caller_rows: list[tuple[Any, ...]] = []
    for k, d in enumerate(new_drafts):
        cid = caller_base + k
        pool.db_ids.append(cid)
        caller_rows.append(
            (cid, phone_for(cid), d.name, d.email, d.address, d.address is not None, d.language,
             False, d.first_seen, d.first_seen, 1)
        )  # fmt: skip
    w.insert(caller_t, CALLER_COLUMNS, caller_rows)
    ids = pool.db_ids

    def caller_id(index: int | None) -> int | None:
        return None if index is None else ids[index]

    call_base = w.next_id(call_t)
    w.insert(
        call_t,
        CALL_COLUMNS,
        (
            (call_base + i, c.channel, c.status, caller_id(c.caller), c.operator_id, c.queued,
             c.answered, c.ended, c.acw_ended, c.hold, c.purpose, c.topic_code, c.disposition,
             c.queued, c.acw_ended or c.ended or c.queued, 1)
            for i, c in enumerate(data.calls)
        ),
    )  # fmt: skip
    w.insert(
        relay_t,
        RELAY_COLUMNS,
        (
            (call_base + r[0], *r[1:], data.calls[r[0]].acw_ended or data.calls[r[0]].queued, 1)
            for r in data.relay
        ),
    )

    request_base = w.next_id(request_t)
    seq = _sequence_start(conn, "SR", data.year)
    w.insert(
        request_t,
        REQUEST_COLUMNS,
        (
            (request_base + i, format_number("SR", data.year, seq + i), r.category.code, r.status,
             r.note, r.description, r.address, *shared.addresses.keys(r.address), True,
             r.routing.department, r.channel, r.answers, caller_id(r.caller),
             None if r.call is None else call_base + r.call, r.operator_id, r.callers_count,
             r.created, r.due, r.closed, r.updated, 1)
            for i, r in enumerate(data.requests)
        ),
    )  # fmt: skip

    link_rows: list[tuple[Any, ...]] = []
    link_base = w.next_id(link_t)
    for i, r in enumerate(data.requests):
        rid = request_base + i
        if r.caller is not None:
            link_rows.append(
                (
                    rid,
                    ids[r.caller],
                    None if r.call is None else call_base + r.call,
                    r.created,
                    True,
                    r.closed,
                )
            )
        for caller, call, at in r.links:
            notified = r.closed if r.closed is not None and r.closed > at else None
            link_rows.append((rid, ids[caller], call_base + call, at, True, notified))
    w.insert(link_t, LINK_COLUMNS, ((link_base + k, *row) for k, row in enumerate(link_rows)))

    wo_base = w.next_id(wo_t)
    wo_seq = _sequence_start(conn, "WO", data.year)
    wo_rows: list[tuple[Any, ...]] = []
    for i, r in enumerate(data.requests):
        wo = r.work_order
        if wo is None:
            continue
        k = len(wo_rows)
        wo_rows.append(
            (wo_base + k, format_number("WO", data.year, wo_seq + k), request_base + i,
             r.category.code, r.routing.department, r.routing.division, wo.crew, wo.status,
             wo.priority, r.address, r.description, wo.reason, wo.resolution, wo.created, wo.due,
             wo.assigned, wo.dispatched, wo.started, wo.completed, wo.updated, 1)
        )  # fmt: skip
    w.insert(wo_t, WORK_ORDER_COLUMNS, wo_rows)

    session = Session(bind=conn)
    if data.requests:
        reserve_through(
            session, prefix="SR", year=data.year, last_used=seq + len(data.requests) - 1
        )
    if wo_rows:
        reserve_through(session, prefix="WO", year=data.year, last_used=wo_seq + len(wo_rows) - 1)
    session.close()
    for table in TABLES:
        if table is not relay_t:
            w.sync_sequence(table)

    written = Written(
        calls=len(data.calls),
        requests=len(data.requests),
        work_orders=len(wo_rows),
        callers=len(caller_rows),
        links=len(link_rows),
        relay_calls=len(data.relay),
        first_request=format_number("SR", data.year, seq) if data.requests else None,
        last_request=format_number("SR", data.year, seq + len(data.requests) - 1)
        if data.requests
        else None,
    )
    conn.execute(
        insert(AuditEvent).values(
            at=utcnow(),
            operator_id=operator_id,
            entity="demo",
            entity_id=str(data.year),
            action="load",
            changes={
                "year": data.year,
                "calls": written.calls,
                "requests": written.requests,
                "work_orders": written.work_orders,
                "callers": written.callers,
                "request_callers": written.links,
                "relay_calls": written.relay_calls,
                "requests_numbered": [written.first_request, written.last_request],
            },
            note="demo data loaded",
        )
    )
    return written
