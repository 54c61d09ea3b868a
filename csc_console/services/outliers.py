"""Handle-time outliers: phone calls whose handle time is far above the centre's average.

A call is *long* when its handle time (talk, hold and after-call work: ``acw_ended_at -
answered_at``) exceeds ``factor`` times the centre's average handle time of phone calls over
the same range. Relay calls (711) are long by nature, with pauses while the communications
assistant types and reads: they are never flagged and do not count in the average either.
Walk-ins, voicemail and email are not queue calls and are left out too.

Computed in SQL: one aggregate for the basis, one ``GROUP BY`` for the count per CSR and one
``ORDER BY ... LIMIT`` for the longest calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, func, select

from csc_console.db.types import seconds_between
from csc_console.services import kpi
from csc_console.services.context import Ctx
from csc_console.services.kpi import CALL, OPERATOR
from csc_console.vocab import Channel

OUTLIER_FACTOR = 3.0
LONG_CALL_LIMIT = 20


@dataclass(frozen=True)
class LongCall:
    call_id: int
    queued_at: datetime  # in the city's zone
    handle_seconds: float
    operator: str | None  # username
    operator_name: str | None
    disposition: str | None


@dataclass(frozen=True)
class Outliers:
    factor: float
    basis_aht_seconds: float | None  # the centre's phone AHT over the range (relay excluded)
    threshold_seconds: float | None  # factor x basis; None when no phone call was handled
    per_csr: tuple[tuple[str, int], ...]  # (username, long calls), CSRs with at least one
    calls: tuple[LongCall, ...]  # the longest first, at most LONG_CALL_LIMIT
    total: int  # long calls in the range (of the CSR, for one CSR)

    def count_for(self, username: str) -> int:
        return dict(self.per_csr).get(username, 0)


def long_calls(
    ctx: Ctx,
    *,
    start: date,
    end: date,
    operator: str | None = None,
    factor: float = OUTLIER_FACTOR,
    limit: int = LONG_CALL_LIMIT,
) -> Outliers:
    """Long phone calls over local dates ``[start, end)``; the list for one CSR with
    ``operator`` (the threshold is the centre's either way)."""
    lo, hi = kpi.utc_bounds(ctx.zone, start, end)
    handle = seconds_between(CALL.c.answered_at, CALL.c.acw_ended_at)
    phone_handled = [
        *kpi.queue_call_filter(lo, hi),
        CALL.c.channel == Channel.PHONE.value,
        CALL.c.answered_at.is_not(None),
        CALL.c.acw_ended_at.is_not(None),
    ]
    with ctx.db.session() as s:
        op_id = kpi.operator_ref(s, operator)[0] if operator is not None else None
        basis_value = s.scalar(select(func.avg(handle)).where(*phone_handled))
        basis = round(float(basis_value), 1) if basis_value is not None else None
        if basis is None:
            return Outliers(factor, None, None, (), (), 0)
        threshold = round(basis * factor, 1)
        long_ = [*phone_handled, handle > threshold]
        counts = s.execute(
            select(OPERATOR.c.username, func.count().label("n"))
            .select_from(CALL.outerjoin(OPERATOR, OPERATOR.c.id == CALL.c.operator_id))
            .where(*long_)
            .group_by(OPERATOR.c.username)
        ).all()
        mine = [*long_, CALL.c.operator_id == op_id] if op_id is not None else long_
        rows = s.execute(
            select(
                CALL.c.id,
                CALL.c.queued_at,
                handle.label("handle"),
                CALL.c.disposition,
                OPERATOR.c.username,
                OPERATOR.c.display_name,
            )
            .select_from(CALL.outerjoin(OPERATOR, and_(OPERATOR.c.id == CALL.c.operator_id)))
            .where(*mine)
            .order_by(handle.desc(), CALL.c.id)
            .limit(limit)
        ).all()
    per_csr = tuple(
        sorted(((str(u), int(n)) for u, n in counts if u is not None), key=lambda p: (-p[1], p[0]))
    )
    total = sum(int(n) for _u, n in counts)
    if op_id is not None:
        total = dict(per_csr).get(str(operator).strip().lower(), 0)
    return Outliers(
        factor=factor,
        basis_aht_seconds=basis,
        threshold_seconds=threshold,
        per_csr=per_csr,
        calls=tuple(
            LongCall(
                call_id=int(r.id),
                queued_at=_aware(r.queued_at).astimezone(ctx.zone),
                handle_seconds=round(float(r.handle), 1),
                operator=r.username,
                operator_name=r.display_name,
                disposition=r.disposition,
            )
            for r in rows
        ),
        total=total,
    )


def _aware(value: datetime) -> datetime:
    from datetime import UTC

    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
