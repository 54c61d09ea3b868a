"""Answering an inbox message: a service request, an information answer or a referral, each
with the reply the CSR sent (by email or chat, outside the console) recorded as typed. The
replies to start from are worded by the Inbox desk (``csc_console.desks.inbox``).

A message about something already reported is answered by linking its sender to the open
request (``answer_with_link``: one more caller, no second request and no second work order);
``possible_duplicates`` finds the candidates as the phone intake does.

Turning a message into a request goes through ``requests.create_request`` like a phone call:
the same validation, duplicate check, routing and SLA, with the message's channel. The request
is created with ``client_key = "inbox-<id>"``, so retrying after a failure (the database went
away between the two steps) finds the request already made instead of making a second one.
``{number}`` in the reply stands for the new request's number.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.orm.exc import StaleDataError

from csc_console.catalog import Catalog
from csc_console.catalog.schema import Category
from csc_console.db.models import NAME_MAX, NOTE_MAX
from csc_console.db.types import utcnow
from csc_console.errors import ConcurrentWriteError, CscError, StaleEditError
from csc_console.services import inbox, inbox_claims
from csc_console.services.callers import CallerInput
from csc_console.services.context import Ctx
from csc_console.services.duplicates import DuplicateCandidate, find_duplicates
from csc_console.services.phones import try_parse_phone
from csc_console.services.requests import NewRequest, RequestPublic, create_request, link_caller
from csc_console.services.text import clean_text
from csc_console.vocab import MessageOutcome, MessageStatus

NUMBER_PLACEHOLDER = "{number}"


@dataclass(frozen=True)
class RequestAnswer:
    """A message answered with a request: the one created, or (``linked``) the open request
    the sender was added to as one more caller."""

    message: inbox.MessagePublic
    request: RequestPublic
    linked: bool = False


def _reply(text: str) -> str:
    return clean_text(text, field="reply", max_length=NOTE_MAX, required=True, multiline=True)


def referral_words(catalog: Catalog, referral: str) -> tuple[str, str]:
    """(name, how to reach them) for a department code, or the typed text as the name."""
    try:
        dept = catalog.department(referral.strip())
    except CscError:
        return referral.strip(), ""
    contact = ", ".join(p for p in (dept.phone, dept.email, dept.url) if p)
    return dept.name, contact


def suggested_category(ctx: Ctx, message: inbox.MessagePublic) -> Category | None:
    """The category the message's own service code or words point to, if any."""
    code = message.details.get("service_code")
    if isinstance(code, str):
        try:
            return ctx.catalog.category(code)
        except CscError:
            pass
    text = f"{message.subject} {message.body}"
    for suggestion in ctx.catalog.suggester.suggest(text, limit=3, kinds=("report", "service")):
        return ctx.catalog.category(suggestion.code)
    return None


def prefilled_request(ctx: Ctx, message: inbox.MessagePublic) -> NewRequest:
    """A request to start from: the message's category, address, answers and words."""
    category = suggested_category(ctx, message)
    details = message.details
    answers = details.get("attributes") if isinstance(details.get("attributes"), dict) else {}
    return NewRequest(
        category=category.code if category else "",
        description=message.body,
        address=message.address,
        caller=caller_of(message),
        answers=dict(answers or {}),
        channel=message.channel,
        latitude=_float(details.get("lat")),
        longitude=_float(details.get("long")),
        media_url=details.get("media_url") if isinstance(details.get("media_url"), str) else None,
    )


def _float(value: object) -> float | None:
    try:
        return float(value) if value is not None else None  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def possible_duplicates(
    ctx: Ctx, request: NewRequest, *, now: datetime | None = None
) -> list[DuplicateCandidate]:
    """The open requests the message may duplicate, as the phone intake finds them: the same
    category at the same or a nearby address in the last 30 days. None for a request without
    a category or a checked address (an address saved unverified is not compared)."""
    if not request.category or not (request.address or "").strip() or request.unverified_address:
        return []
    return find_duplicates(ctx, category=request.category, address=request.address or "", now=now)


def caller_of(message: inbox.MessagePublic) -> CallerInput:
    """The sender as a caller; a phone number that does not parse is left out (kept on the
    message), so it cannot stop the request."""
    phone = message.phone if message.phone and try_parse_phone(message.phone) else None
    return CallerInput(name=message.name, email=message.email, phone=phone)


# --------------------------------------------------------------------------- answering
def _answer(
    ctx: Ctx,
    *,
    message_id: int,
    outcome: MessageOutcome,
    reply: str,
    outcome_ref: str | None = None,
    request_id: int | None = None,
    now: datetime,
) -> inbox.MessagePublic:
    op = ctx.require()
    try:
        with ctx.db.session(write=True, operator_id=op.id, note="message answered") as s:
            row = inbox_claims.lock_for_answer(s, ctx, message_id, now)
            row.status = MessageStatus.ANSWERED.value
            row.outcome = outcome.value
            row.outcome_ref = outcome_ref
            row.request_id = request_id
            row.reply = reply
            row.replied_at = now
            row.answered_by = op.id
            row.closed_at = now
            row.updated_at = now
            s.flush()
            return inbox.public_message(s, row)
    except (StaleDataError, ConcurrentWriteError):
        current = inbox.get_message(ctx, message_id=message_id)
        raise StaleEditError(
            f"Message {message_id} changed meanwhile ({current.status_label.lower()}); "
            "read it again.",
            current=current,
        ) from None


def answer_with_request(
    ctx: Ctx,
    *,
    message_id: int,
    request: NewRequest,
    reply: str,
    now: datetime | None = None,
) -> RequestAnswer:
    """Create the request (same rules as a phone request) and record the reply."""
    now = now or utcnow()
    message = inbox_claims.check_answerable(ctx, message_id=message_id)
    text = _reply(reply)
    made = create_request(
        ctx,
        replace(request, channel=message.channel, client_key=f"inbox-{message.id}"),
        now=now,
    )
    done = _answer(
        ctx,
        message_id=message_id,
        outcome=MessageOutcome.REQUEST,
        reply=text.replace(NUMBER_PLACEHOLDER, made.number),
        outcome_ref=made.number,
        request_id=made.id,
        now=now,
    )
    return RequestAnswer(message=done, request=made)


def answer_with_information(
    ctx: Ctx, *, message_id: int, topic: str, reply: str, now: datetime | None = None
) -> inbox.MessagePublic:
    found = ctx.catalog.topic(topic)
    inbox_claims.check_answerable(ctx, message_id=message_id)
    return _answer(
        ctx,
        message_id=message_id,
        outcome=MessageOutcome.INFORMATION,
        reply=_reply(reply),
        outcome_ref=found.code,
        now=now or utcnow(),
    )


def answer_with_referral(
    ctx: Ctx, *, message_id: int, referral: str, reply: str, now: datetime | None = None
) -> inbox.MessagePublic:
    """``referral``: a department or organisation code from the catalog, or a name typed."""
    typed = clean_text(referral, field="referral", max_length=NAME_MAX, required=True)
    name = referral_words(ctx.catalog, typed)[0]  # a department code is recorded by its name
    inbox_claims.check_answerable(ctx, message_id=message_id)
    return _answer(
        ctx,
        message_id=message_id,
        outcome=MessageOutcome.REFERRAL,
        reply=_reply(reply),
        outcome_ref=name,
        now=now or utcnow(),
    )


def answer_with_link(
    ctx: Ctx,
    *,
    message_id: int,
    number: str,
    reply: str,
    now: datetime | None = None,
) -> RequestAnswer:
    """Link the message's sender to the open request ``number`` instead of creating a
    duplicate: the sender becomes one more caller on it (notified with the others when it
    closes), no request and no work order are made, and the message is recorded as answered
    with that request and the reply sent (``{number}`` filled in)."""
    now = now or utcnow()
    message = inbox_claims.check_answerable(ctx, message_id=message_id)
    text = _reply(reply)
    linked = link_caller(ctx, number=number, caller=caller_of(message), now=now)
    done = _answer(
        ctx,
        message_id=message_id,
        outcome=MessageOutcome.REQUEST,
        reply=text.replace(NUMBER_PLACEHOLDER, linked.number),
        outcome_ref=linked.number,
        request_id=linked.id,
        now=now,
    )
    return RequestAnswer(message=done, request=linked, linked=True)
