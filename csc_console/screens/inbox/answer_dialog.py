"""Answer a message with information (a topic's script) or a referral (another agency).

Information: the topic is suggested from the message's words; the reply starts as the topic's
script and follows the topic chosen until the CSR edits it. Referral: a department or outside
organisation from the catalog, or a name typed; the reply says who handles it and how to reach
them. Ctrl+S saves; the reply is recorded as sent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Select, TextArea

from csc_console.db.models import NAME_MAX
from csc_console.desks import inbox as desk
from csc_console.desks.inbox import Action
from csc_console.screens.inbox.dialog import InboxDialog, text_field
from csc_console.widgets.fields import LabelledField
from csc_console.widgets.text import literal

if TYPE_CHECKING:
    from csc_console.desks.choices import Option
    from csc_console.services.context import Ctx
    from csc_console.services.inbox import MessagePublic


class AnswerDialog(InboxDialog):
    def __init__(self, message: MessagePublic, *, action: Action) -> None:
        super().__init__(message)
        self.action = action
        self.ok_label = desk.SAVE_VERBS[action]
        self.a11y_title = desk.answer_title(message, action)
        self._template = ""

    # ------------------------------------------------------------------ choices
    def choices(self) -> list[Option[str]]:
        catalog = self.host.ctx.catalog if self.host.ctx else None
        if catalog is None:
            return []
        if self.action is Action.INFORMATION:
            return desk.topic_options(catalog)
        return desk.referral_options(catalog)

    def suggestion(self) -> str | None:
        ctx = self.host.ctx
        if ctx is None or self.action is not Action.INFORMATION:
            return None
        found = desk.suggested_topics(ctx.catalog, self.message, limit=1)
        return found[0].value if found else None

    def template(self, value: str) -> str:
        ctx = self.host.ctx
        if ctx is None or not value:
            return ""
        if self.action is Action.INFORMATION:
            return desk.information_reply(ctx.catalog, self.message, value)
        return desk.referral_reply(ctx.catalog, self.message, value)

    # ------------------------------------------------------------------ layout
    def compose_dialog(self) -> ComposeResult:
        yield from self.about()
        chosen = self.suggestion()
        options = [(literal(o.title), o.value) for o in self.choices()]
        select: Select[str] = Select(options, value=chosen or Select.NULL, id="answer-choice")
        label = desk.choice_label(self.action)
        yield LabelledField(label, select, id="answer-choice-field")
        if self.action is Action.REFERRAL:
            yield text_field(desk.OTHER_LABEL, id="answer-other", max_length=NAME_MAX)
        self._template = self.template(chosen or "")
        reply = TextArea(self._template, id="answer-reply", soft_wrap=True)
        yield LabelledField(desk.REPLY_LABEL, reply, id="answer-reply-field")
        yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#answer-choice", Select).focus()

    def chosen(self) -> str:
        if self.action is Action.REFERRAL:
            other = self.query_one("#answer-other", Input).value.strip()
            if other:
                return other
        value = self.query_one("#answer-choice", Select).value
        return value if isinstance(value, str) else ""

    def _refill(self) -> None:
        reply = self.query_one("#answer-reply", TextArea)
        if reply.text.strip() and reply.text != self._template:
            return  # the CSR has written their own reply: keep it
        self._template = self.template(self.chosen())
        reply.load_text(self._template)

    @on(Select.Changed, "#answer-choice")
    def _choice_changed(self, event: Select.Changed) -> None:
        self._refill()

    @on(Input.Changed, "#answer-other")
    def _other_changed(self, event: Input.Changed) -> None:
        self._refill()

    # ------------------------------------------------------------------ saving
    def submit(self) -> None:
        from csc_console.services.inbox_answers import (
            answer_with_information,
            answer_with_referral,
        )

        value = self.chosen()
        reply = self.query_one("#answer-reply", TextArea).text
        if not value:
            self.host.show_error(desk.choose_first(self.action))
            return
        mid, action = self.message.id, self.action

        def call(ctx: Ctx) -> Any:
            if action is Action.INFORMATION:
                return answer_with_information(ctx, message_id=mid, topic=value, reply=reply)
            return answer_with_referral(ctx, message_id=mid, referral=value, reply=reply)

        def done(m: MessagePublic) -> None:
            info = action is Action.INFORMATION
            self.dismiss(desk.answered_with_information(m) if info else desk.referred(m))

        self.run_job(call, done)
