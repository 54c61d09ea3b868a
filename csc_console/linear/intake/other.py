"""Information, follow-up and referral calls.

- information: the caller's words matched to the information topics; the chosen topic's
  script, hours and referral numbers are said line by line and the call is logged as
  information provided, by topic; then wrap up, look up another topic, or take a request of
  the topic's related category;
- follow-up: a request number (the caller's open request by default) and its status lines;
- referral: a department or outside organisation, and its phone and hours.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from csc_console.desks.intake.steps import LABEL
from csc_console.desks.intake.steps import Step as CallStep
from csc_console.errors import CscError
from csc_console.linear.prompts import ChoicePrompt, Option, Prompt, TextPrompt
from csc_console.linear.workflow import Goto, Step

if TYPE_CHECKING:
    from csc_console.linear.intake.call import CallFlow, FlowResult

SUGGESTIONS = 5
AGAIN, ALL = "__again", "__all"
NOT_REFERRED = ("csc",)  # the centre itself


class OtherSteps:
    def __init__(self, flow: CallFlow) -> None:
        self.flow = flow
        self.show_all = False

    def steps(self) -> list[Step]:
        return [*self.information_steps(), *self.follow_up_steps(), *self.referral_steps()]

    # ------------------------------------------------------------------ information
    def information_steps(self) -> list[Step]:
        f, d = self.flow, self.flow.draft
        return [
            f.step(
                "topic",
                self.topic_prompt,
                self.take_topic,
                intro=self.topic_intro,
                restore=lambda: d.topic,
            ),
            f.step(
                "info_next",
                lambda: ChoicePrompt(LABEL[CallStep.INFO_NEXT], f.desk.next_options(), default="wrap"),
                self.take_next,
                restore=lambda: "wrap",
            ),
        ]

    def topic_options(self) -> tuple[list[str], list[Option[str]]]:
        catalog = self.flow.ctx.catalog
        everything = sorted(catalog.topics, key=lambda t: t.name)
        intro: list[str] = []
        if self.show_all:
            options = [Option(t.code, t.name) for t in everything]
        else:
            found = catalog.suggester.suggest(
                self.flow.draft.words, limit=SUGGESTIONS, kinds=("information",)
            )
            options = [Option(s.code, s.name) for s in found]
            if not options:
                intro = ["No topic matches the caller's words; all topics follow."]
                options = [Option(t.code, t.name) for t in everything]
        topic = self.flow.draft.topic
        if topic and all(o.value != topic for o in options):
            with contextlib.suppress(CscError):
                options.insert(0, Option(topic, catalog.topic(topic).name))
        options.append(Option(AGAIN, "Type the caller's words again"))
        if len(options) <= len(everything):
            options.append(Option(ALL, "List all topics"))
        return intro, options

    def topic_intro(self) -> list[str]:
        return self.topic_options()[0]

    def topic_prompt(self) -> Prompt[str]:
        _, options = self.topic_options()
        return ChoicePrompt(LABEL[CallStep.TOPIC], options, default=self.flow.draft.topic or options[0].value)

    def take_topic(self, code: str) -> FlowResult:
        if code == AGAIN:
            return Goto("words")
        if code == ALL:
            self.show_all = True
            return Goto("topic")
        self.show_all = False
        taken = self.flow.desk.take_topic(code)
        self.flow.io.status(taken.said)
        self.flow.io.lines(taken.lines)
        return None

    def take_next(self, choice: str) -> FlowResult:
        step = self.flow.desk.take_next(choice)
        if step == "words":  # the topic just read stays recorded on the call
            for key in ("topic", "info_next"):
                self.flow.values.pop(key, None)
        return Goto(step)

    # ------------------------------------------------------------------ follow-up
    def follow_up_steps(self) -> list[Step]:
        return [
            self.flow.step(
                "request",
                lambda: TextPrompt(
                    LABEL[CallStep.REQUEST],
                    default=self.caller_request(),
                    max_length=100,
                    hint="Like SR-2026-000123. Enter alone takes the caller's open request.",
                ),
                self.take_request,
            )
        ]

    def caller_request(self) -> str | None:
        return self.flow.desk.caller_request()

    def take_request(self, number: str) -> FlowResult:
        self.flow.say_status(number)
        self.flow.desk.followed_up()
        return Goto("disposition")

    # ------------------------------------------------------------------ referral
    def referral_steps(self) -> list[Step]:
        return [
            self.flow.step(
                "refer_to",
                lambda: ChoicePrompt(LABEL[CallStep.REFER_TO], self.department_options()),
                self.take_department,
            )
        ]

    def department_options(self) -> list[Option[str]]:
        return [
            Option(dept.code, dept.name, dept.phone)
            for dept in self.flow.ctx.catalog.departments
            if dept.code not in NOT_REFERRED
        ]

    def take_department(self, code: str) -> FlowResult:
        self.flow.io.lines(self.flow.desk.take_department(code))
        return Goto("disposition")
