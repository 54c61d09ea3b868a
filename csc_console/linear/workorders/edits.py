"""Changing one work order: status, crew, priority, a note; reopening; another work order on
the same request.

Every edit is saved with the version of the work order it was based on. When someone else saved
first (``StaleEditError``) the edit is not lost: their change is said ("Changed by Lee Williams,
9:01 AM: crew PW2 -> PW3."), then "Your change: status Dispatched." and a choice: apply it again
to the new version, change it first (everything typed is kept as defaults), or discard it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from csc_console.db.models import DESCRIPTION_MAX, NOTE_MAX
from csc_console.desks.words import plural
from csc_console.desks.workorders.detail import (
    StatusText,
    added_lines,
    change_words,
    needs_crew,
    note_added,
    reopened,
    saved_line,
    status_change,
    status_text,
    their_change_lines,
)
from csc_console.desks.workorders.words import (
    YOUR_CHANGE,
    crews_of,
    priority_label,
    status_label,
)
from csc_console.errors import StaleEditError, ValidationError
from csc_console.linear.intake.prompts import FieldPrompt
from csc_console.linear.prompts import ChoicePrompt, Option, PromptError
from csc_console.linear.workflow import CANCEL, FINISH, Flow, Goto, Step, Workflow
from csc_console.linear.workorders.prompts import CrewPrompt, StatusPrompt
from csc_console.services.workorders import (
    Change,
    WorkOrderPublic,
    add_work_order,
    allowed_next,
    get_work_order,
    reopen,
    update_work_order,
)
from csc_console.vocab import Priority
from csc_console.vocab import WorkOrderStatus as S

if TYPE_CHECKING:
    from csc_console.linear.session import LineSession

FlowResult = Flow | Goto | None
PRIORITIES = [Option(p.value, p.label) for p in Priority]
STALE_CHOICES = [
    Option("again", "Apply it again", "to the work order as it is now"),
    Option("edit", "Change it first", "what you typed is kept"),
    Option("discard", "Discard it", "keep the work order as the other person left it"),
]


def crew_prompt(
    session: LineSession, wo: WorkOrderPublic, *, default: str | None, none: bool = True
) -> CrewPrompt:
    """The work order's division's units first, any call sign typed; none to unassign."""
    units = crews_of(session.ctx.catalog, wo.department_code, wo.division)
    return CrewPrompt(session.ctx, units, default=default, none_word="none" if none else None)


class EditWorkflow(Workflow):
    """An edit saved after its last question, with the stale-edit handling above."""

    noun = "the change"

    def __init__(self, session: LineSession, wo: WorkOrderPublic) -> None:
        super().__init__(session)
        self.wo = wo
        self.result: WorkOrderPublic | None = None
        self.stale: WorkOrderPublic | None = None
        self.discarded = False

    # ------------------------------------------------------------------ for subclasses
    def edit_steps(self) -> list[Step]:  # pragma: no cover - abstract
        raise NotImplementedError

    def change(self) -> Change:  # pragma: no cover - abstract
        raise NotImplementedError

    def done_lines(self, wo: WorkOrderPublic) -> list[str]:
        return [saved_line(wo)]

    # ------------------------------------------------------------------ steps
    def steps(self) -> Sequence[Step]:
        edits = self.edit_steps()
        for index, step in enumerate(edits):
            step.apply = self._then_save(step, edits[index + 1 :])
        stale = Step(
            "stale",
            ChoicePrompt(YOUR_CHANGE, STALE_CHOICES, default="again"),
            when=lambda: self.stale is not None,
            intro=self.stale_intro,
            apply=self.take_stale,
        )
        return [*edits, stale]

    def _then_save(self, step: Step, later: Sequence[Step]) -> Any:
        inner = step.apply

        def apply(value: Any) -> FlowResult:
            flow = inner(value) if inner is not None else None
            if flow is not None or any(s.applies() for s in later):
                return flow
            return self.save()

        return apply

    def first_key(self) -> str:
        return self.edit_steps()[0].key

    # ------------------------------------------------------------------ saving
    def save(self) -> FlowResult:
        ctx, now = self.ctx, self.session.now()
        try:
            wo = update_work_order(
                ctx,
                number=self.wo.number,
                change=self.change(),
                expected_version=self.wo.version,
                now=now,
            )
        except StaleEditError as exc:
            self.io.error(str(exc))
            current = exc.current
            if not isinstance(current, WorkOrderPublic):
                current = get_work_order(ctx, number=self.wo.number, now=now)
            self.stale = current
            return Goto("stale")
        self.result, self.saved = wo, True
        self.io.lines(f"Status: {line}" if i == 0 else line for i, line in enumerate(self.done_lines(wo)))
        return FINISH

    def stale_intro(self) -> list[str]:
        if self.stale is None:
            return []
        lines = their_change_lines(self.wo, self.stale, zone=self.ctx.zone, now=self.session.now())
        c = self.change()
        return [*lines, f"Your change: {change_words(c)}."]

    def take_stale(self, choice: str) -> FlowResult:
        if self.stale is not None:
            self.wo, self.stale = self.stale, None  # the edit is now based on their version
        if choice == "discard":
            self.discarded = True
            return CANCEL
        if choice == "edit":
            return Goto(self.first_key())
        try:
            return self.save()
        except ValidationError as exc:  # their change made yours impossible: fix it
            self.io.error(str(exc))
            return Goto(self.first_key())

    def left_message(self) -> str:
        if self.discarded:
            return f"Your change was discarded; {self.wo.number} stays as the other person left it."
        return f"{self.title} cancelled; {self.wo.number} is unchanged."


# --------------------------------------------------------------------------- the edits
class StatusChange(EditWorkflow):
    title = "Status change"
    noun = "the status change"

    def target(self) -> str:
        return str(self.values.get("status", ""))

    def edit_steps(self) -> list[Step]:
        allowed = [s.value for s in allowed_next(self.wo.status)]
        return [
            Step("status", lambda: StatusPrompt(self.wo.status, allowed), intro=self.status_intro),
            Step(
                "crew",
                lambda: crew_prompt(self.session, self.wo, default=None, none=False),
                when=lambda: needs_crew(self.target(), self.wo.crew),
                intro=lambda: ["It needs a crew first."],
                help=("A crew must be assigned before the work order can move on.",),
            ),
            Step(
                "reason",
                FieldPrompt("Reason", required=True, limit=NOTE_MAX, hint="Why, for the history."),
                when=lambda: status_text(self.target()) is StatusText.REASON,
            ),
            Step(
                "resolution",
                FieldPrompt(
                    "Resolution",
                    required=True,
                    limit=NOTE_MAX,
                    hint="What was done; the linked request closes with it when this is its "
                    "last open work order.",
                ),
                when=lambda: status_text(self.target()) is StatusText.RESOLUTION,
            ),
        ]

    def status_intro(self) -> list[str]:
        return [f"It is {status_label(self.wo.status).lower()} now."]

    def change(self) -> Change:
        target = self.target()
        text = self.values.get(status_text(target).value)
        crew = self.values.get("crew")
        return status_change(
            target,
            text=None if text is None else str(text),
            crew=None if crew is None else str(crew),
            current_crew=self.wo.crew,
        )

    def done_lines(self, wo: WorkOrderPublic) -> list[str]:
        lines = super().done_lines(wo)
        untold = [c for c in wo.callers if not c.notified]
        if wo.status == S.COMPLETED.value and untold:
            lines.append(
                f"Call-back list: {plural(len(untold), 'caller')} to tell that the work is done; "
                "choose Call-back list."
            )
        return lines


class CrewChange(EditWorkflow):
    title = "Crew assignment"
    noun = "the crew assignment"

    def edit_steps(self) -> list[Step]:
        return [
            Step(
                "crew",
                lambda: crew_prompt(self.session, self.wo, default=self.wo.crew or None),
                intro=lambda: [f"Crew now: {self.wo.crew or 'none'}."],
                apply=self.check,
            )
        ]

    def check(self, crew: str) -> FlowResult:
        if crew == (self.wo.crew or ""):
            raise PromptError(
                f"{crew or 'No crew'} is what the work order has now; type another crew, or back."
            )
        return None

    def change(self) -> Change:
        return Change(crew=str(self.values.get("crew", "")))


class PriorityChange(EditWorkflow):
    title = "Priority change"
    noun = "the priority change"

    def edit_steps(self) -> list[Step]:
        return [
            Step(
                "priority",
                lambda: ChoicePrompt("Priority", PRIORITIES, default=self.wo.priority),
                apply=self.check,
            )
        ]

    def check(self, priority: str) -> FlowResult:
        if priority == self.wo.priority:
            raise PromptError(
                f"It is {priority_label(priority)} priority already; choose another, or back."
            )
        return None

    def change(self) -> Change:
        return Change(priority=str(self.values.get("priority")))


class NoteChange(EditWorkflow):
    title = "Note"
    noun = "the note"

    def edit_steps(self) -> list[Step]:
        return [
            Step(
                "note",
                FieldPrompt(
                    "Note", required=True, limit=NOTE_MAX, hint="Added to the work order's history."
                ),
            )
        ]

    def change(self) -> Change:
        return Change(note=str(self.values.get("note", "")))

    def done_lines(self, wo: WorkOrderPublic) -> list[str]:
        return [note_added(wo.number)]


# --------------------------------------------------------------------------- reopen, add
class _OnWorkOrder(Workflow):
    """A flow that starts from one work order and may leave another (``result``)."""

    def __init__(self, session: LineSession, wo: WorkOrderPublic) -> None:
        super().__init__(session)
        self.wo = wo
        self.result: WorkOrderPublic | None = None


class Reopen(_OnWorkOrder):
    """Supervisors: a completed or cancelled work order goes back to work."""

    title = "Reopen"
    noun = "the reopening"

    def steps(self) -> Sequence[Step]:
        return [
            Step(
                "reason",
                FieldPrompt("Reason for reopening", required=True, limit=NOTE_MAX),
                apply=self.save,
            )
        ]

    def save(self, reason: str) -> FlowResult:
        self.result = reopen(self.ctx, number=self.wo.number, reason=reason, now=self.session.now())
        self.saved = True
        self.io.status(reopened(self.result))
        return FINISH


class AddWorkOrder(_OnWorkOrder):
    """Another work order on the same request: a second crew, a follow-up job."""

    title = "New work order on the request"
    noun = "the new work order"

    def steps(self) -> Sequence[Step]:
        return [
            Step("crew", lambda: crew_prompt(self.session, self.wo, default=self.wo.crew or "")),
            Step(
                "description",
                FieldPrompt(
                    "Work to do",
                    required=True,
                    limit=DESCRIPTION_MAX,
                    hint="What this crew is to do, for the sheet it carries.",
                ),
                apply=self.save,
            ),
        ]

    def save(self, description: str) -> FlowResult:
        assert self.wo.request is not None
        self.result = add_work_order(
            self.ctx,
            request=self.wo.request,
            crew=str(self.values.get("crew") or "") or None,
            description=description,
            now=self.session.now(),
        )
        self.saved = True
        fact, state = added_lines(self.result)
        self.io.status(fact)
        self.io.say(state)
        return FINISH
