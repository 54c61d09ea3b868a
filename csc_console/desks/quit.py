"""Quitting with work in progress: one rule and one set of sentences for both front ends.

A front end says what is in progress (``WorkInProgress``: a call, a relay call, a Dispatch
correction, or another unfinished workflow); ``quit_question`` says whether quitting must ask
and what is said. Both the full screen (Ctrl+Q, the palette's Quit) and the screen-reader mode
(``quit`` at any prompt) ask the same question, with an explicit answer: Enter alone, Escape,
``back`` or ``cancel`` stay. A call in progress is kept on this computer (the draft) and
offered back at the next start, so the question says so; if the draft could not be written,
it says the call would be lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from csc_console.desks.text import join_parts


class WorkKind(Enum):
    CALL = "call"
    RELAY_CALL = "relay call"
    CORRECTION = "correction"
    OTHER = "other"


@dataclass(frozen=True)
class WorkInProgress:
    """What would be left behind: ``what`` names it ("Jane Caller, (626) 555-0101", "entry
    12", "the note"); ``kept``: it is kept on this computer and offered back at the next start."""

    kind: WorkKind
    what: str
    kept: bool = True


@dataclass(frozen=True)
class QuitQuestion:
    """``sentence`` is said (the full screen's dialog text); ``ask`` is the yes-or-no label of
    the screen-reader mode, and the full screen's buttons are ``quit_label`` / ``stay_label``.
    ``left`` is said when the user quits anyway (nothing when empty)."""

    sentence: str
    ask: str
    quit_label: str
    stay_label: str
    left: str = ""

    @property
    def lead(self) -> str:
        """Said before the yes-or-no prompt of the screen-reader mode ("" when ``ask`` says it
        all)."""
        return "" if self.sentence == f"{self.ask}?" else self.sentence


CALL_KEPT = "The call is kept; Intake offers it again when you come back."
STAYED = "Still here: nothing was closed."
STAY_LABEL = "Stay"


def caller_words(name: str, phone: str) -> str:
    """The caller as the quit question names them: name and phone, or "the caller"."""
    return join_parts(name.strip(), phone.strip()) or "the caller"


def call_in_progress(*, name: str, phone: str, relay: bool, kept: bool) -> WorkInProgress:
    kind = WorkKind.RELAY_CALL if relay else WorkKind.CALL
    return WorkInProgress(kind, caller_words(name, phone), kept)


def quit_question(work: WorkInProgress) -> QuitQuestion:
    """The one question asked before quitting with ``work`` in progress."""
    if work.kind in (WorkKind.CALL, WorkKind.RELAY_CALL):
        call = "A relay call" if work.kind is WorkKind.RELAY_CALL else "A call"
        if work.kept:
            return QuitQuestion(
                sentence=(
                    f"{call} is in progress with {work.what}: quit anyway? "
                    "The call is kept and offered back when you start again."
                ),
                ask="Quit anyway",
                quit_label="Quit; keep the call",
                stay_label=STAY_LABEL,
                left=CALL_KEPT,
            )
        return QuitQuestion(
            sentence=(
                f"{call} is in progress with {work.what}, and it could not be kept on this "
                "computer: quit anyway and lose it?"
            ),
            ask="Quit anyway and lose the call",
            quit_label="Quit; lose the call",
            stay_label=STAY_LABEL,
        )
    if work.kind is WorkKind.CORRECTION:
        return QuitQuestion(
            sentence=f"The correction of {work.what} is not saved: quit anyway and lose it?",
            ask="Quit anyway and lose the correction",
            quit_label="Quit; lose the correction",
            stay_label=STAY_LABEL,
        )
    ask = f"Quit csc-console and lose {work.what}, which is not finished"
    return QuitQuestion(
        sentence=f"{ask}?", ask=ask, quit_label="Quit; lose it", stay_label=STAY_LABEL
    )


__all__ = [
    "CALL_KEPT",
    "STAYED",
    "QuitQuestion",
    "WorkInProgress",
    "WorkKind",
    "call_in_progress",
    "caller_words",
    "quit_question",
]
