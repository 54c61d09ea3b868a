"""The workflow framework on a toy workflow, without a database: steps, back keeping answers,
cancel and quit with confirmation, repeat, help, commands, repeating steps, retry after errors,
the end of input. Whole conversations are compared with golden transcripts."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence

import pytest

from csc_console.config import load_settings
from csc_console.errors import DatabaseUnavailable
from csc_console.linear.ask import Command, EndOfInput, QuitRequested
from csc_console.linear.io import LineIO
from csc_console.linear.prompts import ChoicePrompt, Option, TextPrompt, YesNoPrompt
from csc_console.linear.session import LineSession
from csc_console.linear.workflow import CANCEL, STAY, Flow, Goto, Outcome, Step, Workflow
from tests.linear.conftest import Transcript, check_golden, fixed_clock, script

KINDS = [
    Option("pothole", "Potholes"),
    Option("light", "Streetlight out"),
    Option("other", "Something else"),
]


class ToyReport(Workflow):
    title = "Toy report"
    noun = "the toy report"

    def __init__(self, session: LineSession) -> None:
        super().__init__(session)
        self.failures = 0

    def steps(self) -> Sequence[Step]:
        return [
            Step("name", TextPrompt("Caller name", max_length=20, hint="Who is calling.")),
            Step("kind", ChoicePrompt("Kind", KINDS, default="pothole")),
            Step(
                "details",
                TextPrompt("Details", required=False),
                when=lambda: self.values.get("kind") == "other",
            ),
            Step(
                "save",
                YesNoPrompt("Save the report", default=True),
                apply=lambda yes: None if yes else CANCEL,
            ),
        ]

    def commands(self) -> Sequence[Command]:
        return [Command("time", "say the elapsed time.", lambda: self.io.status("1 minute."))]

    def finish(self) -> None:
        if self.failures:
            self.failures -= 1
            raise DatabaseUnavailable("The database is not reachable; try again.")
        self.saved = True
        self.io.status(f"Saved the report for {self.values['name']}, {self.values['kind']}.")


class Notes(Workflow):
    """A repeating step (like relay turns) and a jump."""

    title = "Notes"

    def __init__(self, session: LineSession) -> None:
        super().__init__(session)
        self.notes: list[str] = []

    def steps(self) -> Sequence[Step]:
        return [
            Step("note", TextPrompt("Note, or Enter alone to finish", required=False),
                 apply=self._note),
            Step("skipped", TextPrompt("Never asked")),
            Step("done", YesNoPrompt("Done", default=True)),
        ]

    def _note(self, text: str) -> Flow | Goto | None:
        if not text:
            return Goto("done")
        self.notes.append(text)
        self.io.status(f"Note {len(self.notes)} kept.")
        return STAY

    def has_unsaved_data(self) -> bool:
        return bool(self.notes) and not self.saved

    def finish(self) -> None:
        self.saved = True
        self.io.status(f"{len(self.notes)} notes.")


def drive(factory: Callable[[LineSession], Workflow], lines: Iterable[str]) -> Transcript:
    out = io.StringIO()
    session = LineSession(
        LineIO(script(lines), out, echo_input=True), load_settings(), clock=fixed_clock
    )
    try:
        outcome = session.run(factory(session))
        result = f"outcome {outcome.value}"
    except QuitRequested:
        result = "quit"
    except EndOfInput:
        result = f"end of input, unfinished {session.unfinished}"
    session.io.say(f"[{result}]")
    return Transcript(0, out.getvalue())


def test_straight_through() -> None:
    t = drive(ToyReport, ["Maria Lopez", "2", "y"])
    assert t.lines == [
        "Caller name: Maria Lopez",
        "1. Potholes",
        "2. Streetlight out",
        "3. Something else",
        "Kind, 1 to 3, default 1: 2",
        "Streetlight out.",
        "Save the report, yes or no, default yes: y",
        "Yes.",
        "Status: Saved the report for Maria Lopez, light.",
        "[outcome done]",
    ]


def test_back_keeps_answers_and_skipped_steps_stay_skipped() -> None:
    t = drive(ToyReport, ["Maria", "some", "deep hole", "back", "back", "light", "back",
                          "back", "", "", "", "", ""])
    check_golden("framework_back", t)
    assert "Caller name, default Maria: " in t.output
    assert "Kind, 1 to 3, default 3: back" in t.output  # kept choice is the default
    assert t.lines[-2] == "Status: Saved the report for Maria, other."


def test_back_at_the_first_step_leaves_after_asking_if_something_was_typed() -> None:
    t = drive(ToyReport, ["back"])
    assert t.lines[-2:] == ["Status: Toy report cancelled.", "[outcome cancelled]"]
    t = drive(ToyReport, ["Maria", "back", "back", "n", "back", "yes"])
    assert "Cancel the toy report and lose what you typed, yes or no, default no: n" in t.lines
    assert t.lines[-2:] == ["Status: Toy report cancelled.", "[outcome cancelled]"]


def test_cancel_confirms_only_when_data_would_be_lost() -> None:
    t = drive(ToyReport, ["cancel"])
    assert t.lines == ["Caller name: cancel", "Status: Toy report cancelled.", "[outcome cancelled]"]
    t = drive(ToyReport, ["Maria", "cancel", "", "cancel", "y"])
    check_golden("framework_cancel", t)


def test_quit_confirms_when_work_is_in_progress() -> None:
    t = drive(ToyReport, ["quit"])
    assert t.lines[-1] == "[quit]"
    t = drive(ToyReport, ["Maria", "quit", "no", "quit", "quit"])
    check_golden("framework_quit", t)


def test_help_and_repeat() -> None:
    t = drive(ToyReport, ["help", "Maria", "help", "repeat", "nonsense", "repeat", "1", "time",
                          "repeat", "y"])
    check_golden("framework_help_repeat", t)


def test_parse_errors_say_what_was_typed_and_ask_again() -> None:
    t = drive(ToyReport, ["x" * 21, "Maria", "7", "1", "perhaps", "y"])
    assert "Error: Caller name is 21 characters long; the limit is 20. Shorten it." in t.lines
    assert f"You typed: {'x' * 21}" in t.lines
    assert "Error: 7 is not a choice here; type a number from 1 to 3." in t.lines
    assert "You typed: 7" not in t.lines  # the message already says it
    assert "Error: 'perhaps' is not yes or no; type y or n." in t.lines


def test_backslash_answers_with_a_command_word() -> None:
    t = drive(ToyReport, ["\\help", "1", "y"])
    assert t.lines[-2] == "Status: Saved the report for help, pothole."


def test_a_failed_finish_is_said_and_the_last_step_asked_again() -> None:
    def failing(session: LineSession) -> Workflow:
        wf = ToyReport(session)
        wf.failures = 1
        return wf

    t = drive(failing, ["Maria", "1", "y", ""])
    check_golden("framework_retry", t)
    assert t.lines.count("Error: The database is not reachable; try again.") == 1


def test_repeating_step_and_jump() -> None:
    t = drive(Notes, ["first", "second", "", "back", "third", "", ""])
    check_golden("framework_notes", t)
    assert "Never asked" not in t.output


def test_end_of_input_in_a_workflow_travels_up_with_what_was_unfinished() -> None:
    t = drive(ToyReport, [])
    assert t.lines[-1] == "[end of input, unfinished None]"
    t = drive(ToyReport, ["Maria"])
    assert t.lines[-2:] == ["Kind, 1 to 3, default 1: ", "[end of input, unfinished the toy report]"]


def test_ctrl_c_at_a_prompt_is_cancel() -> None:
    class Interrupting(io.StringIO):
        def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
            raise KeyboardInterrupt

    out = io.StringIO()
    session = LineSession(LineIO(Interrupting(), out, echo_input=True), load_settings())
    assert session.run(ToyReport(session)) is Outcome.CANCELLED
    assert out.getvalue() == "Caller name: \nStatus: Toy report cancelled.\n"


def test_a_workflow_without_steps_just_finishes() -> None:
    class Report(Workflow):
        title = "Report"

        def finish(self) -> None:
            self.io.record("WO-2026-000001", "Potholes", None, "100 N Garfield Ave")

    t = drive(Report, [])
    assert t.lines == ["WO-2026-000001, Potholes, 100 N Garfield Ave", "[outcome done]"]


def test_service_errors_in_apply_keep_the_answer_for_a_retry() -> None:
    calls: list[str] = []

    class Lookup(Workflow):
        title = "Lookup"

        def steps(self) -> Sequence[Step]:
            return [Step("number", TextPrompt("Request number"), apply=self._find)]

        def _find(self, number: str) -> None:
            calls.append(number)
            if len(calls) == 1:
                raise DatabaseUnavailable("The database is not reachable; try again.")

        def finish(self) -> None:
            self.io.status(f"Found {self.values['number']}.")

    t = drive(Lookup, ["SR-2026-000001", ""])
    assert t.lines == [
        "Request number: SR-2026-000001",
        "Error: The database is not reachable; try again.",
        "Request number, default SR-2026-000001: ",
        "Status: Found SR-2026-000001.",
        "[outcome done]",
    ]
    assert calls == ["SR-2026-000001", "SR-2026-000001"]


@pytest.mark.parametrize("word", ["HELP", "?", " Repeat "])
def test_commands_are_whole_words_in_any_case(word: str) -> None:
    t = drive(ToyReport, [word, "Maria", "1", "y"])
    assert "Status: Saved the report for Maria, pothole." in t.lines
