"""The centre's figures, computed with SQL aggregates over the raw call and request rows.

Definitions (DOMAIN.md section 7), all over a half-open range of local dates in the city's zone
(``start`` inclusive, ``end`` exclusive), a call belonging to the day it entered the queue:

- *queue calls* are telephone calls through the centre's queue: channels ``phone`` and
  ``relay`` (relay calls reach the same queue through 711 and are also counted separately).
  Walk-ins, voicemail and email are contacts, not queue calls, and are left out of these figures.
- *answered*: a queue call with ``answered_at``; its answer delay is ``answered_at - queued_at``.
- *abandoned*: a queue call with status ``abandoned`` and no ``answered_at`` (the caller hung up
  while queued); its wait is ``ended_at - queued_at``. A *short abandon* waited less than
  ``settings.short_abandon_seconds``: it is excluded from ``calls_abandoned`` and
  ``calls_offered`` and reported as ``short_abandons``.
- ``calls_offered`` = answered + abandoned (short abandons excluded).
- ``asa_seconds`` (average speed of answer) = total answer delay / answered calls.
- ``service_level_pct`` = calls answered within ``settings.service_level_seconds`` / the
  denominator of the chosen formula (by default answered calls; see ``SERVICE_LEVEL_FORMULAS``).
- ``aht_seconds`` (average handle time) = total (``acw_ended_at - answered_at``: talk, hold and
  after-call work) / handled calls (answered calls whose after-call work is finished).
- ``requests_received``: service requests created in the range, every channel.

Waits are compared in whole seconds, rounded as a phone system reports them: a call answered
after 30.4 s is within 30 s, one after 30.6 s is not.

The aggregate expressions are public (``call_aggregates``, ``figures_from_row``) so reports
grouped by day, week, CSR or channel can reuse them with a GROUP BY.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, time
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Label, Table, and_, case, func, select
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from csc_console.db.models import Call, Operator, ServiceRequest
from csc_console.db.types import seconds_between
from csc_console.errors import NotFound, ValidationError
from csc_console.services.context import Ctx
from csc_console.vocab import CallStatus, Channel

# The tables' columns (typed as SQL expressions, unlike the SQLModel attributes).
CALL: Table = Call.__table__  # type: ignore[attr-defined]
REQUEST: Table = ServiceRequest.__table__  # type: ignore[attr-defined]
OPERATOR: Table = Operator.__table__  # type: ignore[attr-defined]

QUEUE_CHANNELS: tuple[str, ...] = (Channel.PHONE.value, Channel.RELAY.value)

ServiceLevelFormula = Literal["answered", "offered", "offered_with_short"]

SERVICE_LEVEL_FORMULAS: dict[str, str] = {
    "answered": (
        "calls answered within {t} seconds divided by calls answered "
        "(abandoned calls are not counted)"
    ),
    "offered": (
        "calls answered within {t} seconds divided by calls offered "
        "(answered plus abandoned; abandons under {s} seconds are not counted)"
    ),
    "offered_with_short": (
        "calls answered within {t} seconds divided by answered plus all abandoned calls "
        "(short abandons counted too)"
    ),
}


@dataclass(frozen=True)
class Figures:
    """The centre's figures for one period. Seconds and percentages have one decimal."""

    start: date
    end: date  # exclusive
    calls_offered: int
    calls_answered: int
    calls_abandoned: int
    short_abandons: int
    answered_within_threshold: int
    asa_seconds: float | None
    service_level_pct: float | None
    service_level_threshold_seconds: int
    short_abandon_threshold_seconds: int
    service_level_formula: str
    handled_calls: int
    aht_seconds: float | None
    relay_calls_answered: int
    requests_received: int

    @property
    def last_day(self) -> date:
        return date.fromordinal(self.end.toordinal() - 1)

    def as_dict(self) -> dict[str, Any]:
        """Plain values for JSON and CSV; the period as ``from`` and ``to``, both inclusive."""
        data = asdict(self)
        del data["start"], data["end"]
        return {"from": self.start.isoformat(), "to": self.last_day.isoformat(), **data}


# --------------------------------------------------------------------------- range
def utc_bounds(zone: ZoneInfo, start: date, end: date) -> tuple[datetime, datetime]:
    """Local midnight of ``start`` and of ``end`` in ``zone``, as aware UTC instants."""
    if end <= start:
        raise ValidationError(
            f"The period must end after it starts ({start.isoformat()} to {end.isoformat()})."
        )
    lo = datetime.combine(start, time(0), tzinfo=zone).astimezone(UTC)
    hi = datetime.combine(end, time(0), tzinfo=zone).astimezone(UTC)
    return lo, hi


def year_range(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year + 1, 1, 1)


# --------------------------------------------------------------------------- expressions
def _count(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def call_aggregates(*, threshold_seconds: int, short_abandon_seconds: int) -> list[Label[Any]]:
    """Labelled aggregate columns over ``call`` rows (filter the rows to queue calls first)."""
    answered = CALL.c.answered_at.is_not(None)
    wait = seconds_between(CALL.c.queued_at, CALL.c.answered_at)
    abandoned = and_(
        CALL.c.answered_at.is_(None),
        CALL.c.status == CallStatus.ABANDONED.value,
    )
    abandon_wait = seconds_between(CALL.c.queued_at, CALL.c.ended_at)
    # Whole seconds, rounded: "< t + 0.5" is "rounds to at most t"; "< s - 0.5" is "rounds to
    # less than s". The margins also absorb floating-point noise in the date arithmetic.
    short = and_(abandoned, abandon_wait < short_abandon_seconds - 0.5)
    within = and_(answered, wait < threshold_seconds + 0.5)
    handled = and_(answered, CALL.c.acw_ended_at.is_not(None))
    handle = seconds_between(CALL.c.answered_at, CALL.c.acw_ended_at)
    return [
        _count(answered).label("answered"),
        _count(abandoned).label("abandoned_all"),
        _count(short).label("short_abandons"),
        _count(within).label("within"),
        func.sum(case((answered, wait))).label("wait_total"),
        _count(handled).label("handled"),
        func.sum(case((handled, handle))).label("handle_total"),
        _count(and_(answered, CALL.c.channel == Channel.RELAY.value)).label("relay_answered"),
    ]


def queue_call_filter(lo: datetime, hi: datetime) -> list[ColumnElement[bool]]:
    """The WHERE clauses for queue calls that entered the queue in ``[lo, hi)``."""
    return [
        CALL.c.queued_at >= lo,
        CALL.c.queued_at < hi,
        CALL.c.channel.in_(QUEUE_CHANNELS),
    ]


def _avg(total: Any, count: int) -> float | None:
    if not count or total is None:
        return None
    return round(float(total) / count, 1)


def figures_from_row(
    row: Row[Any] | Any,
    *,
    start: date,
    end: date,
    requests_received: int,
    threshold_seconds: int,
    short_abandon_seconds: int,
    formula: ServiceLevelFormula = "answered",
) -> Figures:
    """Turn one row of ``call_aggregates`` into ``Figures``."""
    answered = int(row.answered)
    short = int(row.short_abandons)
    abandoned = int(row.abandoned_all) - short
    within = int(row.within)
    denominator = {
        "answered": answered,
        "offered": answered + abandoned,
        "offered_with_short": answered + abandoned + short,
    }[formula]
    handled = int(row.handled)
    return Figures(
        start=start,
        end=end,
        calls_offered=answered + abandoned,
        calls_answered=answered,
        calls_abandoned=abandoned,
        short_abandons=short,
        answered_within_threshold=within,
        asa_seconds=_avg(row.wait_total, answered),
        service_level_pct=round(100.0 * within / denominator, 1) if denominator else None,
        service_level_threshold_seconds=threshold_seconds,
        short_abandon_threshold_seconds=short_abandon_seconds,
        service_level_formula=describe_formula(
            formula,
            threshold_seconds=threshold_seconds,
            short_abandon_seconds=short_abandon_seconds,
        ),
        handled_calls=handled,
        aht_seconds=_avg(row.handle_total, handled),
        relay_calls_answered=int(row.relay_answered),
        requests_received=requests_received,
    )


def describe_formula(
    formula: ServiceLevelFormula, *, threshold_seconds: int, short_abandon_seconds: int
) -> str:
    try:
        text = SERVICE_LEVEL_FORMULAS[formula]
    except KeyError:
        known = ", ".join(SERVICE_LEVEL_FORMULAS)
        raise ValidationError(
            f"Unknown service level formula {formula!r}; use one of {known}."
        ) from None
    return text.format(t=threshold_seconds, s=short_abandon_seconds)


# --------------------------------------------------------------------------- service
def operator_ref(s: Session, username: str) -> tuple[int, str]:
    """The id and display name of the operator ``username`` (case-insensitive)."""
    row = s.execute(
        select(OPERATOR.c.id, OPERATOR.c.display_name).where(
            OPERATOR.c.username == username.strip().lower()
        )
    ).first()
    if row is None:
        raise NotFound(f"There is no operator {username.strip()!r}.")
    return int(row.id), str(row.display_name)


def figures(
    ctx: Ctx,
    *,
    start: date,
    end: date,
    formula: ServiceLevelFormula = "answered",
    operator: str | None = None,
) -> Figures:
    """The centre's figures for local dates ``start`` (inclusive) to ``end`` (exclusive).

    With ``operator`` (a username), one CSR's figures: the calls they answered and the requests
    they entered. Abandoned calls belong to no CSR, so a CSR's calls offered are their answered
    calls.
    """
    threshold = ctx.settings.service_level_seconds
    short = ctx.settings.short_abandon_seconds
    describe_formula(formula, threshold_seconds=threshold, short_abandon_seconds=short)
    lo, hi = utc_bounds(ctx.zone, start, end)
    calls_q = select(
        *call_aggregates(threshold_seconds=threshold, short_abandon_seconds=short)
    ).where(*queue_call_filter(lo, hi))
    requests_q = (
        select(func.count())
        .select_from(REQUEST)
        .where(REQUEST.c.created_at >= lo, REQUEST.c.created_at < hi)
    )
    with ctx.db.session() as s:
        if operator is not None:
            op_id, _name = operator_ref(s, operator)
            calls_q = calls_q.where(CALL.c.operator_id == op_id)
            requests_q = requests_q.where(REQUEST.c.operator_id == op_id)
        row = s.execute(calls_q).one()
        requests = int(s.scalar(requests_q) or 0)
    return figures_from_row(
        row,
        start=start,
        end=end,
        requests_received=requests,
        threshold_seconds=threshold,
        short_abandon_seconds=short,
        formula=formula,
    )
