"""The Dispatch desk: the radio line both front ends render (the full screen's command line,
board and log; the screen-reader mode's ``Radio:`` prompt).

- ``saves``: what is saved, as typed values (``RadioLine``, ``Correction``, ``FormEntry``,
  ``CheckIn``), the client-key rule (``ClientKeys``) and the outbox payload.
- ``questions``: the questions a radio line raises ("Is the work on WO-… completed?") kept as
  desk state, answered when the dispatcher chooses, never a prompt that takes the keys typed
  after the line.
- ``say``: every sentence of Dispatch.

``RadioDesk`` holds one dispatcher's state (keys in use, open questions, the stale units already
told) and the steps: ``pending`` (a save gets its key), ``logged`` (saved: the sentence and the
question it raised), ``kept`` (the database was unreachable: kept on this workstation),
``answer`` and ``complete`` (the question answered). The front ends run the service calls where
they like (the full screen in thread workers, one at a time in the order typed)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from csc_console.desks.dispatch import say
from csc_console.desks.dispatch.questions import (
    Answer,
    Completed,
    NotCompleted,
    OpenQuestions,
    WorkDoneQuestion,
)
from csc_console.desks.dispatch.saves import (
    OUTBOX_KIND,
    CheckIn,
    ClientKeys,
    Correction,
    FormEntry,
    FormFields,
    Pending,
    RadioLine,
    Save,
)
from csc_console.errors import ValidationError

if TYPE_CHECKING:
    from csc_console.services.context import Ctx
    from csc_console.services.dispatch import BoardRow, EntryPublic, LogQuery, LogResult

__all__ = [
    "OUTBOX_KIND",
    "Answer",
    "CheckIn",
    "Completed",
    "Correction",
    "FormEntry",
    "FormFields",
    "Logged",
    "NotCompleted",
    "Pending",
    "RadioDesk",
    "RadioLine",
    "Save",
    "WorkDoneQuestion",
    "say",
]


@dataclass(frozen=True)
class Logged:
    """A save went through: its sentence, and the question it raised (if any)."""

    said: str
    question: WorkDoneQuestion | None = None


class RadioDesk:
    """One dispatcher's radio desk (see the module documentation)."""

    def __init__(self) -> None:
        self.keys = ClientKeys()
        self.questions = OpenQuestions()
        self.stale_told: set[str] = set()

    # ------------------------------------------------------------------ saves
    def pending(self, save: Save) -> Pending:
        return self.keys.pending(save)

    def logged(self, pending: Pending, result: LogResult) -> Logged:
        self.keys.done(pending)
        question = None
        if result.ask_completed:
            question = WorkDoneQuestion(
                result.ask_completed, result.entry.unit, (result.entry.message or "").strip()
            )
            self.questions.add(question)
        return Logged(say.logged(result), question)

    def kept(self, pending: Pending, waiting: int) -> str:
        """The save is in the outbox (``waiting`` saves there now): the sentence that says so."""
        self.keys.done(pending)
        return say.kept(pending.save.what, waiting)

    def keep(self, ctx: Ctx, pending: Pending, at: datetime) -> str:
        """Put the save in this operator's outbox (screen-reader mode; the full screen's live
        link keeps its own, with a retry timer); the sentence."""
        from csc_console.services.outbox import Outbox

        outbox = Outbox(ctx.require().username)
        outbox.add(OUTBOX_KIND, pending.payload(at))
        return self.kept(pending, len(outbox))

    def stale(self, rows: Sequence[BoardRow]) -> list[str]:
        """The notices for units gone stale since the last call (once per unit)."""
        news, self.stale_told = say.stale_news(rows, self.stale_told)
        return news

    # ------------------------------------------------------------------ questions
    def answer(self, words: str, *, done: bool) -> Answer:
        return self.questions.parse_answer(words, done=done)

    def complete(self, ctx: Ctx, answer: Completed, now: datetime | None) -> str:
        """Complete the work order (a service call; any thread); the sentence. Call
        ``answered`` after it went through."""
        from csc_console.services.radio_desk import complete_work_order

        q = answer.question
        wo = complete_work_order(
            ctx, number=q.number, resolution=answer.resolution, unit=q.unit, now=now
        )
        return say.completed(wo.number, answer.resolution)

    def answered(self, answer: Answer) -> str | None:
        """The question is answered: gone from the open ones; "WO-… stays open." for a no."""
        self.questions.answered(answer.question.number)
        if isinstance(answer, NotCompleted):
            return say.stays_open(answer.question.number)
        return None

    # ------------------------------------------------------------------ log and export
    @staticmethod
    def log_query(ctx: Ctx, words: str, now: datetime) -> LogQuery | None:
        """The dispatcher's search words as a query (None: the whole log)."""
        from csc_console.services.radio_desk import parse_log_query

        if not words.strip():
            return None
        return parse_log_query(
            words, units=[u.call_sign for u in ctx.catalog.units], zone=ctx.zone, now=now
        )

    @staticmethod
    def describe(ctx: Ctx, query: LogQuery | None, now: datetime) -> str:
        from csc_console.services.radio_desk import describe_query

        return describe_query(query, ctx.zone, now=now)

    def log_heading(
        self, ctx: Ctx, query: LogQuery | None, entries: Sequence[EntryPublic], limit: int, now: datetime
    ) -> str:
        what = self.describe(ctx, query, now)
        if not entries:
            return say.no_entries(None if query is None else what)
        return say.log_heading(what, len(entries), limit)

    def export(self, ctx: Ctx, fmt: str, words: str, now: datetime) -> str:
        """Save the shift log (or the entries ``words`` name) as ``text`` or ``csv``."""
        from csc_console.services import radio_desk

        fmt = fmt.lower()
        if fmt not in radio_desk.EXPORT_FORMATS:
            raise ValidationError(say.EXPORT_HOW)
        query = self.log_query(ctx, words, now)
        path, count = radio_desk.export_shift_log(ctx, fmt, query, now=now)
        what = (
            say.shift_words(radio_desk.SHIFT_HOURS)
            if query is None
            else self.describe(ctx, query, now)
        )
        return say.exported(fmt, count, what, path)

    @staticmethod
    def correction(ctx: Ctx, entry: EntryPublic) -> tuple[str, str]:
        """Starting a correction: the sentence, and the entry as a radio line to edit."""
        from csc_console.services.radio_desk import command_text

        return say.correcting(entry, ctx.zone), command_text(entry, ctx.catalog.dispatch_statuses)
