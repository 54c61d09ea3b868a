"""The question loop: put a prompt, read a line, handle the commands every prompt accepts.

Global commands, at every prompt (whole line, any case): ``help`` (or ``?``), ``repeat``,
``back``, ``cancel``, ``quit``; a ``Scope`` adds the commands of the current workflow and says
what ``back`` and ``cancel`` mean here. A line starting with a backslash is always an answer
(``\\help`` answers "help"). Ctrl+C at a prompt counts as ``cancel``; the end of input raises
``EndOfInput``.

``back`` and ``cancel`` are raised as ``Back`` / ``Cancel`` for the workflow runner to handle;
``quit`` asks ``Scope.confirm_quit`` and raises ``QuitRequested`` only when confirmed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from csc_console.linear.io import LineIO, line_safe
from csc_console.linear.prompts import Prompt, PromptError, YesNoPrompt

T = TypeVar("T")


class Signal(Exception):  # noqa: N818 - these are control flow, not errors
    """A global command or the end of input, travelling up to whoever handles it."""


class Back(Signal):
    """``back``: the previous step (the runner keeps what was typed)."""


class Cancel(Signal):
    """``cancel``: abandon the current workflow (the runner confirms if data would be lost)."""


class QuitRequested(Signal):
    """``quit``, confirmed: leave csc-console."""


class EndOfInput(Signal):
    """Ctrl+D on an empty line, or the end of piped input."""


@dataclass(frozen=True)
class Command:
    """A command a workflow adds to its prompts (e.g. ``time`` during a call).

    ``run`` says what it has to say; the prompt is then put again. It may raise a ``Signal``.
    """

    name: str
    summary: str
    run: Callable[[], None]
    aliases: tuple[str, ...] = ()

    def matches(self, word: str) -> bool:
        return word == self.name or word in self.aliases


def _never_quit() -> bool:
    return True


@dataclass(frozen=True)
class Scope:
    """Where a prompt is: what back/cancel do, extra commands, help, and how quit is confirmed."""

    back_help: str = "go to the previous question, keeping what you typed."
    cancel_help: str = "abandon this and return to the menu."
    quit_help: str = "leave csc-console."
    commands: Sequence[Command] = ()
    extra_help: Sequence[str] = ()
    confirm_quit: Callable[[], bool] = field(default=_never_quit)


GLOBAL_WORDS = ("help", "?", "repeat", "back", "cancel", "quit")


def help_lines(prompt: Prompt[T], current: T | None, scope: Scope) -> list[str]:
    out = [f"Help for {prompt.label}."]
    out.extend(prompt.help_lines(current))
    out.extend(scope.extra_help)
    out.append("You can also type:")
    for command in scope.commands:
        out.append(f"{command.name}: {command.summary}")
    out.extend(
        [
            "help: say this help.",
            "repeat: say the last result and this prompt again.",
            f"back: {scope.back_help}",
            f"cancel: {scope.cancel_help}",
            f"quit: {scope.quit_help}",
            "To answer with one of these words, start it with a backslash, as in \\help.",
        ]
    )
    return out


def ask(
    io: LineIO,
    prompt: Prompt[T],
    *,
    current: T | None = None,
    scope: Scope | None = None,
    intro: bool = True,
) -> T:
    """Put ``prompt`` until it gets a usable answer; return the value.

    Raises ``Back``, ``Cancel``, ``QuitRequested`` or ``EndOfInput``.
    """
    where = scope or Scope()
    if intro:
        io.lines(prompt.intro_lines(current))
    put_prompt = True
    while True:
        if put_prompt:
            io.prompt(prompt.text(current))
        put_prompt = True
        try:
            raw = io.read_line(secret=prompt.secret)
        except KeyboardInterrupt:
            raw = "cancel"
        if raw is None:
            raise EndOfInput
        stripped = raw.strip()
        word = stripped.lower()
        if stripped.startswith("\\"):
            raw = stripped[1:]
        elif word in ("help", "?"):
            with io.aside():
                io.lines(help_lines(prompt, current, where))
                io.prompt(prompt.text(current))
            put_prompt = False
            continue
        elif word == "repeat":
            io.repeat()
            put_prompt = False
            continue
        elif word == "back":
            io.accept()
            raise Back
        elif word == "cancel":
            io.accept()
            raise Cancel
        elif word == "quit":
            io.accept()
            if where.confirm_quit():
                raise QuitRequested
            continue
        else:
            command = next((c for c in where.commands if c.matches(word)), None)
            if command is not None:
                io.accept()
                command.run()
                continue
        try:
            value = prompt.parse(raw, current)
        except PromptError as exc:
            io.accept()
            io.error(exc.message)
            typed = raw.strip()
            if typed and not prompt.secret and line_safe(typed) not in line_safe(exc.message):
                io.say(f"You typed: {typed}")
            continue
        io.accept()
        echo = prompt.echo(value)
        if echo:
            io.say(echo)
        return value


def confirm(io: LineIO, question: str, *, default: bool = False, quit_answer: bool = False) -> bool:
    """Yes or no. ``back`` and ``cancel`` (and Ctrl+C) answer no; ``quit`` answers
    ``quit_answer`` (yes for "Quit csc-console?", no elsewhere)."""
    scope = Scope(
        back_help="answer no.",
        cancel_help="answer no.",
        quit_help=f"answer {'yes' if quit_answer else 'no'}.",
    )
    try:
        return ask(io, YesNoPrompt(question, default=default), scope=scope)
    except (Back, Cancel):
        return False
    except QuitRequested:
        return quit_answer
