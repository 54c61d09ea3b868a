"""Intake in screen-reader mode: answer a call, take it from caller to wrap-up, and be ready
for the next one with one Enter.

On entering, an unfinished call kept as a draft (the terminal closed, the console crashed, the
database went away) is offered back: "An unfinished call from 9:05 AM with Jane Caller,
(626) 555-0101, Potholes." and "Resume it, yes or no, default yes". Then the ready prompt::

    Status: No call in progress.
    1. Phone
    ...
    Answer, 1 to 5, default 1:

Enter answers a phone call (the other channels are a number or a name away); ``call.CallFlow``
runs the call; after the wrap-up: "Status: Ready for the next call." and the ready prompt again.
``back`` or ``cancel`` at the ready prompt returns to the menu; ``time`` at any prompt of a
call says the handle time so far. The golden transcripts in tests/linear/transcripts/intake_*
show whole calls.
"""

from __future__ import annotations

from dataclasses import dataclass

import csc_console.linear.workspaces  # noqa: F401 - registers the placeholder replaced below
from csc_console.desks.intake.call_say import NO_CALL, NO_HANDLE_TIME, READY, answered_line
from csc_console.desks.intake.resume import close_unfinished, find_unfinished
from csc_console.errors import CscError
from csc_console.linear.ask import Back, Cancel, Command, Scope, ask
from csc_console.linear.intake.call import CallFlow
from csc_console.linear.menu import menu_entry
from csc_console.linear.prompts import ChoicePrompt, Option, YesNoPrompt
from csc_console.linear.workflow import Outcome, Workflow
from csc_console.services import calls, intake
from csc_console.services.calls import CallPublic
from csc_console.services.intake import CallDraft
from csc_console.vocab import Channel

CHANNELS = [
    Option(c.value, c.label)
    for c in (Channel.PHONE, Channel.RELAY, Channel.WALK_IN, Channel.VOICEMAIL, Channel.EMAIL)
]
ANSWER_HELP = (
    "Enter alone answers a phone call; type a number or a name for relay, walk-in, voicemail "
    "or email. The handle time starts now."
)


@dataclass
class Taken:
    draft: CallDraft
    call: CallPublic | None


@menu_entry("intake", "Intake", "take a call and record what it is about.", order=10, replace=True)
class IntakeWorkspace(Workflow):
    title = "Intake"

    def has_unsaved_data(self) -> bool:
        return False  # the call in progress is its own workflow, kept as a draft

    def run(self) -> Outcome:
        first = True
        recovered = self.recover()
        if recovered is False:
            return Outcome.DONE
        if isinstance(recovered, Taken):
            if not self.take(recovered, resume=True):
                return Outcome.DONE
        else:
            self.io.status(NO_CALL)
        while True:
            taken = self.answer(list_options=first, tip=first)
            if taken is None:
                return Outcome.DONE
            first = False
            if not self.take(taken, resume=False):
                return Outcome.DONE

    # ------------------------------------------------------------------ one call
    def take(self, taken: Taken, *, resume: bool) -> bool:
        """Run the call; True when the console is ready for the next one."""
        flow = CallFlow(self.session, taken.draft, call=taken.call, resume=resume)
        outcome = self.session.run(flow)
        if flow.kept:
            return False
        if outcome is Outcome.FAILED and not flow.closed:
            self.io.status("The call is kept; Intake offers it again when you come back.")
            return False
        self.io.status(READY)
        return True

    def answer(self, *, list_options: bool, tip: bool) -> Taken | None:
        """The ready prompt; None to go back to the menu."""
        io = self.io
        prompt = ChoicePrompt(
            "Answer",
            CHANNELS,
            default=Channel.PHONE.value,
            hint=ANSWER_HELP,
            list_options=list_options,
        )
        scope = Scope(
            back_help="return to the menu.",
            cancel_help="return to the menu.",
            quit_help="leave csc-console.",
            commands=(
                Command(
                    "time",
                    "say the handle time of the call in progress.",
                    lambda: io.say(NO_HANDLE_TIME),
                ),
            ),
            confirm_quit=self.session.confirm_quit,
        )
        draft = CallDraft()
        current: str | None = None
        while True:
            try:
                channel = ask(io, prompt, current=current, scope=scope, intro=current is None)
            except (Back, Cancel):
                io.status("Left Intake.")
                return None
            draft.channel = channel
            try:
                call = calls.start_call(
                    self.ctx, channel=channel, client_key=draft.call_key, now=self.session.now()
                )
            except CscError as exc:
                io.error(str(exc))
                current = channel
                continue
            draft.call_id = call.id
            try:
                intake.save_draft(self.ctx, draft)
            except OSError as exc:
                io.error(f"The call cannot be kept as a draft on this computer ({exc}).")
            line = answered_line(channel, call.answered_at or self.session.now(), self.ctx.zone)
            io.status(line + (" Type time at any prompt for the handle time." if tip else ""))
            return Taken(draft, call)

    # ------------------------------------------------------------------ drafts
    def recover(self) -> Taken | bool | None:
        """Offer an unfinished call back: a ``Taken`` to resume it, None to go on to the ready
        prompt, False to go back to the menu (the draft stays)."""
        io, ctx = self.io, self.ctx
        try:
            found = find_unfinished(ctx, now=self.session.now())
        except OSError as exc:
            io.error(f"The unfinished call could not be read ({exc}).")
            return None
        if found is None:
            return None
        draft, call = found.draft, found.call
        if found.problem:
            io.error(found.problem)
        io.say(found.line)
        scope = Scope(
            back_help="return to the menu; the unfinished call stays kept.",
            cancel_help="return to the menu; the unfinished call stays kept.",
            quit_help="leave csc-console; the unfinished call stays kept.",
            extra_help=("Yes resumes the call where it was left; no closes it.",),
            confirm_quit=self.session.confirm_quit,
        )
        try:
            resume = ask(io, YesNoPrompt("Resume it", default=True), scope=scope)
        except (Back, Cancel):
            io.status("Left Intake; the unfinished call stays kept.")
            return False
        if resume:
            return Taken(draft, call)
        try:
            said = close_unfinished(ctx, draft, now=self.session.now())
        except CscError as exc:
            io.error(f"The call could not be closed in the database: {exc}")
            io.status("The unfinished call stays kept; Intake offers it again.")
            return None
        io.status(said)
        return None
