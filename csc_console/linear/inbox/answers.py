"""Answering a message with information or a referral, or closing it without a reply.

Each is a few questions ending with the reply sent (its default is a reply written from the
topic or the referral: Enter keeps it) and "Record ..., yes or no".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from csc_console.db.models import NAME_MAX, NOTE_MAX
from csc_console.desks import inbox as desk
from csc_console.desks.inbox import Action
from csc_console.linear.prompts import ChoicePrompt, Option, TextPrompt, YesNoPrompt
from csc_console.linear.workflow import CANCEL, Step, Workflow
from csc_console.services.inbox import MessagePublic
from csc_console.services.inbox_answers import answer_with_information, answer_with_referral
from csc_console.services.inbox_claims import close_message

if TYPE_CHECKING:
    from csc_console.linear.session import LineSession

ALL = "__all__"
OTHER = "__other__"


class Answer(Workflow):
    """A message answer: subclasses give the steps before the reply and ``save``."""

    action = Action.INFORMATION

    def __init__(self, session: LineSession, message: MessagePublic) -> None:
        super().__init__(session)
        self.message = message

    def verb(self) -> str:
        return desk.SAVE_VERBS[self.action]

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
                    desk.REPLY_LABEL, max_length=NOTE_MAX, default=self.template() or None
                ),
                intro=self.reply_intro,
            ),
            Step(
                "save",
                lambda: YesNoPrompt(self.verb(), default=True),
                apply=lambda yes: None if yes else CANCEL,
            ),
        ]

    def reply_intro(self) -> list[str]:
        return desk.reply_intro(self.template(), request=self.action is Action.REQUEST)

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
        return desk.topic_options(catalog)
    return [*desk.suggested_topics(catalog, message, limit=5), Option(ALL, desk.ALL_TOPICS)]


class Information(Answer):
    title = desk.action_title(Action.INFORMATION)
    noun = "the information answer"
    action = Action.INFORMATION

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
                    desk.choice_label(self.action),
                    topic_options(self.session, self.message, everything=True),
                ),
                when=lambda: self.values.get("topic") == ALL,
            ),
        ]

    def topic_prompt(self) -> ChoicePrompt[str]:
        options = topic_options(self.session, self.message, everything=False)
        return ChoicePrompt(desk.choice_label(self.action), options, default=options[0].value)

    def picked(self, value: Any) -> None:
        self.values.pop("reply", None)  # a new topic, a new reply to start from

    def topic(self) -> str:
        chosen = self.values.get("topic")
        return str(self.values.get("topic_all") if chosen == ALL else chosen or "")

    def template(self) -> str:
        code = self.topic()
        return (
            desk.information_reply(self.ctx.catalog, self.message, code)
            if code and code != ALL
            else ""
        )

    def save(self) -> str:
        done = answer_with_information(
            self.ctx,
            message_id=self.message.id,
            topic=self.topic(),
            reply=str(self.values["reply"]),
            now=self.session.now(),
        )
        return desk.answered_with_information(done)


class Referral(Answer):
    title = desk.action_title(Action.REFERRAL)
    noun = "the referral"
    action = Action.REFERRAL

    def options(self) -> list[Option[str]]:
        return [*desk.referral_options(self.ctx.catalog), Option(OTHER, *desk.OTHER_ORGANISATION)]

    def first_steps(self) -> list[Step]:
        return [
            Step(
                "to",
                lambda: ChoicePrompt(desk.choice_label(self.action), self.options()),
                apply=self.picked,
            ),
            Step(
                "other",
                TextPrompt(desk.ORGANISATION, max_length=NAME_MAX),
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
        return (
            desk.referral_reply(self.ctx.catalog, self.message, target)
            if target and target != OTHER
            else ""
        )

    def save(self) -> str:
        done = answer_with_referral(
            self.ctx,
            message_id=self.message.id,
            referral=self.target(),
            reply=str(self.values["reply"]),
            now=self.session.now(),
        )
        return desk.referred(done)


class CloseMessage(Workflow):
    title = desk.action_title(Action.CLOSE)
    noun = "closing the message"

    def __init__(self, session: LineSession, message: MessagePublic) -> None:
        super().__init__(session)
        self.message = message

    def steps(self) -> Sequence[Step]:
        return [
            Step("why", TextPrompt(desk.WHY_LABEL, max_length=NAME_MAX, hint=desk.CLOSE_HINT)),
            Step(
                "save",
                YesNoPrompt(desk.SAVE_VERBS[Action.CLOSE], default=True),
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
        self.io.status(desk.closed(done))
