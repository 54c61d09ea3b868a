"""What the Inbox says when a message is answered: the replies to start from, the outcome of
each answer, and the refusals."""

from __future__ import annotations

from csc_console.catalog import Catalog
from csc_console.desks.inbox.words import NUMBER_NOTE, REPLY_INTRO, SIGNATURE, Action
from csc_console.desks.words import plural
from csc_console.services.inbox import MessagePublic
from csc_console.services.inbox_answers import (
    NUMBER_PLACEHOLDER,
    RequestAnswer,
    referral_words,
)
from csc_console.services.requests import RequestPublic
from csc_console.services.text import printable


# --------------------------------------------------------------------------- replies
def _greeting(message: MessagePublic) -> str:
    return f"Hello {printable(message.name)}," if message.name else "Hello,"


def request_reply(message: MessagePublic) -> str:
    """A reply to start from when the message becomes a request (``{number}`` filled in)."""
    return (
        f"{_greeting(message)}\n\nThank you for contacting the Citizen Service Center. We have "
        f"created service request {NUMBER_PLACEHOLDER} for what you reported; please quote "
        f"that number if you contact us about it.\n\n{SIGNATURE}"
    )


def link_reply(message: MessagePublic) -> str:
    """A reply to start from when the sender is linked to a request already open."""
    return (
        f"{_greeting(message)}\n\nThank you for contacting the Citizen Service Center. This "
        f"was already reported as service request {NUMBER_PLACEHOLDER}; we have added you to "
        "it and will let you know when it is done. Please quote that number if you contact us "
        f"about it.\n\n{SIGNATURE}"
    )


def reply_to_send(typed: str, message: MessagePublic, *, linking: bool) -> str:
    """The reply recorded: a suggested request reply left as it was becomes the link reply
    when the sender is linked; anything the CSR wrote is kept."""
    if linking and typed.strip() == request_reply(message).strip():
        return link_reply(message)
    return typed


def information_reply(catalog: Catalog, message: MessagePublic, topic: str) -> str:
    found = catalog.topic(topic)
    lines = [_greeting(message), "", "Thank you for your message.", "", found.script]
    for ref in found.referrals:
        lines.append(", ".join(p for p in (ref.name, ref.phone, ref.url) if p))
    lines += ["", SIGNATURE]
    return "\n".join(lines)


def referral_reply(catalog: Catalog, message: MessagePublic, referral: str) -> str:
    name, contact = referral_words(catalog, referral)
    reach = f" You can reach them at {contact}." if contact else ""
    return (
        f"{_greeting(message)}\n\nThank you for your message. This is handled by {name}, not by "
        f"the City's Citizen Service Center.{reach}\n\n{SIGNATURE}"
    )


def reply_intro(template: str, *, request: bool) -> list[str]:
    lines = [line for line in template.splitlines() if line.strip()]
    if not lines:
        return []
    return [REPLY_INTRO, *lines, *([NUMBER_NOTE] if request else [])]


# --------------------------------------------------------------------------- outcomes
def claimed(message: MessagePublic) -> str:
    return f"Message {message.id} claimed by you."


def released(message: MessagePublic) -> str:
    return f"Message {message.id} is back in the inbox for anyone to claim."


def closed(message: MessagePublic) -> str:
    return f"Message {message.id} closed without a reply."


def answered_with_information(message: MessagePublic) -> str:
    return f"Message {message.id} answered with information; the reply is recorded."


def referred(message: MessagePublic) -> str:
    return f"Message {message.id} referred to {printable(message.outcome_ref or '')}; the reply is recorded."


def request_created(made: RequestAnswer) -> str:
    r = made.request
    return (
        f"Message {made.message.id} answered: request {r.number} created, {r.category_name}, "
        f"{r.department_name}; the reply is recorded."
    )


def sender_linked(message: MessagePublic, request: RequestPublic) -> str:
    count = plural(request.callers_count, "caller")
    return (
        f"Message {message.id} answered: the sender is linked to request {request.number}, "
        f"now {count}; no new request. The reply is recorded."
    )


def outcome_line(made: RequestAnswer) -> str:
    """What a request answer did: a request created, or the sender linked to one."""
    return sender_linked(made.message, made.request) if made.linked else request_created(made)


# --------------------------------------------------------------------------- refusals
def already_done(message: MessagePublic) -> str:
    return f"Message {message.id} is already {message.status_label.lower()}."


def answered_by_other(message: MessagePublic) -> str:
    who = printable(message.claimed_by_name or "Another CSR")
    return f"{who} is answering this message; back to the inbox."


CHOOSE_CATEGORY = "Choose a category first; Escape closes without a request."
SAY_WHY = "Say why first (for example: spam); Escape leaves it open."


def choose_first(action: Action) -> str:
    what = "a topic" if action is Action.INFORMATION else "where to refer the message"
    return f"Choose {what} first; Escape closes without answering."


def duplicate_check_failed(error: object) -> str:
    return f"The duplicate check could not run: {printable(str(error))}"
