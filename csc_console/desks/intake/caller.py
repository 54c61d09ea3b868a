"""The caller of a call: the phone number and the caller it finds, the name ("anonymous"
records none) and the other details, each checked. A mixin of ``CallDesk``: it uses the desk's
draft, the caller the number found and whether the CSR is changing that caller's details."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from csc_console.desks.intake.call_say import ANONYMOUS, NO_PHONE, new_caller_line
from csc_console.services.callers import CallerInput, clean_caller
from csc_console.services.phones import parse_phone
from csc_console.services.text import clean_text

if TYPE_CHECKING:
    from csc_console.services.callers import CallerHistory
    from csc_console.services.intake import CallDraft

DETAIL_LIMITS = {"caller_address": 300, "preferred_callback": 200, "language": 40}
DETAIL_FIELDS = {
    "caller_address": "caller's address",
    "preferred_callback": "preferred call-back",
    "language": "language",
}


@dataclass(frozen=True)
class PhoneTaken:
    """What the phone number did: the number as shown (empty: none), whether it is another
    number than before (the caller's details were cleared), and what to say."""

    phone: str
    changed: bool
    said: str | None


class CallerRules:
    draft: CallDraft
    known: CallerHistory | None
    change_details: bool

    def take_phone(self, typed: str) -> PhoneTaken:
        """The caller's number as typed (``ValidationError`` says why it is wrong). Another
        number than before clears the caller's details: they were another caller's."""
        d = self.draft
        typed = typed.strip()
        shown = parse_phone(typed).display if typed else ""
        changed = shown != d.phone
        if changed and d.phone:
            self.reset_caller()
        d.phone = shown
        return PhoneTaken(shown, changed, None if shown else NO_PHONE)

    def reset_caller(self) -> None:
        d = self.draft
        d.name = d.email = d.caller_address = d.preferred_callback = d.language = ""
        d.anonymous = False
        self.known, self.change_details = None, False

    def take_known(self, phone: str, known: CallerHistory | None) -> str | None:
        """The caller the number found (None: a new caller): their details fill the ones not
        typed yet. What to say, or None when the number changed meanwhile."""
        d = self.draft
        if d.phone != phone:
            return None
        self.known = known
        if known is None:
            return new_caller_line(phone)
        c = known.caller
        d.name = d.name or c.name or ""
        d.email = d.email or c.email or ""
        d.caller_address = d.caller_address or c.address or ""
        d.preferred_callback = d.preferred_callback or c.preferred_callback or ""
        d.language = d.language or c.language or ""
        d.anonymous = c.anonymous
        return None

    def take_name(self, typed: str) -> str | None:
        """The caller's name; "anonymous" records none. What to say, if anything."""
        d = self.draft
        if typed.strip().lower() == "anonymous":
            return self.take_anonymous(True)
        d.name = clean_caller(CallerInput(name=typed)).name or ""
        d.anonymous = False
        return None

    def take_anonymous(self, anonymous: bool) -> str | None:
        d = self.draft
        d.anonymous = anonymous
        if not anonymous:
            return None
        d.name = ""
        return ANONYMOUS

    def take_detail(self, attr: str, typed: str) -> str:
        """One of the caller's other details (``email``, ``caller_address``,
        ``preferred_callback``, ``language``), checked; the value kept."""
        if attr == "email":
            value = clean_caller(CallerInput(email=typed)).email or ""
        else:
            value = clean_text(typed, field=DETAIL_FIELDS[attr], max_length=DETAIL_LIMITS[attr])
        setattr(self.draft, attr, value)
        return value

    def caller_request(self) -> str | None:
        """The caller's first open request (a follow-up's default)."""
        known = self.known
        return known.open_requests[0].number if known and known.open_requests else None
