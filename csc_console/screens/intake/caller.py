"""Who is calling: phone, name, email, address, call-back, language, anonymous; their history.

The phone number is checked when the CSR leaves the field or presses Enter (an error goes to
the message bar; what was typed stays) and shown in the US format. A known number fills the
caller's details and lists their open requests and earlier calls ("Caller's requests and
calls", Alt+Y), read again in place when another console saves a request or call; Enter on an open request gives its status (status, department, expected date,
last note) without leaving the call. Enter on the phone goes on to the caller's name for a new
caller, and straight to what the call is about for a known one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Checkbox, Input, OptionList, Static

from csc_console.desks.intake.say import brief_line, caller_lines
from csc_console.desks.intake.steps import LABEL, Step
from csc_console.desks.readback import status_lines
from csc_console.errors import CscError, ValidationError
from csc_console.screens.intake import text
from csc_console.services.callers import CallerHistory, lookup_by_phone
from csc_console.services.requests import get_request
from csc_console.services.text import printable
from csc_console.widgets.entry import TextField
from csc_console.widgets.fields import LabelledField
from csc_console.widgets.lists import ReadList
from csc_console.widgets.text import literal
from csc_console.widgets.toggles import CheckBox

if TYPE_CHECKING:
    from collections.abc import Callable

    from csc_console.screens.intake.desk import Desk
    from csc_console.screens.live import LiveBatch
    from csc_console.services.intake import CallDraft

LOOKUP = "caller lookup"  # what the keys wait for after Enter on the phone
#: field id -> (draft attribute, label, limit)
DETAILS = {
    "name": ("name", LABEL[Step.NAME], text.NAME_MAX),
    "email": ("email", LABEL[Step.EMAIL], text.EMAIL_MAX),
    "caller-address": ("caller_address", LABEL[Step.CALLER_ADDRESS], text.ADDRESS_MAX),
    "callback": ("preferred_callback", LABEL[Step.CALLBACK], text.NAME_MAX),
    "language": ("language", LABEL[Step.LANGUAGE], text.LANGUAGE_MAX),
}


class CallerPanel(Vertical):
    def __init__(self, desk: Desk, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.desk = desk
        self._checked: dict[str, str] = {}
        self._requests: list[str] = []

    def applies(self) -> bool:
        return True

    def compose(self) -> ComposeResult:
        yield Static(literal("Caller"), classes="section-title", markup=False)
        yield LabelledField(LABEL[Step.PHONE], TextField(id="phone", max_length=text.PHONE_MAX))
        for field, (_, label, limit) in DETAILS.items():
            yield LabelledField(label, TextField(id=field, max_length=limit))
            if field == "name":
                yield CheckBox("Anonymous caller", id="anonymous")
        yield ReadList("Caller's requests and calls", empty="None on file.", id="history")
        yield ReadList("Request status", empty="No status asked for yet.", id="caller-status")

    # ------------------------------------------------------------------ live updates
    def on_mount(self) -> None:
        live = getattr(self.app, "live", None)
        if live is not None:
            live.listeners.append(self.live_changed)

    def on_unmount(self) -> None:
        live = getattr(self.app, "live", None)
        if live is not None and self.live_changed in live.listeners:
            live.listeners.remove(self.live_changed)

    def live_changed(self, batch: LiveBatch) -> None:
        """Another console saved a request or call: read the caller's history again (in
        place: no message, the cursor and the typed details stay)."""
        if self.desk.known is None or not self.screen.is_current:
            return
        if batch.touches("service_request", "request_caller", "call"):
            self.refresh_known()

    # ------------------------------------------------------------------ loading
    def load(self, draft: CallDraft) -> None:
        live = getattr(self.app, "live", None)
        if live is not None and self.live_changed not in live.listeners:
            live.listeners.append(self.live_changed)  # signed in after this panel was made
        self._checked = {}
        self.query_one("#phone", TextField).value = draft.phone
        if draft.phone:
            self._checked["phone"] = draft.phone
        for field, (attr, _, _) in DETAILS.items():
            value = getattr(draft, attr)
            self.query_one(f"#{field}", TextField).value = value
            self._checked[field] = value
        self.query_one("#anonymous", CheckBox).value = draft.anonymous
        self._show_history(None)
        self.query_one("#caller-status").display = False

    def refresh_known(self) -> None:
        """A resumed call: list the caller's history again (the typed details stay)."""
        d = self.desk.draft
        if d is not None and d.phone:
            self._lookup(d.phone, advance=False, fill=False)

    # ------------------------------------------------------------------ the phone
    @on(Input.Submitted, "#phone")
    def _phone_entered(self) -> None:
        self.check_phone(advance=True)

    @on(Input.Blurred, "#phone")
    def _phone_left(self) -> None:
        self.check_phone(advance=False)

    def check_phone(self, *, advance: bool) -> bool:
        d = self.desk.draft
        field = self.query_one("#phone", TextField)
        typed = field.value.strip()
        cd = self.desk.cd
        if d is None or cd is None or (not advance and typed == self._checked.get("phone", "")):
            return True
        had = d.phone
        try:
            taken = cd.take_phone(typed)
        except ValidationError as error:
            self.desk.error(printable(str(error)))
            return False
        if taken.changed and had:
            self._show_caller()  # another number: the details were the other caller's
        self._checked["phone"] = taken.phone
        self.desk.changed()
        if not taken.phone:
            if advance:
                self.desk.notify(taken.said or "")
                self.desk.go_on(Step.PHONE)
            return True
        field.value = taken.phone
        field.cursor_position = len(taken.phone)
        self._lookup(taken.phone, advance=advance, fill=True)
        return True

    def _show_caller(self) -> None:
        """The caller's fields as the draft holds them now."""
        d = self.desk.draft
        assert d is not None
        for field, (attr, _, _) in DETAILS.items():
            value = getattr(d, attr)
            self.query_one(f"#{field}", TextField).value = value
            self._checked[field] = value
        self.query_one("#anonymous", CheckBox).value = d.anonymous
        self._show_history(self.desk.known)

    def _lookup(self, phone: str, *, advance: bool, fill: bool) -> None:
        if advance:
            # Where the cursor goes next depends on who is calling: the keys typed meanwhile
            # wait for it (they are the name, or the caller's words), for a moment at most.
            keys = getattr(self.app, "key_order", None)
            if keys is not None:
                keys.hold(LOOKUP, on_timeout=self._move_on_unknown)

        def found(known: CallerHistory | None) -> None:
            try:
                self._found(phone, known, advance=advance, fill=fill)
            finally:
                self._keys_go_on()

        def failed(error: BaseException) -> bool:
            if advance:
                self._move_on_unknown()  # the call goes on without the history
            return self._lookup_failed(error)

        self.desk.run_job(
            "caller", lambda ctx: lookup_by_phone(ctx, phone=phone), found, failed=failed
        )

    def _keys_go_on(self) -> None:
        keys = getattr(self.app, "key_order", None)
        if keys is not None:
            keys.release(LOOKUP)

    def _move_on_unknown(self) -> None:
        """The caller's history is slow to come: go on as for a new caller (the details fill
        in when it comes, where nothing was typed)."""
        if self.screen.focused is self.query_one("#phone"):
            self.desk.go_on(Step.PHONE)

    def _lookup_failed(self, error: BaseException) -> bool:
        self._keys_go_on()
        if not isinstance(error, CscError):
            return False
        self.desk.error(f"The caller's history could not be read: {printable(str(error))}")
        return True

    def _found(self, phone: str, known: CallerHistory | None, *, advance: bool, fill: bool) -> None:
        d, cd = self.desk.draft, self.desk.cd
        if d is None or cd is None or d.phone != phone:
            return  # another number was typed meanwhile
        if fill:
            said = cd.take_known(phone, known)
            self._show_caller()
            self.desk.changed()
        else:
            said, cd.known = None, known
            self._show_history(known)
        on_phone = self.screen.focused is self.query_one("#phone")
        if known is None:
            if said:
                self.desk.notify(said)
            if advance and on_phone:
                self.desk.go_on(Step.PHONE)
            return
        lines = caller_lines(
            self.desk.catalog, known, zone=self.desk.ctx.zone, now=self.desk.now(),
            this_call=d.call_id,
        )  # fmt: skip
        if fill:
            count = next((line for line in lines if "open requests" in line.lower()), "")
            self.desk.notify(printable(f"{lines[0]} {count}".strip()))
        if advance and on_phone:
            self.desk.go_on(Step.PHONE)

    def _show_history(self, known: CallerHistory | None) -> None:
        history = self.query_one("#history", ReadList)
        history.display = known is not None
        self._requests = []
        if known is None:
            history.set_lines([])
            return
        desk = self.desk
        zone, now = desk.ctx.zone, desk.now()
        lines = [printable(brief_line(desk.catalog, r, zone, now)) for r in known.open_requests]
        self._requests = [r.number for r in known.open_requests]
        this_call = desk.draft.call_id if desk.draft is not None else None
        said = caller_lines(desk.catalog, known, zone=zone, now=now, this_call=this_call)
        lines += [
            printable(line) for line in said[1:] if not line.startswith(("Open requests", "SR-"))
        ]
        history.set_lines(lines)

    # ------------------------------------------------------------------ status of a request
    @on(OptionList.OptionSelected, "#history")
    def _history_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_index >= len(self._requests):
            self.desk.notify("Choose one of the open requests (the first lines) for its status.")
            return
        self.status_of(self._requests[event.option_index], "caller-status")

    def status_of(self, number: str, target: str, after: Callable[[], None] | None = None) -> None:
        desk = self.desk
        now = desk.now()

        def read(ctx: Any) -> list[str]:
            return status_lines(get_request(ctx, number=number), ctx.zone, now=now)

        def show(lines: list[str]) -> None:
            shown = self.screen.query_one(f"#{target}", ReadList)
            shown.set_lines([printable(line) for line in lines])
            shown.display = True
            desk.notify(printable(" ".join(lines)))
            if desk.cd is not None:
                desk.cd.status_given()
                desk.wrapup.show_disposition()
                desk.changed()
            if after is not None:
                after()

        desk.run_job("status", read, show, failed=self._status_failed)

    def _status_failed(self, error: BaseException) -> bool:
        if not isinstance(error, CscError):
            return False
        self.desk.error(printable(str(error)))
        return True

    # ------------------------------------------------------------------ the other details
    @on(Input.Submitted, "#name, #email, #caller-address, #callback, #language")
    def _detail_entered(self, event: Input.Submitted) -> None:
        field = event.input.id or ""
        if self.check_detail(field):
            self.desk.go_on(text.STEP_OF[field])

    @on(Input.Blurred, "#name, #email, #caller-address, #callback, #language")
    def _detail_left(self, event: Input.Blurred) -> None:
        self.check_detail(event.input.id or "", quiet_if_same=True)

    def check_detail(self, field: str, *, quiet_if_same: bool = False) -> bool:
        cd = self.desk.cd
        typed = self.query_one(f"#{field}", TextField).value
        if cd is None or (quiet_if_same and typed == self._checked.get(field)):
            return True
        attr = DETAILS[field][0]
        said = None
        try:
            if field == "name":
                said = cd.take_name(typed)
            else:
                cd.take_detail(attr, typed)
        except ValidationError as error:
            self.desk.error(printable(str(error)))
            return False
        self._checked[field] = typed
        if said:  # "anonymous" typed as the name
            self._show_caller()
            self.desk.notify(said)
        self.desk.changed()
        return True

    def check_all(self) -> str | None:
        """Check every caller field now (before a save); the id of the first wrong one."""
        if not self.check_phone(advance=False):
            return "phone"
        for field in DETAILS:
            if not self.check_detail(field, quiet_if_same=True):
                return field
        return None

    @on(Checkbox.Changed, "#anonymous")
    def _anonymous(self, event: Checkbox.Changed) -> None:
        d, cd = self.desk.draft, self.desk.cd
        if d is None or cd is None or d.anonymous == event.value:
            return
        said = cd.take_anonymous(event.value)
        if said:
            self.query_one("#name", TextField).value = ""
            self._checked["name"] = ""
            self.desk.notify(said)
        self.desk.changed()
