"""Claiming inbox messages (one CSR at a time), giving them back, and closing them unanswered.

Claims are guarded twice: a claim names the version the CSR read (``expected_version``), and
the row's version counter makes two claims at the same moment collide in the database (on
SQLite the write lock serialises them, on PostgreSQL the second UPDATE finds the version
changed). Either way the one who lost is told who has the message.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from csc_console.db.models import NAME_MAX, InboxMessage
from csc_console.db.types import utcnow
from csc_console.errors import ConcurrentWriteError, StaleEditError, ValidationError
from csc_console.services.context import Ctx
from csc_console.services.inbox import MessagePublic, get_message, get_row, public_message
from csc_console.services.text import clean_text
from csc_console.vocab import MessageOutcome, MessageStatus, Role


# --------------------------------------------------------------------------- claiming
def _taken(message: MessagePublic, zone: Any) -> str:
    """Why a message cannot be claimed or answered by someone else, as a sentence."""
    if message.status == MessageStatus.CLAIMED.value:
        when = f" at {message.claimed_at.astimezone(zone):%-I:%M %p}" if message.claimed_at else ""
        who = message.claimed_by_name or "another CSR"
        return f"Message {message.id} was claimed by {who}{when}; pick another message."
    if message.status == MessageStatus.ANSWERED.value:
        who = message.answered_by_name or "another CSR"
        return f"Message {message.id} was already answered by {who}."
    return f"Message {message.id} is closed."


def claim_message(
    ctx: Ctx,
    *,
    message_id: int,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> MessagePublic:
    """Claim a new message for the signed-in CSR. Claiming one's own claim again is harmless;
    a message someone else claimed (or changed since ``expected_version``) is refused with who
    has it."""
    op = ctx.require()
    now = now or utcnow()
    try:
        with ctx.db.session(write=True, operator_id=op.id, note="message claimed") as s:
            row = get_row(s, message_id)
            if row.status == MessageStatus.CLAIMED.value and row.claimed_by == op.id:
                return public_message(s, row)
            if row.status != MessageStatus.NEW.value or (
                expected_version is not None and row.version != expected_version
            ):
                current = public_message(s, row)
                if current.status == MessageStatus.NEW.value:
                    raise StaleEditError(
                        f"Message {message_id} changed since you read it; read it again.",
                        current=current,
                    )
                raise StaleEditError(_taken(current, ctx.zone), current=current)
            row.status = MessageStatus.CLAIMED.value
            row.claimed_by = op.id
            row.claimed_at = now
            row.updated_at = now
            s.flush()
            return public_message(s, row)
    except (StaleDataError, ConcurrentWriteError):
        current = get_message(ctx, message_id=message_id)
        raise StaleEditError(_taken(current, ctx.zone), current=current) from None


def release_message(ctx: Ctx, *, message_id: int, now: datetime | None = None) -> MessagePublic:
    """Give a claimed message back to the inbox (the claimer, or a supervisor)."""
    op = ctx.require()
    now = now or utcnow()
    try:
        with ctx.db.session(write=True, operator_id=op.id, note="message released") as s:
            row = get_row(s, message_id)
            if row.status != MessageStatus.CLAIMED.value:
                raise ValidationError(f"Message {message_id} is not claimed.")
            if row.claimed_by != op.id and not op.is_supervisor:
                raise StaleEditError(_taken(public_message(s, row), ctx.zone))
            row.status = MessageStatus.NEW.value
            row.claimed_by = None
            row.claimed_at = None
            row.updated_at = now
            s.flush()
            return public_message(s, row)
    except (StaleDataError, ConcurrentWriteError):
        raise StaleEditError(f"Message {message_id} changed meanwhile; read it again.") from None


def lock_for_answer(s: Session, ctx: Ctx, message_id: int, now: datetime) -> InboxMessage:
    """The message row, if the signed-in CSR may answer it now (claimed by them, or new and
    thereby claimed); otherwise ``StaleEditError`` saying who has it."""
    op = ctx.require()
    row = get_row(s, message_id)
    if row.status == MessageStatus.NEW.value:
        row.status = MessageStatus.CLAIMED.value
        row.claimed_by = op.id
        row.claimed_at = now
    elif row.status != MessageStatus.CLAIMED.value or (
        row.claimed_by != op.id and op.role is not Role.ADMIN
    ):
        raise StaleEditError(_taken(public_message(s, row), ctx.zone))
    return row


def check_answerable(ctx: Ctx, *, message_id: int) -> MessagePublic:
    """Refuse early (before creating a request) when someone else has the message."""
    op = ctx.require()
    message = get_message(ctx, message_id=message_id)
    if message.status == MessageStatus.NEW.value:
        return message
    if message.status == MessageStatus.CLAIMED.value and (
        message.claimed_by == op.id or op.role is Role.ADMIN
    ):
        return message
    raise StaleEditError(_taken(message, ctx.zone), current=message)


def close_message(
    ctx: Ctx, *, message_id: int, note: str, now: datetime | None = None
) -> MessagePublic:
    """Close without a reply (spam, a second copy of the same message); ``note`` says why."""
    why = clean_text(note, field="reason for closing", max_length=NAME_MAX, required=True)
    now = now or utcnow()
    op = ctx.require()
    try:
        with ctx.db.session(write=True, operator_id=op.id, note="message closed") as s:
            row = lock_for_answer(s, ctx, message_id, now)
            row.status = MessageStatus.CLOSED.value
            row.outcome = MessageOutcome.NO_ACTION.value
            row.outcome_ref = why
            row.answered_by = op.id
            row.closed_at = now
            row.updated_at = now
            s.flush()
            return public_message(s, row)
    except (StaleDataError, ConcurrentWriteError):
        raise StaleEditError(f"Message {message_id} changed meanwhile; read it again.") from None
