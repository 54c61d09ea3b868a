"""The message inbox: LiveChat messages left while no agent was free, emails, and web/app
submissions that need a human, each with its "respond by" time (close of the next business day
on the city calendar).

Life of a message: ``new`` -> a CSR claims it (``claimed``; two CSRs claiming at once: one
wins, the other is told who has it) -> the CSR answers it (``answered``: a request, an
information answer or a referral, with the reply sent) or closes it with no reply (``closed``:
spam, a duplicate message). Claiming and closing live in ``inbox_claims``, answers in
``inbox_answers``, file imports in ``inbox_import``.

Text from outside is stored as typed (size limits apply) and shown through ``printable``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlmodel import col

from csc_console.db.models import (
    ADDRESS_MAX,
    DESCRIPTION_MAX,
    NAME_MAX,
    InboxMessage,
    Operator,
    ServiceRequest,
)
from csc_console.db.types import utcnow
from csc_console.errors import NotFound, ValidationError
from csc_console.services.context import Ctx
from csc_console.services.text import clean_text
from csc_console.vocab import Channel, MessageOutcome, MessageStatus

MESSAGE_CHANNELS = (
    Channel.LIVE_CHAT.value,
    Channel.EMAIL.value,
    Channel.WEB.value,
    Channel.APP.value,
    Channel.VOICEMAIL.value,
)
OPEN_STATUSES = (MessageStatus.NEW.value, MessageStatus.CLAIMED.value)
EXTERNAL_ID_MAX = 128
SUBJECT_MAX = NAME_MAX
PHONE_MAX = 40
EMAIL_MAX = 254
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class NewMessage:
    channel: str
    body: str
    received_at: datetime | None = None
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    subject: str | None = None
    address: str | None = None
    external_id: str | None = None
    source: str = ""
    details: Mapping[str, Any] = field(default_factory=dict)
    token: str | None = None


@dataclass(frozen=True)
class MessagePublic:
    id: int
    external_id: str | None
    token: str | None
    source: str
    channel: str
    received_at: datetime
    respond_by: datetime
    name: str | None
    email: str | None
    phone: str | None
    subject: str
    body: str
    address: str | None
    details: dict[str, Any]
    status: str
    claimed_by: int | None
    claimed_by_name: str | None
    claimed_at: datetime | None
    outcome: str | None
    outcome_ref: str | None
    request_number: str | None
    reply: str | None
    replied_at: datetime | None
    answered_by_name: str | None
    closed_at: datetime | None
    version: int

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def overdue(self, now: datetime) -> bool:
        return self.is_open and self.respond_by < now

    @property
    def status_kind(self) -> MessageStatus:
        return MessageStatus(self.status)

    @property
    def outcome_kind(self) -> MessageOutcome | None:
        return MessageOutcome(self.outcome) if self.outcome else None

    @property
    def channel_kind(self) -> Channel:
        return Channel(self.channel)

    @property
    def sender(self) -> str:
        """Who wrote, in a few words: name, else email, else phone."""
        return self.name or self.email or self.phone or "an unnamed sender"

    @property
    def channel_label(self) -> str:
        try:
            return Channel(self.channel).label
        except ValueError:
            return self.channel

    @property
    def status_label(self) -> str:
        return MessageStatus(self.status).label

    def to_json(self) -> dict[str, object]:
        def iso(value: datetime | None) -> str | None:
            return value.isoformat() if value else None

        return {
            "id": self.id,
            "external_id": self.external_id,
            "token": self.token,
            "source": self.source,
            "channel": self.channel,
            "received_at": self.received_at.isoformat(),
            "respond_by": self.respond_by.isoformat(),
            "name": self.name,
            "email": self.email,
            "phone": self.phone,
            "subject": self.subject,
            "body": self.body,
            "address": self.address,
            "details": self.details,
            "status": self.status,
            "claimed_by": self.claimed_by_name,
            "claimed_at": iso(self.claimed_at),
            "outcome": self.outcome,
            "outcome_ref": self.outcome_ref,
            "request": self.request_number,
            "reply": self.reply,
            "replied_at": iso(self.replied_at),
            "answered_by": self.answered_by_name,
            "closed_at": iso(self.closed_at),
        }


# --------------------------------------------------------------------------- reading
def _names(s: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = s.execute(
        select(col(Operator.id), col(Operator.display_name)).where(col(Operator.id).in_(ids))
    ).all()
    return {r[0]: r[1] for r in rows if r[0] is not None}


def _publics(s: Session, rows: list[InboxMessage]) -> list[MessagePublic]:
    people = _names(s, {i for r in rows for i in (r.claimed_by, r.answered_by) if i is not None})
    request_ids = {r.request_id for r in rows if r.request_id is not None}
    numbers: dict[int, str] = {}
    if request_ids:
        found = s.execute(
            select(col(ServiceRequest.id), col(ServiceRequest.number)).where(
                col(ServiceRequest.id).in_(request_ids)
            )
        ).all()
        numbers = {r[0]: r[1] for r in found if r[0] is not None}
    out = []
    for r in rows:
        assert r.id is not None
        out.append(
            MessagePublic(
                id=r.id,
                external_id=r.external_id,
                token=r.token,
                source=r.source,
                channel=r.channel,
                received_at=r.received_at,
                respond_by=r.respond_by,
                name=r.name,
                email=r.email,
                phone=r.phone,
                subject=r.subject,
                body=r.body,
                address=r.address,
                details=dict(r.details or {}),
                status=r.status,
                claimed_by=r.claimed_by,
                claimed_by_name=people.get(r.claimed_by) if r.claimed_by else None,
                claimed_at=r.claimed_at,
                outcome=r.outcome,
                outcome_ref=r.outcome_ref,
                request_number=numbers.get(r.request_id) if r.request_id else None,
                reply=r.reply,
                replied_at=r.replied_at,
                answered_by_name=people.get(r.answered_by) if r.answered_by else None,
                closed_at=r.closed_at,
                version=r.version,
            )
        )
    return out


def public_message(s: Session, row: InboxMessage) -> MessagePublic:
    return _publics(s, [row])[0]


def get_row(s: Session, message_id: int) -> InboxMessage:
    row = s.get(InboxMessage, message_id)
    if row is None:
        raise NotFound(f"There is no inbox message {message_id}.")
    return row


def get_message(ctx: Ctx, *, message_id: int) -> MessagePublic:
    with ctx.db.session() as s:
        return public_message(s, get_row(s, message_id))


def list_inbox(
    ctx: Ctx,
    *,
    include_done: bool = False,
    mine: bool = False,
    limit: int = 500,
) -> list[MessagePublic]:
    """Open messages, the one to answer first first (respond-by time, then arrival).

    ``include_done`` adds answered and closed messages (after the open ones, newest first
    among them is not promised: they keep respond-by order); ``mine`` keeps those claimed by
    the signed-in operator.
    """
    q = select(InboxMessage)
    if not include_done:
        q = q.where(col(InboxMessage.status).in_(OPEN_STATUSES))
    if mine:
        q = q.where(col(InboxMessage.claimed_by) == ctx.require().id)
    q = q.order_by(
        col(InboxMessage.respond_by), col(InboxMessage.received_at), col(InboxMessage.id)
    ).limit(limit)
    with ctx.db.session() as s:
        return _publics(s, list(s.scalars(q)))


def find_by_token(ctx: Ctx, *, token: str) -> MessagePublic | None:
    with ctx.db.session() as s:
        row = s.scalars(select(InboxMessage).where(col(InboxMessage.token) == token)).first()
        return public_message(s, row) if row is not None else None


# --------------------------------------------------------------------------- adding
def _optional(value: str | None, *, field: str, max_length: int) -> str | None:
    return clean_text(value, field=field, max_length=max_length) or None


def clean_email(value: str | None) -> str | None:
    text = _optional(value, field="email address", max_length=EMAIL_MAX)
    if text is not None and not _EMAIL.match(text):
        raise ValidationError(f"{text!r} is not an email address.", field="email")
    return text


def parse_channel(text: str) -> str:
    try:
        channel = Channel.parse(text).value
    except ValueError:
        channel = ""
    if channel not in MESSAGE_CHANNELS:
        allowed = ", ".join(MESSAGE_CHANNELS)
        raise ValidationError(
            f"{text!r} is not a message channel; use one of: {allowed}.", field="channel"
        )
    return channel


def add_message(
    ctx: Ctx, new: NewMessage, *, now: datetime | None = None
) -> tuple[MessagePublic, bool]:
    """Put a message in the inbox; ``(message, created)``. An ``external_id`` seen before
    returns the message already there (``created`` False): importing twice adds nothing."""
    now = now or utcnow()
    channel = parse_channel(new.channel)
    external_id = _optional(new.external_id, field="external id", max_length=EXTERNAL_ID_MAX)
    received = new.received_at or now
    if received.tzinfo is None:
        raise ValidationError("The time the message was received needs a time zone.")
    row = InboxMessage(
        external_id=external_id,
        token=new.token,
        source=clean_text(new.source, field="source", max_length=64),
        channel=channel,
        received_at=received,
        respond_by=ctx.calendar.respond_by(received),
        name=_optional(new.name, field="name", max_length=NAME_MAX),
        email=clean_email(new.email),
        phone=_optional(new.phone, field="phone number", max_length=PHONE_MAX),
        subject=clean_text(new.subject, field="subject", max_length=SUBJECT_MAX),
        body=clean_text(
            new.body, field="message", max_length=DESCRIPTION_MAX, required=True, multiline=True
        ),
        address=_optional(new.address, field="address", max_length=ADDRESS_MAX),
        details=dict(new.details),
        status=MessageStatus.NEW.value,
        created_at=now,
        updated_at=now,
    )
    if external_id is not None:
        existing = _by_external_id(ctx, external_id)
        if existing is not None:
            return existing, False
    try:
        with ctx.db.session(write=True, operator_id=ctx.operator_id, note="message received") as s:
            s.add(row)
            s.flush()
            return public_message(s, row), True
    except IntegrityError:
        # Another import of the same file got there first.
        existing = _by_external_id(ctx, external_id) if external_id else None
        if existing is None:
            raise
        return existing, False


def _by_external_id(ctx: Ctx, external_id: str) -> MessagePublic | None:
    with ctx.db.session() as s:
        row = s.scalars(
            select(InboxMessage).where(col(InboxMessage.external_id) == external_id)
        ).first()
        return public_message(s, row) if row is not None else None
