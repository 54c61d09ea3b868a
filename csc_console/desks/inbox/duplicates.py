"""The duplicate question asked before an Inbox message becomes a request, and the save that
answers it (link the sender, or create the request).

The duplicate check is the phone intake's (``services.duplicates``, worded by
``desks.intake.say.duplicate_option``): open requests of the category at the same or a nearby
address in the last 30 days. When there are any, the CSR either links the message's sender to
one of them (the sender becomes one more caller on it; no request and no work order are made)
or creates a new request anyway. The full screen asks it as a list the CSR answers with an
explicit key; keys typed before the list appeared never answer it.
"""


from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from csc_console.catalog import Catalog
from csc_console.desks.choices import Option
from csc_console.desks.inbox.replies import duplicate_check_failed, reply_to_send
from csc_console.desks.intake.say import duplicate_option, duplicates_heading
from csc_console.errors import CscError
from csc_console.services.context import Ctx
from csc_console.services.duplicates import DuplicateCandidate
from csc_console.services.inbox import MessagePublic
from csc_console.services.inbox_answers import (
    RequestAnswer,
    answer_with_link,
    answer_with_request,
    possible_duplicates,
)
from csc_console.services.requests import NewRequest
from csc_console.services.text import printable

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
