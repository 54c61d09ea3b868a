"""Close a message without a reply (spam, a second copy of one already answered)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Input

from csc_console.db.models import NAME_MAX
from csc_console.desks import inbox as desk
from csc_console.screens.inbox.dialog import InboxDialog, text_field

if TYPE_CHECKING:
    from csc_console.services.context import Ctx
    from csc_console.services.inbox import MessagePublic


class CloseDialog(InboxDialog):
    ok_label = desk.SAVE_VERBS[desk.Action.CLOSE]

    def __init__(self, message: MessagePublic) -> None:
        super().__init__(message)
        self.a11y_title = desk.close_title(message)

    def compose_dialog(self) -> ComposeResult:
        yield from self.about()
        yield text_field(desk.WHY_LABEL, id="close-reason", max_length=NAME_MAX)
        yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#close-reason", Input).focus()

    def submit(self) -> None:
        from csc_console.services.inbox_claims import close_message

        reason = self.query_one("#close-reason", Input).value
        if not reason.strip():
            self.host.show_error(desk.SAY_WHY)
            return
        mid = self.message.id

        def call(ctx: Ctx) -> MessagePublic:
            return close_message(ctx, message_id=mid, note=reason)

        self.run_job(call, lambda m: self.dismiss(desk.closed(m)))
