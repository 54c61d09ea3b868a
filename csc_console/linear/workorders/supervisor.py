"""Supervisor tools: change several work orders at once (a new crew or priority for the ones
chosen by their queue numbers, "1, 3-5") and escalate the overdue ones (priority up one step).
Results are said one work order per line; one refusal does not stop the others."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from csc_console.db.models import NOTE_MAX
from csc_console.desks.words import plural
from csc_console.desks.workorders.results import (
    bulk_outcome,
    escalated_line,
    escalation_outcome,
    not_changed,
    outcome_summary,
)
from csc_console.desks.workorders.words import (
    BULK_CHANGE,
    OPEN,
    crews_of,
    row_line,
    where_name,
)
from csc_console.linear.intake.prompts import FieldPrompt
from csc_console.linear.prompts import ChoicePrompt, Option, YesNoPrompt
from csc_console.linear.workflow import CANCEL, Step, Workflow
from csc_console.linear.workorders.edits import PRIORITIES
from csc_console.linear.workorders.prompts import CrewPrompt, SelectionPrompt
from csc_console.services.queues import QueueFilter, QueueRow, list_queue
from csc_console.services.workorders import Change, bulk_update, escalate_overdue
from csc_console.vocab import Priority

if TYPE_CHECKING:
    from csc_console.linear.session import LineSession

WHAT = [
    Option("crew", "Reassign to a crew", aliases=("reassign",)),
    Option("priority", "Change the priority", aliases=("re-prioritise", "reprioritize")),
]
SHOWN = 10  # overdue work orders read out before asking


class BulkChange(Workflow):
    title = BULK_CHANGE
    noun = "the bulk change"

    def __init__(self, session: LineSession, listed: dict[int, QueueRow]) -> None:
        super().__init__(session)
        self.listed = listed

    def chosen(self) -> list[QueueRow]:
        return [self.listed[p] for p in self.values.get("which", ())]

    def what(self) -> str:
        return str(self.values.get("what", "crew"))

    def crew_prompt(self) -> CrewPrompt:
        rows = self.chosen()
        first = rows[0] if rows else None
        units = crews_of(self.ctx.catalog, first.department_code, first.division) if first else []
        return CrewPrompt(self.ctx, units, none_word="none")

    def steps(self) -> Sequence[Step]:
        return [
            Step("which", SelectionPrompt({p: r.number for p, r in self.listed.items()})),
            Step("what", ChoicePrompt("Change", WHAT, default="crew")),
            Step("crew", self.crew_prompt, when=lambda: self.what() == "crew"),
            Step(
                "priority",
                ChoicePrompt("Priority", PRIORITIES),
                when=lambda: self.what() == "priority",
            ),
            Step("note", FieldPrompt("Note for the history", limit=NOTE_MAX)),
            Step(
                "confirm",
                lambda: YesNoPrompt(
                    f"Change {plural(len(self.chosen()), 'work order')}", default=True
                ),
                apply=lambda yes: None if yes else CANCEL,
            ),
        ]

    def change(self) -> Change:
        note = str(self.values.get("note") or "") or None
        if self.what() == "crew":
            return Change(crew=str(self.values.get("crew", "")), note=note)
        return Change(priority=str(self.values.get("priority")), note=note)

    def finish(self) -> None:
        rows = self.chosen()
        change = self.change()
        result = bulk_update(
            self.ctx, numbers=[r.number for r in rows], change=change, now=self.session.now()
        )
        self.saved = True
        outcome = bulk_outcome(result, change)
        failed = dict(result.failed)
        for r in rows:
            self.io.say(
                not_changed(r.number, failed[r.number]) if r.number in failed else f"{r.number}: {outcome.done}."
            )
        self.io.status(outcome_summary(outcome))


class Escalate(Workflow):
    """Raise the priority of every overdue open work order below urgent by one step."""

    title = "Escalate overdue"
    noun = "the escalation"

    def __init__(self, session: LineSession, department: str | None) -> None:
        super().__init__(session)
        self.department = department
        self.rows: list[QueueRow] = []

    def has_unsaved_data(self) -> bool:
        return False

    def where(self) -> str:
        return where_name(self.ctx.catalog, self.department, None)

    def start(self) -> None:
        page = list_queue(
            self.ctx,
            QueueFilter(department=self.department, statuses=OPEN, overdue=True),
            sort="due",
            limit=500,
            now=self.session.now(),
        )
        self.rows = [r for r in page.rows if r.priority != Priority.URGENT.value]

    def steps(self) -> Sequence[Step]:
        if not self.rows:
            return []
        n = len(self.rows)
        return [
            Step(
                "confirm",
                YesNoPrompt(
                    f"Raise the priority of {'it' if n == 1 else f'these {n}'} one step",
                    default=True,
                ),
                intro=self.intro,
                apply=lambda yes: None if yes else CANCEL,
            )
        ]

    def intro(self) -> list[str]:
        zone = self.ctx.zone
        lines = [f"{plural(len(self.rows), 'overdue work order')} below urgent in {self.where()}:"]
        lines += [row_line(r, zone) for r in self.rows[:SHOWN]]
        if len(self.rows) > SHOWN:
            lines.append(f"And {plural(len(self.rows) - SHOWN, 'more')}.")
        return lines

    def finish(self) -> None:
        if not self.rows:
            self.io.status(f"No overdue work orders below urgent in {self.where()}.")
            return
        before = {r.number: r for r in self.rows}
        result = escalate_overdue(self.ctx, department=self.department, now=self.session.now())
        self.saved = True
        for number in result.changed:
            self.io.say(escalated_line(number, before.get(number)))
        for number, reason in result.failed:
            self.io.say(not_changed(number, reason))
        self.io.status(outcome_summary(escalation_outcome(result)))

    def left_message(self) -> str:
        return "Nothing escalated."
