"""Reporting an issue: category, its questions, the place, redirects, duplicates, the save.

- category: the suggester's best matches for the caller's words as numbered choices (best
  first, Enter takes it), or all categories, or the words typed again;
- the category's questions (required ones must be answered; lists as numbered choices);
- the category's own redirect rules, checked for the words, then the answers, then the
  address's electricity provider, each time only for rules that had not fired yet;
- the address (``place``): Enter takes the caller's address, checked against the street file;
  near misses are numbered choices; an unknown street can be kept, not verified, after a
  warning; then a cross street or landmark when there is no verified address;
- duplicates: open requests of the category nearby in the last 30 days; choosing one links
  the caller to it instead of creating a request;
- the description (Enter takes the caller's words), then the save and the read-back line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from csc_console.catalog.redirects import RedirectHit
from csc_console.catalog.schema import Category, Question
from csc_console.db.models import ADDRESS_MAX, DESCRIPTION_MAX
from csc_console.desks.intake.call_say import category_line, duplicate_check_failed
from csc_console.desks.intake.outcome import SaveOutcome, result_lines, saved_earlier
from csc_console.desks.intake.say import duplicate_option, duplicates_heading, redirect_lines
from csc_console.desks.intake.steps import LABEL, QUESTION_PREFIX, SAVING_THE_REQUEST
from csc_console.desks.intake.steps import Step as CallStep
from csc_console.errors import CscError
from csc_console.linear.intake.place import Place
from csc_console.linear.intake.prompts import (
    FieldPrompt,
    answer_as_typed,
    kept_answer,
    question_prompt,
)
from csc_console.linear.intake.triage import redirect_prompt
from csc_console.linear.prompts import ChoicePrompt, Option, Prompt
from csc_console.linear.workflow import Goto, Step
from csc_console.services.duplicates import DuplicateCandidate, find_duplicates
from csc_console.services.intake import CallDraft
from csc_console.services.requests import create_request, link_caller
from csc_console.services.text import clean_text

if TYPE_CHECKING:
    from csc_console.linear.intake.call import CallFlow, FlowResult

SUGGESTIONS = 5
REPORT_KINDS = ("report", "service")
AGAIN, ALL = "__again", "__all"


class ReportSteps:
    def __init__(self, flow: CallFlow) -> None:
        self.flow = flow
        self.show_all = False
        self.place = Place(flow)
        self._dupes: tuple[tuple[str, str], list[DuplicateCandidate]] | None = None

    @property
    def d(self) -> CallDraft:
        return self.flow.draft

    def category(self) -> Category | None:
        return self.flow.desk.category()

    # ------------------------------------------------------------------ steps
    def steps(self) -> list[Step]:
        f, d = self.flow, self.d
        out = [
            f.step(
                "category",
                self.category_prompt,
                self.take_category,
                intro=self.category_intro,
                restore=lambda: d.category,
            )
        ]
        category = self.category()
        if category is None:
            return out
        out += [self.question_step(q) for q in category.questions]
        out += [
            self.redirect_step(CallStep.REDIRECT_WORDS, lambda: self.hits(CallStep.REDIRECT_WORDS)),
            self.redirect_step(CallStep.REDIRECT_ANSWERS, lambda: self.hits(CallStep.REDIRECT_ANSWERS)),
            f.step(
                "address",
                self.place.address_prompt,
                self.place.take_address,
                restore=lambda: "; ".join(p for p in (d.address, d.cross_street) if p),
            ),
            f.step(
                "address_fix",
                self.place.fix_prompt,
                self.place.take_fix,
                when=self.place.needs_fix,
                intro=self.place.fix_intro,
            ),
            f.step(
                "landmark",
                lambda: FieldPrompt(
                    LABEL[CallStep.LANDMARK],
                    required=not d.address,
                    default=d.cross_street or None,
                    limit=ADDRESS_MAX,
                    hint="Where exactly: a cross street, a landmark, a business name.",
                ),
                self.place.take_landmark,
                restore=lambda: d.cross_street,
            ),
            self.redirect_step(CallStep.REDIRECT_PLACE, lambda: self.hits(CallStep.REDIRECT_PLACE)),
            f.step(
                "duplicates",
                self.duplicates_prompt,
                self.take_duplicate,
                when=lambda: bool(self.duplicates()),
                intro=self.duplicates_intro,
                restore=lambda: d.link_to or "new",
            ),
            f.step(
                "description",
                lambda: FieldPrompt(
                    LABEL[CallStep.DESCRIPTION],
                    default=d.words or None,
                    limit=DESCRIPTION_MAX,
                    hint=f"What the crew needs to know, up to {DESCRIPTION_MAX:,} characters. "
                    "Enter alone takes the caller's words. The request is saved next.",
                ),
                self.take_description,
                restore=lambda: d.description,
            ),
        ]
        return out

    # ------------------------------------------------------------------ category
    def category_options(self) -> tuple[list[str], list[Option[str]]]:
        catalog = self.flow.ctx.catalog
        everything = sorted(
            (c for c in catalog.categories if c.kind in REPORT_KINDS), key=lambda c: c.name
        )
        intro: list[str] = []
        if self.show_all:
            options = [Option(c.code, c.name) for c in everything]
        else:
            found = catalog.suggester.suggest(self.d.words, limit=SUGGESTIONS, kinds=REPORT_KINDS)
            options = [Option(s.code, s.name) for s in found]
            if not options:
                intro = ["No category matches the caller's words; all categories follow."]
                options = [Option(c.code, c.name) for c in everything]
        if self.d.category and all(o.value != self.d.category for o in options):
            chosen = self.category()
            if chosen is not None:
                options.insert(0, Option(chosen.code, chosen.name))
        options.append(Option(AGAIN, "Type the caller's words again"))
        if len(options) <= len(everything):
            options.append(Option(ALL, "List all categories"))
        return intro, options

    def category_intro(self) -> list[str]:
        return self.category_options()[0]

    def category_prompt(self) -> Prompt[str]:
        _, options = self.category_options()
        default = self.d.category or options[0].value
        return ChoicePrompt(LABEL[CallStep.CATEGORY], options, default=default)

    def take_category(self, code: str) -> FlowResult:
        d = self.d
        if code == AGAIN:
            return Goto("words")
        if code == ALL:
            self.show_all = True
            return Goto("category")
        self.show_all = False
        if code != d.category:
            for key in [k for k in self.flow.values if k.startswith(QUESTION_PREFIX)]:
                del self.flow.values[key]
        self.flow.io.status(category_line(self.flow.desk.take_category(code)))
        return None

    def question_step(self, q: Question) -> Step:
        return self.flow.step(
            f"q.{q.code}",
            question_prompt(q),
            lambda value: self.take_answer(q, value),
            restore=lambda: kept_answer(q, self.d.answers.get(q.code)),
        )

    def take_answer(self, q: Question, value: object) -> FlowResult:
        f = self.flow
        warnings = f.desk.take_answer(
            q, answer_as_typed(value), calendar=f.ctx.calendar, now=f.now()
        )
        f.io.lines(f"Warning: {w}" for w in warnings)
        return None

    # ------------------------------------------------------------------ redirects
    def redirect_step(self, key: str, hits: Callable[[], list[RedirectHit]]) -> Step:
        return self.flow.step(
            key,
            lambda: redirect_prompt(hits()),
            self.flow.triage.take_redirect,
            when=lambda: bool(hits()),
            intro=lambda: redirect_lines(hits()),
            restore=lambda: "continue",
        )

    def hits(self, stage: str) -> list[RedirectHit]:
        """The category's rules that fire at ``stage`` and did not fire before it."""
        check = self.place.check()
        provider = check.electric_provider if check is not None and check.ok else None
        return self.flow.desk.rules_at(stage, electric_provider=provider)

    # ------------------------------------------------------------------ duplicates
    def duplicates(self) -> list[DuplicateCandidate]:
        d = self.d
        if not d.address or d.unverified_address:
            return []
        key = (d.category, d.address)
        if self._dupes is None or self._dupes[0] != key:
            try:
                found = find_duplicates(
                    self.flow.ctx, category=d.category, address=d.address, now=self.flow.now()
                )
            except CscError as exc:
                self.flow.io.error(duplicate_check_failed(str(exc)))
                found = []
            self._dupes = (key, found)
        return [c for c in self._dupes[1] if c.number != d.saved_request]

    def duplicates_intro(self) -> list[str]:
        category = self.category()
        return [duplicates_heading(len(self.duplicates()), category.name if category else None)]

    def duplicates_prompt(self) -> Prompt[str]:
        found = self.duplicates()
        now = self.flow.now()
        options = [duplicate_option(c, now=now) for c in found]
        options.append(Option("new", "Create a new request"))
        default = found[0].number if found[0].same_address else "new"
        return ChoicePrompt("Link or create", options, default=default)

    def saved_already(self) -> FlowResult:
        """Back at a save after saving: the request is not saved twice (nor changed)."""
        self.flow.io.status(saved_earlier(self.d.saved_request))
        return Goto("disposition")

    def take_duplicate(self, choice: str) -> FlowResult:
        if self.d.saved_request:
            return self.saved_already()
        if choice == "new":
            self.d.link_to = ""
            return None
        self.d.link_to = choice
        self.flow.keep_draft()
        return self.flow.saving(self.link, "linking the caller")

    # ------------------------------------------------------------------ saving
    def take_description(self, text: str) -> FlowResult:
        if self.d.saved_request:
            return self.saved_already()
        self.d.description = text  # kept as typed, even when too long to save
        self.flow.keep_draft()
        clean_text(text, field="description", max_length=DESCRIPTION_MAX, multiline=True)
        return self.flow.saving(self.create, SAVING_THE_REQUEST)

    def create(self) -> FlowResult:
        f = self.flow
        return self.saved(SaveOutcome.created(create_request(f.ctx, self.d.new_request(), now=f.now())))

    def link(self) -> FlowResult:
        f, d = self.flow, self.d
        r = link_caller(f.ctx, number=d.link_to, caller=d.caller(), call_id=d.call_id, now=f.now())
        return self.saved(SaveOutcome.linked(r))

    def saved(self, outcome: SaveOutcome) -> FlowResult:
        """What the save produced, said: the headline as the status, then the details."""
        f, d = self.flow, self.d
        d.saved_request, d.disposition = outcome.number, outcome.disposition.value
        category = self.category()
        script = category.script if category is not None else None
        first, *rest = result_lines(outcome, script, zone=f.ctx.zone, now=f.now())
        f.io.status(first)
        f.io.lines(rest)
        return Goto("disposition")
