"""The scenario language: what the caller says and what the CSR or dispatcher chooses, as
frozen data. A scenario names no keys and no prompts: the drivers (``line_driver`` for the
screen-reader mode, ``screen_driver`` for the full screen) turn each step into typed lines or
keys for their front end, once per step type.

Choices are named as the CSR hears them (an option's words, or an answer's key for catalog
questions); ``None`` keeps the default or skips an optional question.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Workspace(Enum):
    INTAKE = "intake"
    DISPATCH = "dispatch"
    WORK_ORDERS = "work_orders"
    INBOX = "inbox"


# --------------------------------------------------------------------------- seeds
@dataclass(frozen=True)
class KnownJane:
    """Jane Caller (626-555-0101, 1200 N Lake Ave) called two days ago."""


@dataclass(frozen=True)
class OpenRequest:
    """An open request made three days ago (by default a neighbour's pothole at Jane's)."""

    category: str = "potholes"
    address: str = "1200 N Lake Ave"
    by_jane: bool = False
    days_ago: int = 3
    status: str | None = None
    note: str = ""


@dataclass(frozen=True)
class InboxMessage:
    """A web message with its Open311 answers (a pothole at 1200 N Lake Ave by default)."""

    body: str = "Deep pothole in the right lane"
    name: str = "Jo Resident"
    address: str = "1200 N Lake Ave"
    category: str = "potholes"
    answers: tuple[tuple[str, str], ...] = (
        ("location_in_street", "right-lane"),
        ("size", "medium"),
        ("hazard", "no"),
    )


Seed = KnownJane | OpenRequest | InboxMessage


# --------------------------------------------------------------------------- intake steps
@dataclass(frozen=True)
class Answer:
    """Answer the next contact on ``channel`` (Phone, Relay, Walk-in...) and take the number."""

    channel: str = "Phone"
    phone: str = ""


@dataclass(frozen=True)
class KnownCaller:
    """Continue with the caller the number found."""


@dataclass(frozen=True)
class Caller:
    """A new caller's details (``anonymous``: nothing is recorded)."""

    name: str = ""
    anonymous: bool = False


@dataclass(frozen=True)
class Purpose:
    """What the call is about: Report an issue, Ask for information, Follow up..."""

    name: str


@dataclass(frozen=True)
class Words:
    """What the caller says the call is about (their own words)."""

    text: str


@dataclass(frozen=True)
class Category:
    """The category the CSR picks among the suggestions."""

    name: str


@dataclass(frozen=True)
class AnswerQuestion:
    """A category question: ``choice`` is the answer's key (or the text typed); ``None``
    skips an optional question."""

    code: str
    choice: str | None = None


@dataclass(frozen=True)
class Address:
    """The place: ``text`` typed (``None`` keeps the caller's own), ``pick`` the words of a
    suggestion when the street file does not know it, a cross street when one is asked."""

    text: str | None = None
    pick: str | None = None
    cross_street: str = ""


@dataclass(frozen=True)
class LinkDuplicate:
    """Link the caller to this open request (a possible duplicate)."""

    number: str


@dataclass(frozen=True)
class NewAnyway:
    """Not a duplicate: make a new request."""


@dataclass(frozen=True)
class Description:
    """The request's description (``None`` keeps the caller's words), then it is saved."""

    text: str | None = None


@dataclass(frozen=True)
class AcceptRedirect:
    """An emergency or wrong-agency script: transfer or refer, and wrap up."""


@dataclass(frozen=True)
class Topic:
    """An information topic read to the caller (the best match for the words by default)."""

    name: str | None = None


@dataclass(frozen=True)
class AnotherTopic:
    """After a topic: the caller asks about something else (their words follow)."""


@dataclass(frozen=True)
class FollowUp:
    """A follow-up call about a request (``None``: the caller's open one)."""

    number: str | None = None


@dataclass(frozen=True)
class Refer:
    """A referral: the first organisation whose name starts with ``initial``."""

    initial: str


@dataclass(frozen=True)
class RelaySetup:
    """A relay call's set-up: the relay type and the CA number the CA gives."""

    relay_type: str
    ca: str


@dataclass(frozen=True)
class Turns:
    """Typed relay turns, alternating caller and CSR from the one whose turn it is, each
    ``(words, end)`` with ``end`` GA, SK or SKSK; then back to the call (``phone``: the caller's
    number, asked when the transcript is left before the caller is known)."""

    turns: tuple[tuple[str, str], ...]
    phone: str = ""


@dataclass(frozen=True)
class Disposition:
    """Wrap-up: the disposition (``None`` keeps the suggested one)."""

    name: str | None = None


@dataclass(frozen=True)
class WrapUp:
    """Wrap-up: the call notes; the call ends."""

    notes: str = ""


@dataclass(frozen=True)
class Quit:
    """Ask to quit the console (``confirm``: answer yes to the warning about an open call)."""

    confirm: bool = False


# --------------------------------------------------------------------------- dispatch
@dataclass(frozen=True)
class Radio:
    """A radio line typed on the dispatch line (``{wo}`` is the seeded work order)."""

    line: str


@dataclass(frozen=True)
class Completed:
    """The question a ``cl`` line raised, answered when the dispatcher is ready: is the work
    on ``work_order`` completed? ``resolution`` empty keeps the ``cl`` line's own text."""

    done: bool = True
    resolution: str = ""
    work_order: str = "{wo}"


@dataclass(frozen=True)
class Correct:
    """Correct radio log entry ``entry`` (its number in the log) with a new radio line."""

    entry: int
    line: str


@dataclass(frozen=True)
class CheckIn:
    """Check a unit in (it is still where it was: the check-in is logged)."""

    unit: str


@dataclass(frozen=True)
class Burst:
    """Several radio lines typed at full speed, before any question is answered."""

    lines: tuple[str, ...]


# --------------------------------------------------------------------------- work orders / inbox
@dataclass(frozen=True)
class OpenWorkOrder:
    """Open a work order from the Work orders workspace."""

    number: str = "{wo}"


@dataclass(frozen=True)
class WorkOrderStatus:
    """Move the seeded work order to ``status`` (``refused``: the console must refuse it)."""

    status: str
    resolution: str = ""
    refused: bool = False


@dataclass(frozen=True)
class MakeRequest:
    """Inbox: claim the oldest message and make it into a request; ``link`` a duplicate."""

    link: str | None = None


@dataclass(frozen=True)
class DatabaseDown:
    """The database goes away for the next ``times`` units of work called ``note``."""

    note: str = "request created"
    times: int = 1


@dataclass(frozen=True)
class RetrySave:
    """The save failed: the CSR tries it again."""


Step = (
    Answer
    | KnownCaller
    | Caller
    | Purpose
    | Words
    | Category
    | AnswerQuestion
    | Address
    | LinkDuplicate
    | NewAnyway
    | Description
    | AcceptRedirect
    | Topic
    | AnotherTopic
    | FollowUp
    | Refer
    | RelaySetup
    | Turns
    | Disposition
    | WrapUp
    | Quit
    | Radio
    | Completed
    | Correct
    | CheckIn
    | Burst
    | OpenWorkOrder
    | WorkOrderStatus
    | MakeRequest
    | DatabaseDown
    | RetrySave
)


# --------------------------------------------------------------------------- expectations
@dataclass(frozen=True)
class RequestFacts:
    category: str
    address: str
    status: str = "open"
    verified: bool = True
    answers: tuple[tuple[str, str], ...] | None = None
    callers: int = 1
    caller_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class CallFacts:
    purpose: str | None
    disposition: str | None
    request: str | None = None
    topics: tuple[str, ...] = ()
    status: str = "completed"


@dataclass(frozen=True)
class WorkOrderFacts:
    status: str
    resolution: str | None = None


@dataclass(frozen=True)
class RadioFacts:
    unit: str
    status: str | None
    message: str = ""
    work_order: str | None = None


@dataclass(frozen=True)
class Expect:
    """What must be stored after the scenario, besides the seed's own records (those are
    included too: a seeded request's new caller count shows up there)."""

    requests: tuple[RequestFacts, ...] = ()
    calls: tuple[CallFacts, ...] = ()
    work_orders: tuple[WorkOrderFacts, ...] = ()
    radio: tuple[RadioFacts, ...] = ()


@dataclass(frozen=True)
class Scenario:
    name: str
    workspace: Workspace
    steps: tuple[Step, ...]
    expect: Expect
    heard: tuple[str, ...] = ()
    seed: tuple[Seed, ...] = ()
    defect: int | None = None
    """Issue 14's defect this scenario shows (it fails until the fix lands)."""
    screen_only: bool = False
    focus_visible: bool = False
    """Full screen: after every step the focused control is on screen, the cursor in it."""
    line_heard: tuple[str, ...] = field(default=())
    """Sentences only the screen-reader mode says today (drift: see the corpus comment)."""
    screen_heard: tuple[str, ...] = field(default=())
    """Sentences only the full screen says today (drift)."""
