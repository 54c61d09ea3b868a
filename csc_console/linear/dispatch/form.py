"""The radio entry field by field (``form`` at the ``Radio:`` prompt): unit, status (a numbered
list, "No status, a note" first), work order, message, location; then it is logged like a
typed line (``back`` goes to the previous field, ``cancel`` back to ``Radio:``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from csc_console.desks.dispatch import FormEntry, FormFields, say
from csc_console.desks.workorders.words import WORK_ORDER
from csc_console.errors import ValidationError
from csc_console.linear.prompts import ChoicePrompt, Option, TextPrompt
from csc_console.linear.workflow import Step, Workflow
from csc_console.services import radio_desk
from csc_console.services.radio_grammar import wo_number

if TYPE_CHECKING:
    from csc_console.linear.dispatch import DispatchDesk
    from csc_console.linear.session import LineSession

NOTE = "note"


class RadioFormFlow(Workflow):
    title = say.FORM_TITLE
    noun = "the radio entry"

    def __init__(
        self, session: LineSession, *, desk: DispatchDesk, unit: str | None = None
    ) -> None:
        super().__init__(session)
        self.desk = desk
        if unit:
            self.values["unit"] = radio_desk.check_unit(self.ctx, unit)

    def left_message(self) -> str:
        return say.FORM_LEFT

    def check_unit(self, text: str) -> str:
        return radio_desk.check_unit(self.ctx, text)

    def check_wo(self, text: str) -> str:
        number = wo_number(text.strip())
        if number is None:
            raise ValidationError(say.NOT_A_WO.format(text.strip()))
        return number

    def status_options(self) -> list[Option[str]]:
        return [
            Option(NOTE, say.FORM_NOTE),
            *(Option(s.code, s.name, aliases=s.keys) for s in self.ctx.catalog.dispatch_statuses),
        ]

    def steps(self) -> Sequence[Step]:
        return [
            Step(
                "unit",
                TextPrompt(
                    "Unit",
                    max_length=16,
                    validate=self.check_unit,
                    hint=say.UNIT_HINT,
                ),
            ),
            Step("status", lambda: ChoicePrompt("Status", self.status_options(), default=NOTE)),
            Step(
                "work_order",
                TextPrompt(WORK_ORDER, required=False, max_length=20, validate=self.check_wo),
            ),
            Step("message", TextPrompt("Message", required=False, max_length=4000)),
            Step("location", TextPrompt("Location", required=False, max_length=300)),
        ]

    def finish(self) -> None:
        v = self.values
        status = v.get("status")
        fields = FormFields(
            unit=str(v.get("unit", "")),
            status=None if status in (None, NOTE) else str(status),
            work_order=str(v.get("work_order") or ""),
            message=str(v.get("message") or ""),
            location=str(v.get("location") or ""),
        )
        self.desk.save(FormEntry(fields))
        self.saved = True
