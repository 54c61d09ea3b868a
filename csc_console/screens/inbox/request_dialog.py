"""Turn a message into a service request: the category suggested from the message (or its
Open311 service code), the address, the category's required questions, and the reply sent.

The request goes through ``create_request`` like a phone request (validation, duplicate check,
routing, SLA) with the message's channel; the caller's words become its description as typed
(shown here literally, not edited). ``{number}`` in the reply becomes the request's number.
Changing the category replaces the questions below it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Select, Static, TextArea

from csc_console.db.models import ADDRESS_MAX
from csc_console.screens.inbox.dialog import InboxDialog, text_field
from csc_console.widgets.entry import TextField
from csc_console.widgets.fields import LabelledField
from csc_console.widgets.text import literal
from csc_console.widgets.toggles import CheckBox

if TYPE_CHECKING:
    from csc_console.catalog.schema import Category, Question
    from csc_console.services.context import Ctx
    from csc_console.services.inbox import MessagePublic
    from csc_console.services.inbox_answers import RequestAnswer
    from csc_console.services.requests import NewRequest


class _Form(VerticalScroll, can_focus=False):
    """The fields, scrolling under a fixed title and buttons (never a Tab stop itself)."""


class RequestDialog(InboxDialog):
    ok_label = "Create the request"

    def __init__(self, message: MessagePublic) -> None:
        super().__init__(message)
        self.add_class("inbox-tall")
        self.a11y_title = f"Make a request from message {message.id}"
        self.draft: NewRequest | None = None

    def on_mount(self) -> None:
        self.query_one("#rq-category", Select).focus()

    # ------------------------------------------------------------------ layout
    def compose_dialog(self) -> ComposeResult:
        from csc_console.services.inbox_answers import prefilled_request, request_reply
        from csc_console.services.text import printable

        ctx = self.host.ctx
        assert ctx is not None
        self.draft = prefilled_request(ctx, self.message)  # catalog only: no database
        with _Form(id="rq-form"):
            yield from self.about()
            options = [(literal(c.name), c.code) for c in ctx.catalog.categories]
            category = Select(options, value=self.draft.category or Select.NULL, id="rq-category")
            yield LabelledField("Category", category, id="rq-category-field")
            yield text_field(
                "Address", value=self.draft.address or "", id="rq-address", max_length=ADDRESS_MAX
            )
            yield CheckBox("Save an address the street file does not know", id="rq-unverified")
            with Vertical(id="rq-questions"):
                yield from self.question_fields(self.draft.category)
            yield Static(
                literal(f"Description, as the sender wrote it: {printable(self.message.body)}"),
                id="rq-description",
                markup=False,
            )
            reply = TextArea(request_reply(self.message), id="rq-reply", soft_wrap=True)
            yield LabelledField("Reply sent", reply, id="rq-reply-field")
        yield from self.buttons()

    def category(self, code: str | None) -> Category | None:
        ctx = self.host.ctx
        if ctx is None or not code:
            return None
        return ctx.catalog.category(code)

    def question_fields(self, code: str | None) -> ComposeResult:
        category = self.category(code)
        if category is None:
            yield Static(literal("Choose a category to see its questions."), markup=False)
            return
        given = dict(self.draft.answers) if self.draft else {}
        required = [q for q in category.questions if q.required]
        if not required:
            yield Static(literal(f"{category.name} has no required questions."), markup=False)
        for q in required:
            yield self.question_field(q, given.get(q.code))

    @staticmethod
    def question_field(q: Question, value: object) -> LabelledField:
        field_id = f"rq-q-{q.code}"
        if q.datatype == "singlevaluelist":
            options = [(literal(v.name), v.key) for v in q.values]
            keys = {v.key for v in q.values}
            chosen = value if isinstance(value, str) and value in keys else Select.NULL
            return LabelledField(q.prompt, Select(options, value=chosen, id=field_id))
        shown = (
            ", ".join(value)
            if isinstance(value, list)
            else (value if isinstance(value, str) else "")
        )
        field = TextField(value=shown, id=field_id, max_length=500)
        if q.datatype == "multivaluelist":
            field.placeholder = ", ".join(v.name for v in q.values)
        return LabelledField(q.prompt, field)

    @on(Select.Changed, "#rq-category")
    async def _category_changed(self, event: Select.Changed) -> None:
        box = self.query_one("#rq-questions", Vertical)
        await box.remove_children()
        code = event.value if isinstance(event.value, str) else None
        await box.mount_all(list(self.question_fields(code)))

    # ------------------------------------------------------------------ saving
    def answers(self, category: Category) -> dict[str, str | list[str] | None]:
        given = dict(self.draft.answers) if self.draft else {}
        out: dict[str, str | list[str] | None] = {
            k: v for k, v in given.items() if category.question(k) is not None
        }
        for q in category.questions:
            if not q.required:
                continue
            widget = self.query_one(f"#rq-q-{q.code}")
            if isinstance(widget, Select):
                out[q.code] = widget.value if isinstance(widget.value, str) else None
            elif isinstance(widget, Input):
                out[q.code] = widget.value
        return out

    def submit(self) -> None:
        from csc_console.services.inbox_answers import answer_with_request

        code = self.query_one("#rq-category", Select).value
        category = self.category(code if isinstance(code, str) else None)
        if category is None or self.draft is None:
            self.host.show_error("Choose a category first; Escape closes without a request.")
            return
        request = replace(
            self.draft,
            category=category.code,
            address=self.query_one("#rq-address", Input).value,
            answers=self.answers(category),
            unverified_address=self.query_one("#rq-unverified", CheckBox).value,
        )
        reply = self.query_one("#rq-reply", TextArea).text
        mid = self.message.id

        def call(ctx: Ctx) -> RequestAnswer:
            return answer_with_request(ctx, message_id=mid, request=request, reply=reply)

        def done(made: RequestAnswer) -> None:
            self.dismiss(
                f"Message {mid} answered: request {made.request.number} created, "
                f"{made.request.category_name}, {made.request.department_name}."
            )

        self.run_job(call, done)
