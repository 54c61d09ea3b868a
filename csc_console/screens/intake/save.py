"""Saving the request (Alt+S, or Enter on the description) or linking the caller to one.

Before anything is written, what the CSR typed is checked where it was typed, and the first
problem is said with the cursor on its field: a caller detail, a required answer, an address
not verified (choose one offered, or keep it not verified), no address nor landmark, a
description over 4,000 characters. Possible duplicates not yet seen for this category and
address are looked up and listed first. The draft is written, then ``create_request`` (or
``link_caller``) runs in a worker; the client key makes a retried save idempotent. A database
that went away keeps everything and offers "Try again" (the error dialog); saying no keeps the
call as a draft (Alt+S tries again later) and queues the request on this workstation
(``screens.live``), written once when the database returns.

After the save: "Request SR-2026-000123 saved. Your number is S R 2 0 2 6 ...; expected by
Tuesday, December 1." in the message bar, the same with the work order, warnings and the
category's script in the wrap-up's result lines, and the cursor on the disposition.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from csc_console.desks.intake.outcome import (
    KEPT_AS_DRAFT,
    SaveOutcome,
    headline,
    read_back,
    result_lines,
    saved_earlier,
)
from csc_console.desks.intake.steps import SAVING_THE_REQUEST
from csc_console.desks.words import THE_REQUEST
from csc_console.errors import CscError, DatabaseUnavailable, ValidationError
from csc_console.screens.error import ErrorModal
from csc_console.screens.intake import text
from csc_console.services import requests
from csc_console.services.text import clean_text, printable

if TYPE_CHECKING:
    from csc_console.screens.intake.desk import Desk
    from csc_console.services.requests import NewRequest, RequestPublic


class Saver:
    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.busy = False

    # ------------------------------------------------------------------ checks
    def problem(self) -> tuple[str, str] | None:
        """The first thing that stops the save: (field id, message; "" when already said)."""
        desk = self.desk
        d = desk.draft
        assert d is not None
        wrong = desk.caller.check_all()
        if wrong is not None:
            return wrong, ""
        found = desk.questions.first_problem()
        if found is not None:
            return found
        place = desk.place
        if not place.store("cross-street"):
            return "cross-street", ""
        typed = desk.widget("address").value.strip()  # type: ignore[attr-defined]
        if typed != place.checked:
            place.check_address(advance=False)
        if d.address and not d.unverified_address and (place.check is None or not place.check.ok):
            return (
                "address-choices",
                "The address is not verified: choose one of the addresses offered, or keep it "
                "as typed, not verified.",
            )
        if not d.address and not d.cross_street:
            return "address", "Give an address, or a cross street or landmark."
        try:
            clean_text(d.description, field="description", max_length=text.DESCRIPTION_MAX,
                       multiline=True)  # fmt: skip
        except ValidationError as error:
            return "description", printable(str(error))
        return None

    def save(self) -> None:
        desk = self.desk
        d = desk.draft
        if d is None:
            desk.notify("No call in progress: Enter or Alt+A answers a call.", "warning")
            return
        if d.saved_request:
            desk.notify(saved_earlier(d.saved_request), "warning")
            desk.wrap_up()
            return
        if d.purpose != "report" or not d.category:
            desk.error("Choose a category first: the caller's words find it.", "words")
            return
        if self.busy:
            return
        found = self.problem()
        if found is not None:
            field, message = found
            if message:
                desk.error(message, field)
            else:
                desk.focus(field)
            return
        place = desk.place
        if d.address and not d.unverified_address and place.dupes_for != (d.category, d.address):
            place.find_duplicates(False, then=self._after_duplicates)
            return
        self._create()

    def _after_duplicates(self) -> None:
        if self.desk.place.dupes:
            return  # listed, with the cursor on them: link one, or "Create a new request"
        self._create()

    # ------------------------------------------------------------------ writing
    def _create(self) -> None:
        desk = self.desk
        d = desk.draft
        assert d is not None
        desk.flush_draft()
        new, now = d.new_request(), desk.now()
        self.busy = True
        desk.run_job(
            "save",
            lambda ctx: requests.create_request(ctx, new, now=now),
            self._created,
            failed=lambda error: self._failed(error, self._create, SAVING_THE_REQUEST, new),
        )

    def link(self, number: str) -> None:
        desk = self.desk
        d = desk.draft
        if d is None or self.busy:
            return
        if d.saved_request:
            self.save()  # says it was saved already
            return
        d.link_to = number
        desk.flush_draft()
        caller, call_id, now = d.caller(), d.call_id, desk.now()
        self.busy = True
        desk.run_job(
            "save",
            lambda ctx: requests.link_caller(
                ctx, number=number, caller=caller, call_id=call_id, now=now
            ),
            self._linked,
            failed=lambda error: self._failed(error, lambda: self.link(number), "linking"),
        )

    def _queue(self, new: NewRequest) -> None:
        """Queue the request in the outbox too: it is written by itself when the database
        returns, and said then. The draft stays: Alt+S finds the request saved (by its client
        key) and wraps the call up."""
        from dataclasses import asdict

        live = getattr(self.desk.screen.app, "live", None)
        if live is not None:
            live.queue("create_request", asdict(new), THE_REQUEST, say=False)

    def _created(self, r: RequestPublic) -> None:
        self._done(SaveOutcome.created(r))

    def _linked(self, r: RequestPublic) -> None:
        self._done(SaveOutcome.linked(r))

    def _done(self, outcome: SaveOutcome) -> None:
        """The save's lines in the wrap-up (the headline also in the message bar), its
        disposition suggested, and the cursor on the disposition."""
        self.busy = False
        desk = self.desk
        d = desk.draft
        if d is None:
            return
        d.saved_request = outcome.number
        category = desk.questions.category
        zone, now = desk.ctx.zone, desk.now()
        lines = result_lines(outcome, category.script if category else None, zone=zone, now=now)
        desk.wrapup.show_result(lines, read_back(outcome, zone=zone, now=now))
        desk.set_disposition(outcome.disposition.value)
        desk.flush_draft()
        desk.notify(printable(lines[0]))
        desk.wrap_up()

    def _failed(
        self, error: BaseException, again: object, what: str, new: NewRequest | None = None
    ) -> bool:
        self.busy = False
        desk = self.desk
        if isinstance(error, DatabaseUnavailable):
            desk.flush_draft()
            message = f"{printable(str(error))} {KEPT_AS_DRAFT}"
            desk.notify(message, "error")  # logged; rings the bell once
            modal = ErrorModal(message, title=f"Not saved ({what})", retry=True, ring=False)

            def answered(retry: bool | None) -> None:
                if retry and callable(again):
                    again()
                else:
                    if new is not None and new.client_key:
                        self._queue(new)
                        desk.notify(headline(SaveOutcome.queued(), zone=desk.ctx.zone, now=desk.now()))
                    desk.notify("The call is kept as a draft: Alt+S tries the save again.")

            desk.screen.app.push_screen(modal, callback=answered)
            return True
        if isinstance(error, CscError):
            field = getattr(error, "field", None)
            target = text.FIELD_OF_ERROR.get(field or "")
            if field and target is None and desk.questions.question(f"q-{field}") is not None:
                target = f"q-{field}"
            desk.error(printable(str(error)), target)
            return True
        return False
