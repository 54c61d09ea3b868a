"""Who is calling: the phone number, the known caller (their open requests, and the status of
one without leaving the call) or the new caller's details.

A known number says the caller and their open requests, one per line, the important part first,
and offers: continue (Enter), change the details, or the status of an open request. A new or
unknown caller is asked name, email, address, preferred call-back and language, each optional
(Enter skips); "anonymous" as the name skips the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from csc_console.db.models import ADDRESS_MAX, NAME_MAX
from csc_console.desks.intake.say import caller_lines
from csc_console.desks.intake.steps import LABEL
from csc_console.desks.intake.steps import Step as CallStep
from csc_console.linear.intake.prompts import FieldPrompt
from csc_console.linear.prompts import ChoicePrompt, Option, Prompt
from csc_console.linear.workflow import STAY, Step
from csc_console.services.callers import lookup_by_phone

if TYPE_CHECKING:
    from csc_console.linear.intake.call import CallFlow, FlowResult

PHONE_MAX = 40  # what a phone number field takes (the service says why a number is wrong)
EMAIL_MAX = 254
LANGUAGE_MAX = 40
OPEN_STATUS_OPTIONS = 5  # open requests offered by number


class CallerSteps:
    def __init__(self, flow: CallFlow) -> None:
        self.flow = flow

    def steps(self) -> list[Step]:
        f, d = self.flow, self.flow.draft

        def text(label: str, value: str, limit: int, hint: str) -> Callable[[], Prompt[Any]]:
            return lambda: FieldPrompt(label, limit=limit, default=value or None, hint=hint)

        return [
            f.step(
                "phone",
                FieldPrompt(
                    LABEL[CallStep.PHONE],
                    limit=PHONE_MAX,
                    hint="Ten digits, such as 626-744-7311; an extension as x12. Enter alone "
                    "for a caller without a number.",
                ),
                self.take_phone,
                restore=lambda: d.phone,
            ),
            f.step(
                "caller",
                self.caller_prompt,
                self.take_caller,
                intro=self.caller_intro,
                restore=lambda: "keep",
            ),
            f.step(
                "name",
                text(
                    LABEL[CallStep.NAME],
                    d.name,
                    NAME_MAX,
                    "Type anonymous for a caller who gives no name.",
                ),
                self.take_name,
                restore=lambda: "anonymous" if d.anonymous else d.name,
            ),
            f.step(
                "email",
                text(LABEL[CallStep.EMAIL], d.email, EMAIL_MAX, "Such as name@example.com."),
                lambda v: self.take_detail("email", v),
                restore=lambda: d.email,
            ),
            f.step(
                "caller_address",
                text(
                    LABEL[CallStep.CALLER_ADDRESS],
                    d.caller_address,
                    ADDRESS_MAX,
                    "Where the caller lives; it is offered as the address of a report.",
                ),
                lambda v: self.take_detail("caller_address", v),
                restore=lambda: d.caller_address,
            ),
            f.step(
                "callback",
                text(
                    LABEL[CallStep.CALLBACK],
                    d.preferred_callback,
                    NAME_MAX,
                    "How and when to call back: phone, email, text, relay, a time of day.",
                ),
                lambda v: self.take_detail("preferred_callback", v),
                restore=lambda: d.preferred_callback,
            ),
            f.step(
                "language",
                text(
                    LABEL[CallStep.LANGUAGE], d.language, LANGUAGE_MAX, "The caller's language, if not English."
                ),
                lambda v: self.take_detail("language", v),
                restore=lambda: d.language,
            ),
        ]

    def take_phone(self, text: str) -> FlowResult:
        f = self.flow
        taken = f.desk.take_phone(text)
        if not taken.phone:
            f.desk.known = None
            f.io.say(taken.said or "")
            return None
        said = f.desk.take_known(taken.phone, lookup_by_phone(f.ctx, phone=taken.phone))
        if said:
            f.io.status(said)
        return None

    def caller_intro(self) -> list[str]:
        f = self.flow
        if f.known is None:
            return []
        return caller_lines(
            f.ctx.catalog,
            f.known,
            zone=f.ctx.zone,
            now=f.now(),
            this_call=f.draft.call_id,
        )

    def caller_prompt(self) -> Prompt[str]:
        f = self.flow
        assert f.known is not None
        c = f.known.caller
        options = [
            Option("keep", f"Continue with {c.name or c.phone or 'this caller'}"),
            Option("change", "Change the caller's details"),
        ]
        options += [
            Option(f"status {r.number}", f"Status of {r.number}")
            for r in f.known.open_requests[:OPEN_STATUS_OPTIONS]
        ]
        return ChoicePrompt("Caller", options, default="keep")

    def take_caller(self, choice: str) -> FlowResult:
        f = self.flow
        if choice.startswith("status "):
            f.say_status(choice.removeprefix("status "))
            return STAY
        f.desk.change_details = choice == "change"
        return None

    def take_name(self, text: str) -> FlowResult:
        said = self.flow.desk.take_name(text)
        if said:
            self.flow.io.status(said)
        return None

    def take_detail(self, attr: str, text: str) -> FlowResult:
        self.flow.desk.take_detail(attr, text)
        return None
