"""What a save or a link produced, and what the intake says about it: one value, both front ends.

``SaveOutcome`` is the typed result of the intake's save: a request created, the caller linked
to an existing request (a duplicate), or the request queued on this workstation while the
database is away. Its ``disposition`` is the call's wrap-up suggestion, and ``result_lines``
are the lines said after it (the headline with the read-back first, then the work order,
warnings, possible duplicates and the category's script): the line mode prints them, the full
screen lists them in the wrap-up and shows the headline in the message bar.

``after_redirect`` is the other rule both front ends used to write out: which disposition a
redirect script's choice (transfer, refer, go on) gives the call, and whether the call goes
straight to the wrap-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from zoneinfo import ZoneInfo

from csc_console.catalog.redirects import RedirectHit
from csc_console.desks.choices import Option
from csc_console.desks.readback import readback
from csc_console.desks.words import plural
from csc_console.services.requests import RequestPublic
from csc_console.vocab import Disposition

KEPT_AS_DRAFT = "Nothing typed is lost: the call is kept as a draft."


class Saved(Enum):
    CREATED = "created"
    LINKED = "linked"
    QUEUED = "queued"


@dataclass(frozen=True)
class SaveOutcome:
    """The facts of a save that the CSR hears about (no wording: ``result_lines`` has it)."""

    kind: Saved
    number: str = ""
    due_at: datetime | None = None
    callers_count: int = 0
    work_orders: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    possible_duplicates: tuple[str, ...] = ()

    @classmethod
    def created(cls, r: RequestPublic) -> SaveOutcome:
        return cls(
            Saved.CREATED,
            r.number,
            r.due_at,
            r.callers_count,
            tuple(r.work_orders),
            tuple(r.warnings),
            tuple(r.possible_duplicates),
        )

    @classmethod
    def linked(cls, r: RequestPublic) -> SaveOutcome:
        """The caller joined ``r``: its warnings and duplicates were said when it was made."""
        return cls(Saved.LINKED, r.number, r.due_at, r.callers_count, tuple(r.work_orders))

    @classmethod
    def queued(cls) -> SaveOutcome:
        return cls(Saved.QUEUED)

    @property
    def disposition(self) -> Disposition:
        if self.kind is Saved.LINKED:
            return Disposition.LINKED_TO_EXISTING
        return Disposition.REQUEST_CREATED


def read_back(outcome: SaveOutcome, *, zone: ZoneInfo, now: datetime) -> str:
    """The number and expected date as they are read to the caller ("" when queued)."""
    if outcome.kind is Saved.QUEUED or not outcome.number:
        return ""
    return readback(outcome.number, outcome.due_at, zone, now=now)


def headline(outcome: SaveOutcome, *, zone: ZoneInfo, now: datetime) -> str:
    """The one sentence that says what happened, with the read-back."""
    spoken = read_back(outcome, zone=zone, now=now)
    if outcome.kind is Saved.CREATED:
        return f"Request {outcome.number} saved. {spoken}"
    if outcome.kind is Saved.LINKED:
        count = plural(outcome.callers_count, "caller")
        return f"Caller linked to request {outcome.number}, now {count}. {spoken}"
    return "The request is queued on this workstation and saved when the database returns."


def detail_lines(outcome: SaveOutcome, script: str | None) -> list[str]:
    """After the headline: the work order, warnings, possible duplicates, the script to read."""
    lines: list[str] = []
    if outcome.work_orders:
        lines.append(f"Work order: {', '.join(outcome.work_orders)}.")
    lines += [f"Warning: {w}" for w in outcome.warnings]
    if outcome.possible_duplicates:
        lines.append(f"Possible duplicates: {', '.join(outcome.possible_duplicates)}.")
    if script and outcome.kind is not Saved.QUEUED:
        lines.append(f"Say: {script}")
    return lines


def result_lines(
    outcome: SaveOutcome, script: str | None, *, zone: ZoneInfo, now: datetime
) -> list[str]:
    """Everything said after the save, the headline first."""
    return [headline(outcome, zone=zone, now=now), *detail_lines(outcome, script)]


def saved_earlier(number: str) -> str:
    """Back at a save after saving: the request is not saved twice (nor changed)."""
    return (
        f"Request {number} was saved earlier in this call and is not saved again; put any "
        "change in the call notes."
    )


def resumed_saved(number: str, spoken: str) -> str:
    """A resumed call had saved its request already."""
    return f"Request {number} was saved. {spoken}"


# --------------------------------------------------------------------------- redirects
class RedirectChoice(Enum):
    TRANSFER = "transfer"
    REFER = "refer"
    CONTINUE = "continue"

    @classmethod
    def parse(cls, value: str | None) -> RedirectChoice:
        try:
            return cls(value or "continue")
        except ValueError:
            return cls.CONTINUE


REDIRECTED = (Disposition.TRANSFERRED_911.value, Disposition.REFERRED.value)


@dataclass(frozen=True)
class AfterRedirect:
    disposition: str
    """The call's disposition now ("" when none is suggested any more)."""
    wrap_up: bool
    """Straight to the wrap-up (transferred or referred) rather than on with the call."""


def after_redirect(choice: str | None, disposition: str) -> AfterRedirect:
    """A redirect script was read: transfer (911) or refer ends the call with that disposition;
    going on keeps the call, and takes back a transfer or referral chosen before."""
    chosen = RedirectChoice.parse(choice)
    if chosen is RedirectChoice.TRANSFER:
        return AfterRedirect(Disposition.TRANSFERRED_911.value, True)
    if chosen is RedirectChoice.REFER:
        return AfterRedirect(Disposition.REFERRED.value, True)
    return AfterRedirect("" if disposition in REDIRECTED else disposition, False)


# --------------------------------------------------------------------------- redirect question
REDIRECT_TITLES = {"emergency": "Emergency", "wrong_agency": "Wrong agency", "referral": "Referral"}
_STRENGTH = {"emergency": 0, "wrong_agency": 1, "referral": 2}


def strongest(hits: Sequence[RedirectHit]) -> RedirectHit:
    """The rule that decides the question: an emergency before a wrong agency before a
    referral."""
    return min(hits, key=lambda h: _STRENGTH.get(h.kind, 3))


@dataclass(frozen=True)
class RedirectQuestion:
    """Transfer, refer or go on, after the redirect script: the title, the choices (the
    default first) and the default."""

    title: str
    options: tuple[Option[str], ...]
    default: str


def redirect_question(hits: Sequence[RedirectHit]) -> RedirectQuestion:
    """The default follows the strongest rule that fired."""
    hit = strongest(hits)
    title = REDIRECT_TITLES.get(hit.kind, "Redirect")
    if hit.kind == "emergency":
        transfer = Option(RedirectChoice.TRANSFER.value, f"Transfer to {hit.target_name} and wrap up")
        go_on = Option(RedirectChoice.CONTINUE.value, "Continue the call")
        return RedirectQuestion(title, (transfer, go_on), transfer.value)
    refer = Option(RedirectChoice.REFER.value, f"Refer the caller to {hit.target_name} and wrap up")
    if hit.kind == "wrong_agency":
        anyway = Option(RedirectChoice.CONTINUE.value, "Take the report anyway")
        return RedirectQuestion(title, (refer, anyway), refer.value)
    go_on = Option(RedirectChoice.CONTINUE.value, "Continue the report")
    return RedirectQuestion(title, (go_on, refer), go_on.value)
