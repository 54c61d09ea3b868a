"""Dispatch in screen-reader mode: the radio desk (``desks.dispatch``) as one prompt.

One prompt, ``Radio:``, takes the same command lines as the full-screen console
(``PW12 os WO-2026-000123 patched two holes``; ``to PW7 d WO-2026-000045 @ 1200 N Lake Ave``;
a plain note ``PW12 copy, heading back``) and says the result after each::

    Radio: PW12 os WO-2026-000123 patched two holes
    Status: Logged 10:42:05 PW12 On scene WO-2026-000123: patched two holes.

An error ("Error: There is no unit 'PW99'. Did you mean PW9?") keeps the typed line as the
prompt's default: Enter tries it again, or type the corrected line. When a unit clears with its
work order still open, a status line asks "Is the work on WO-2026-000123 completed?" and says
how to answer; the prompt stays ``Radio:`` (lines typed or pasted after the clear are logged as
radio lines) until the dispatcher types ``done`` (with the work order and what was done, or
nothing: the clear line's words) or ``notdone``. The same prompt takes commands: ``board``,
``checkin UNIT``, ``log [unit, work order, words, since TIME]``, ``correct N``, ``export text``
or ``export csv``, ``form`` (field by field), ``questions``, and the global ``help``,
``repeat``, ``back`` (to the menu), ``cancel``, ``quit``. The golden transcripts in
tests/linear/transcripts/dispatch_* show whole shifts.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

import csc_console.linear.workspaces  # noqa: F401 - registers the placeholder replaced below
from csc_console.desks.dispatch import (
    CheckIn,
    Completed,
    Correction,
    Pending,
    RadioDesk,
    RadioLine,
    Save,
    say,
)
from csc_console.desks.quit import WorkInProgress, WorkKind
from csc_console.errors import CscError, DatabaseUnavailable, ValidationError
from csc_console.linear.ask import Back, Cancel, Scope, ask
from csc_console.linear.menu import menu_entry
from csc_console.linear.prompts import Prompt, PromptError, TextPrompt
from csc_console.linear.workflow import STAY, Flow, Step, Workflow
from csc_console.services import dispatch, radio_desk

COMMANDS = {
    "board": "board",
    "checkin": "checkin",
    "check-in": "checkin",
    "log": "log",
    "correct": "correct",
    "export": "export",
    "form": "form",
    say.DONE: "done",
    say.NOT_DONE: "notdone",
    say.QUESTIONS: "questions",
}
LOG_LINES = 20


@dataclass(frozen=True)
class RadioInput:
    """What was typed at ``Radio:``: a radio line, or a command and its words."""

    raw: str
    command: str | None = None
    words: str = ""


class RadioPrompt(Prompt[RadioInput]):
    label = "Radio"

    def text(self, current: RadioInput | None) -> str:
        return f"Radio, default {current.raw}:" if current else "Radio:"

    def parse(self, raw: str, current: RadioInput | None) -> RadioInput:
        text = raw.strip()
        if not text:
            if current is not None:
                return current
            raise PromptError(say.EMPTY_LINE)
        first, _, rest = text.partition(" ")
        command = COMMANDS.get(first.lower())
        if command is not None:
            return RadioInput(text, command, rest.strip())
        return RadioInput(text)

    def help_lines(self, current: RadioInput | None) -> list[str]:
        out = [*say.GRAMMAR_HELP, *say.COMMAND_HELP]
        if current is not None:
            out.append(say.retry_hint(current.raw))
        return out


@menu_entry("dispatch", "Dispatch", "units and their radio status.", order=30, replace=True)
class DispatchDesk(Workflow):
    title = "Dispatch"

    def __init__(self, session: object) -> None:
        super().__init__(session)  # type: ignore[arg-type]
        self.desk = RadioDesk()

    def has_unsaved_data(self) -> bool:
        return False  # every line is saved as it is typed

    def left_message(self) -> str:
        return say.LEFT

    def steps(self) -> Sequence[Step]:
        return [Step("line", RadioPrompt(), apply=self.handle)]

    def start(self) -> None:
        rows = dispatch.board(self.ctx, now=self.session.now())
        self.io.status(say.board_summary(rows))
        self.tell_stale(rows)
        self.io.say(say.START)

    # ------------------------------------------------------------------ one line
    def handle(self, value: RadioInput) -> Flow:
        if value.command is None:
            self.save(RadioLine(value.raw))
        else:
            getattr(self, f"cmd_{value.command}")(value.words)
        with contextlib.suppress(DatabaseUnavailable):  # said by the save that was queued
            self.tell_stale(dispatch.board(self.ctx, now=self.session.now()))
        return STAY

    def tell_stale(self, rows: Sequence[dispatch.BoardRow], *, shown: bool = False) -> None:
        """A notice for each unit that went stale since the last one (``shown``: the board
        was just said, which names them already)."""
        news = self.desk.stale(rows)
        if not shown:
            for sentence in news:
                self.io.notice(sentence)

    def save(self, save: Save) -> None:
        """Save it now; when the database is unreachable it is kept on this workstation
        (written once when the database returns, at the time it was heard) and one line says
        so. An error keeps the key: the same text retried is never logged twice."""
        pending: Pending = self.desk.pending(save)
        now = self.session.now()
        try:
            result = pending.run(self.ctx, now)
        except DatabaseUnavailable:
            self.io.notice(self.desk.keep(self.ctx, pending, now))
            return
        logged = self.desk.logged(pending, result)
        self.io.status(logged.said)
        if logged.question is not None:
            self.io.status(say.question_raised_line(logged.question))

    # ------------------------------------------------------------------ commands
    def cmd_board(self, words: str) -> None:
        rows = dispatch.board(self.ctx, now=self.session.now())
        self.io.status(say.board_summary(rows))
        self.io.lines(r.line() for r in rows)
        self.tell_stale(rows, shown=True)

    def cmd_checkin(self, words: str) -> None:
        if not words:
            raise ValidationError(say.NAME_THE_UNIT)
        self.save(CheckIn(radio_desk.check_unit(self.ctx, words)))

    def cmd_log(self, words: str) -> None:
        now = self.session.now()
        query = self.desk.log_query(self.ctx, words, now)
        entries = dispatch.list_log(self.ctx, query, limit=LOG_LINES)
        self.io.status(self.desk.log_heading(self.ctx, query, entries, LOG_LINES, now))
        self.io.lines(say.entry_line(e, self.ctx.zone) for e in entries)

    def cmd_correct(self, words: str) -> None:
        number = words.strip().lstrip("#")
        if not number.isdigit():
            raise ValidationError(say.NAME_THE_ENTRY)
        entry = radio_desk.get_entry(self.ctx, int(number))
        said, line = self.desk.correction(self.ctx, entry)
        self.io.say(said)
        self.io.say(say.as_radio_line(line))
        prompt = TextPrompt(
            say.corrected_label(entry.id), max_length=4000, hint=say.CORRECTION_HINT
        )
        being_corrected = WorkInProgress(WorkKind.CORRECTION, f"entry {entry.id}")
        keep = Scope(
            back_help=say.KEEP_ENTRY,
            cancel_help=say.KEEP_ENTRY,
            confirm_quit=partial(self.session.confirm_quit, being_corrected),
        )
        typed: str | None = None
        while True:
            try:
                typed = ask(self.io, prompt, current=typed, scope=keep)
            except (Back, Cancel):
                self.io.status(say.CORRECTION_STOPPED)
                return
            try:
                self.save(Correction(entry.id, typed))
            except CscError as exc:
                self.io.error(str(exc))
                continue
            return

    def cmd_export(self, words: str) -> None:
        fmt, _, rest = words.partition(" ")
        self.io.status(self.desk.export(self.ctx, fmt, rest, self.session.now()))

    def cmd_form(self, words: str) -> None:
        from csc_console.linear.dispatch.form import RadioFormFlow

        self.session.run(RadioFormFlow(self.session, desk=self, unit=words or None))

    def cmd_done(self, words: str) -> None:
        answer = self.desk.answer(words, done=True)
        assert isinstance(answer, Completed)
        self.io.status(self.desk.complete(self.ctx, answer, self.session.now()))
        self.desk.answered(answer)

    def cmd_notdone(self, words: str) -> None:
        said = self.desk.answered(self.desk.answer(words, done=False))
        if said:
            self.io.status(said)

    def cmd_questions(self, words: str) -> None:
        said = say.questions_list(self.desk.questions.items)
        self.io.status(said[0])
        self.io.lines(said[1:])
