"""Add a note to a work order's history (shown literally, whatever it contains)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input

from csc_console.db.models import NOTE_MAX
from csc_console.screens.work_orders.form import EditDialog, text_field
from csc_console.services.workorders import Change, WorkOrderPublic


class NoteDialog(EditDialog):
    ok_label = "Add note"

    def __init__(self, wo: WorkOrderPublic) -> None:
        super().__init__(wo)
        self.a11y_title = f"Add a note to {wo.number}"

    def compose_dialog(self) -> ComposeResult:
        yield text_field("Note", id="note-text", max_length=NOTE_MAX)
        yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#note-text", Input).focus()

    def submit(self) -> None:
        note = self.query_one("#note-text", Input).value
        if not note.strip():
            self.host.show_error("Type the note first; Escape closes without adding one.")
            return
        self.apply(Change(note=note), f"Note added to {self.wo.number}.")
