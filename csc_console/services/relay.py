"""California Relay Service (711) calls: the relay details, the turn-by-turn transcript, dropped
calls and call-backs, and a plain-text record.

Turns are numbered by the console that types them (``seq``), so a turn saved again after an
outage is recognised, never duplicated. Transcript text is not copied into the audit (see
``db.audit``), and ``purge_transcript`` removes it once the plain-text record is exported:
the city keeps only what it needs of a conversation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlmodel import col

from csc_console.db.models import NAME_MAX, NOTE_MAX, AuditEvent, Call, RelayCall, RelayTurn
from csc_console.db.types import utcnow
from csc_console.errors import NotFound, ValidationError
from csc_console.services.context import Ctx
from csc_console.services.text import clean_text, printable
from csc_console.vocab import Channel, Role, Speaker


@dataclass(frozen=True)
class TurnPublic:
    seq: int
    at: datetime
    speaker: str
    text: str

    def line(self, zone: object) -> str:
        from zoneinfo import ZoneInfo

        assert isinstance(zone, ZoneInfo)
        return f"{self.at.astimezone(zone):%H:%M:%S} {Speaker(self.speaker).label}: {printable(self.text)}"

    def to_json(self) -> dict[str, object]:
        return {"seq": self.seq, "at": self.at.isoformat(), "speaker": self.speaker, "text": self.text}


@dataclass(frozen=True)
class RelayPublic:
    call_id: int
    relay_type: str
    relay_type_name: str
    ca_number: str | None
    provider: str | None
    language: str | None
    preferred_callback: str | None
    accommodations: str | None
    dropped: bool
    callback_attempts: int
    version: int
    turns: list[TurnPublic]

    @property
    def flags(self) -> list[str]:
        out = []
        if not self.ca_number:
            out.append("CA number missing")
        if self.dropped:
            out.append(f"dropped, {self.callback_attempts} call-back attempt{'s' if self.callback_attempts != 1 else ''}")
        return out

    def to_json(self) -> dict[str, object]:
        return {
            "relay_type": self.relay_type,
            "relay_type_name": self.relay_type_name,
            "ca_number": self.ca_number,
            "provider": self.provider,
            "language": self.language,
            "preferred_callback": self.preferred_callback,
            "accommodations": self.accommodations,
            "dropped": self.dropped,
            "callback_attempts": self.callback_attempts,
            "flags": self.flags,
            "turns": [t.to_json() for t in self.turns],
        }


def relay_type_name(ctx: Ctx, code: str) -> str:
    return next((t.name for t in ctx.catalog.relay.types if t.code == code), code)


def _check_type(ctx: Ctx, text: str) -> str:
    key = text.strip().lower()
    for t in ctx.catalog.relay.types:
        if key in (t.code, t.name.lower()):
            return t.code
    names = "; ".join(f"{t.code} ({t.name})" for t in ctx.catalog.relay.types)
    raise ValidationError(f"Unknown relay type {text!r}; use one of: {names}.", field="relay_type")


def public_relay(ctx: Ctx, s: Session, row: RelayCall, *, with_turns: bool = True) -> RelayPublic:
    turns = (
        s.scalars(select(RelayTurn).where(col(RelayTurn.call_id) == row.call_id).order_by(col(RelayTurn.seq))).all()
        if with_turns
        else []
    )
    return RelayPublic(
        call_id=row.call_id,
        relay_type=row.relay_type,
        relay_type_name=relay_type_name(ctx, row.relay_type),
        ca_number=row.ca_number,
        provider=row.provider,
        language=row.language,
        preferred_callback=row.preferred_callback,
        accommodations=row.accommodations,
        dropped=row.dropped,
        callback_attempts=row.callback_attempts,
        version=row.version,
        turns=[TurnPublic(t.seq, t.at, t.speaker, t.text) for t in turns],
    )


def _call(s: Session, call_id: int) -> Call:
    call = s.get(Call, call_id)
    if call is None:
        raise NotFound(f"There is no call {call_id}.")
    return call


def set_details(
    ctx: Ctx,
    *,
    call_id: int,
    relay_type: str,
    ca_number: str | None = None,
    provider: str | None = None,
    language: str | None = None,
    preferred_callback: str | None = None,
    accommodations: str | None = None,
) -> RelayPublic:
    """Record (or update) the relay panel; the call becomes a relay call. A missing CA number is
    allowed and flagged."""
    op = ctx.require()
    code = _check_type(ctx, relay_type)
    values = {
        "ca_number": clean_text(ca_number, field="CA number", max_length=32) or None,
        "provider": clean_text(provider, field="relay provider", max_length=NAME_MAX) or None,
        "language": clean_text(language, field="language", max_length=40) or None,
        "preferred_callback": clean_text(preferred_callback, field="preferred call-back", max_length=NAME_MAX) or None,
        "accommodations": clean_text(accommodations, field="accommodations", max_length=NOTE_MAX) or None,
    }
    with ctx.db.session(write=True, operator_id=op.id, note="relay details") as s:
        call = _call(s, call_id)
        if call.channel != Channel.RELAY.value:
            call.channel = Channel.RELAY.value
            call.updated_at = utcnow()
        row = s.get(RelayCall, call_id)
        if row is None:
            row = RelayCall(call_id=call_id, relay_type=code)
            s.add(row)
        row.relay_type = code
        for key, value in values.items():
            setattr(row, key, value)
        row.updated_at = utcnow()
        s.flush()
        return public_relay(ctx, s, row)


def get_relay(ctx: Ctx, *, call_id: int) -> RelayPublic | None:
    with ctx.db.session() as s:
        row = s.get(RelayCall, call_id)
        return public_relay(ctx, s, row) if row else None


def add_turn(
    ctx: Ctx, *, call_id: int, speaker: str, text: str, seq: int | None = None, now: datetime | None = None
) -> TurnPublic:
    """One turn of the conversation. ``seq`` (from the console) makes a retried save harmless."""
    op = ctx.require()
    try:
        who = Speaker.parse(speaker)
    except ValueError:
        raise ValidationError("The speaker is the caller, the CSR or the CA.", field="speaker") from None
    body = clean_text(text, field="turn", max_length=NOTE_MAX, multiline=True, required=True)
    now = now or utcnow()
    with ctx.db.session(write=True, operator_id=op.id) as s:
        row = s.get(RelayCall, call_id)
        if row is None:
            raise ValidationError("Record the relay type first (the relay panel).", field="relay_type")
        if seq is None:
            seq = int(s.scalar(select(func.coalesce(func.max(col(RelayTurn.seq)), 0)).where(col(RelayTurn.call_id) == call_id)) or 0) + 1
        existing = s.scalars(select(RelayTurn).where(col(RelayTurn.call_id) == call_id, col(RelayTurn.seq) == seq)).first()
        if existing is not None:
            if existing.text != body or existing.speaker != who.value:
                raise ValidationError(f"Turn {seq} of this call was already saved with other text.", field="seq")
            return TurnPublic(existing.seq, existing.at, existing.speaker, existing.text)
        turn = RelayTurn(call_id=call_id, seq=seq, at=now, speaker=who.value, text=body)
        s.add(turn)
        try:
            s.flush()
        except IntegrityError:
            raise ValidationError(f"Turn {seq} was saved by another console at the same time.", field="seq") from None
        return TurnPublic(turn.seq, turn.at, turn.speaker, turn.text)


def mark_dropped(ctx: Ctx, *, call_id: int) -> RelayPublic:
    op = ctx.require()
    with ctx.db.session(write=True, operator_id=op.id, note="relay call dropped") as s:
        row = s.get(RelayCall, call_id)
        if row is None:
            raise NotFound(f"Call {call_id} has no relay details.")
        row.dropped = True
        row.updated_at = utcnow()
        s.flush()
        return public_relay(ctx, s, row)


def record_callback(ctx: Ctx, *, call_id: int, outcome: str) -> RelayPublic:
    """A call-back attempt through 711 after a dropped call (the outcome is kept as a CA note)."""
    op = ctx.require()
    note = clean_text(outcome, field="call-back outcome", max_length=500, required=True)
    with ctx.db.session(write=True, operator_id=op.id, note="relay call-back") as s:
        row = s.get(RelayCall, call_id)
        if row is None:
            raise NotFound(f"Call {call_id} has no relay details.")
        row.callback_attempts += 1
        row.updated_at = utcnow()
        seq = int(s.scalar(select(func.coalesce(func.max(col(RelayTurn.seq)), 0)).where(col(RelayTurn.call_id) == call_id)) or 0) + 1
        s.add(RelayTurn(call_id=call_id, seq=seq, at=utcnow(), speaker=Speaker.CA.value,
                        text=f"Call-back attempt {row.callback_attempts}: {note}"))
        s.flush()
        return public_relay(ctx, s, row)


def transcript_text(ctx: Ctx, *, call_id: int) -> str:
    """The plain-text record of a relay call: details first, then one turn per line."""
    relay = get_relay(ctx, call_id=call_id)
    if relay is None:
        raise NotFound(f"Call {call_id} has no relay details.")
    lines = [
        f"Relay call {call_id}",
        f"Relay type: {relay.relay_type_name}",
        f"CA number: {printable(relay.ca_number) or 'not given'}",
        f"Provider: {printable(relay.provider) or 'not given'}",
        f"Language: {printable(relay.language) or 'not given'}",
        f"Preferred call-back: {printable(relay.preferred_callback) or 'not given'}",
    ]
    if relay.accommodations:
        lines.append(f"Accommodations: {printable(relay.accommodations)}")
    if relay.flags:
        lines.append("Flags: " + "; ".join(relay.flags))
    lines += [t.line(ctx.zone) for t in relay.turns]
    return "\n".join(lines) + "\n"


def purge_transcript(ctx: Ctx, *, call_id: int) -> int:
    """Delete the conversation turns (supervisors), keeping the relay details; returns how many."""
    op = ctx.require(Role.SUPERVISOR)
    with ctx.db.session(write=True, operator_id=op.id, note="relay transcript purged") as s:
        rows = s.scalars(select(RelayTurn).where(col(RelayTurn.call_id) == call_id)).all()
        for row in rows:
            s.delete(row)
        s.flush()
        return len(rows)


def purge_older_than(ctx: Ctx, *, before: datetime) -> int:
    """Retention: delete transcript turns of calls that queued before ``before`` (supervisors)."""
    op = ctx.require(Role.SUPERVISOR)
    with ctx.db.session(write=True, operator_id=op.id, note="relay transcripts past retention") as s:
        old_calls = select(col(Call.id)).where(col(Call.queued_at) < before, col(Call.channel) == Channel.RELAY.value)
        result = s.execute(delete(RelayTurn).where(col(RelayTurn.call_id).in_(old_calls)))
        count = int(result.rowcount or 0)  # type: ignore[attr-defined]
        # A bulk delete bypasses the per-row audit: record one event for it.
        s.add(AuditEvent(operator_id=op.id, entity="relay_turn", entity_id="*", action="purge",
                         changes={"before": before.isoformat(), "deleted": count}))
        return count
