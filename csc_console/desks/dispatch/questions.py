"""Questions a radio line raises, kept as desk state until the dispatcher answers them.

After a clear (``PW12 cl patched two holes``) with its work order still open the desk records
"Is the work on WO-… completed?" with the line's message as the proposed resolution. Nothing
takes the keyboard: the radio line keeps it, and the next typed lines are logged as radio lines.
The dispatcher answers when ready (the full screen: a key that opens the dialog; screen-reader
mode: ``done`` / ``notdone`` at the Radio prompt)."""

from __future__ import annotations

from dataclasses import dataclass

from csc_console.desks.dispatch import say
from csc_console.errors import ValidationError
from csc_console.services.radio_grammar import wo_number


@dataclass(frozen=True)
class WorkDoneQuestion:
    number: str
    unit: str | None
    proposed: str  # the clear line's message: the resolution unless the dispatcher says other

    @property
    def sentence(self) -> str:
        return f"Is the work on {self.number} completed?"


@dataclass(frozen=True)
class Completed:
    """The answer: yes, with this resolution."""

    question: WorkDoneQuestion
    resolution: str


@dataclass(frozen=True)
class NotCompleted:
    """The answer: no, the work order stays open."""

    question: WorkDoneQuestion


Answer = Completed | NotCompleted


class OpenQuestions:
    """The open questions, oldest first; one per work order (a new clear replaces it)."""

    def __init__(self) -> None:
        self._items: list[WorkDoneQuestion] = []

    def __len__(self) -> int:
        return len(self._items)

    @property
    def items(self) -> list[WorkDoneQuestion]:
        return list(self._items)

    def add(self, question: WorkDoneQuestion) -> None:
        self._items = [q for q in self._items if q.number != question.number] + [question]

    def answered(self, number: str) -> None:
        self._items = [q for q in self._items if q.number != number]

    def find(self, number: str | None) -> WorkDoneQuestion:
        """The question about ``number`` (the only open one when None)."""
        if number is None:
            if len(self._items) == 1:
                return self._items[0]
            raise ValidationError(say.no_question(None) if not self._items else say.which_question())
        for q in self._items:
            if q.number == number:
                return q
        raise ValidationError(say.no_question(number))

    def parse_answer(self, words: str, *, done: bool) -> Answer:
        """``done [WO] [resolution]`` or ``notdone [WO]`` as an answer."""
        first, _, rest = words.strip().partition(" ")
        number = wo_number(first.rstrip(",.:")) if first else None
        if number is None and first.upper().startswith("WO-"):
            raise ValidationError(say.NOT_A_WO.format(first))
        question = self.find(number)
        if not done:
            return NotCompleted(question)
        typed = (rest if number else words).strip()
        resolution = typed or question.proposed
        if not resolution:
            raise ValidationError(say.say_what_was_done(question.number))
        return Completed(question, resolution)
