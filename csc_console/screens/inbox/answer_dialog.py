"""Answer a message with information (a topic's script) or a referral (another agency).

Information: the topic is suggested from the message's words; the reply starts as the topic's
script and follows the topic chosen until the CSR edits it. Referral: a department or outside
organisation from the catalog, or a name typed; the reply says who handles it and how to reach
them. Ctrl+S saves; the reply is recorded as sent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Select, TextArea

from csc_console.db.models import NAME_MAX
from csc_console.screens.inbox.dialog import InboxDialog, text_field
from csc_console.widgets.fields import LabelledField
from csc_console.widgets.text import literal

if TYPE_CHECKING:
    from csc_console.services.context import Ctx
    from csc_console.services.inbox import MessagePublic

Kind = Literal["information", "referral"]


class AnswerDialog(InboxDialog):
    def __init__(self, message: MessagePublic, *, kind: Kind) -> None:
        super().__init__(message)
        self.kind = kind
        self.ok_label = "Record the answer" if kind == "information" else "Record the referral"
        what = "information" if kind == "information" else "a referral"
        self.a11y_title = f"Answer message {message.id} with {what}"
        self._template = ""

    # ------------------------------------------------------------------ choices
    def choices(self) -> list[tuple[str, str]]:
        catalog = self.host.ctx.catalog if self.host.ctx else None
        if catalog is None:
            return []
        if self.kind == "information":
            return [(t.code, t.name) for t in catalog.topics]
        outside = [d for d in catalog.departments if d.kind != "city"]
        city = [d for d in catalog.departments if d.kind == "city" and d.code != "csc"]
        return [(d.code, d.name) for d in (*outside, *city)]

    def suggestion(self) -> str | None:
        ctx = self.host.ctx
        if ctx is None or self.kind != "information":
            return None
        text = f"{self.message.subject} {self.message.body}"
        found = ctx.catalog.suggester.suggest(text, limit=1, kinds=("information",))
        return found[0].code if found else None

    def template(self, value: str) -> str:
        from csc_console.services.inbox_answers import information_reply, referral_reply

        ctx = self.host.ctx
        if ctx is None or not value:
            return ""
        if self.kind == "information":
            return information_reply(ctx, self.message, value)
        return referral_reply(ctx, self.message, value)

    # ------------------------------------------------------------------ layout
    def compose_dialog(self) -> ComposeResult:
        yield from self.about()
        chosen = self.suggestion()
        options = [(literal(name), code) for code, name in self.choices()]
        label = "Topic" if self.kind == "information" else "Refer to"
        select: Select[str] = Select(options, value=chosen or Select.NULL, id="answer-choice")
        yield LabelledField(label, select, id="answer-choice-field")
        if self.kind == "referral":
            yield text_field("Or another organisation", id="answer-other", max_length=NAME_MAX)
        self._template = self.template(chosen or "")
        reply = TextArea(self._template, id="answer-reply", soft_wrap=True)
        yield LabelledField("Reply sent", reply, id="answer-reply-field")
        yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#answer-choice", Select).focus()

    def chosen(self) -> str:
        if self.kind == "referral":
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
            what = "a topic" if self.kind == "information" else "where to refer the message"
            self.host.show_error(f"Choose {what} first; Escape closes without answering.")
            return
        mid, kind = self.message.id, self.kind

        def call(ctx: Ctx) -> Any:
            if kind == "information":
                return answer_with_information(ctx, message_id=mid, topic=value, reply=reply)
            return answer_with_referral(ctx, message_id=mid, referral=value, reply=reply)

        def done(m: MessagePublic) -> None:
            words = "answered with information" if kind == "information" else "referred"
            self.dismiss(f"Message {m.id} {words}; the reply is recorded.")

        self.run_job(call, done)
