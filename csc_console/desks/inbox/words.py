"""The Inbox's words and simple rules: the list line of a message (respond-by time first), the
message one fact per line, the actions open to the CSR, the labels and titles, the replies to
start from, the outcome of each answer, the refusals. Caller text goes through ``printable``
here; front ends show the result literally.
"""


from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta, tzinfo
from enum import Enum
from typing import Any

from csc_console.catalog import Catalog
from csc_console.catalog.schema import Category
from csc_console.desks.choices import Option
from csc_console.desks.words import plural, say_clock
from csc_console.services.inbox import MessagePublic
from csc_console.services.inbox_answers import (
    NUMBER_PLACEHOLDER,
)
from csc_console.services.requests import NewRequest
from csc_console.services.text import printable
from csc_console.vocab import MessageOutcome, MessageStatus

PREVIEW = 60
SIGNATURE = "Citizen Service Center"


# --------------------------------------------------------------------------- kinds
class Action(Enum):
    """What can be done with a message."""

    CLAIM = "claim"
    REQUEST = "request"
    INFORMATION = "information"
    REFERRAL = "referral"
    CLOSE = "close"
    RELEASE = "release"
    BACK = "back"


ANSWERS = (Action.REQUEST, Action.INFORMATION, Action.REFERRAL, Action.CLOSE)

ACTION_WORDS: dict[Action, tuple[str, str | None]] = {
    Action.CLAIM: ("Claim it", "so nobody else answers it meanwhile"),
    Action.REQUEST: ("Make a request", "a service request from the message"),
    Action.INFORMATION: ("Answer with information", "a topic's script"),
    Action.REFERRAL: ("Refer elsewhere", "another agency or organisation"),
    Action.CLOSE: ("Close without a reply", "spam, or a second copy"),
    Action.RELEASE: ("Release it", "back to the inbox for anyone"),
    Action.BACK: ("Back to the inbox", None),
}


def mine(message: MessagePublic, me: int | None) -> bool:
    return message.status_kind is MessageStatus.CLAIMED and message.claimed_by == me


def actions(message: MessagePublic, *, me: int | None) -> list[Action]:
    """What the CSR ``me`` may do with the message now (always ending with ``BACK``)."""
    new = message.status_kind is MessageStatus.NEW
    out: list[Action] = []
    if new:
        out.append(Action.CLAIM)
    if new or mine(message, me):
        out += ANSWERS
    if mine(message, me):
        out.append(Action.RELEASE)
    out.append(Action.BACK)
    return out


def action_options(message: MessagePublic, *, me: int | None) -> list[Option[Action]]:
    return [Option(a, *ACTION_WORDS[a]) for a in actions(message, me=me)]


# --------------------------------------------------------------------------- the list
def day_and_time(moment: datetime, *, now: datetime, zone: tzinfo) -> str:
    """ "today 5:00 PM", "tomorrow 5:00 PM", "Friday 5:00 PM" (within a week), else with the
    date: "Friday, March 13, 5:00 PM"."""
    local = moment.astimezone(zone)
    days = (local.date() - now.astimezone(zone).date()).days
    named = {0: "today", 1: "tomorrow", -1: "yesterday"}
    if days in named:
        return f"{named[days]} {say_clock(local)}"
    if -6 <= days <= 6:
        return f"{local:%A} {say_clock(local)}"
    return f"{local:%A, %B} {local.day}, {say_clock(local)}"


def respond_words(message: MessagePublic, *, now: datetime, zone: tzinfo) -> str:
    when = day_and_time(message.respond_by, now=now, zone=zone)
    if message.overdue(now):
        return f"OVERDUE, was due {when}"
    if message.is_open:
        return f"Respond by {when}"
    return message.status_label


def preview(text: str, length: int = PREVIEW) -> str:
    flat = " ".join(printable(text).split())
    return flat if len(flat) <= length else flat[: length - 1].rstrip() + "..."


def state_words(message: MessagePublic, *, me: int | None) -> str:
    status = message.status_kind
    if status is MessageStatus.CLAIMED:
        if message.claimed_by is not None and message.claimed_by == me:
            return "claimed by you"
        return f"claimed by {printable(message.claimed_by_name or 'another CSR')}"
    if status is MessageStatus.NEW:
        return "new"
    return outcome_words(message)


def outcome_words(message: MessagePublic) -> str:
    ref = printable(message.outcome_ref or "")
    match message.outcome_kind:
        case MessageOutcome.REQUEST:
            return f"answered: request {ref}"
        case MessageOutcome.INFORMATION:
            return f"answered: information, {ref}"
        case MessageOutcome.REFERRAL:
            return f"answered: referred to {ref}"
        case MessageOutcome.NO_ACTION:
            return f"closed: {ref}"
        case None:
            return message.status_label.lower()


def summary_line(message: MessagePublic, *, now: datetime, zone: tzinfo, me: int | None) -> str:
    """One message on one line, most important first."""
    about = preview(message.subject or message.body, 40)
    return (
        f"{respond_words(message, now=now, zone=zone)}: {message.channel_label} from "
        f"{printable(message.sender)}, {about}, {state_words(message, me=me)}"
    )


def inbox_status(messages: Sequence[MessagePublic], *, now: datetime) -> str:
    waiting = [m for m in messages if m.is_open]
    overdue = sum(1 for m in waiting if m.overdue(now))
    if not waiting:
        return NO_MESSAGES
    count = plural(len(waiting), "message") + " waiting"
    return f"{count}, {overdue} overdue." if overdue else f"{count}."


NO_MESSAGES = "No messages waiting."
NOTHING_TO_ANSWER = "Nothing to answer now. New messages appear here as they arrive."
NO_MESSAGE_SELECTED = "No message selected."
NOTHING_SELECTED = "No message is selected; the inbox is empty."
LEFT = "Left the Inbox."
REFRESH = "Read the inbox again"
CHOOSE_A_MESSAGE = "Choose a message by its number to read it and answer it."


def screen_summary(messages: Sequence[MessagePublic], *, now: datetime, answered_too: bool) -> str:
    shown = " Answered messages are shown too." if answered_too else ""
    return f"Inbox: {inbox_status(messages, now=now)}{shown}"


def answered_shown(shown: bool) -> str:
    return (
        "Answered and closed messages are shown too."
        if shown
        else "Only messages waiting for an answer are shown."
    )


def about_line(message: MessagePublic) -> str:
    """The message in one line, at the top of each answer."""
    return f"Message {message.id} from {printable(message.sender)}: {preview(message.body, 120)}"


def detail_lines(
    message: MessagePublic, *, now: datetime, zone: tzinfo, me: int | None
) -> list[str]:
    """The message, one fact per line (its text split on its own lines)."""
    received = message.received_at.astimezone(zone)
    source = (
        f", {printable(message.source)}"
        if message.source and message.source != message.channel_label
        else ""
    )
    year = "" if abs(now - received) < timedelta(days=6) else f", {received:%Y}"
    lines = [
        f"Message {message.id}: {respond_words(message, now=now, zone=zone)}.",
        f"Status: {state_words(message, me=me)}.",
        f"From: {printable(message.sender)}.",
        f"Channel: {message.channel_label}{source}.",
        f"Received: {day_and_time(received, now=now, zone=zone)}{year}.",
    ]
    for label, value in (
        ("Email", message.email),
        ("Phone", message.phone),
        ("Address", message.address),
        ("Subject", message.subject),
    ):
        if value:
            lines.append(f"{label}: {printable(value)}")
    body = printable(message.body, multiline=True).splitlines() or [""]
    lines.append(f"Message: {body[0]}")
    lines.extend(line for line in body[1:] if line.strip())
    reason = message.details.get("reason")
    if isinstance(reason, str):
        lines.append(f"Why it needs a person: {printable(reason)}")
    if message.reply:
        reply = printable(message.reply, multiline=True).splitlines()
        lines.append(f"Reply sent: {reply[0] if reply else ''}")
        lines.extend(line for line in reply[1:] if line.strip())
    return lines


# --------------------------------------------------------------------------- labels
TITLE = "Inbox"
MESSAGE_LABEL = "Message"
ACTION_LABEL = "Action"
CATEGORY_LABEL = "Category"
ADDRESS_LABEL = "Address"
REPLY_LABEL = "Reply sent"
WHY_LABEL = "Why"
KEEP_UNVERIFIED = "Save this address even so"
KEEP_UNVERIFIED_BOX = "Save an address the street file does not know"


def action_title(action: Action) -> str:
    return ACTION_WORDS[action][0]


# --------------------------------------------------------------------------- choices
ALL_TOPICS = "List all topics"
ALL_CATEGORIES = "List all categories"
OTHER_ORGANISATION = ("Another organisation", "type its name")
OTHER_LABEL = "Or another organisation"
ORGANISATION = "Organisation"


def suggested_topics(catalog: Catalog, message: MessagePublic, *, limit: int) -> list[Option[str]]:
    """The information topics the message's words point to, best first."""
    text = f"{message.subject} {message.body}"
    found = catalog.suggester.suggest(text, limit=limit, kinds=("information",))
    return [Option(s.code, s.name) for s in found]


def topic_options(catalog: Catalog) -> list[Option[str]]:
    return [Option(t.code, t.name) for t in catalog.topics]


def referral_options(catalog: Catalog) -> list[Option[str]]:
    """Where a message can be referred: outside organisations first, then the City's other
    departments (never the Citizen Service Center itself)."""
    outside = [d for d in catalog.departments if d.kind != "city"]
    city = [d for d in catalog.departments if d.kind == "city" and d.code != "csc"]
    return [Option(d.code, d.name) for d in (*outside, *city)]


def suggested_categories(
    catalog: Catalog, message: MessagePublic, *, first: str | None, limit: int = 5
) -> list[Option[str]]:
    """The request categories the message points to (``first``: its own service code)."""
    text = f"{message.subject} {message.body}"
    codes = [
        s.code for s in catalog.suggester.suggest(text, limit=limit, kinds=("report", "service"))
    ]
    if first and first not in codes:
        codes.insert(0, first)
    return [Option(code, catalog.category(code).name) for code in codes[:limit]]


def category_options(catalog: Catalog) -> list[Option[str]]:
    return [Option(c.code, c.name) for c in catalog.categories]


def choice_label(action: Action) -> str:
    return "Topic" if action is Action.INFORMATION else "Refer to"


def request_from(
    draft: NewRequest,
    category: Category,
    *,
    asked: Mapping[str, Any],
    address: str,
    unverified: bool,
) -> NewRequest:
    """The request to save: the sender's own answers to the category's questions (when it is
    the category the message named), overridden by the answers the CSR gave."""
    kept = (
        {k: v for k, v in draft.answers.items() if category.question(k) is not None}
        if draft.category == category.code
        else {}
    )
    return replace(
        draft,
        category=category.code,
        address=address,
        answers={**kept, **asked},
        unverified_address=unverified,
    )


# --------------------------------------------------------------------------- titles
def request_title(message: MessagePublic) -> str:
    return f"Make a request from message {message.id}"


def answer_title(message: MessagePublic, action: Action) -> str:
    what = "information" if action is Action.INFORMATION else "a referral"
    return f"Answer message {message.id} with {what}"


def close_title(message: MessagePublic) -> str:
    return f"Close message {message.id} without a reply"


SAVE_VERBS = {
    Action.REQUEST: "Create the request",
    Action.INFORMATION: "Record the answer",
    Action.REFERRAL: "Record the referral",
    Action.CLOSE: "Close the message",
}
LINK_VERB = "Link the sender"
REPLY_INTRO = "The suggested reply; Enter keeps it, or type the reply you sent:"
NUMBER_NOTE = f"{NUMBER_PLACEHOLDER} becomes the request's number."
DESCRIPTION = "Description, as the sender wrote it: {body}"
CHOOSE_CATEGORY_FIRST = "Choose a category to see its questions."
CLOSE_HINT = "For example: spam."


def description_line(message: MessagePublic) -> str:
    return DESCRIPTION.format(body=printable(message.body))


def no_required_questions(category_name: str) -> str:
    return f"{category_name} has no required questions."


def unverified_address(explanation: str) -> str:
    return f"Address not verified: {explanation}"
