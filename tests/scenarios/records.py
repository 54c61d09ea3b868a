"""The records a scenario leaves, normalised: no ids, times or keys, in a stable order, so
that the same call taken in either front end (on either database) compares equal.

Read with SQL through the product's models (a test helper may; the front ends may not)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from csc_console.db.models import (
    Call,
    Caller,
    DispatchEntry,
    RequestCaller,
    ServiceRequest,
    Unit,
    WorkOrder,
)
from tests.scenarios.model import CallFacts, Expect, RadioFacts, RequestFacts, WorkOrderFacts


@dataclass(frozen=True)
class Snapshot:
    requests: tuple[RequestFacts, ...]
    calls: tuple[CallFacts, ...]
    work_orders: tuple[WorkOrderFacts, ...]
    radio: tuple[RadioFacts, ...]


def _call_topics(call: Call) -> tuple[str, ...]:
    """Every topic of an information call, in the order asked (``topic_codes`` since issue
    14's defect 4; the one ``topic_code`` before)."""
    if call.purpose != "information":
        return ()
    every = getattr(call, "topic_codes", None)
    if every:
        return tuple(every)
    return (call.topic_code,) if call.topic_code else ()


def _call_request(call: Call, by_id: dict[Any, str], linked: dict[int, str]) -> str | None:
    """The request a call made or was linked to: the call's own ``request_id`` (since issue
    14's defect 2), else the request that names the call."""
    own = getattr(call, "request_id", None)
    if own is not None:
        return by_id.get(own)
    return linked.get(call.id)  # type: ignore[arg-type]


def snapshot(ctx: Any) -> Snapshot:
    with ctx.db.session() as s:
        names = {c.id: c.name for c in s.scalars(select(Caller))}
        requests = list(s.scalars(select(ServiceRequest).order_by(ServiceRequest.number)))  # type: ignore[arg-type]
        by_id = {r.id: r.number for r in requests}
        linked: dict[int, list[str]] = {}
        call_request: dict[int, str] = {}
        for link in s.scalars(select(RequestCaller).order_by(RequestCaller.id)):  # type: ignore[arg-type]
            linked.setdefault(link.request_id, []).append(names.get(link.caller_id) or "")
            if link.call_id is not None:
                call_request[link.call_id] = by_id[link.request_id]
        for r in requests:
            if r.call_id is not None:
                call_request.setdefault(r.call_id, r.number)
        request_facts = tuple(
            RequestFacts(
                category=r.category_code,
                address=r.address or "",
                status=r.status,
                verified=bool(r.address_verified),
                answers=tuple(sorted((k, str(v)) for k, v in (r.answers or {}).items())),
                callers=r.callers_count,
                caller_names=tuple(
                    sorted(
                        linked.get(r.id, [])
                        or ([names.get(r.caller_id) or ""] if r.caller_id else [])
                    )  # type: ignore[arg-type]
                ),
            )
            for r in requests
        )
        calls = list(s.scalars(select(Call).order_by(Call.id)))  # type: ignore[arg-type]
        call_facts = tuple(
            CallFacts(
                purpose=c.purpose,
                disposition=c.disposition,
                request=_call_request(c, by_id, call_request),
                topics=_call_topics(c),
                status=c.status,
            )
            for c in calls
        )
        orders = list(s.scalars(select(WorkOrder).order_by(WorkOrder.number)))  # type: ignore[arg-type]
        wo_numbers = {w.id: w.number for w in orders}
        order_facts = tuple(WorkOrderFacts(w.status, w.resolution) for w in orders)
        units = {u.id: u.call_sign for u in s.scalars(select(Unit))}
        entries = list(s.scalars(select(DispatchEntry).order_by(DispatchEntry.id)))  # type: ignore[arg-type]
        radio = tuple(
            RadioFacts(
                unit=units.get(e.unit_id, "") if e.unit_id else "",  # type: ignore[arg-type]
                status=e.status,
                message=e.message,
                work_order=wo_numbers.get(e.work_order_id) if e.work_order_id else None,  # type: ignore[arg-type]
            )
            for e in entries
        )
    return Snapshot(request_facts, call_facts, order_facts, radio)


def check_expected(snap: Snapshot, expect: Expect, seeded: Snapshot) -> None:
    """The scenario's own facts: the records it made (after the seed's) and, for a record
    the seed made, its state now."""
    new_calls = snap.calls[len(seeded.calls) :]
    assert new_calls == expect.calls, f"calls: {new_calls} != {expect.calls}"
    if expect.requests:
        got = tuple(_fill(r, e) for r, e in zip(snap.requests, expect.requests, strict=False))
        assert got == expect.requests and len(snap.requests) == len(expect.requests), (
            f"requests: {snap.requests} != {expect.requests}"
        )
    else:
        assert snap.requests == seeded.requests, f"requests: {snap.requests}"
    if expect.work_orders:
        assert snap.work_orders == expect.work_orders, f"work orders: {snap.work_orders}"
    if expect.radio:
        new_radio = snap.radio[len(seeded.radio) :]
        assert new_radio == expect.radio, f"radio: {new_radio} != {expect.radio}"


def _fill(got: RequestFacts, want: RequestFacts) -> RequestFacts:
    """Facts the scenario leaves open (answers ``None``, no caller names) are not compared."""
    return RequestFacts(
        category=got.category,
        address=got.address,
        status=got.status,
        verified=got.verified,
        answers=got.answers if want.answers is not None else None,
        callers=got.callers,
        caller_names=got.caller_names if want.caller_names else (),
    )
