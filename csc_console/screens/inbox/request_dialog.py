"""Turn a message into a service request: the category suggested from the message (or its
Open311 service code), the address, the category's required questions, and the reply sent.

The request goes through ``create_request`` like a phone request (validation, duplicate check,
routing, SLA) with the message's channel; the caller's words become its description as typed
(shown here literally, not edited). ``{number}`` in the reply becomes the request's number.
Changing the category replaces the questions below it.

Before the request is created, its possible duplicates are looked up in a worker (the phone
intake's check). When there are any, the Inbox desk's question appears under the form: the
list of open requests and "Create a new request". It does not take the focus: the CSR answers
with Alt+L (link the sender to the highlighted request; Tab reaches the list to move the
highlight, where Enter chooses too) or Alt+A (create a new request anyway). Keys typed before
the question appeared never answer it. Changing the category or the address withdraws it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on
from textual._time import get_time
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, OptionList, Select, Static, TextArea

from csc_console.db.models import ADDRESS_MAX
from csc_console.desks import inbox as desk
from csc_console.desks.inbox import DuplicateQuestion
from csc_console.screens.inbox.dialog import InboxDialog, text_field
from csc_console.widgets.entry import TextField
from csc_console.widgets.fields import LabelledField
from csc_console.widgets.lists import ReadList
from csc_console.widgets.text import literal
from csc_console.widgets.toggles import CheckBox

if TYPE_CHECKING:
    from csc_console.catalog.schema import Category, Question
    from csc_console.services.context import Ctx
    from csc_console.services.inbox import MessagePublic
    from csc_console.services.inbox_answers import RequestAnswer
    from csc_console.services.requests import NewRequest

#: the keys that answer the duplicate question (never when typed before it appeared)
ANSWER_KEYS = ("alt+l", "alt+a", "enter")


class _Form(VerticalScroll, can_focus=False):
    """The fields, scrolling under a fixed title and buttons (never a Tab stop itself)."""


class RequestDialog(InboxDialog):
    ok_label = desk.SAVE_VERBS[desk.Action.REQUEST]
    DEFAULT_CSS = """
    RequestDialog #rq-duplicates { height: auto; max-height: 8; }
    """
    BINDINGS: ClassVar[list[Any]] = [
        Binding(
            "alt+l", "link_duplicate", "Link the sender to the highlighted request", id="inbox-link"
        ),
        Binding("alt+a", "create_anyway", "Create a new request anyway", id="inbox-create-anyway"),
    ]

    def __init__(self, message: MessagePublic) -> None:
        super().__init__(message)
        self.add_class("inbox-tall")
        self.a11y_title = desk.request_title(message)
        self.draft: NewRequest | None = None
        self.asking = desk.DuplicateAsk()

    def on_mount(self) -> None:
        self.query_one("#rq-category", Select).focus()

    # ------------------------------------------------------------------ layout
    def compose_dialog(self) -> ComposeResult:
        from csc_console.services.inbox_answers import prefilled_request

        ctx = self.host.ctx
        assert ctx is not None
        self.draft = prefilled_request(ctx, self.message)  # catalog only: no database
        with _Form(id="rq-form"):
            yield from self.about()
            options = [(literal(c.name), c.code) for c in ctx.catalog.categories]
            category = Select(options, value=self.draft.category or Select.NULL, id="rq-category")
            yield LabelledField(desk.CATEGORY_LABEL, category, id="rq-category-field")
            yield text_field(
                desk.ADDRESS_LABEL,
                value=self.draft.address or "",
                id="rq-address",
                max_length=ADDRESS_MAX,
            )
            yield CheckBox(desk.KEEP_UNVERIFIED_BOX, id="rq-unverified")
            with Vertical(id="rq-questions"):
                yield from self.question_fields(self.draft.category)
            yield Static(
                literal(desk.description_line(self.message)), id="rq-description", markup=False
            )
            reply = TextArea(desk.request_reply(self.message), id="rq-reply", soft_wrap=True)
            yield LabelledField(desk.REPLY_LABEL, reply, id="rq-reply-field")
        heading = Static("", id="rq-duplicates-heading", markup=False)
        heading.display = False
        yield heading
        dupes = ReadList(desk.LINK_OR_CREATE, id="rq-duplicates")
        dupes.display = False
        yield dupes
        yield from self.buttons()

    def category(self, code: str | None) -> Category | None:
        ctx = self.host.ctx
        if ctx is None or not code:
            return None
        return ctx.catalog.category(code)

    def question_fields(self, code: str | None) -> ComposeResult:
        category = self.category(code)
        if category is None:
            yield Static(literal(desk.CHOOSE_CATEGORY_FIRST), markup=False)
            return
        given = dict(self.draft.answers) if self.draft else {}
        required = [q for q in category.questions if q.required]
        if not required:
            yield Static(literal(desk.no_required_questions(category.name)), markup=False)
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
        self.withdraw_question()
        box = self.query_one("#rq-questions", Vertical)
        await box.remove_children()
        code = event.value if isinstance(event.value, str) else None
        await box.mount_all(list(self.question_fields(code)))

    # ------------------------------------------------------------------ saving
    def answers(self, category: Category) -> dict[str, str | list[str] | None]:
        out: dict[str, str | list[str] | None] = {}
        for q in category.questions:
            if not q.required:
                continue
            widget = self.query_one(f"#rq-q-{q.code}")
            if isinstance(widget, Select):
                out[q.code] = widget.value if isinstance(widget.value, str) else None
            elif isinstance(widget, Input):
                out[q.code] = widget.value
        return out

    def request(self) -> NewRequest | None:
        """The request as the form holds it now; None (and the CSR told) without a category."""
        code = self.query_one("#rq-category", Select).value
        category = self.category(code if isinstance(code, str) else None)
        if category is None or self.draft is None:
            self.host.show_error(desk.CHOOSE_CATEGORY)
            return None
        return desk.request_from(
            self.draft,
            category,
            asked=self.answers(category),
            address=self.query_one("#rq-address", Input).value,
            unverified=self.query_one("#rq-unverified", CheckBox).value,
        )

    def now(self) -> datetime:
        """The time the duplicate check counts its 30 days back from (tests replace it)."""
        return datetime.now(UTC)

    def submit(self) -> None:
        """Look up the possible duplicates; create the request when there are none."""
        request = self.request()
        if request is None:
            return
        if self.asking.waiting(request):
            self.app.notify(desk.ANSWER_THE_QUESTION, severity="warning")
            return
        now = self.now()

        def found(check: desk.DuplicateCheck) -> None:
            if check.error:
                self.app.notify(check.error, severity="warning")
            if check.question is None:
                self.save(request)
            else:
                self.ask(check.question, request)

        self.run_job(lambda ctx: desk.check_duplicates(ctx, request, now=now), found)

    # ------------------------------------------------------------------ the duplicate question
    def ask(self, question: DuplicateQuestion, request: NewRequest) -> None:
        self.asking.ask(question, request, at=get_time())
        heading = self.query_one("#rq-duplicates-heading", Static)
        heading.update(literal(question.heading))
        heading.display = True
        listed = self.query_one("#rq-duplicates", ReadList)
        listed.set_lines(question.lines)
        listed.highlighted = [o.value for o in question.options].index(question.default)
        listed.display = True
        listed.scroll_visible()
        self.app.notify(question.notice)

    def withdraw_question(self) -> None:
        if not self.asking.withdraw():
            return
        self.query_one("#rq-duplicates-heading", Static).display = False
        self.query_one("#rq-duplicates", ReadList).display = False

    def on_key(self, event: events.Key) -> None:
        """A key typed before the question appeared never answers it."""
        if event.key in ANSWER_KEYS and self.asking.typed_before(event.time):
            focused = self.focused
            if event.key != "enter" or (focused is not None and focused.id == "rq-duplicates"):
                event.stop()
                event.prevent_default()

    def answer(self, index: int | None) -> None:
        request = self.request()
        chosen = self.asking.chosen(request, index) if request is not None else None
        if request is None or chosen is None:
            self.app.notify(desk.NO_DUPLICATES_LISTED, severity="warning")
        else:
            self.save(request, link_to=chosen)

    def action_link_duplicate(self) -> None:
        self.answer(self.query_one("#rq-duplicates", ReadList).highlighted)

    def action_create_anyway(self) -> None:
        question = self.asking.question
        self.answer(len(question.options) - 1 if question else None)

    @on(OptionList.OptionSelected, "#rq-duplicates")
    def _duplicate_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.answer(event.option_index)

    @on(Input.Changed, "#rq-address")
    @on(CheckBox.Changed, "#rq-unverified")
    def _place_changed(self) -> None:
        self.withdraw_question()

    # ------------------------------------------------------------------ saving
    def save(self, request: NewRequest, *, link_to: str | None = None) -> None:
        """Create the request, or link the sender to ``link_to`` (a worker; then close)."""
        reply, message = self.query_one("#rq-reply", TextArea).text, self.message

        def call(ctx: Ctx) -> RequestAnswer:
            return desk.make_or_link(ctx, message, request, reply=reply, link_to=link_to)

        self.run_job(call, lambda made: self.dismiss(desk.outcome_line(made)))
