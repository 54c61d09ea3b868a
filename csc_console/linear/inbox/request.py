"""A message made into a service request: category (suggested from the message, or its
Open311 service code), the category's required questions (the sender's answers as defaults),
the address (checked against the street file), the possible duplicates (as the phone intake
offers them: link the sender to one, or create a new request anyway), the reply sent, and save.
The request goes through ``create_request`` like a phone request, with the message's channel;
a link goes through ``answer_with_link`` (no second request, no second work order)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from csc_console.catalog.schema import Category, Question
from csc_console.db.models import ADDRESS_MAX
from csc_console.desks import inbox as desk
from csc_console.desks.inbox import Action, DuplicateQuestion
from csc_console.desks.words import THE_REQUEST
from csc_console.linear.inbox.answers import ALL, Answer
from csc_console.linear.prompts import ChoicePrompt, Option, Prompt, TextPrompt, YesNoPrompt
from csc_console.linear.workflow import Goto, Step
from csc_console.services.answers import check_answer
from csc_console.services.inbox import MessagePublic
from csc_console.services.inbox_answers import (
    prefilled_request,
)
from csc_console.services.requests import NewRequest

if TYPE_CHECKING:
    from csc_console.linear.session import LineSession


class MakeRequest(Answer):
    title = desk.action_title(Action.REQUEST)
    noun = THE_REQUEST
    action = Action.REQUEST

    def __init__(self, session: LineSession, message: MessagePublic) -> None:
        super().__init__(session, message)
        self.draft = prefilled_request(self.ctx, message)
        self._dupes: tuple[desk.Place, DuplicateQuestion | None] | None = None

    # ------------------------------------------------------------------ category
    def category_options(self, *, everything: bool) -> list[Option[str]]:
        catalog = self.ctx.catalog
        if everything:
            return desk.category_options(catalog)
        first = self.draft.category or None
        return [
            *desk.suggested_categories(catalog, self.message, first=first),
            Option(ALL, desk.ALL_CATEGORIES),
        ]

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

    # ------------------------------------------------------------------ duplicates
    def duplicates(self) -> DuplicateQuestion | None:
        """The duplicate question for the category and address given (looked up once)."""
        request = self.request()
        place = desk.place_of(request)
        if self._dupes is None or self._dupes[0] != place:
            check = desk.check_duplicates(self.ctx, request, now=self.session.now())
            if check.error:
                self.io.error(check.error)
            self._dupes = (place, check.question)
        return self._dupes[1]

    def duplicates_prompt(self) -> Prompt[str]:
        question = self.duplicates()
        assert question is not None
        return ChoicePrompt(desk.LINK_OR_CREATE, question.options, default=question.default)

    def linking(self) -> str | None:
        """The request the sender is to be linked to, if that was the answer."""
        chosen = self.values.get("duplicate")
        if self.duplicates() is None or not chosen or chosen == desk.NEW_REQUEST:
            return None
        return str(chosen)

    def first_steps(self) -> list[Step]:
        return [
            Step(
                "category",
                lambda: ChoicePrompt(
                    desk.CATEGORY_LABEL,
                    self.category_options(everything=False),
                    default=self.draft.category or None,
                ),
            ),
            Step(
                "category_all",
                lambda: ChoicePrompt(desk.CATEGORY_LABEL, self.category_options(everything=True)),
                when=lambda: self.values.get("category") == ALL,
            ),
            *self.question_steps(),
            Step(
                "address",
                TextPrompt(
                    desk.ADDRESS_LABEL, max_length=ADDRESS_MAX, default=self.draft.address or None
                ),
            ),
            Step(
                "unverified",
                YesNoPrompt(desk.KEEP_UNVERIFIED, default=False),
                when=lambda: not self.address_check().ok,
                intro=lambda: [desk.unverified_address(self.address_check().message)],
                apply=lambda yes: None if yes else Goto("address"),
            ),
            Step(
                "duplicate",
                self.duplicates_prompt,
                when=lambda: self.duplicates() is not None,
                intro=self.duplicates_intro,
                apply=self.picked,
            ),
        ]

    def duplicates_intro(self) -> list[str]:
        question = self.duplicates()
        return [question.heading] if question else []

    def picked(self, value: Any) -> None:
        self.values.pop("reply", None)  # a link and a new request start from other replies

    def reply_intro(self) -> list[str]:
        return desk.reply_intro(self.template(), request=True)

    def template(self) -> str:
        if self.linking():
            return desk.link_reply(self.message)
        return desk.request_reply(self.message)

    def verb(self) -> str:
        return desk.LINK_VERB if self.linking() else desk.SAVE_VERBS[Action.REQUEST]

    # ------------------------------------------------------------------ saving
    def request(self) -> NewRequest:
        category = self.category()
        assert category is not None
        asked = {
            q.code: self.values[f"q:{q.code}"]
            for q in category.questions
            if f"q:{q.code}" in self.values
        }
        return desk.request_from(
            self.draft,
            category,
            asked=asked,
            address=str(self.values.get("address", "")),
            unverified=bool(self.values.get("unverified")),
        )

    def save(self) -> str:
        made = desk.make_or_link(
            self.ctx,
            self.message,
            self.request(),
            reply=str(self.values["reply"]),
            link_to=self.linking(),
            now=self.session.now(),
        )
        return desk.outcome_line(made)
