"""Every sentence of the Dispatch workspace, for both front ends (the full screen's message bar,
headings and dialog; the screen-reader mode's status lines, notices and help)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from csc_console.desks.text import sentence
from csc_console.desks.words import plural
from csc_console.services.text import printable

if TYPE_CHECKING:
    from csc_console.desks.dispatch.questions import WorkDoneQuestion
    from csc_console.services.dispatch import BoardRow, EntryPublic, LogResult

EXAMPLE = "PW12 os WO-2026-000123 patched two holes"
EMPTY_LINE = f"Type a radio line first, such as {EXAMPLE}; help lists the commands."
GRAMMAR_HELP = (
    f"A radio line: the unit, a status, a work order, the message, @ a place, as in {EXAMPLE}. "
    "The status is a word or a short key (d dispatched, er en route, os on scene, clr cleared, "
    "av available, oos out of service); without one the line is a note, as in PW12 copy, "
    "heading back. Start with to for a message sent to the unit: to PW7 d WO-2026-000045.",
)
# The words that answer an open question at the Radio prompt (screen-reader mode).
DONE, NOT_DONE, QUESTIONS = "done", "notdone", "questions"
COMMAND_HELP = (
    "Commands at the Radio prompt:",
    "board: every unit, one per line, status first, stale ones first.",
    "checkin UNIT: the unit answered; logged, and its stale clock restarts.",
    "log: the latest entries, oldest first; add a unit, a work order, words, today, "
    "or since 7:00 to search, as in log PW12 since 7:00.",
    "correct N: correct entry N (the log keeps both; the correction names the entry).",
    "export text, or export csv: save the shift log (the last 12 hours) to a file.",
    "form: the same entry field by field.",
    f"{DONE} WO-2026-000123 and what was done: the work is completed (the words of the clear "
    f"line if you add none); {NOT_DONE} WO-2026-000123: it stays open; {QUESTIONS}: the open "
    "questions.",
)
START = (
    f"Type a radio line, such as {EXAMPLE}, or board, checkin, log, correct, export, form or help."
)
LEFT = "Left Dispatch."
FORM_TITLE = "Radio entry form"
FORM_LEFT = "Radio entry not logged."
NOT_A_WO = "{!r} is not a work-order number (like WO-2026-000123)."
NAME_THE_UNIT = "Name the unit: checkin PW5."
NAME_THE_ENTRY = "Name the entry by its number: correct 12 (log shows the numbers)."
EXPORT_HOW = "Say how: export text, or export csv."
CORRECTION_STOPPED = "Correction stopped; nothing was logged."
CORRECTION_HINT = (
    f"The whole entry as it should have been, as in {EXAMPLE}; the unit may be left out."
)
BOARD_RECOVERED = "The board is up to date again."
RESOLUTION_REQUIRED = "Resolution is required: type what was done."
RESOLUTION_HINT = "What was done, as it goes on the work order."
NO_QUESTIONS = "No open questions."
NOT_READY = "Dispatch is still opening; try again in a moment."
BOARD_LOADING = "Board: loading."
LOG_LOADING = "Radio log: loading."
NO_UNITS = "No units in service."
UNIT_HINT = "The call sign, as in PW12."
FORM_NOTE = "No status, a note"


KEEP_ENTRY = "leave the entry as it is."


def corrected_label(entry_id: int) -> str:
    return f"Corrected line for #{entry_id}"


def question_waits(key: str) -> str:
    return f"The question stays open; {key} answers it."


def retry_hint(raw: str) -> str:
    return f"Enter alone tries {raw} again."


def logged(result: LogResult) -> str:
    """The save's sentence, without the question it raised (the desk keeps that)."""
    ask = result.ask_completed
    return result.said.removesuffix(f" Is the work on {ask} completed?") if ask else result.said


def not_logged(text: str, why: str) -> str:
    """An error while the dispatcher already typed on: the line is named with the error."""
    return f"Not logged: {printable(text)}. {why}"


def kept(what: str, waiting: int) -> str:
    return (
        f"Database unreachable: {what} is kept on this workstation and saved when the database "
        f"returns ({waiting} waiting)."
    )


def board_summary(rows: Sequence[BoardRow]) -> str:
    from csc_console.services.dispatch import BUSY_BASES

    stale = sum(1 for r in rows if r.stale)
    busy = sum(1 for r in rows if r.base in BUSY_BASES)
    text = f"{plural(len(rows), 'unit')} in service, {busy} busy, {stale} stale"
    return text + (", stale ones first." if stale else ".")


def stale_news(rows: Sequence[BoardRow], said: set[str]) -> tuple[list[str], set[str]]:
    """Sentences for the units that went stale since ``said`` (the stale units already told),
    and the new set to remember: "PW5 is stale: on scene 1 h 35 min (check-in after 90 min)."
    A unit that is no longer stale drops out, so it is told again if it goes stale again."""
    stale = [r for r in rows if r.stale]
    news = [
        f"{r.unit} is stale: {r.stale_text.removeprefix('STALE: ')}."
        for r in stale
        if r.unit not in said
    ]
    return news, {r.unit for r in stale}


def log_heading(what: str, count: int, limit: int) -> str:
    """"Radio log (unit PW12): 2 entries, oldest first." (the latest ``limit`` when cut)."""
    shown = f"the latest {count}" if count >= limit else plural(count, "entry", "entries")
    return f"Radio log ({what}): {shown}, oldest first."


def no_entries(what: str | None) -> str:
    """The empty log: ``what`` the search in words, None for the whole log."""
    return "No radio entries yet." if what is None else f"No radio entries ({what})."


def searching(what: str) -> str:
    return f"Radio log: {what}."


def entry_line(entry: EntryPublic, zone: tzinfo) -> str:
    return f"#{entry.id} {entry.line(zone)}"


def correcting(entry: EntryPublic, zone: tzinfo) -> str:
    return f"Correcting {entry_line(entry, zone)}. The correction is a new entry; the log keeps both."


def as_radio_line(command: str) -> str:
    return f"As a radio line: {command}"


def exported(fmt: str, count: int, what: str, path: Path) -> str:
    kind = "text" if fmt == "text" else "CSV"
    return f"Shift log saved as {kind}, {plural(count, 'entry', 'entries')} ({what}): {path}"


def shift_words(hours: int) -> str:
    return f"the last {hours} hours"


def board_failed(why: str) -> str:
    return f"The board could not be refreshed ({why}); it will try again."


# --------------------------------------------------------------------------- questions
def question_raised_line(q: WorkDoneQuestion) -> str:
    """Screen-reader mode: the question and the words that answer it."""
    if q.proposed:
        how = (
            f"Type {DONE} {q.number} to complete it as '{printable(q.proposed)}', or "
            f"{DONE} {q.number} with other words"
        )
    else:
        how = f"Type {DONE} {q.number} and what was done"
    return f"{q.sentence} {how}; {NOT_DONE} {q.number} leaves it open; {QUESTIONS} lists them."


def question_raised_screen(q: WorkDoneQuestion, key: str) -> str:
    """The full screen: the question and the key that answers it."""
    return f"{q.sentence} {key} answers it when you are ready."


def questions_strip(questions: Sequence[WorkDoneQuestion], key: str) -> str:
    """The full screen's line of open questions (empty when there are none)."""
    if not questions:
        return ""
    first = questions[0]
    proposed = f" Resolution: '{printable(first.proposed)}'." if first.proposed else ""
    more = f" ({plural(len(questions), 'open question')})" if len(questions) > 1 else ""
    return f"{first.sentence}{proposed} {key}: answer{more}."


def questions_list(questions: Sequence[WorkDoneQuestion]) -> list[str]:
    if not questions:
        return [NO_QUESTIONS]
    return [
        f"{plural(len(questions), 'open question')}:",
        *(
            q.sentence + (f" Resolution: '{printable(q.proposed)}'." if q.proposed else "")
            for q in questions
        ),
    ]


def dialog_hint() -> str:
    return "Enter completes it with this resolution. Not yet leaves it open; Escape answers later."


def no_question(number: str | None) -> str:
    if number is None:
        return f"No open question: {DONE} answers the question a clear line raises."
    return f"There is no open question about {number}; {QUESTIONS} lists them."


def which_question() -> str:
    return f"Name the work order: {DONE} WO-2026-000123; {QUESTIONS} lists them."


def say_what_was_done(number: str) -> str:
    return f"Say what was done: {DONE} {number} patched two holes."


def completed(number: str, resolution: str) -> str:
    return f"{number} is completed: {sentence(printable(resolution))}"


def stays_open(number: str) -> str:
    return f"{number} stays open."
