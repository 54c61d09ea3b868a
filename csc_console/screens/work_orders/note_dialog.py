"""Add a note to a work order's history (shown literally, whatever it contains).

When the database is unreachable the note is queued on this workstation
(``screens.live``) and written when the database returns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Input

from csc_console.db.models import NOTE_MAX
from csc_console.db.types import utcnow
from csc_console.desks.workorders.detail import note_added
from csc_console.errors import CscError, DatabaseUnavailable, StaleEditError
from csc_console.screens.work_orders.form import EditDialog, Saved, Stale, text_field
from csc_console.services.workorders import Change, WorkOrderPublic, update_work_order

if TYPE_CHECKING:
    from csc_console.services.context import Ctx


class NoteDialog(EditDialog):
    first_focus = "note-text"
    ok_label = "Add note"
    title_words = "Add a note to {number}"

    def compose_dialog(self) -> ComposeResult:
        yield text_field("Note", id="note-text", max_length=NOTE_MAX)
        yield from self.buttons()

    def submit(self) -> None:
        note = self.query_one("#note-text", Input).value
        if not note.strip():
            self.host.show_error("Type the note first; Escape closes without adding one.")
            return
        number, version, change = self.wo.number, self.wo.version, Change(note=note)
        now = utcnow()

        def call(ctx: Ctx) -> WorkOrderPublic:
            return update_work_order(
                ctx, number=number, change=change, expected_version=version, now=now
            )

        def refused(error: CscError) -> bool:
            if isinstance(error, StaleEditError) and isinstance(error.current, WorkOrderPublic):
                self.dismiss(Stale(error.current, change, str(error)))
                return True
            live = self.host.live
            if not isinstance(error, DatabaseUnavailable) or live is None:
                return False
            # Kept on this workstation and written when the database returns (once: a replay
            # finds the note by its time and text).
            live.queue("wo_note", {"number": number, "note": note, "at": now.isoformat()},
                       f"the note on {number}")  # fmt: skip
            self.dismiss(None)
            return True

        self.run_job(call, lambda wo: self.dismiss(Saved(wo, note_added(number))), refused=refused)
