"""One call, from the caller's phone number to the wrap-up: ``CallFlow``.

Every accepted answer goes into the ``CallDraft`` and the draft is saved (a small atomic file),
so a closed terminal or a crash loses nothing: Intake offers the call back and ``resume_at``
starts at the step the CSR had reached, with everything typed as defaults. A save that fails
because the database is unavailable goes to the ``retry`` step: the error is said, nothing is
lost, Enter tries again (the request's client key makes a retried save idempotent), and "no"
leaves the call as a draft for later.

Steps: phone, known caller (status of an open request without leaving the call) or the new
caller's details, what the call is about, then the purpose's own steps (``triage``,
``report``, ``other``), and the wrap-up: disposition (suggested from what happened) and notes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from csc_console.db.models import NOTE_MAX
from csc_console.desks.intake.call import CallDesk
from csc_console.desks.intake.call_say import (
    DISPOSITIONS,
    PURPOSES,
    WRAP_UP_NOW,
    draft_not_kept,
    ended_line,
    handle_time_line,
    wrap_up_line,
)
from csc_console.desks.intake.outcome import KEPT_AS_DRAFT
from csc_console.desks.intake.resume import resumed_sentence
from csc_console.desks.intake.say import draft_lines, topics_line
from csc_console.desks.intake.steps import LABEL
from csc_console.desks.intake.steps import Step as CallStep
from csc_console.desks.quit import WorkInProgress, call_in_progress
from csc_console.desks.readback import status_lines
from csc_console.errors import CscError, DatabaseUnavailable
from csc_console.linear.ask import Command, Scope, confirm
from csc_console.linear.intake.caller import CallerSteps
from csc_console.linear.intake.other import OtherSteps
from csc_console.linear.intake.prompts import FieldPrompt
from csc_console.linear.intake.relay import RelaySteps
from csc_console.linear.intake.report import ReportSteps
from csc_console.linear.intake.triage import Triage
from csc_console.linear.prompts import ChoicePrompt, Prompt, YesNoPrompt
from csc_console.linear.workflow import (
    CANCEL,
    FINISH,
    STAY,
    Flow,
    Goto,
    Outcome,
    Step,
    StepRunner,
    Workflow,
)
from csc_console.services import calls, intake
from csc_console.services.callers import lookup_by_phone
from csc_console.services.requests import get_request

if TYPE_CHECKING:
    from csc_console.linear.session import LineSession
    from csc_console.services.callers import CallerHistory
    from csc_console.services.calls import CallPublic
    from csc_console.services.intake import CallDraft

FlowResult = Flow | Goto | None
Apply = Callable[[Any], FlowResult]

#: the typed words that also choose a purpose at the prompt
PURPOSE_ALIASES = {
    "report": ("report",),
    "information": ("information", "info"),
    "follow_up": ("status", "follow up"),
    "referral": ("refer",),
}
PURPOSE_OPTIONS = [
    *(replace(o, aliases=PURPOSE_ALIASES.get(o.value, ())) for o in PURPOSES),
    WRAP_UP_NOW,
]


class CallRunner(StepRunner):
    """The step runner for a call: leaving always asks (a call is on the line), and help says
    that quitting keeps the call as a draft."""

    wf: CallFlow

    def leave(self) -> bool:
        if not confirm(self.io, "Cancel the call and lose what you typed", default=False):
            return False
        self.wf.cancel_call()
        return True

    def scope(self, step: Step, *, first: bool) -> Scope:
        base = super().scope(step, first=first)
        asks = "abandon the call, after asking, and go back to the ready prompt."
        kept = (
            "leave csc-console, after asking; the call is kept and Intake offers it again "
            "next time."
        )
        return replace(
            base,
            back_help=asks if first else base.back_help,
            cancel_help=asks,
            quit_help=kept if self.wf.draft_ok else base.quit_help,
        )


class CallFlow(Workflow):
    title = "Call"
    noun = "the call"

    def __init__(
        self,
        session: LineSession,
        draft: CallDraft,
        *,
        call: CallPublic | None = None,
        resume: bool = False,
    ) -> None:
        super().__init__(session)
        self.desk = CallDesk(self.ctx.catalog, self.ctx.zone, draft, call=call)
        self.draft = draft
        self.call = call
        self.resuming = resume
        self.retry_action: Callable[[], FlowResult] | None = None
        self.retry_what = ""
        self.draft_ok = True
        self.kept = False  # left on purpose with the draft kept for later
        self.closed = False  # wrapped up or cancelled: the call is over
        self.restorers: dict[str, Callable[[], object]] = {}
        self.relay = RelaySteps(self)
        self.callers = CallerSteps(self)
        self.triage = Triage(self)
        self.report = ReportSteps(self)
        self.other = OtherSteps(self)

    @property
    def known(self) -> CallerHistory | None:
        return self.desk.known

    @known.setter
    def known(self, value: CallerHistory | None) -> None:
        self.desk.known = value

    # ------------------------------------------------------------------ plumbing
    def run(self) -> Outcome:
        return CallRunner(self).run()

    def now(self) -> datetime:
        return self.session.now()

    def step(
        self,
        key: str,
        prompt: Prompt[Any] | Callable[[], Prompt[Any]],
        apply: Apply | None = None,
        *,
        when: Callable[[], bool] | None = None,
        intro: Callable[[], Sequence[str]] | None = None,
        restore: Callable[[], object] | None = None,
        help: Sequence[str] = (),  # noqa: A002 - the name Step uses
    ) -> Step:
        """A step whose accepted answer is kept in the draft (``restore`` reads it back).
        It is asked when the desk's rules say it applies (``CallDesk.applies``) and ``when``
        (a fact only this front end has, such as the duplicates it found) holds."""
        if restore is not None:
            self.restorers[key] = restore

        def applies() -> bool:
            return self.desk.applies(key) and (when is None or when())

        def accepted(value: Any) -> FlowResult:
            flow = apply(value) if apply is not None else None
            self.remember(key, flow)
            return flow

        return Step(key, prompt, when=applies, intro=intro, apply=accepted, help=help)

    def remember(self, key: str, flow: FlowResult) -> None:
        """Save the draft, marking the step to resume at."""
        if self.closed or flow is FINISH or flow is CANCEL:
            return
        target = flow.key if isinstance(flow, Goto) else key if flow is STAY else self.after(key)
        if target != "retry":  # a failed save resumes at the step that saves
            self.draft.step = target or ""
        self.keep_draft()

    def after(self, key: str) -> str | None:
        steps = list(self.steps())
        keys = [s.key for s in steps]
        start = keys.index(key) + 1 if key in keys else 0
        return next((s.key for s in steps[start:] if s.applies()), None)

    def keep_draft(self) -> None:
        try:
            intake.save_draft(self.ctx, self.draft)
        except OSError as exc:
            if self.draft_ok:
                self.io.error(draft_not_kept(str(exc.strerror or exc)))
            self.draft_ok = False
            return
        self.draft_ok = True

    def drop_draft(self) -> None:
        with contextlib.suppress(OSError):
            intake.clear_draft(self.ctx)

    def saving(self, action: Callable[[], FlowResult], what: str) -> FlowResult:
        """Run a save; if the database is unavailable, keep everything and offer a retry."""
        try:
            return action()
        except DatabaseUnavailable as exc:
            self.io.error(str(exc))
            self.io.say(KEPT_AS_DRAFT)
            self.retry_action, self.retry_what = action, what
            return Goto("retry")

    # ------------------------------------------------------------------ workflow hooks
    def commands(self) -> Sequence[Command]:
        return [
            Command("time", "say the handle time of this call so far.", self.say_time),
            *self.relay.commands(),
        ]

    def help_lines(self) -> Sequence[str]:
        return (
            "Each answer is kept as a draft: if the console closes, Intake offers the call again.",
        )

    def say_time(self) -> None:
        if self.call is None:
            self.io.say("Handle time: not known; the start of the call could not be read.")
            return
        self.io.say(handle_time_line(self.call.elapsed(self.now())))

    def has_unsaved_data(self) -> bool:
        """Only when the draft could not be written: otherwise quitting loses nothing."""
        return self.draft.call_id is not None and not self.closed and not self.draft_ok

    def work_in_progress(self) -> WorkInProgress | None:
        """A call on the line always asks before quitting (``desks.quit``)."""
        if self.closed:
            return None
        d = self.draft
        return call_in_progress(
            name=d.name, phone=d.phone, relay=d.channel == "relay", kept=self.draft_ok
        )

    def abandoned(self, reason: str) -> None:
        if not self.closed and self.draft_ok:
            self.io.status("The call is kept; Intake offers it again when you come back.")

    def left_message(self) -> str:
        if self.kept:
            return "The call is kept; Intake offers it again when you come back."
        return "Call cancelled."

    def start(self) -> None:
        if not self.resuming:
            return
        self.io.status(resumed_sentence(self.draft))
        self.io.lines([*self.relay.resume_lines(), *draft_lines(self.ctx.catalog, self.draft)])
        if self.draft.phone:
            try:
                self.known = lookup_by_phone(self.ctx, phone=self.draft.phone)
            except CscError as exc:
                self.io.error(str(exc))

    def resume_at(self) -> str | None:
        if not self.resuming:
            return None
        self.resuming = False
        steps = list(self.steps())
        keys = [s.key for s in steps]
        by_key = {s.key: s for s in steps}
        target = self.desk.resume_step(
            lambda key: not by_key[key].applies() or self.restored(key) is not None
        )
        index = keys.index(target)
        for position, s in enumerate(steps[: index + 1]):
            value = self.restored(s.key)
            if value is not None and (position == index or s.applies()):
                self.values[s.key] = value  # the target's too: typed, not yet accepted
        return target

    def restored(self, key: str) -> object:
        restore = self.restorers.get(key)
        value = restore() if restore is not None else None
        return None if value == "" else value

    # ------------------------------------------------------------------ steps
    def steps(self) -> Sequence[Step]:
        """The desk's steps for this call, in the desk's order (``CallDesk.sequence``), each
        asked as this front end asks it."""
        made = {
            s.key: s
            for s in (
                *self.relay.steps(),
                *self.callers.steps(),
                self.purpose_step(),
                *self.triage.steps(),
                *self.report.steps(),
                *self.other.steps(),
                *self.wrapup_steps(),
            )
        }
        return [made[key] for key in self.desk.sequence()]

    def purpose_step(self) -> Step:
        return self.step(
            "purpose",
            lambda: ChoicePrompt(
                LABEL[CallStep.PURPOSE], PURPOSE_OPTIONS, default=self.draft.purpose or "report"
            ),
            self.take_purpose,
            restore=lambda: self.draft.purpose,
        )

    def wrapup_steps(self) -> list[Step]:
        d = self.draft
        return [
            self.step(
                "retry",
                lambda: YesNoPrompt(f"Try {self.retry_what or 'the save'} again", default=True),
                self.take_retry,
                when=lambda: self.retry_action is not None,
                help=(
                    "Yes tries the save again; no keeps the call as a draft and leaves "
                    "Intake, which offers it again when you come back.",
                ),
            ),
            self.step(
                "disposition",
                lambda: ChoicePrompt(
                    LABEL[CallStep.DISPOSITION], DISPOSITIONS, default=self.suggested(), list_options=False
                ),
                self.take_disposition,
                intro=self.wrapup_intro,
                restore=lambda: d.disposition,
            ),
            self.step(
                "notes",
                FieldPrompt(LABEL[CallStep.NOTES], limit=NOTE_MAX),
                self.take_notes,
                restore=lambda: d.notes,
            ),
        ]

    def say_status(self, number: str) -> None:
        r = get_request(self.ctx, number=number)
        self.io.lines(status_lines(r, self.ctx.zone, now=self.now()))
        self.desk.status_given()

    # ------------------------------------------------------------------ purpose
    def take_purpose(self, purpose: str) -> FlowResult:
        d = self.draft
        wrap_up = self.desk.take_purpose(purpose)
        if d.call_id is not None:
            calls.set_caller(self.ctx, call_id=d.call_id, caller=d.caller())
        return Goto("disposition") if wrap_up else None

    # ------------------------------------------------------------------ wrap-up
    def suggested(self) -> str:
        return self.desk.suggested()

    def wrapup_intro(self) -> list[str]:
        d = self.draft
        if d.call_id is not None:
            with contextlib.suppress(CscError):  # the wrap-up saves the end time anyway
                calls.end_conversation(self.ctx, call_id=d.call_id, now=self.now())
        asked = topics_line(self.ctx.catalog, d.topic_codes())
        return [
            *self.relay.wrapup_lines(),
            *([asked] if asked else []),
            wrap_up_line(self.suggested(), change="help lists the others"),
        ]

    def take_disposition(self, value: str) -> FlowResult:
        self.draft.disposition = value
        return None

    def take_notes(self, text: str) -> FlowResult:
        self.draft.notes = text
        self.keep_draft()
        return self.saving(self.end_call, "ending the call")

    def end_call(self) -> FlowResult:
        now = self.now()
        answered = self.call.answered_at if self.call and self.call.answered_at else now
        done = self.desk.finish(self.ctx, answered=answered, now=now)
        self.closed = True
        self.drop_draft()
        self.io.status(ended_line(done))
        return FINISH

    def take_retry(self, yes: bool) -> FlowResult:
        action = self.retry_action
        if action is None:
            return Goto("disposition")
        if not yes:
            self.kept = True
            return CANCEL
        flow = action()  # a second failure is said and this question asked again
        self.retry_action = None
        return flow

    def cancel_call(self) -> None:
        """``cancel`` (confirmed): the call is closed without the rest of the intake."""
        try:
            said = self.desk.cancel(self.ctx, now=self.now())
        except CscError as exc:
            self.io.error(f"The call could not be closed in the database: {exc}")
            said = self.desk.cancelled_line()
        self.closed = True
        self.drop_draft()
        self.io.status(said)
