"""The chosen category's own questions, as fields.

Lists are numbered choices (``ChoiceList``: type the number, or the first letter such as "n"
for No); the rest are text fields. Every answer is checked by the answer service when the CSR
leaves the field or presses Enter (an error names what to fix; the typed text stays); a
required question left empty is refused at the save with a clear message and the cursor on it.
Each accepted answer may fire a rule of the category (an emergency for "wires down: yes"): the
redirect dialog interrupts at once. Enter on the last question goes on to the address.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, Static

from csc_console.catalog.schema import Category, Question
from csc_console.desks.intake.call_say import category_line
from csc_console.desks.intake.steps import question_step
from csc_console.errors import CscError, ValidationError
from csc_console.screens.intake import text
from csc_console.services.answers import AnswerValue, check_answer
from csc_console.services.text import printable
from csc_console.widgets.choices import ChoiceList
from csc_console.widgets.entry import TextField
from csc_console.widgets.fields import LabelledField
from csc_console.widgets.text import literal

if TYPE_CHECKING:
    from csc_console.screens.intake.desk import Desk
    from csc_console.services.intake import CallDraft

LISTS = ("singlevaluelist", "multivaluelist")


def kept(question: Question, value: AnswerValue | None) -> Any:
    """A saved answer as the field shows it."""
    if value is None:
        return None if question.datatype in LISTS else ""
    if question.datatype in LISTS:
        return tuple(value) if isinstance(value, list) else value
    return ", ".join(value) if isinstance(value, list) else value


class QuestionsPanel(Vertical):
    def __init__(self, desk: Desk, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.desk = desk
        self.category: Category | None = None

    def applies(self) -> bool:
        d = self.desk.draft
        return d is not None and d.purpose == "report" and bool(d.category)

    def compose(self) -> ComposeResult:
        yield Static(literal(""), id="questions-title", classes="section-title", markup=False)
        yield Vertical(id="question-fields")

    def load(self, draft: CallDraft) -> None:
        if not draft.category:
            self.category = None
            self.query_one("#question-fields").remove_children()

    # ------------------------------------------------------------------ the category
    def choose_category(self, code: str) -> None:
        d, cd = self.desk.draft, self.desk.cd
        if d is None or cd is None:
            return
        try:
            category = cd.take_category(code)
        except CscError as error:
            self.desk.error(printable(str(error)))
            return
        self.desk.purpose.load(d)
        self.show_category(category, d.answers)
        self.desk.place.category_chosen()
        self.desk.changed()
        self.desk.notify(category_line(category))
        then = self.desk.place.focus_address if not category.questions else self.go_first_open
        seen = {h.code for h in self.desk.emergencies()}
        rules = [h for h in self.desk.category_rules() if h.code not in seen]
        self.screen.call_after_refresh(self.desk.redirect, rules, then)

    def show_category(self, category: Category, answers: dict[str, AnswerValue]) -> None:
        self.category = category
        self.query_one("#questions-title", Static).update(literal(f"{category.name}: questions"))
        box = self.query_one("#question-fields")
        box.remove_children()
        box.mount(*[self._field(q, answers.get(q.code)) for q in category.questions])
        self.desk.layout()

    def _field(self, q: Question, value: AnswerValue | None) -> Widget:
        label = text.question_label(q.prompt, q.required)
        control: Widget
        if q.datatype in LISTS:
            choices = [(c.key, c.name) for c in q.values]
            multiple = q.datatype == "multivaluelist"
            control = ChoiceList(
                label, choices, value=kept(q, value), multiple=multiple, id=f"q-{q.code}"
            )
            return LabelledField(label, control, classes="question choice-field")
        limit = text.TEXT_ANSWER_MAX if q.datatype == "text" else text.STRING_ANSWER_MAX
        control = TextField(value=kept(q, value), id=f"q-{q.code}", max_length=limit)
        return LabelledField(label, control, classes="question")

    def question(self, widget_id: str | None) -> Question | None:
        if self.category is None or not widget_id or not widget_id.startswith("q-"):
            return None
        return self.category.question(widget_id[2:])

    # ------------------------------------------------------------------ answers
    @on(ChoiceList.Changed)
    def _chosen(self, event: ChoiceList.Changed) -> None:
        q = self.question(event.choice_list.id)
        if q is not None:
            self.accept(q, event.value)

    @on(ChoiceList.Accepted)
    def _choice_done(self, event: ChoiceList.Accepted) -> None:
        q = self.question(event.choice_list.id)
        if q is not None and self.accept(q, event.choice_list.value, moving=True):
            self.after(q)

    @on(Input.Submitted)
    def _text_done(self, event: Input.Submitted) -> None:
        q = self.question(event.input.id)
        if q is not None and self.accept(q, event.value, moving=True):
            self.after(q)

    @on(Input.Blurred)
    def _text_left(self, event: Input.Blurred) -> None:
        q = self.question(event.input.id)
        d = self.desk.draft
        if (
            q is not None
            and d is not None
            and event.value.strip() != str(kept(q, d.answers.get(q.code)) or "")
        ):
            self.accept(q, event.value)

    def accept(self, q: Question, raw: Any, *, moving: bool = False) -> bool:
        """Check and keep one answer; False (and the error said) when it is refused."""
        d, cd = self.desk.draft, self.desk.cd
        if d is None or cd is None:
            return False
        given: AnswerValue | None
        if isinstance(raw, tuple | list):
            given = [str(v) for v in raw] or None
        else:
            given = str(raw or "").strip() or None
        if given is None and q.required and not moving:
            d.answers.pop(q.code, None)
            return True  # said at the save (or on Enter), not while passing through
        try:
            warnings = cd.take_answer(q, given, calendar=self.desk.ctx.calendar, now=self.desk.now())
        except ValidationError as error:
            self.desk.error(printable(str(error)))
            return False
        for warning in warnings:
            self.desk.notify(printable(warning), "warning")
        self.desk.changed()
        self.desk.redirect(self.desk.category_rules(), lambda: None)
        return True

    def after(self, q: Question) -> None:
        self.desk.go_on(question_step(q.code))

    # ------------------------------------------------------------------ checks
    def first_problem(self) -> tuple[str, str] | None:
        """The first question whose answer would be refused: (field id, what is wrong)."""
        d = self.desk.draft
        if d is None or self.category is None:
            return None
        for q in self.category.questions:
            field = self.screen.query_one(f"#q-{q.code}")
            if isinstance(field, TextField):
                stored = str(kept(q, d.answers.get(q.code)) or "")
                if field.value.strip() != stored and not self.accept(q, field.value):
                    return f"q-{q.code}", ""
            try:
                check_answer(q, d.answers.get(q.code), calendar=self.desk.ctx.calendar)
            except ValidationError as error:
                return f"q-{q.code}", printable(str(error))
        return None

    def go_first_open(self) -> None:
        d = self.desk.draft
        if d is None or self.category is None or not d.category:
            self.desk.error("Choose a category first: the caller's words find it.", "words")
            return
        if not self.category.questions:
            self.desk.notify(f"{self.category.name} has no questions.")
            self.desk.place.focus_address()
            return
        for q in self.category.questions:
            if q.code not in d.answers:
                self.desk.focus(f"q-{q.code}")
                return
        self.desk.focus(f"q-{self.category.questions[0].code}")
