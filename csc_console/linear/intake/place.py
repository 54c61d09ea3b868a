"""Where the problem is: the address checked against the city's street file.

Enter takes the caller's address; ``; landmark`` after an address adds a cross street or
landmark; an intersection ("Lake and Colorado") is an address too. A verified address is said
back ("Verified: 1200 N Lake Ave, 91104."); otherwise the street file's message is said as a
warning and its suggestions are numbered choices, with "keep it, not verified" and "type it
again" after them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from csc_console.catalog.addresses import AddressCheck
from csc_console.db.models import ADDRESS_MAX
from csc_console.desks.intake.say import (
    ADDRESS_KEPT,
    KEEP_ADDRESS,
    NO_ADDRESS,
    TYPE_AGAIN,
    address_options,
)
from csc_console.desks.intake.steps import LABEL, LANDMARK_FIELD
from csc_console.desks.intake.steps import Step as CallStep
from csc_console.linear.intake.prompts import FieldPrompt
from csc_console.linear.prompts import ChoicePrompt, Prompt
from csc_console.linear.workflow import Goto
from csc_console.services.text import clean_text

if TYPE_CHECKING:
    from csc_console.linear.intake.call import CallFlow, FlowResult

AGAIN, KEEP = TYPE_AGAIN, KEEP_ADDRESS


class Place:
    def __init__(self, flow: CallFlow) -> None:
        self.flow = flow

    def check(self) -> AddressCheck | None:
        return (
            self.flow.ctx.catalog.street_index.check(self.flow.draft.address)
            if self.flow.draft.address
            else None
        )

    def address_prompt(self) -> Prompt[str]:
        return FieldPrompt(
            LABEL[CallStep.ADDRESS],
            default=self.flow.draft.caller_address or None,
            limit=ADDRESS_MAX,
            hint="A house number and street (1200 N Lake Ave) or an intersection (Lake and "
            "Colorado). Add a cross street or landmark after a semicolon: 1200 N Lake Ave; by "
            "the bus stop. Enter alone takes the caller's address.",
        )

    def take_address(self, text: str) -> FlowResult:
        d, io = self.flow.draft, self.flow.io
        typed, _, landmark = text.partition(";")
        typed = clean_text(typed, field="address", max_length=ADDRESS_MAX)
        if landmark.strip():
            d.cross_street = clean_text(
                landmark, field=LANDMARK_FIELD, max_length=ADDRESS_MAX
            )
        d.unverified_address = False
        d.address = typed
        check = self.check()
        if check is None:
            io.say(NO_ADDRESS)
        elif check.ok:
            d.address = check.address or typed
            io.say(check.message)
        return None

    def needs_fix(self) -> bool:
        check = self.check()
        return check is not None and not check.ok and not self.flow.draft.unverified_address

    def fix_intro(self) -> list[str]:
        check = self.check()
        return [f"Warning: {check.message}"] if check is not None else []

    def fix_prompt(self) -> Prompt[str]:
        check = self.check()
        suggestions = check.suggestions if check is not None else ()
        options = address_options(self.flow.draft.address, suggestions)
        return ChoicePrompt(
            LABEL[CallStep.ADDRESS_FIX], options, default=options[0].value if suggestions else AGAIN
        )

    def take_fix(self, choice: str) -> FlowResult:
        d, io = self.flow.draft, self.flow.io
        if choice == AGAIN:
            return Goto("address")
        if choice == KEEP:
            d.unverified_address = True
            io.say(f"Warning: {ADDRESS_KEPT}")
            return None
        d.address = choice
        check = self.check()
        if check is not None and check.ok:
            d.address = check.address or choice
            io.say(check.message)
            return None
        return Goto("address_fix")

    def take_landmark(self, text: str) -> FlowResult:
        self.flow.draft.cross_street = clean_text(
            text, field=LANDMARK_FIELD, max_length=ADDRESS_MAX
        )
        return None
