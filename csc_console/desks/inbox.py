"""The Inbox desk: the rules of answering a message and every sentence both front ends say
about it: the list line of a message (respond-by time first), the message one fact per line,
the actions open to the CSR, the replies to start from, the outcome of each answer, the
refusals, and the duplicate question asked before a message becomes a request.

The duplicate check is the phone intake's (``services.duplicates``, worded by
``desks.intake.say.duplicate_option``): open requests of the category at the same or a nearby
address in the last 30 days. When there are any, the CSR either links the message's sender to
one of them (the sender becomes one more caller on it; no request and no work order are made)
or creates a new request anyway. The full screen asks it as a list the CSR answers with an
explicit key; keys typed before the list appeared never answer it.

Caller text goes through ``printable`` here; front ends show the result literally.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, tzinfo
from enum import Enum
from typing import Any

from csc_console.catalog import Catalog
from csc_console.catalog.schema import Category
from csc_console.desks.choices import Option
from csc_console.desks.intake.say import duplicate_option, duplicates_heading
from csc_console.desks.words import plural, say_clock
from csc_console.errors import CscError
from csc_console.services.context import Ctx
from csc_console.services.duplicates import DuplicateCandidate
from csc_console.services.inbox import MessagePublic
from csc_console.services.inbox_answers import (
    NUMBER_PLACEHOLDER,
    RequestAnswer,
    answer_with_link,
    answer_with_request,
    possible_duplicates,
    referral_words,
)
from csc_console.services.requests import NewRequest, RequestPublic
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


# --------------------------------------------------------------------------- duplicates
NEW_REQUEST = "new"
CREATE_NEW = Option(NEW_REQUEST, "Create a new request", "the sender reports something else")
DUPLICATE_KEYS = (
    "Alt+L links the sender to the highlighted one (Tab to the list to move); "
    "Alt+A creates a new request anyway."
)
ANSWER_THE_QUESTION = "Answer the question about possible duplicates first. " + DUPLICATE_KEYS
NO_DUPLICATES_LISTED = "No possible duplicates are listed for this message."
LINK_OR_CREATE = "Link or create"


@dataclass(frozen=True)
class DuplicateQuestion:
    """The possible duplicates of the request a message is about to become, as a question:
    link the sender to one of them, or create a new request anyway."""

    category_name: str
    found: tuple[DuplicateCandidate, ...]
    now: datetime

    @property
    def heading(self) -> str:
        return duplicates_heading(len(self.found), self.category_name)

    @property
    def options(self) -> list[Option[str]]:
        return [*(duplicate_option(d, now=self.now) for d in self.found), CREATE_NEW]

    @property
    def default(self) -> str:
        """Enter links to a request at the same address; otherwise it creates a new one."""
        return self.found[0].number if self.found and self.found[0].same_address else NEW_REQUEST

    @property
    def lines(self) -> list[str]:
        """The options as list rows: "Link to SR-...: same address, ..."."""
        return [printable(f"{o.title}: {o.detail}" if o.detail else o.title) for o in self.options]

    def choice(self, index: int) -> str:
        """The value of the ``index``-th option: a request number, or ``NEW_REQUEST``."""
        return self.options[index].value

    @property
    def notice(self) -> str:
        return f"{self.heading} {DUPLICATE_KEYS}"


def duplicate_question(
    catalog: Catalog, *, category: str, found: Sequence[DuplicateCandidate], now: datetime
) -> DuplicateQuestion | None:
    """The question to ask before the request is created, or None when nothing is open."""
    if not found:
        return None
    return DuplicateQuestion(catalog.category(category).name, tuple(found), now)


@dataclass(frozen=True)
class DuplicateCheck:
    """What the duplicate check found: a question to ask, or nothing; ``error`` when it could
    not run (said as a warning, and the request is made as it would be without duplicates)."""

    question: DuplicateQuestion | None
    error: str | None = None


Place = tuple[str, str, bool]


def place_of(request: NewRequest) -> Place:
    """What the duplicate question was asked about: category, address, unverified."""
    return (request.category, (request.address or "").strip(), request.unverified_address)


def check_duplicates(ctx: Ctx, request: NewRequest, *, now: datetime) -> DuplicateCheck:
    """Look up the request's possible duplicates (in a worker on the full screen)."""
    try:
        found = possible_duplicates(ctx, request, now=now)
    except CscError as error:
        return DuplicateCheck(None, duplicate_check_failed(error))
    return DuplicateCheck(
        duplicate_question(ctx.catalog, category=request.category, found=found, now=now)
    )


@dataclass
class DuplicateAsk:
    """The duplicate question while it waits for the CSR's answer (desk state, not a dialog):
    what it was asked about, and when it appeared (keys typed before never answer it)."""

    question: DuplicateQuestion | None = None
    place: Place | None = None
    asked_at: float = 0.0

    def ask(self, question: DuplicateQuestion, request: NewRequest, *, at: float) -> None:
        self.question, self.place, self.asked_at = question, place_of(request), at

    def withdraw(self) -> bool:
        """The category or the place changed: the question no longer holds (True if asked)."""
        asked = self.question is not None
        self.question = self.place = None
        return asked

    def waiting(self, request: NewRequest) -> bool:
        return self.question is not None and self.place == place_of(request)

    def typed_before(self, at: float) -> bool:
        return self.question is not None and at < self.asked_at

    def chosen(self, request: NewRequest, index: int | None) -> str | None:
        """A request number to link to, ``NEW_REQUEST``, or None (nothing asked about this)."""
        if self.question is None or not self.waiting(request):
            return None
        return self.question.choice(index if index is not None else 0)


def make_or_link(
    ctx: Ctx,
    message: MessagePublic,
    request: NewRequest,
    *,
    reply: str,
    link_to: str | None,
    now: datetime | None = None,
) -> RequestAnswer:
    """Save the answer: link the sender to ``link_to``, or create the request."""
    if link_to is not None and link_to != NEW_REQUEST:
        text = reply_to_send(reply, message, linking=True)
        return answer_with_link(ctx, message_id=message.id, number=link_to, reply=text, now=now)
    return answer_with_request(ctx, message_id=message.id, request=request, reply=reply, now=now)
