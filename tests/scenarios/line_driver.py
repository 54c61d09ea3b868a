"""Plays a scenario in screen-reader mode: the console runs in-process on a scripted input
that reads the prompt the console just wrote and answers it from the scenario's next step.

Each step type has one handler here: a generator that is sent the current prompt (with the
lines above it, for the numbered menus) and yields the line to type; it returns when the prompt
is no longer its own, and the next step gets that prompt. This is where the line mode's prompts
are known, once per step type."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from typing import Any

from csc_console.catalog import get_catalog
from csc_console.config import Settings, load_settings
from tests.linear.intake_support import Clock
from tests.scenarios import faults
from tests.scenarios import model as m

Handler = Generator[str, "Prompt", None]


@dataclass(frozen=True)
class Prompt:
    """The console's question now: its last line, and the lines written since the last answer."""

    text: str
    above: tuple[str, ...]
    options: tuple[tuple[str, str], ...] = ()
    """The numbered menu above the prompt (the last one heard for it, when not repeated)."""

    def starts(self, *heads: str) -> bool:
        return any(self.text.startswith(h) for h in heads)

    def option(self, words: str) -> str:
        """The number of the menu option that starts with ``words`` (case ignored)."""
        want = words.casefold()
        for number, option in self.options:
            if option.casefold().startswith(want):
                return number
        raise AssertionError(f"no option {words!r} before {self.text!r}: {self.above}")


class ScenarioFailed(AssertionError):
    pass


def _question_answer(step: m.AnswerQuestion, prompt: Prompt, category: str) -> str:
    if step.choice is None:
        return ""
    question = next(q for q in get_catalog().category(category).questions if q.code == step.code)
    if not question.values:
        return step.choice
    names = {v.key: v.name for v in question.values}
    return prompt.option(names[step.choice])


class LineDriver:
    def __init__(self, scenario: m.Scenario, context: dict[str, str]) -> None:
        self.scenario = scenario
        self.context = context  # {wo}, the seeded work order, and the like
        self.category = ""

    def fill(self, text: str) -> str:
        return text.format(**self.context)

    # ------------------------------------------------------------------ handlers
    def handler(self, step: m.Step, p: Prompt) -> Handler:  # noqa: C901, PLR0912, PLR0915
        if p.starts("Workspace") and self.scenario.workspace is not m.Workspace.INTAKE:
            p = yield {"work_orders": "2"}.get(
                self.scenario.workspace.value, self.scenario.workspace.value
            )
        match step:
            case m.Answer(channel=channel, phone=phone):
                if p.starts("Workspace"):
                    p = yield "1"
                assert p.starts("Answer"), p
                p = yield p.option(channel)
                if p.starts("Caller's phone"):
                    p = yield phone
            case m.KnownCaller():
                assert p.starts("Caller,"), p
                p = yield ""
            case m.Caller(name=name, anonymous=anonymous):
                assert p.starts("Caller's name"), p
                p = yield "anonymous" if anonymous else name
                while p.starts(
                    "Caller's email", "Caller's address", "Preferred call-back", "Language"
                ):
                    p = yield ""
            case m.Purpose(name=name):
                assert p.starts("The call is about"), p
                p = yield p.option(name)
            case m.Words(text=words):
                while not p.starts("Caller's words"):
                    if p.starts("The call is about"):  # a report is the default purpose
                        p = yield ""
                        continue
                    if p.starts("Next"):
                        p = yield p.option("Another")
                        continue
                    raise ScenarioFailed(f"words expected at {p.text!r}")
                p = yield words
            case m.Category(name=name):
                assert p.starts("Category"), p
                self.category = name
                p = yield p.option(get_catalog().category(name).name)
            case m.AnswerQuestion():
                p = yield _question_answer(step, p, self.category)
            case m.Address(text=address, pick=pick, cross_street=cross):
                assert p.starts("Address"), p
                p = yield address or ""
                if pick is not None and p.starts("Which address"):
                    p = yield p.option(pick)
                if p.starts("Cross street"):
                    p = yield cross
            case m.LinkDuplicate(number=number):
                p = yield p.option(f"Link to {number}")
            case m.NewAnyway():
                p = yield p.option("Create a new request")
                if p.starts("Cross street"):
                    p = yield ""
            case m.Description(text=description):
                assert p.starts("Description"), p
                p = yield description or ""
            case m.AcceptRedirect():
                p = yield ""
            case m.Topic(name=name):
                assert p.starts("Topic"), p
                p = yield p.option(name) if name else ""
            case m.AnotherTopic():
                assert p.starts("Next"), p
                p = yield p.option("Another")
            case m.FollowUp(number=number):
                assert p.starts("Request number"), p
                p = yield number or ""
            case m.Refer(initial=initial):
                p = yield initial
                while p.starts("Refer", "Referral"):
                    p = yield ""
            case m.RelaySetup(relay_type=kind, ca=ca):
                assert p.starts("Relay type"), p
                p = yield p.option(kind)
                p = yield ca
                while p.starts("Relay provider", "Relay language", "Preferred call-back"):
                    p = yield ""
            case m.Turns(turns=turns, phone=phone):
                if p.starts("Disposition"):
                    p = yield "transcript"
                for words, end in turns:
                    assert p.starts("Caller's turn", "CSR's turn"), p
                    p = yield f"{words} {end}".strip()
                p = yield "done"
                if p.starts("Caller's phone"):
                    p = yield phone
            case m.Disposition(name=name):
                while p.starts("Next"):
                    p = yield p.option("Wrap up")
                assert p.starts("Disposition"), p
                p = yield p.option(name) if name else ""
            case m.WrapUp(notes=notes):
                assert p.starts("Call notes"), p
                p = yield notes
            case m.Quit(confirm=confirm):
                asked = p.text
                p = yield "quit"
                if p.starts("Quit"):
                    p = yield "y" if confirm else "n"
                assert confirm or p.text == asked, f"not back at {asked!r}: {p}"
            case m.Radio(line=line):
                p = yield self.fill(line)
            case m.Burst(lines=lines):
                for line in lines:
                    p = yield self.fill(line)
            case m.Completed(done=done, resolution=resolution, work_order=wo):
                if p.starts("Is the work"):  # asked at once (issue 14, defect 1)
                    p = yield "y" if done else "n"
                    if p.starts("Resolution"):
                        p = yield resolution
                else:
                    answer = f"{'done' if done else 'notdone'} {self.fill(wo)} {resolution}"
                    p = yield answer.strip()
            case m.Correct(entry=entry, line=line):
                p = yield f"correct {entry}"
                assert p.starts("Corrected line"), p
                p = yield self.fill(line)
            case m.CheckIn(unit=unit):
                p = yield f"checkin {unit}"
            case m.OpenWorkOrder(number=number):
                p = yield p.option("Open a work order")
                assert p.starts("Work order number"), p
                p = yield self.fill(number)
            case m.WorkOrderStatus(status=status, resolution=resolution, refused=refused):
                assert p.starts("Action"), p
                p = yield p.option("Change status")
                assert p.starts("New status"), p
                p = yield status.casefold()
                if refused:
                    assert p.above and p.above[-1].startswith("Error: "), p
                    p = yield "back"
                    return
                if p.starts("Resolution"):
                    p = yield resolution
                while p.starts("Reason", "Note"):
                    p = yield ""
            case m.MakeRequest(link=link):
                # The oldest message, claimed, made into a request with the offered defaults
                # (its category, its answers, its address, the suggested reply).
                for _ in range(40):
                    if p.starts("Workspace") or any(" answered: " in line for line in p.above):
                        return
                    if link is not None and p.starts("Link or create"):
                        p = yield p.option(f"Link to {link}")
                    elif (
                        p.starts("Action")
                        and p.options
                        and not p.options[0][1].startswith(("Claim", "Make a request"))
                    ):
                        p = yield p.option("Make a request")
                    else:
                        p = yield ""
                raise ScenarioFailed(f"the message was never answered: {p}")
            case m.DatabaseDown(note=note, times=times):
                faults.database_down(note, times)
            case m.RetrySave():
                assert p.starts("Try saving"), p
                p = yield "y"
            case _:
                raise ScenarioFailed(f"the screen-reader mode has no handler for {step!r}")


class ScriptedInput(io.StringIO):
    """stdin for the console: each read answers the prompt now on ``out`` from the steps."""

    def __init__(self, driver: LineDriver, out: io.StringIO, clock: Clock) -> None:
        super().__init__("")
        self.driver = driver
        self.out = out
        self.clock = clock
        self.steps: Iterator[m.Step] = iter(driver.scenario.steps)
        self.current: Handler | None = None
        self.seen = 0
        self.typed = 0
        self.finished = False
        self.menus: dict[str, tuple[tuple[str, str], ...]] = {}

    def _prompt(self) -> Prompt:
        written = self.out.getvalue()
        lines = written[self.seen :].split("\n")
        self.seen = len(written)
        head = lines[-1].split(",")[0]
        options: list[tuple[str, str]] = []
        for line in lines[:-1]:
            found = re.match(r"^(\d+)\. (.*)$", line)
            if found is None:
                continue
            if found.group(1) == "1":
                options = []
            options.append((found.group(1), found.group(2)))
        if options:
            self.menus[head] = tuple(options)
        return Prompt(lines[-1], tuple(lines[:-1]), self.menus.get(head, ()))

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        self.clock.tick()
        self.typed += 1
        if self.typed > 400:
            raise ScenarioFailed("the console kept asking: the scenario is lost")
        prompt = self._prompt()
        while True:
            if self.current is None:
                step = next(self.steps, None)
                if step is None:
                    self.finished = True
                    return "quit\n" if not prompt.starts("Quit") else "y\n"
                self.current = self.driver.handler(step, prompt)
                try:
                    return next(self.current) + "\n"
                except StopIteration:
                    self.current = None
                    continue
            try:
                return self.current.send(prompt) + "\n"
            except StopIteration:
                self.current = None


def play(
    settings: Settings,
    scenario: m.Scenario,
    operator: str,
    context: dict[str, str],
    before: Callable[[], Any] | None = None,
) -> str:
    """Run the console on ``scenario``; everything it wrote."""
    from csc_console.linear.shell import run_line_mode

    out = io.StringIO()
    clock = Clock()
    signed = load_settings(
        database_url=settings.database_url, data_dir=settings.data_dir, operator=operator
    )
    stdin = ScriptedInput(LineDriver(scenario, context), out, clock)
    run_line_mode(signed, stdin=stdin, stdout=out, clock=clock)
    if not stdin.finished:
        raise ScenarioFailed(f"the console stopped before the scenario's end:\n{out.getvalue()}")
    return out.getvalue()
