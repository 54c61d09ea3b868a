"""The wrap-up: what the call produced, its disposition, notes, and the end of the call.

"Result" lists what a save or a link said (the read-back line first, the work order, warnings,
the category's script to read). The disposition is filled in from what happened (request
created, linked, information provided, status given, referred, transferred to 911; otherwise
no action) and can be changed by number. Enter on the disposition goes to the notes; Enter on
the notes (or Alt+K anywhere) ends the call: the wrap-up and the handle time are saved, the
draft is dropped, the handle time is said, and the screen is ready for the next call with the
cursor on "Answer". A database that went away keeps the call and offers "Try again".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static

from csc_console.desks.intake.call_say import NO_CALL
from csc_console.desks.intake.outcome import KEPT_AS_DRAFT, resumed_saved
from csc_console.desks.intake.steps import LABEL, Step
from csc_console.desks.readback import readback
from csc_console.errors import CscError, DatabaseUnavailable, ValidationError
from csc_console.screens.error import ErrorModal
from csc_console.screens.intake import text
from csc_console.services import intake
from csc_console.services.requests import get_request
from csc_console.services.text import clean_text, printable
from csc_console.vocab import Disposition
from csc_console.widgets.choices import ChoiceList
from csc_console.widgets.entry import TextField
from csc_console.widgets.fields import LabelledField
from csc_console.widgets.lists import ReadList
from csc_console.widgets.text import literal

if TYPE_CHECKING:
    from csc_console.screens.intake.desk import Desk
    from csc_console.services.calls import CallPublic
    from csc_console.services.context import Ctx
    from csc_console.services.intake import CallDraft


class WrapUpPanel(Vertical):
    def __init__(self, desk: Desk, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.desk = desk
        self.read_back = ""
        self.ending = False

    def applies(self) -> bool:
        return True

    def compose(self) -> ComposeResult:
        yield Static(literal("Wrap-up"), classes="section-title", markup=False)
        yield ReadList("Result", id="result-lines")
        yield LabelledField(
            LABEL[Step.DISPOSITION],
            ChoiceList(LABEL[Step.DISPOSITION], text.DISPOSITIONS, id="disposition"),
            classes="choice-field",
        )
        yield LabelledField(LABEL[Step.NOTES], TextField(id="notes", max_length=text.NOTE_MAX))

    def load(self, draft: CallDraft) -> None:
        self.read_back, self.ending = "", False
        self.query_one("#result-lines", ReadList).set_lines([])
        self.query_one("#result-lines").display = False
        self.query_one("#notes", TextField).value = draft.notes
        self.show_disposition()

    def suggested(self) -> str:
        cd = self.desk.cd
        return cd.suggested() if cd is not None else Disposition.NO_ACTION.value

    def show_disposition(self) -> None:
        self.query_one("#disposition", ChoiceList).set_value(self.suggested())

    def show_result(self, lines: list[str], spoken: str) -> None:
        self.read_back = spoken
        result = self.query_one("#result-lines", ReadList)
        result.set_lines([printable(line) for line in lines])
        result.display = True

    def refresh_saved(self) -> None:
        """A resumed call saved its request already: show its read-back again."""
        d = self.desk.draft
        if d is None or not d.saved_request:
            return
        number, now = d.saved_request, self.desk.now()

        def read(ctx: Ctx) -> str:
            r = get_request(ctx, number=number)
            return readback(r.number, r.due_at, ctx.zone, now=now)

        def show(spoken: str) -> None:
            self.show_result([resumed_saved(number, spoken)], spoken)

        self.desk.run_job("saved", read, show, failed=lambda e: isinstance(e, CscError))

    # ------------------------------------------------------------------ keys
    @on(OptionList.OptionSelected, "#result-lines")
    def _result_read(self) -> None:
        self.desk.focus("disposition")

    @on(ChoiceList.Changed, "#disposition")
    def _disposition(self, event: ChoiceList.Changed) -> None:
        d = self.desk.draft
        if d is not None and isinstance(event.value, str):
            d.disposition = event.value
            self.desk.changed()

    @on(ChoiceList.Accepted, "#disposition")
    def _disposition_done(self) -> None:
        self.desk.focus("notes")

    @on(Input.Changed, "#notes")
    def _notes(self, event: Input.Changed) -> None:
        d = self.desk.draft
        if d is not None and d.notes != event.value:
            d.notes = event.value
            self.desk.changed()

    @on(Input.Submitted, "#notes")
    def _notes_done(self) -> None:
        self.end()

    # ------------------------------------------------------------------ ending
    def end(self) -> None:
        desk = self.desk
        d, cd = desk.draft, desk.cd
        if d is None or cd is None:
            desk.notify(NO_CALL, "warning")
            return
        if self.ending:
            return
        try:
            clean_text(d.notes, field="call notes", max_length=text.NOTE_MAX, multiline=True)
        except ValidationError as error:
            desk.error(printable(str(error)), "notes")
            return
        d.disposition = cd.suggested()
        desk.flush_draft()
        desk.screen.draft_written()
        answered, now = desk.answered_at or desk.now(), desk.now()
        self.ending = True

        def finish(ctx: Ctx) -> CallPublic:
            done = cd.finish(ctx, answered=answered, now=now)
            with desk.draft_lock:
                desk.closed_keys.add(d.call_key)
                intake.clear_draft(ctx)
            return done

        desk.run_job("call", finish, self._ended, failed=self._failed)

    def _ended(self, done: CallPublic) -> None:
        self.ending = False
        self.desk.ended(done)

    def _failed(self, error: BaseException) -> bool:
        self.ending = False
        desk = self.desk
        if isinstance(error, DatabaseUnavailable):
            message = f"{printable(str(error))} {KEPT_AS_DRAFT}"
            desk.notify(message, "error")
            modal = ErrorModal(message, title="Not saved (ending the call)", retry=True, ring=False)
            desk.screen.app.push_screen(
                modal, callback=lambda again: self.end() if again else desk.focus("notes")
            )
            return True
        if isinstance(error, CscError):
            field = text.FIELD_OF_ERROR.get(getattr(error, "field", None) or "", "notes")
            desk.error(printable(str(error)), field)
            return True
        return False
