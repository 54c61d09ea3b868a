"""Answering a message with information or a referral, or closing it without a reply.

Each is a few questions ending with the reply sent (its default is a reply written from the
topic or the referral: Enter keeps it) and "Record ..., yes or no".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from csc_console.db.models import NAME_MAX, NOTE_MAX
from csc_console.linear.prompts import ChoicePrompt, Option, TextPrompt, YesNoPrompt
from csc_console.linear.workflow import CANCEL, Step, Workflow
from csc_console.services.inbox import MessagePublic
from csc_console.services.inbox_answers import (
    answer_with_information,
    answer_with_referral,
    information_reply,
    referral_reply,
)
from csc_console.services.inbox_claims import close_message

if TYPE_CHECKING:
    from csc_console.linear.session import LineSession

ALL = "__all__"
OTHER = "__other__"


class Answer(Workflow):
    """A message answer: subclasses give the steps before the reply and ``save``."""

    verb = "Record the answer"

    def __init__(self, session: LineSession, message: MessagePublic) -> None:
        super().__init__(session)
        self.message = message

    def template(self) -> str:
        return ""

    def first_steps(self) -> list[Step]:
        return []

    def steps(self) -> Sequence[Step]:
        return [
            *self.first_steps(),
            Step(
                "reply",
                lambda: TextPrompt(
                    "Reply sent", max_length=NOTE_MAX, default=self.template() or None
                ),
                intro=self.reply_intro,
            ),
            Step(
                "save",
                YesNoPrompt(self.verb, default=True),
                apply=lambda yes: None if yes else CANCEL,
            ),
        ]

    def reply_intro(self) -> list[str]:
        lines = [line for line in self.template().splitlines() if line.strip()]
        if not lines:
            return []
        return ["The suggested reply; Enter keeps it, or type the reply you sent:", *lines]

    def save(self) -> str:
        raise NotImplementedError

    def finish(self) -> None:
        said = self.save()
        self.saved = True
        self.io.status(said)


def topic_options(
    session: LineSession, message: MessagePublic, *, everything: bool
) -> list[Option[str]]:
    catalog = session.ctx.catalog
    if everything:
        return [Option(t.code, t.name) for t in catalog.topics]
    text = f"{message.subject} {message.body}"
    found = catalog.suggester.suggest(text, limit=5, kinds=("information",))
    out = [Option(s.code, s.name) for s in found]
    out.append(Option(ALL, "List all topics"))
    return out


class Information(Answer):
    title = "Answer with information"
    noun = "the information answer"
    verb = "Record the answer"

    def first_steps(self) -> list[Step]:
        return [
            Step(
                "topic",
                lambda: self.topic_prompt(),
                apply=self.picked,
            ),
            Step(
                "topic_all",
                lambda: ChoicePrompt(
                    "Topic", topic_options(self.session, self.message, everything=True)
                ),
                when=lambda: self.values.get("topic") == ALL,
            ),
        ]

    def topic_prompt(self) -> ChoicePrompt[str]:
        options = topic_options(self.session, self.message, everything=False)
        return ChoicePrompt("Topic", options, default=options[0].value)

    def picked(self, value: Any) -> None:
        self.values.pop("reply", None)  # a new topic, a new reply to start from

    def topic(self) -> str:
        chosen = self.values.get("topic")
        return str(self.values.get("topic_all") if chosen == ALL else chosen or "")

    def template(self) -> str:
        code = self.topic()
        return information_reply(self.ctx, self.message, code) if code and code != ALL else ""

    def save(self) -> str:
        done = answer_with_information(
            self.ctx,
            message_id=self.message.id,
            topic=self.topic(),
            reply=str(self.values["reply"]),
            now=self.session.now(),
        )
        return f"Message {done.id} answered with information; the reply is recorded."


class Referral(Answer):
    title = "Refer elsewhere"
    noun = "the referral"
    verb = "Record the referral"

    def options(self) -> list[Option[str]]:
        catalog = self.ctx.catalog
        outside = [d for d in catalog.departments if d.kind != "city"]
        city = [d for d in catalog.departments if d.kind == "city" and d.code != "csc"]
        out = [Option(d.code, d.name) for d in (*outside, *city)]
        out.append(Option(OTHER, "Another organisation", "type its name"))
        return out

    def first_steps(self) -> list[Step]:
        return [
            Step("to", lambda: ChoicePrompt("Refer to", self.options()), apply=self.picked),
            Step(
                "other",
                TextPrompt("Organisation", max_length=NAME_MAX),
                when=lambda: self.values.get("to") == OTHER,
                apply=self.picked,
            ),
        ]

    def picked(self, value: Any) -> None:
        self.values.pop("reply", None)

    def target(self) -> str:
        chosen = self.values.get("to")
        return str(self.values.get("other") if chosen == OTHER else chosen or "")

    def template(self) -> str:
        target = self.target()
        return referral_reply(self.ctx, self.message, target) if target and target != OTHER else ""

    def save(self) -> str:
        done = answer_with_referral(
            self.ctx,
            message_id=self.message.id,
            referral=self.target(),
            reply=str(self.values["reply"]),
            now=self.session.now(),
        )
        return f"Message {done.id} referred to {done.outcome_ref}; the reply is recorded."


class CloseMessage(Workflow):
    title = "Close without a reply"
    noun = "closing the message"

    def __init__(self, session: LineSession, message: MessagePublic) -> None:
        super().__init__(session)
        self.message = message

    def steps(self) -> Sequence[Step]:
        return [
            Step("why", TextPrompt("Why", max_length=NAME_MAX, hint="For example: spam.")),
            Step(
                "save",
                YesNoPrompt("Close the message", default=True),
                apply=lambda yes: None if yes else CANCEL,
            ),
        ]

    def finish(self) -> None:
        done = close_message(
            self.ctx,
            message_id=self.message.id,
            note=str(self.values["why"]),
            now=self.session.now(),
        )
        self.saved = True
        self.io.status(f"Message {done.id} closed without a reply.")
