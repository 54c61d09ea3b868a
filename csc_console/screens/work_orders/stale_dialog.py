"""Someone else changed the work order first: what they changed beside what you asked for.

The text you typed (note, reason or resolution) is kept in a field you can still edit. "Apply
mine again" saves your change on top of theirs (the service checks it against the status the
work order has now); "Discard mine" keeps theirs. Should a third person be quicker again, the
dialog shows their change in turn.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Input, Static

from csc_console.db.types import utcnow
from csc_console.desks.workorders.detail import change_lines, saved_line, their_change_lines
from csc_console.desks.workorders.words import YOUR_CHANGE
from csc_console.errors import CscError, StaleEditError
from csc_console.screens.work_orders.form import EditResult, Saved, WoDialog, text_field
from csc_console.services.workorders import Change, WorkOrderPublic, update_work_order
from csc_console.widgets.lists import ReadList
from csc_console.widgets.text import literal

if TYPE_CHECKING:
    from csc_console.services.context import Ctx


def typed_field(change: Change) -> tuple[str, str] | None:
    """The change's typed text: (which field, the text)."""
    for name in ("resolution", "reason", "note"):
        value = getattr(change, name)
        if value:
            return name, value
    return None


LABELS = {"resolution": "Your resolution", "reason": "Your reason", "note": "Your note"}


class StaleDialog(WoDialog[EditResult]):
    """Result: ``Saved`` (yours applied on top) or ``Discarded`` (theirs kept: ``None`` means the
    dialog was closed, which also keeps theirs)."""

    ok_label = "Apply mine again"

    def __init__(
        self, before: WorkOrderPublic, current: WorkOrderPublic, change: Change, message: str
    ) -> None:
        super().__init__(classes="wo-dialog stale-dialog")
        self.before = before
        self.current = current
        self.change = change
        self.message = message
        self.a11y_title = f"{current.number} was changed by someone else"
        self.typed = typed_field(change)

    def compose_dialog(self) -> ComposeResult:
        yield Static(literal(self.message), id="stale-message", markup=False)
        yield Static(literal("Their change:"), classes="list-label", markup=False)
        yield ReadList("Their change", self._theirs(), id="stale-theirs")
        yield Static(literal("Your change:"), classes="list-label", markup=False)
        yield ReadList(YOUR_CHANGE, change_lines(self.change), id="stale-mine")
        if self.typed is not None:
            name, value = self.typed
            yield text_field(LABELS[name], value=value, id="stale-text")
        with Horizontal(classes="buttons"):
            yield Button(self.ok_label, id="ok", variant="primary")
            yield Button("Discard mine", id="cancel")

    def _theirs(self) -> list[str]:
        zone = self.host.settings.zone
        return their_change_lines(self.before, self.current, zone=zone, now=utcnow())

    def on_mount(self) -> None:
        self.app.bell()
        self.query_one("#stale-theirs", ReadList).focus()

    def _edited_change(self) -> Change:
        if self.typed is None:
            return self.change
        name, _ = self.typed
        text = self.query_one("#stale-text", Input).value
        return replace(self.change, **{name: text})

    def submit(self) -> None:
        change = self._edited_change()
        number, version = self.current.number, self.current.version

        def call(ctx: Ctx) -> WorkOrderPublic:
            return update_work_order(ctx, number=number, change=change, expected_version=version)

        def refused(error: CscError) -> bool:
            if isinstance(error, StaleEditError) and isinstance(error.current, WorkOrderPublic):
                self._again(error.current, change, str(error))
                return True
            return False

        self.run_job(
            call,
            lambda wo: self.dismiss(Saved(wo, saved_line(wo))),
            refused=refused,
        )

    def _again(self, current: WorkOrderPublic, change: Change, message: str) -> None:
        """A third person was quicker: show their change (your text stays as edited)."""
        self.before, self.current, self.change, self.message = (
            self.current,
            current,
            change,
            message,
        )
        self.query_one("#stale-message", Static).update(literal(message))
        self.query_one("#stale-theirs", ReadList).set_lines(self._theirs())
        self.query_one("#stale-mine", ReadList).set_lines(change_lines(change))
        self.app.bell()
        self.query_one("#stale-theirs", ReadList).focus()

    def action_close(self) -> None:
        self.dismiss(None)
