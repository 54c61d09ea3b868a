"""The menu's built-in entries: Intake, Help and Quit (Work orders lives in
``linear.workorders``, Dispatch in ``linear.dispatch``, Dashboard in ``linear.dashboard``).

Intake is an interim view until its issue replaces it (register a workflow with the same key
and ``replace=True``).
"""

from __future__ import annotations

from csc_console.linear.ask import QuitRequested
from csc_console.linear.menu import menu_entry
from csc_console.linear.workflow import Workflow


# --------------------------------------------------------------------------- intake
@menu_entry("intake", "Intake", "take a call and record what it is about.", order=10)
class IntakeWorkspace(Workflow):
    title = "Intake"

    def finish(self) -> None:
        self.io.status("No call in progress.")
        self.io.say(
            "Taking calls in screen-reader mode comes with the call intake update: answer, "
            "caller and phone number, what the call is about, category and its questions, "
            "address, duplicate check, save with the request number to read back, and wrap-up."
        )


# --------------------------------------------------------------------------- help & quit
def guide_lines() -> list[str]:
    return [
        "csc-console screen-reader mode: every line is one whole message; nothing is redrawn.",
        "A prompt ends with a colon and starts with its label; type the answer and press Enter.",
        "Numbered choices say their range and default: type the number or the start of the name, "
        "or Enter alone for the default. The choice is said back.",
        "Yes or no questions: type y or n, or Enter alone for the default.",
        "Lines starting with Error: are problems to fix; lines starting with Status: are results; "
        "lines starting with Notice: are news from elsewhere.",
        "Lists give one record per line, the most important part first.",
        "At every prompt you can type help, repeat, back, cancel or quit: help says what you can "
        "type there; repeat says the last result and prompt again; back goes to the previous "
        "question, keeping what you typed; cancel abandons what you are doing, after asking if "
        "something would be lost; quit leaves csc-console, after asking if something is not "
        "finished.",
        "To answer with one of those words, start it with a backslash, as in \\help.",
        "Ctrl+C at a prompt is the same as cancel; Ctrl+D on an empty line ends the session.",
    ]


@menu_entry("help", "Help", "how this mode works and what you can type.", order=90)
class HelpWorkspace(Workflow):
    title = "Help"

    def finish(self) -> None:
        self.io.lines(guide_lines())


@menu_entry("quit", "Quit", "sign out and leave csc-console.", order=99, aliases=("exit",))
class QuitWorkspace(Workflow):
    title = "Quit"

    def finish(self) -> None:
        raise QuitRequested
