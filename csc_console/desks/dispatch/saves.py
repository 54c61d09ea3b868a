"""What the dispatcher asked to save, as typed values: a radio line, a correction, a form entry
or a check-in (``Save``), each with its client key (``Pending``).

One place makes the keys (``ClientKeys``): one key per typed text, so Enter again after a
failure (or a replay from the outbox) never logs a line twice; a check-in is a new key each
time (each press is its own check-in). One place runs the service call (``run``), builds the
outbox payload (``Pending.payload``, read back by ``services.outbox``) and names the save in
the "kept on this workstation" sentence (``Save.what``)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from csc_console.services.text import printable

if TYPE_CHECKING:
    from csc_console.services.context import Ctx
    from csc_console.services.dispatch import LogResult

OUTBOX_KIND = "radio"


@dataclass(frozen=True)
class FormFields:
    """The radio entry form's fields as typed (checked when saved, like a typed line)."""

    unit: str
    status: str | None
    work_order: str = ""
    message: str = ""
    location: str = ""
    to_unit: bool = False


@dataclass(frozen=True)
class RadioLine:
    """A line typed at the radio command line: ``PW12 os WO-2026-000123 patched``."""

    text: str

    @property
    def what(self) -> str:
        return f"the radio entry {printable(self.text)!r}"

    def fields(self) -> dict[str, object]:
        return {"text": self.text}

    def run(self, ctx: Ctx, key: str, now: datetime | None) -> LogResult:
        from csc_console.services import dispatch

        return dispatch.log_command(ctx, self.text, client_key=key, now=now)


@dataclass(frozen=True)
class Correction:
    """A correction of log entry ``entry_id``: a new entry that names it."""

    entry_id: int
    text: str

    @property
    def what(self) -> str:
        return f"the correction of entry {self.entry_id}"

    def fields(self) -> dict[str, object]:
        return {"text": self.text, "corrects": self.entry_id}

    def run(self, ctx: Ctx, key: str, now: datetime | None) -> LogResult:
        from csc_console.services import dispatch

        return dispatch.correct_entry(
            ctx, entry_id=self.entry_id, text=self.text, client_key=key, now=now
        )


@dataclass(frozen=True)
class FormEntry:
    """An entry made field by field."""

    form: FormFields

    @property
    def what(self) -> str:
        return f"the radio entry for {printable(self.form.unit.strip().upper())}"

    def fields(self) -> dict[str, object]:
        f = self.form
        values = {
            "unit": f.unit,
            "status": f.status,
            "work_order": f.work_order,
            "message": f.message,
            "location": f.location,
            "to_unit": f.to_unit,
        }
        return {"text": repr(f), "form": values}

    def run(self, ctx: Ctx, key: str, now: datetime | None) -> LogResult:
        from csc_console.services import dispatch, radio_desk

        f = self.form
        cmd = radio_desk.form_command(
            ctx,
            unit=f.unit,
            status=f.status,
            work_order=f.work_order or None,
            message=f.message,
            location=f.location or None,
            to_unit=f.to_unit,
        )
        return dispatch.log_entry(ctx, cmd, client_key=key, now=now)


@dataclass(frozen=True)
class CheckIn:
    """The unit answered a check-in (its stale clock restarts)."""

    unit: str

    @property
    def what(self) -> str:
        return f"the check-in of {printable(self.unit)}"

    def fields(self) -> dict[str, object]:
        return {"text": self.unit, "check_in": self.unit}

    def run(self, ctx: Ctx, key: str, now: datetime | None) -> LogResult:
        from csc_console.services import dispatch

        return dispatch.check_in(ctx, unit=self.unit, client_key=key, now=now)


Save = RadioLine | Correction | FormEntry | CheckIn


@dataclass(frozen=True)
class Pending:
    """One save waiting its turn, with its client key."""

    save: Save
    key: str

    def run(self, ctx: Ctx, now: datetime | None) -> LogResult:
        return self.save.run(ctx, self.key, now)

    def payload(self, at: datetime) -> dict[str, object]:
        """The outbox payload: written once, at the time it was heard, when the database is back."""
        return {**self.save.fields(), "client_key": self.key, "at": at.isoformat()}


class ClientKeys:
    """The client-key rule (see the module documentation)."""

    def __init__(self) -> None:
        self._keys: dict[Save, str] = {}

    def pending(self, save: Save) -> Pending:
        if isinstance(save, CheckIn):
            return Pending(save, uuid.uuid4().hex)
        return Pending(save, self._keys.setdefault(save, uuid.uuid4().hex))

    def done(self, pending: Pending) -> None:
        """Saved, or kept for later: the same text typed again is a new entry."""
        if self._keys.get(pending.save) == pending.key:
            del self._keys[pending.save]
