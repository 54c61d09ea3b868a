"""A message made into a service request: category (suggested from the message, or its
Open311 service code), the category's required questions (the sender's answers as defaults),
the address (checked against the street file), the reply sent, and save. The request goes
through ``create_request`` like a phone request, with the message's channel."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from csc_console.catalog.schema import Category, Question
from csc_console.db.models import ADDRESS_MAX
from csc_console.linear.inbox.answers import ALL, Answer
from csc_console.linear.prompts import ChoicePrompt, Option, Prompt, TextPrompt, YesNoPrompt
from csc_console.linear.workflow import Goto, Step
from csc_console.services.answers import check_answer
from csc_console.services.inbox import MessagePublic
from csc_console.services.inbox_answers import (
    answer_with_request,
    prefilled_request,
    request_reply,
)

if TYPE_CHECKING:
    from csc_console.linear.session import LineSession


class MakeRequest(Answer):
    title = "Make a request"
    noun = "the request"
    verb = "Create the request and record the reply"

    def __init__(self, session: LineSession, message: MessagePublic) -> None:
        super().__init__(session, message)
        self.draft = prefilled_request(self.ctx, message)

    # ------------------------------------------------------------------ category
    def category_options(self, *, everything: bool) -> list[Option[str]]:
        catalog = self.ctx.catalog
        if everything:
            return [Option(c.code, c.name) for c in catalog.categories]
        text = f"{self.message.subject} {self.message.body}"
        codes = [
            s.code for s in catalog.suggester.suggest(text, limit=5, kinds=("report", "service"))
        ]
        if self.draft.category and self.draft.category not in codes:
            codes.insert(0, self.draft.category)
        out = [Option(code, catalog.category(code).name) for code in codes[:5]]
        out.append(Option(ALL, "List all categories"))
        return out

    def category(self) -> Category | None:
        chosen = self.values.get("category")
        code = self.values.get("category_all") if chosen == ALL else chosen
        return self.ctx.catalog.category(str(code)) if code and code != ALL else None

    # ------------------------------------------------------------------ questions
    def question_prompt(self, q: Question) -> Prompt[Any]:
        given = self.draft.answers.get(q.code) if self.draft.category == self.code() else None
        if q.datatype == "singlevaluelist":
            options = [Option(v.key, v.name) for v in q.values]
            return ChoicePrompt(
                q.prompt, options, default=given if isinstance(given, str) else None
            )
        shown = ", ".join(given) if isinstance(given, list) else (given or None)

        def valid(text: str) -> str:
            check_answer(q, text, calendar=self.ctx.calendar, now=self.session.now())
            return text

        hint = "; ".join(f"{i} {v.name}" for i, v in enumerate(q.values, 1)) or None
        return TextPrompt(q.prompt, max_length=500, default=shown, validate=valid, hint=hint)

    def code(self) -> str:
        category = self.category()
        return category.code if category else ""

    def question_steps(self) -> list[Step]:
        category = self.category()
        if category is None:
            return []
        return [
            Step(f"q:{q.code}", (lambda q=q: self.question_prompt(q)))  # type: ignore[misc]
            for q in category.questions
            if q.required
        ]

    # ------------------------------------------------------------------ address
    def address_check(self) -> Any:
        return self.ctx.catalog.street_index.check(str(self.values.get("address", "")))

    def first_steps(self) -> list[Step]:
        return [
            Step(
                "category",
                lambda: ChoicePrompt(
                    "Category",
                    self.category_options(everything=False),
                    default=self.draft.category or None,
                ),
            ),
            Step(
                "category_all",
                lambda: ChoicePrompt("Category", self.category_options(everything=True)),
                when=lambda: self.values.get("category") == ALL,
            ),
            *self.question_steps(),
            Step(
                "address",
                TextPrompt("Address", max_length=ADDRESS_MAX, default=self.draft.address or None),
            ),
            Step(
                "unverified",
                YesNoPrompt("Save this address even so", default=False),
                when=lambda: not self.address_check().ok,
                intro=lambda: [f"Address not verified: {self.address_check().message}"],
                apply=lambda yes: None if yes else Goto("address"),
            ),
        ]

    def reply_intro(self) -> list[str]:
        return [*super().reply_intro(), "{number} becomes the new request's number."]

    def template(self) -> str:
        return request_reply(self.message)

    def save(self) -> str:
        category = self.category()
        assert category is not None
        answers = {
            q.code: self.values.get(f"q:{q.code}")
            for q in category.questions
            if f"q:{q.code}" in self.values
        }
        extra = (
            {
                k: v
                for k, v in self.draft.answers.items()
                if category.question(k) is not None and k not in answers
            }
            if self.draft.category == category.code
            else {}
        )
        request = replace(
            self.draft,
            category=category.code,
            address=str(self.values.get("address", "")),
            answers={**extra, **answers},
            unverified_address=bool(self.values.get("unverified")),
        )
        made = answer_with_request(
            self.ctx,
            message_id=self.message.id,
            request=request,
            reply=str(self.values["reply"]),
            now=self.session.now(),
        )
        r = made.request
        return (
            f"Request {r.number} created, {r.category_name}, {r.department_name}. "
            f"Message {made.message.id} answered; the reply is recorded."
        )
