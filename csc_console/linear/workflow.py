"""Workflows: a series of steps, each one prompt, with back, cancel, repeat and help for free.

A workflow subclass lists its steps (recomputed before every step, so later steps can depend on
earlier answers: a category's own questions, a relay panel only for relay calls) and does its
work in ``apply`` callbacks and ``finish``::

    class UpdateWorkOrder(Workflow):
        title = "Update a work order"
        noun = "the work-order update"

        def steps(self) -> list[Step]:
            return [
                Step("number", TextPrompt("Work order number", validate=self.check_number)),
                Step("status", lambda: ChoicePrompt("New status", self.status_options())),
                Step("reason", TextPrompt("Reason", max_length=NOTE_MAX),
                     when=lambda: self.values["status"] == "on_hold"),
                Step("save", YesNoPrompt("Save the change", default=True),
                     apply=lambda yes: None if yes else CANCEL),
            ]

        def finish(self) -> None:
            wo = update_work_order(self.ctx, **self.values_without("save"))
            self.saved = True
            self.io.status(f"{wo.number} is now {wo.status_label}.")

The runner:

- puts each step's prompt with ``current`` = the answer given before (kept when going back and
  forward again); ``when`` skips a step; ``intro`` says lines before the prompt;
- ``apply(value)`` runs after an answer is accepted; it may return ``None`` (next step),
  ``STAY`` (ask the same step afresh: a repeating entry such as a transcript turn), ``FINISH``,
  ``CANCEL`` (leave without saving, no questions) or ``Goto("key")``; a ``CscError`` or
  ``PromptError`` it raises is said as ``Error: ...`` and the step is asked again with the typed
  answer kept as its default (Enter retries, e.g. after the database comes back);
- ``back`` returns to the previously answered step; at the first step it leaves like ``cancel``;
- ``cancel`` (and ``back`` at the first step) asks for confirmation when ``has_unsaved_data()``;
- ``finish()`` runs after the last step; a ``CscError`` there is said and the last step is asked
  again, so the user can retry or go back and fix;
- the end of input or a confirmed ``quit`` calls ``abandoned(reason)`` (keep a draft there) and
  travels on up;
- ``resume_at()`` (for a recovered draft) names the step to start at; the steps before it that
  apply count as answered, so ``back`` reaches them (put their answers in ``values`` first).

A workflow with no steps just runs ``finish()`` (a list, a report).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, ClassVar

from csc_console.desks.quit import WorkInProgress, WorkKind
from csc_console.errors import CscError
from csc_console.linear.ask import (
    Back,
    Cancel,
    Command,
    EndOfInput,
    QuitRequested,
    Scope,
    ask,
    confirm,
)
from csc_console.linear.io import LineIO
from csc_console.linear.prompts import Prompt, PromptError

if TYPE_CHECKING:
    from csc_console.linear.session import LineSession
    from csc_console.services.context import Ctx


class Flow(Enum):
    STAY = "stay"
    FINISH = "finish"
    CANCEL = "cancel"


STAY = Flow.STAY
FINISH = Flow.FINISH
CANCEL = Flow.CANCEL


@dataclass(frozen=True)
class Goto:
    key: str


class Outcome(Enum):
    DONE = "done"
    CANCELLED = "cancelled"
    FAILED = "failed"


PromptSource = Prompt[Any] | Callable[[], Prompt[Any]]


@dataclass
class Step:
    """One question of a workflow; ``key`` names its answer in ``Workflow.values``."""

    key: str
    prompt: PromptSource
    when: Callable[[], bool] | None = None
    intro: Callable[[], Iterable[str]] | None = None
    apply: Callable[[Any], Flow | Goto | None] | None = None
    help: Sequence[str] = ()
    commands: Sequence[Command] = field(default=())

    def make_prompt(self) -> Prompt[Any]:
        return self.prompt if isinstance(self.prompt, Prompt) else self.prompt()

    def applies(self) -> bool:
        return self.when is None or bool(self.when())


class Workflow:
    """Base class of everything the menu (or another workflow) can run."""

    title: ClassVar[str] = "Workflow"
    #: how messages name it: "Cancel {noun} and lose what you typed"
    noun: ClassVar[str] = ""

    def __init__(self, session: LineSession) -> None:
        self.session = session
        self.values: dict[str, Any] = {}
        self.saved = False

    # ------------------------------------------------------------------ for subclasses
    @property
    def io(self) -> LineIO:
        return self.session.io

    @property
    def ctx(self) -> Ctx:
        return self.session.ctx

    @property
    def name(self) -> str:
        return self.noun or self.title

    def steps(self) -> Sequence[Step]:
        return ()

    def start(self) -> None:
        """Said or done once, before the first step."""

    def finish(self) -> None:
        """Do the work once every step is answered (save, list, report)."""

    def commands(self) -> Sequence[Command]:
        """Commands available at every prompt of this workflow, besides the global ones."""
        return ()

    def help_lines(self) -> Sequence[str]:
        """Said by ``help`` at every prompt of this workflow, after the prompt's own help."""
        return ()

    def has_unsaved_data(self) -> bool:
        return bool(self.values) and not self.saved

    def work_in_progress(self) -> WorkInProgress | None:
        """What quitting now would leave behind, for the one quit question
        (``desks.quit``); a call says who is on the line."""
        return WorkInProgress(WorkKind.OTHER, self.name) if self.has_unsaved_data() else None

    def abandoned(self, reason: str) -> None:
        """The user quit or the input ended mid-way (``reason``: "quit", "end of input")."""

    def resume_at(self) -> str | None:
        """The step to start at when continuing earlier work (a recovered draft), or None."""
        return None

    def left_message(self) -> str:
        return f"{self.title} cancelled."

    def leave_phrase(self) -> str:
        """What leaving leads to, for help: "return to the menu"."""
        return f"return to {self.session.return_to(self)}"

    def values_without(self, *keys: str) -> dict[str, Any]:
        return {k: v for k, v in self.values.items() if k not in keys}

    def run(self) -> Outcome:
        """Run the steps (override only for a workflow that is not a series of prompts)."""
        return StepRunner(self).run()


class StepRunner:
    """Walks a workflow's steps; kept apart so workflows can name their own helpers freely."""

    def __init__(self, workflow: Workflow) -> None:
        self.wf = workflow
        self.io = workflow.io

    def find(self, key: str) -> tuple[Sequence[Step], int | None]:
        steps = self.wf.steps()
        index = next((i for i, s in enumerate(steps) if s.key == key), None)
        return steps, index

    def next_from(self, start: int) -> str | None:
        for step in self.wf.steps()[start:]:
            if step.applies():
                return step.key
        return None

    def next_after(self, key: str) -> str | None:
        _, index = self.find(key)
        return self.next_from(0 if index is None else index + 1)

    def scope(self, step: Step, *, first: bool) -> Scope:
        wf = self.wf
        then = wf.leave_phrase()
        unsaved = wf.has_unsaved_data()
        asks = ", after asking, because what you typed would be lost." if unsaved else "."
        back_help = (
            f"leave {wf.name} and {then}{asks}"
            if first
            else "go to the previous question, keeping what you typed."
        )
        quit_tail = f", after asking, because {wf.name} is not finished." if unsaved else "."
        return Scope(
            back_help=back_help,
            cancel_help=f"abandon {wf.name} and {then}{asks}",
            quit_help=f"leave csc-console{quit_tail}",
            commands=(*step.commands, *wf.commands()),
            extra_help=(*step.help, *wf.help_lines()),
            confirm_quit=wf.session.confirm_quit,
        )

    def leave(self) -> bool:
        """``cancel``: confirm if needed; True to leave."""
        wf = self.wf
        if wf.has_unsaved_data() and not confirm(
            self.io, f"Cancel {wf.name} and lose what you typed", default=False
        ):
            return False
        self.io.status(wf.left_message())
        return True

    def run(self) -> Outcome:
        wf = self.wf
        wf.start()
        key = self.next_from(0)
        if key is None:
            wf.finish()
            return Outcome.DONE
        history: list[str] = []
        resume = wf.resume_at()
        if resume is not None:
            steps, index = self.find(resume)
            if index is not None:
                history = [s.key for s in steps[:index] if s.applies()]
                key = resume
        arrived = True  # intros are said on arriving at a step, not when it is asked again
        while True:
            steps, index = self.find(key)
            if index is None:  # an earlier answer removed this step
                key = self.next_from(0) if not history else self.next_after(history[-1])
                if key is None:
                    raise RuntimeError(f"{type(wf).__name__}: no step left to ask")
                arrived = True
                continue
            step = steps[index]
            if arrived and step.intro is not None:
                self.io.lines(step.intro())
            try:
                value = ask(
                    self.io,
                    step.make_prompt(),
                    current=wf.values.get(key),
                    scope=self.scope(step, first=not history),
                    intro=arrived,
                )
            except Back:
                if history:
                    key = history.pop()
                    arrived = True
                    continue
                if self.leave():
                    return Outcome.CANCELLED
                arrived = False
                continue
            except Cancel:
                if self.leave():
                    return Outcome.CANCELLED
                arrived = False
                continue
            except (EndOfInput, QuitRequested) as signal:
                wf.abandoned("end of input" if isinstance(signal, EndOfInput) else "quit")
                raise
            wf.values[key] = value
            try:
                flow = step.apply(value) if step.apply is not None else None
            except (CscError, PromptError) as exc:
                self.io.error(str(exc) if isinstance(exc, CscError) else exc.message)
                arrived = False
                continue
            if flow is STAY:
                wf.values.pop(key, None)
                arrived = False
                continue
            if flow is CANCEL:
                self.io.status(wf.left_message())
                return Outcome.CANCELLED
            next_key = (
                None
                if flow is FINISH
                else flow.key
                if isinstance(flow, Goto)
                else self.next_after(key)
            )
            history.append(key)
            if next_key is None:
                try:
                    wf.finish()
                except CscError as exc:
                    self.io.error(str(exc))
                    history.pop()
                    arrived = False
                    continue
                return Outcome.DONE
            key = next_key
            arrived = True
