"""What the Inbox dialogs share: the message in one line at the top, a labelled field helper,
OK / Cancel buttons, Ctrl+S to save, and the save in a worker. A dialog returns the words to
say when it saved (the screen says them and reloads), or None when closed without saving."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Input, Static

from csc_console.screens.base import CscModal
from csc_console.screens.inbox.jobs import InboxJobs
from csc_console.widgets.entry import TextField
from csc_console.widgets.fields import LabelledField
from csc_console.widgets.text import literal

if TYPE_CHECKING:
    from csc_console.services.inbox import MessagePublic


def text_field(label: str, *, value: str = "", id: str, max_length: int = 0) -> LabelledField:  # noqa: A002
    return LabelledField(
        label, TextField(value=value, id=id, max_length=max_length), id=f"{id}-field"
    )


class InboxDialog(InboxJobs, CscModal[str | None]):
    ok_label: str = "Save"
    BINDINGS: ClassVar[list[Any]] = [
        Binding("escape", "close", "Close this dialog", id="close-dialog"),
        Binding("ctrl+s", "submit", "Save (same as the first button)", id="inbox-dialog-save"),
    ]

    def __init__(self, message: MessagePublic) -> None:
        super().__init__(classes="inbox-dialog")
        self.message = message

    def about(self) -> ComposeResult:
        from csc_console.desks.inbox import about_line

        yield Static(literal(about_line(self.message)), classes="inbox-about", markup=False)

    def buttons(self) -> ComposeResult:
        with Horizontal(classes="buttons"):
            yield Button(self.ok_label, id="ok", variant="primary")
            yield Button("Cancel", id="cancel")

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.submit()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def action_submit(self) -> None:
        self.submit()

    def submit(self) -> None:
        raise NotImplementedError
