"""Calls: answer, caller, conversation end, wrap-up.

A call is answered when the CSR starts it (the phone system's own queue times arrive later by
the call-detail import). Handle time = answered -> end of after-call work (wrap-up saved).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import col

from csc_console.db.models import NOTE_MAX, Call
from csc_console.db.types import utcnow
from csc_console.errors import ConcurrentWriteError, NotFound, StaleEditError, ValidationError
from csc_console.services.callers import CallerInput, upsert_caller
from csc_console.services.context import Ctx
from csc_console.services.text import clean_text
from csc_console.vocab import CallPurpose, CallStatus, Channel, Disposition

if TYPE_CHECKING:
    from csc_console.services.relay import RelayPublic


@dataclass(frozen=True)
class CallPublic:
    id: int
    channel: str
    status: str
    caller_id: int | None
    operator_id: int | None
    queued_at: datetime
    answered_at: datetime | None
    ended_at: datetime | None
    acw_ended_at: datetime | None
    purpose: str | None
    topic_code: str | None
    disposition: str | None
    notes: str | None
    version: int
    topics: tuple[str, ...] = ()
    """Every information topic asked about, in order (``topic_code`` is the first)."""
    request_id: int | None = None

    @property
    def handle_seconds(self) -> float | None:
        if self.answered_at is None or self.acw_ended_at is None:
            return None
        return (self.acw_ended_at - self.answered_at).total_seconds()

    def elapsed(self, now: datetime | None = None) -> float:
        start = self.answered_at or self.queued_at
        end = self.acw_ended_at or now or utcnow()
        return max(0.0, (end - start).total_seconds())


def spoken_duration(seconds: float) -> str:
    """"2 minutes 15 seconds": how the elapsed handle time is announced."""
    total = int(round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    if secs or not parts:
        parts.append(f"{secs} second{'s' if secs != 1 else ''}")
    return " ".join(parts)


def _public(row: Call) -> CallPublic:
    assert row.id is not None
    return CallPublic(
        id=row.id,
        channel=row.channel,
        status=row.status,
        caller_id=row.caller_id,
        operator_id=row.operator_id,
        queued_at=row.queued_at,
        answered_at=row.answered_at,
        ended_at=row.ended_at,
        acw_ended_at=row.acw_ended_at,
        purpose=row.purpose,
        topic_code=row.topic_code,
        disposition=row.disposition,
        notes=row.notes,
        version=row.version,
        topics=tuple(row.topic_codes or ()),
        request_id=row.request_id,
    )


def _row(s: Session, call_id: int) -> Call:
    row = s.get(Call, call_id)
    if row is None:
        raise NotFound(f"There is no call {call_id}.")
    return row


def start_call(
    ctx: Ctx,
    *,
    channel: str = Channel.PHONE.value,
    queued_at: datetime | None = None,
    client_key: str | None = None,
    now: datetime | None = None,
) -> CallPublic:
    """Answer a call (or open a walk-in, voicemail or email contact)."""
    op = ctx.require()
    try:
        chan = Channel.parse(channel)
    except ValueError:
        raise ValidationError(
            f"Unknown channel {channel!r}; use one of: {', '.join(c.label for c in Channel)}.", field="channel"
        ) from None
    now = now or utcnow()
    with ctx.db.session(write=True, operator_id=op.id, note="call answered") as s:
        if client_key:
            existing = s.scalars(select(Call).where(col(Call.client_key) == client_key)).first()
            if existing is not None:
                return _public(existing)
        row = Call(
            channel=chan.value,
            status=CallStatus.ACTIVE.value,
            operator_id=op.id,
            queued_at=queued_at or now,
            answered_at=now,
            created_at=now,
            updated_at=now,
            client_key=client_key,
        )
        s.add(row)
        s.flush()
        return _public(row)


def get_call(ctx: Ctx, *, call_id: int) -> CallPublic:
    with ctx.db.session() as s:
        return _public(_row(s, call_id))


def set_caller(ctx: Ctx, *, call_id: int, caller: CallerInput) -> CallPublic:
    """Record who is calling (found by phone/email, or created)."""
    op = ctx.require()
    with ctx.db.session(write=True, operator_id=op.id, note="caller identified") as s:
        row = _row(s, call_id)
        person = upsert_caller(s, caller)
        row.caller_id = person.id if person else None
        row.updated_at = utcnow()
        s.flush()
        return _public(row)


def end_conversation(ctx: Ctx, *, call_id: int, now: datetime | None = None) -> CallPublic:
    """The caller hung up (or the conversation is over): after-call work starts."""
    op = ctx.require()
    now = now or utcnow()
    with ctx.db.session(write=True, operator_id=op.id) as s:
        row = _row(s, call_id)
        if row.ended_at is None:
            row.ended_at = now
            row.status = CallStatus.WRAP_UP.value
            row.updated_at = now
        s.flush()
        return _public(row)


def finish_call(
    ctx: Ctx,
    *,
    call_id: int,
    disposition: str,
    purpose: str | None = None,
    topic_code: str | None = None,
    topics: Sequence[str] | None = None,
    notes: str | None = None,
    hold_seconds: int | None = None,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> CallPublic:
    """Wrap-up: disposition and notes saved, handle time closed.

    ``topics``: every information topic the caller asked about, in order (repeats dropped);
    the first one is also the call's ``topic_code``.
    """
    op = ctx.require()
    now = now or utcnow()
    try:
        disp = Disposition.parse(disposition)
    except ValueError:
        raise ValidationError(
            f"Unknown disposition {disposition!r}; use one of: {', '.join(d.label for d in Disposition)}.",
            field="disposition",
        ) from None
    purp = None
    if purpose:
        try:
            purp = CallPurpose.parse(purpose)
        except ValueError:
            raise ValidationError(f"Unknown call purpose {purpose!r}.", field="purpose") from None
    asked = list(dict.fromkeys(t for t in topics or () if t))
    for code in asked:
        ctx.catalog.entry(code)
    topic_code = asked[0] if asked else topic_code
    if topic_code:
        ctx.catalog.entry(topic_code)
    text = clean_text(notes, field="call notes", max_length=NOTE_MAX, multiline=True) or None
    try:
        with ctx.db.session(write=True, operator_id=op.id, note="call wrapped up") as s:
            row = _row(s, call_id)
            if expected_version is not None and row.version != expected_version:
                raise StaleEditError("This call was changed on another console; reload it.", current=_public(row))
            if row.status == CallStatus.COMPLETED.value:
                return _public(row)
            row.ended_at = row.ended_at or now
            row.acw_ended_at = now
            row.status = CallStatus.COMPLETED.value
            row.disposition = disp.value
            row.purpose = purp.value if purp else row.purpose
            row.topic_code = topic_code or row.topic_code
            if asked:
                row.topic_codes = asked
            row.notes = text
            if hold_seconds is not None:
                if hold_seconds < 0:
                    raise ValidationError("Hold time cannot be negative.", field="hold_seconds")
                row.hold_seconds = hold_seconds
            row.updated_at = now
            s.flush()
            return _public(row)
    except (StaleDataError, ConcurrentWriteError):
        raise StaleEditError("This call was changed on another console; reload it.") from None


# --------------------------------------------------------------------------- reading
@dataclass(frozen=True)
class CallSummary:
    call: CallPublic
    operator: str | None
    caller: str | None
    requests: list[str]
    relay: RelayPublic | None

    def to_json(self) -> dict[str, object]:
        c = self.call
        data: dict[str, object] = {
            "id": c.id,
            "channel": c.channel,
            "status": c.status,
            "queued_at": c.queued_at.isoformat(),
            "answered_at": c.answered_at.isoformat() if c.answered_at else None,
            "ended_at": c.ended_at.isoformat() if c.ended_at else None,
            "acw_ended_at": c.acw_ended_at.isoformat() if c.acw_ended_at else None,
            "handle_seconds": c.handle_seconds,
            "purpose": c.purpose,
            "topic": c.topic_code,
            "topics": list(c.topics),
            "disposition": c.disposition,
            "notes": c.notes,
            "operator": self.operator,
            "caller": self.caller,
            "requests": self.requests,
        }
        if self.relay is not None:
            data.update(self.relay.to_json())
        return data


CALL_CSV_COLUMNS = (
    "id", "channel", "status", "queued_at", "answered_at", "ended_at", "acw_ended_at",
    "handle_seconds", "purpose", "topic", "topics", "disposition", "operator", "caller", "requests",
    "relay_type", "ca_number", "dropped", "callback_attempts",
)


def _summaries(ctx: Ctx, s: Session, rows: list[Call], *, with_turns: bool) -> list[CallSummary]:
    from csc_console.db.models import Caller, Operator, RelayCall, ServiceRequest
    from csc_console.services import relay as relay_service

    ids = [r.id for r in rows]
    ops = {o.id: o.display_name for o in s.scalars(select(Operator).where(col(Operator.id).in_({r.operator_id for r in rows if r.operator_id})))}
    callers = {c.id: c.name or c.phone for c in s.scalars(select(Caller).where(col(Caller.id).in_({r.caller_id for r in rows if r.caller_id})))}
    reqs: dict[int, list[str]] = {}
    pointed: dict[int, list[int]] = {}
    for r in rows:
        if r.request_id is not None and r.id is not None:
            pointed.setdefault(r.request_id, []).append(r.id)
    made = s.execute(
        select(col(ServiceRequest.id), col(ServiceRequest.call_id), col(ServiceRequest.number))
        .where(or_(col(ServiceRequest.call_id).in_(ids), col(ServiceRequest.id).in_(pointed)))
        .order_by(col(ServiceRequest.id))
    )
    for request_id, call_id, number in made:
        # The request each call made, and the one it points at (a linked call's).
        owners = [*(pointed.get(request_id, []) if request_id is not None else [])]
        if call_id is not None:
            owners.append(call_id)
        for owner in owners:
            if number not in reqs.setdefault(owner, []):
                reqs[owner].append(number)
    relays = {r.call_id: r for r in s.scalars(select(RelayCall).where(col(RelayCall.call_id).in_(ids)))}
    out = []
    for r in rows:
        assert r.id is not None
        relay = relay_service.public_relay(ctx, s, relays[r.id], with_turns=with_turns) if r.id in relays else None
        out.append(CallSummary(_public(r), ops.get(r.operator_id), callers.get(r.caller_id), reqs.get(r.id, []), relay))
    return out


def list_calls(
    ctx: Ctx,
    *,
    channel: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 200,
) -> list[CallSummary]:
    q = select(Call)
    if channel:
        try:
            q = q.where(col(Call.channel) == Channel.parse(channel).value)
        except ValueError:
            raise ValidationError(f"Unknown channel {channel!r}; use one of: {', '.join(Channel.values())}.", field="channel") from None
    if since:
        q = q.where(col(Call.queued_at) >= since)
    if until:
        q = q.where(col(Call.queued_at) < until)
    with ctx.db.session() as s:
        rows = list(s.scalars(q.order_by(col(Call.queued_at).desc(), col(Call.id).desc()).limit(limit)))
        return _summaries(ctx, s, rows, with_turns=False)


def show_call(ctx: Ctx, *, call_id: int) -> CallSummary:
    with ctx.db.session() as s:
        return _summaries(ctx, s, [_row(s, call_id)], with_turns=True)[0]
