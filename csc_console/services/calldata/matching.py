"""Matching call-detail rows to the calls the CSRs logged (see ``importer``).

A row matches a logged call of the operator named as its agent: a phone or relay call with no
``external_id`` yet, answered within the tolerance of the row's answer time; the nearest wins,
each logged call once. Candidates are read per cluster of rows (answer times within
``CLUSTER_SPAN``), one indexed query each (``ix_call_operator_queued``).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from csc_console.services.calldata.mapping import CdrRow
from csc_console.services.kpi import CALL, QUEUE_CHANNELS

MAX_QUEUE_WAIT = timedelta(hours=4)  # how far before its answer a logged call may have queued
CLUSTER_SPAN = timedelta(days=2)  # answered times one candidate query covers

# Logged calls that may match: by agent and time (ix_call_operator_queued). external_id is
# tested in Python, not in SQL: "external_id IS NULL" steers SQLite's planner to the unique
# index on external_id, where every logged call sits.
CANDIDATES = select(CALL.c.id, CALL.c.operator_id, CALL.c.answered_at, CALL.c.external_id).where(
    CALL.c.operator_id.in_(bindparam("ops", expanding=True)),
    CALL.c.queued_at >= bindparam("lo", type_=CALL.c.queued_at.type),
    CALL.c.queued_at <= bindparam("hi", type_=CALL.c.queued_at.type),
    CALL.c.answered_at.is_not(None),
    CALL.c.channel.in_(QUEUE_CHANNELS),
)


def match_rows(
    s: Session, rows: Sequence[CdrRow], agents: dict[str, int], tolerance: int
) -> dict[int, int]:
    """line -> id of the logged call it matches."""
    out: dict[int, int] = {}
    tol = timedelta(seconds=tolerance)
    used: set[int] = set()
    ordered = sorted(rows, key=lambda r: r.answered or r.queued)
    start = 0
    while start < len(ordered):
        first = ordered[start].answered
        assert first is not None
        stop = start
        while stop < len(ordered) and (ordered[stop].answered or first) - first <= CLUSTER_SPAN:
            stop += 1
        cluster = ordered[start:stop]
        start = stop
        last = cluster[-1].answered
        assert last is not None
        ids = sorted({agents[r.agent] for r in cluster if r.agent})
        found = s.execute(
            CANDIDATES,
            {
                "ops": ids,
                "lo": (first - tol - MAX_QUEUE_WAIT).replace(tzinfo=UTC),
                "hi": (last + tol).replace(tzinfo=UTC),
            },
        ).all()
        by_agent: dict[int, list[tuple[datetime, int]]] = {}
        for call_id, op_id, at, external in found:
            if external is None and at is not None:
                by_agent.setdefault(int(op_id), []).append((plain_utc(at), int(call_id)))
        for candidates in by_agent.values():
            candidates.sort()
        for row in cluster:
            assert row.answered is not None and row.agent is not None
            candidates = by_agent.get(agents[row.agent], [])
            best = _nearest(candidates, row.answered, tol, used)
            if best is not None:
                used.add(best)
                out[row.line] = best
    return out


def naive_utc(moment: datetime | None) -> datetime | None:
    return None if moment is None else plain_utc(moment)


def plain_utc(moment: datetime) -> datetime:
    """Naive UTC, as ``CdrRow`` holds times."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def _nearest(
    candidates: list[tuple[datetime, int]], at: datetime, tol: timedelta, used: set[int]
) -> int | None:
    i = bisect.bisect_left(candidates, (at - tol, -1))
    best: tuple[timedelta, int] | None = None
    while i < len(candidates) and candidates[i][0] <= at + tol:
        when, call_id = candidates[i]
        if call_id not in used:
            gap = abs(when - at)
            if best is None or gap < best[0]:
                best = (gap, call_id)
        i += 1
    return best[1] if best else None
