"""Dispatch in screen-reader mode: the radio log, the board, check-ins, corrections, export.

One prompt, ``Radio:``, takes the same command lines as the full-screen console
(``PW12 os WO-2026-000123 patched two holes``; ``to PW7 d WO-2026-000045 @ 1200 N Lake Ave``;
a plain note ``PW12 copy, heading back``) and says the result after each::

    Radio: PW12 os WO-2026-000123 patched two holes
    Status: Logged 10:42:05 PW12 On scene WO-2026-000123: patched two holes.

An error ("Error: There is no unit 'PW99'. Did you mean PW9?") keeps the typed line as the
prompt's default: Enter tries it again, or type the corrected line. When a unit clears with its
work order still open: "Is the work on WO-2026-000123 completed, yes or no:" and, on yes, the
resolution. The same prompt takes commands: ``board`` (one unit per line, status first, stale
ones first), ``checkin UNIT``, ``log [unit, work order, words, since TIME]``, ``correct N``,
``export text`` or ``export csv``, ``form`` (field by field), and the global ``help``,
``repeat``, ``back`` (to the menu), ``cancel``, ``quit``. The golden transcripts in
tests/linear/transcripts/dispatch_* show whole shifts.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import csc_console.linear.workspaces  # noqa: F401 - registers the placeholder replaced below
from csc_console.desks.words import plural
from csc_console.errors import CscError, DatabaseUnavailable, ValidationError
from csc_console.linear.ask import Back, Cancel, Scope, ask
from csc_console.linear.menu import menu_entry
from csc_console.linear.prompts import Prompt, PromptError, TextPrompt, YesNoPrompt
from csc_console.linear.workflow import STAY, Flow, Step, Workflow
from csc_console.services import dispatch, radio_desk
from csc_console.services.dispatch import LogResult
from csc_console.services.text import printable

COMMANDS = ("board", "checkin", "check-in", "log", "correct", "export", "form")
LOG_LINES = 20
EXAMPLE = "PW12 os WO-2026-000123 patched two holes"
GRAMMAR_HELP = (
    f"A radio line: the unit, a status, a work order, the message, @ a place, as in {EXAMPLE}. "
    "The status is a word or a short key (d dispatched, er en route, os on scene, clr cleared, "
    "av available, oos out of service); without one the line is a note, as in PW12 copy, "
    "heading back. Start with to for a message sent to the unit: to PW7 d WO-2026-000045.",
)
COMMAND_HELP = (
    "Commands at the Radio prompt:",
    "board: every unit, one per line, status first, stale ones first.",
    "checkin UNIT: the unit answered; logged, and its stale clock restarts.",
    "log: the latest entries, oldest first; add a unit, a work order, words, today, "
    "or since 7:00 to search, as in log PW12 since 7:00.",
    "correct N: correct entry N (the log keeps both; the correction names the entry).",
    "export text, or export csv: save the shift log (the last 12 hours) to a file.",
    "form: the same entry field by field.",
)


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
            raise PromptError(
                f"Type a radio line, such as {EXAMPLE}, or a command; help lists them."
            )
        first, _, rest = text.partition(" ")
        word = first.lower()
        if word in COMMANDS:
            return RadioInput(text, "checkin" if word == "check-in" else word, rest.strip())
        return RadioInput(text)

    def help_lines(self, current: RadioInput | None) -> list[str]:
        out = [*GRAMMAR_HELP, *COMMAND_HELP]
        if current is not None:
            out.append(f"Enter alone tries {current.raw} again.")
        return out


def answer_no() -> Scope:
    return Scope(back_help="answer no.", cancel_help="answer no.")


@menu_entry("dispatch", "Dispatch", "units and their radio status.", order=30, replace=True)
class DispatchDesk(Workflow):
    title = "Dispatch"

    def __init__(self, session: object) -> None:
        super().__init__(session)  # type: ignore[arg-type]
        self._keys: dict[str, str] = {}
        self._stale_told: set[str] = set()

    def has_unsaved_data(self) -> bool:
        return False  # every line is saved as it is typed

    def left_message(self) -> str:
        return "Left Dispatch."

    def steps(self) -> Sequence[Step]:
        return [Step("line", RadioPrompt(), apply=self.handle)]

    def start(self) -> None:
        rows = dispatch.board(self.ctx, now=self.session.now())
        self.io.status(board_summary(rows))
        self.tell_stale(rows)
        self.io.say(
            f"Type a radio line, such as {EXAMPLE}, or board, checkin, log, correct, export, form or help."
        )

    # ------------------------------------------------------------------ one line
    def handle(self, value: RadioInput) -> Flow:
        if value.command is None:
            self.log_line(value.raw)
        else:
            getattr(self, f"cmd_{value.command}")(value.words)
        with contextlib.suppress(DatabaseUnavailable):  # said by the save that was queued
            self.tell_stale(dispatch.board(self.ctx, now=self.session.now()))
        return STAY

    def tell_stale(self, rows: Sequence[dispatch.BoardRow], *, shown: bool = False) -> None:
        """A notice for each unit that went stale since the last one (``shown``: the board
        was just said, which names them already)."""
        news, self._stale_told = radio_desk.stale_news(rows, self._stale_told)
        if not shown:
            for sentence in news:
                self.io.notice(sentence)

    def key_for(self, text: str) -> str:
        """One key per typed line: the same line retried after an error is never logged twice."""
        return self._keys.setdefault(text, uuid.uuid4().hex)

    def log_line(self, text: str) -> None:
        key, now = self.key_for(text), self.session.now()
        payload = {"text": text, "client_key": key, "at": now.isoformat()}
        result = self.saved_or_queued(
            lambda: dispatch.log_command(self.ctx, text, client_key=key, now=now),
            payload, f"the radio entry {printable(text)!r}",
        )
        self._keys.pop(text, None)
        if result is not None:
            self.after_log(result)

    def saved_or_queued(self, save: Callable[[], LogResult], payload: dict[str, Any], what: str) -> LogResult | None:
        """``save()``; when the database is unreachable, the save is kept on this workstation
        (``services.outbox``, written once when the database returns, at the time it was heard)
        and one line says so. None then."""
        try:
            return save()
        except DatabaseUnavailable:
            from csc_console.services.outbox import Outbox

            outbox = Outbox(self.ctx.require().username)
            outbox.add("radio", payload)
            self.io.notice(
                f"Database unreachable: {what} is kept on this workstation and saved when the "
                f"database returns ({len(outbox)} waiting)."
            )
            return None

    def after_log(self, result: LogResult) -> None:
        ask_for = result.ask_completed
        said = (
            result.said.removesuffix(f" Is the work on {ask_for} completed?")
            if ask_for
            else result.said
        )
        self.io.status(said)
        if ask_for:
            self.ask_completed(ask_for, result.entry.unit)

    def ask_completed(self, number: str, unit: str | None) -> None:
        try:
            done = ask(
                self.io, YesNoPrompt(f"Is the work on {number} completed"), scope=answer_no()
            )
        except (Back, Cancel):
            done = False
        if not done:
            self.io.status(f"{number} stays open.")
            return
        prompt = TextPrompt(
            "Resolution", max_length=4000, hint="What was done, as it goes on the work order."
        )
        typed: str | None = None
        while True:
            try:
                typed = ask(
                    self.io,
                    prompt,
                    current=typed,
                    scope=Scope(
                        back_help=f"leave {number} open.", cancel_help=f"leave {number} open."
                    ),
                )
            except (Back, Cancel):
                self.io.status(f"{number} stays open.")
                return
            try:
                wo = radio_desk.complete_work_order(
                    self.ctx, number=number, resolution=typed, unit=unit, now=self.session.now()
                )
            except CscError as exc:
                self.io.error(str(exc))
                continue
            self.io.status(f"{wo.number} is completed.")
            return

    # ------------------------------------------------------------------ commands
    def cmd_board(self, words: str) -> None:
        rows = dispatch.board(self.ctx, now=self.session.now())
        self.io.status(board_summary(rows))
        self.io.lines(r.line() for r in rows)
        self.tell_stale(rows, shown=True)

    def cmd_checkin(self, words: str) -> None:
        if not words:
            raise ValidationError("Name the unit: checkin PW5.")
        unit = radio_desk.check_unit(self.ctx, words)
        key, now = uuid.uuid4().hex, self.session.now()  # each check-in is its own
        result = self.saved_or_queued(
            lambda: dispatch.check_in(self.ctx, unit=unit, client_key=key, now=now),
            {"text": unit, "client_key": key, "at": now.isoformat(), "check_in": unit},
            f"the check-in of {unit}",
        )
        if result is not None:
            self.io.status(result.said)

    def cmd_log(self, words: str) -> None:
        now = self.session.now()
        query = radio_desk.parse_log_query(
            words, units=[u.call_sign for u in self.ctx.catalog.units], zone=self.ctx.zone, now=now
        )
        searching = query if words else None
        entries = dispatch.list_log(self.ctx, searching, limit=LOG_LINES)
        what = radio_desk.describe_query(searching, self.ctx.zone, now=now)
        if not entries:
            self.io.status(f"No radio entries ({what}).")
            return
        latest = (
            f"the latest {len(entries)}"
            if len(entries) == LOG_LINES
            else plural(len(entries), "entry", "entries")
        )
        self.io.status(f"Radio log ({what}): {latest}, oldest first.")
        self.io.lines(f"#{e.id} {e.line(self.ctx.zone)}" for e in entries)

    def cmd_correct(self, words: str) -> None:
        number = words.strip().lstrip("#")
        if not number.isdigit():
            raise ValidationError(
                "Name the entry by its number: correct 12 (log shows the numbers)."
            )
        entry = radio_desk.get_entry(self.ctx, int(number))
        self.io.say(f"#{entry.id} {entry.line(self.ctx.zone)}")
        self.io.say(
            f"As a radio line: {radio_desk.command_text(entry, self.ctx.catalog.dispatch_statuses)}"
        )
        prompt = TextPrompt(
            f"Corrected line for #{entry.id}",
            max_length=4000,
            hint=f"The whole entry as it should have been, as in {EXAMPLE}; the unit may be left out.",
        )
        typed: str | None = None
        while True:
            try:
                typed = ask(
                    self.io,
                    prompt,
                    current=typed,
                    scope=Scope(
                        back_help="leave the entry as it is.",
                        cancel_help="leave the entry as it is.",
                    ),
                )
            except (Back, Cancel):
                self.io.status("Correction cancelled; nothing was logged.")
                return
            key, now, text = self.key_for(f"#{entry.id} {typed}"), self.session.now(), typed
            try:
                result = self.saved_or_queued(
                    lambda text=text, key=key, now=now: dispatch.correct_entry(  # type: ignore[misc]
                        self.ctx, entry_id=entry.id, text=text, client_key=key, now=now
                    ),
                    {"text": text, "client_key": key, "at": now.isoformat(), "corrects": entry.id},
                    f"the correction of entry {entry.id}",
                )
            except CscError as exc:
                self.io.error(str(exc))
                continue
            self._keys.pop(f"#{entry.id} {typed}", None)
            if result is not None:
                self.after_log(result)
            return

    def cmd_export(self, words: str) -> None:
        fmt, _, rest = words.partition(" ")
        fmt = fmt.lower()
        if fmt not in radio_desk.EXPORT_FORMATS:
            raise ValidationError("Say how: export text, or export csv.")
        now = self.session.now()
        query = None
        if rest.strip():
            query = radio_desk.parse_log_query(
                rest,
                units=[u.call_sign for u in self.ctx.catalog.units],
                zone=self.ctx.zone,
                now=now,
            )
        path, count = radio_desk.export_shift_log(self.ctx, fmt, query, now=now)
        what = (
            f"the last {radio_desk.SHIFT_HOURS} hours"
            if query is None
            else radio_desk.describe_query(query, self.ctx.zone, now=now)
        )
        kind = "text" if fmt == "text" else "CSV"
        self.io.status(
            f"Shift log saved as {kind}, {plural(count, 'entry', 'entries')} ({what}): {path}"
        )

    def cmd_form(self, words: str) -> None:
        from csc_console.linear.dispatch.form import RadioFormFlow

        self.session.run(RadioFormFlow(self.session, desk=self, unit=words or None))


def board_summary(rows: Sequence[dispatch.BoardRow]) -> str:
    stale = sum(1 for r in rows if r.stale)
    busy = sum(1 for r in rows if r.base in dispatch.BUSY_BASES)
    text = f"{plural(len(rows), 'unit')} in service, {busy} busy, {stale} stale"
    return text + (", stale ones first." if stale else ".")
