"""The radio entry field by field (``form`` at the ``Radio:`` prompt): unit, status (a numbered
list, "No status, a note" first), work order, message, location; then it is logged like a
typed line (``back`` goes to the previous field, ``cancel`` back to ``Radio:``)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING

from csc_console.errors import ValidationError
from csc_console.linear.prompts import ChoicePrompt, Option, TextPrompt
from csc_console.linear.workflow import Step, Workflow
from csc_console.services import dispatch, radio_desk
from csc_console.services.radio_grammar import wo_number

if TYPE_CHECKING:
    from csc_console.linear.dispatch import DispatchDesk
    from csc_console.linear.session import LineSession

NOTE = "note"


class RadioFormFlow(Workflow):
    title = "Radio entry form"
    noun = "the radio entry"

    def __init__(
        self, session: LineSession, *, desk: DispatchDesk, unit: str | None = None
    ) -> None:
        super().__init__(session)
        self.desk = desk
        self.key = uuid.uuid4().hex
        if unit:
            self.values["unit"] = radio_desk.check_unit(self.ctx, unit)

    def left_message(self) -> str:
        return "Radio entry not logged."

    def check_unit(self, text: str) -> str:
        return radio_desk.check_unit(self.ctx, text)

    def check_wo(self, text: str) -> str:
        number = wo_number(text.strip())
        if number is None:
            raise ValidationError(
                f"{text.strip()!r} is not a work-order number (like WO-2026-000123)."
            )
        return number

    def status_options(self) -> list[Option[str]]:
        return [
            Option(NOTE, "No status, a note"),
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
                    hint="The call sign, as in PW12.",
                ),
            ),
            Step("status", lambda: ChoicePrompt("Status", self.status_options(), default=NOTE)),
            Step(
                "work_order",
                TextPrompt("Work order", required=False, max_length=20, validate=self.check_wo),
            ),
            Step("message", TextPrompt("Message", required=False, max_length=4000)),
            Step("location", TextPrompt("Location", required=False, max_length=300)),
        ]

    def finish(self) -> None:
        v = self.values
        status = v.get("status")
        cmd = radio_desk.form_command(
            self.ctx,
            unit=str(v.get("unit", "")),
            status=None if status in (None, NOTE) else str(status),
            work_order=v.get("work_order") or None,
            message=str(v.get("message") or ""),
            location=v.get("location") or None,
        )
        now = self.session.now()
        form = {"unit": cmd.unit, "status": cmd.status.code if cmd.status else None, "work_order": cmd.work_order or "",
                "message": cmd.message, "location": cmd.location or "", "to_unit": cmd.direction.value == "to_unit"}
        result = self.desk.saved_or_queued(
            lambda: dispatch.log_entry(self.ctx, cmd, client_key=self.key, now=now),
            {"text": repr(form), "client_key": self.key, "at": now.isoformat(), "form": form},
            f"the radio entry for {cmd.unit}",
        )
        self.saved = True
        if result is not None:
            self.desk.after_log(result)
