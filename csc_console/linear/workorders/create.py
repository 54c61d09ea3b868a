"""Crew-found work: a work order with no caller (a crew reports a pothole it drove past). It is
recorded with its own closed request, routed from the category like any other: division, default
crew and priority are the defaults here. The address is checked against the city's street file;
a near miss offers the street file's suggestions, or keeping it as typed, not verified."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from csc_console.catalog.addresses import AddressCheck
from csc_console.catalog.schema import Category, Routing
from csc_console.db.models import ADDRESS_MAX, DESCRIPTION_MAX
from csc_console.desks.workorders.detail import created_lines
from csc_console.desks.workorders.words import crews_of
from csc_console.linear.intake.prompts import FieldPrompt
from csc_console.linear.prompts import ChoicePrompt, Option, Prompt
from csc_console.linear.workflow import FINISH, Flow, Goto, Step, Workflow
from csc_console.linear.workorders.edits import PRIORITIES
from csc_console.linear.workorders.prompts import CrewPrompt
from csc_console.services.text import clean_text
from csc_console.services.workorders import WorkOrderPublic, create_direct

if TYPE_CHECKING:
    from csc_console.linear.session import LineSession

KEEP, AGAIN = "__keep", "__again"


class CrewFound(Workflow):
    title = "Crew-found work order"
    noun = "the new work order"

    def __init__(self, session: LineSession, category: str | None = None) -> None:
        super().__init__(session)
        self.first_category = category
        self.address = ""
        self.unverified = False
        self.result: WorkOrderPublic | None = None

    # ------------------------------------------------------------------ catalog
    def categories(self) -> list[Category]:
        found = [c for c in self.ctx.catalog.categories if c.work_order]
        return sorted(found, key=lambda c: c.name)

    def category(self) -> Category:
        return self.ctx.catalog.category(str(self.values["category"]))

    def routing(self) -> Routing:
        return self.category().routing({})

    def check(self) -> AddressCheck:
        return self.ctx.catalog.street_index.check(self.address)

    # ------------------------------------------------------------------ steps
    def steps(self) -> Sequence[Step]:
        options = [Option(c.code, c.name) for c in self.categories()]
        default = self.first_category if any(o.value == self.first_category for o in options) else options[0].value
        return [
            Step("category", ChoicePrompt("Category", options, default=default)),
            Step(
                "address",
                FieldPrompt(
                    "Address",
                    required=True,
                    limit=ADDRESS_MAX,
                    hint="A house number and street (1200 N Lake Ave) or an intersection "
                    "(Lake and Colorado).",
                ),
                apply=self.take_address,
            ),
            Step(
                "address_fix",
                self.fix_prompt,
                when=lambda: not self.unverified and not self.check().ok,
                intro=lambda: [f"Warning: {self.check().message}"],
                apply=self.take_fix,
            ),
            Step(
                "description",
                FieldPrompt(
                    "Work found",
                    required=True,
                    limit=DESCRIPTION_MAX,
                    hint="What the crew found and what needs doing.",
                ),
            ),
            Step("crew", self.crew_prompt),
            Step(
                "priority",
                lambda: ChoicePrompt("Priority", PRIORITIES, default=self.routing().priority),
                apply=self.save,
            ),
        ]

    def take_address(self, text: str) -> Flow | Goto | None:
        self.address = clean_text(text, field="address", max_length=ADDRESS_MAX, required=True)
        self.unverified = False
        check = self.check()
        if check.ok:
            self.address = check.address or self.address
            self.io.say(check.message)
        return None

    def fix_prompt(self) -> Prompt[str]:
        suggestions = self.check().suggestions
        options = [Option(s, s) for s in suggestions]
        options += [
            Option(KEEP, f"Keep {self.address}, not verified"),
            Option(AGAIN, "Type the address again"),
        ]
        return ChoicePrompt("Which address", options, default=options[0].value if suggestions else AGAIN)

    def take_fix(self, choice: str) -> Flow | Goto | None:
        if choice == AGAIN:
            return Goto("address")
        if choice == KEEP:
            self.unverified = True
            self.io.say("Warning: the address is kept as typed, marked not verified.")
            return None
        return self.take_address(choice)

    def crew_prompt(self) -> CrewPrompt:
        routing = self.routing()
        units = crews_of(self.ctx.catalog, routing.department, routing.division)
        return CrewPrompt(self.ctx, units, default=routing.default_crew or "", none_word="none")

    def save(self, priority: str) -> Flow | Goto | None:
        self.result = create_direct(
            self.ctx,
            category=str(self.values["category"]),
            address=self.address,
            description=str(self.values["description"]),
            crew=str(self.values.get("crew") or "") or None,
            priority=priority,
            unverified_address=self.unverified,
            now=self.session.now(),
        )
        self.saved = True
        wo = self.result
        fact, state = created_lines(wo)
        self.io.status(fact)
        self.io.say(state)
        return FINISH
