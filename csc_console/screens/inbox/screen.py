"""The Inbox workspace: LiveChat messages, emails and web/app reports waiting for a CSR.

The list reads one message per line, respond-by time first ("Respond by tomorrow 5:00 PM:
LiveChat from Jane Caller, pothole outside..., new" or "OVERDUE, was due Monday 5:00 PM: ...").
The highlighted message is shown in full below, one fact per line (Tab moves there; Up and
Down read it). Keys (also in help, F1, and the palette, Ctrl+P): C claim, U release, R make a
request, I answer with information, F refer elsewhere, X close without a reply, A show answered
messages too, Ctrl+R refresh.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList, Static

from csc_console.desks import inbox as desk
from csc_console.screens.base import WorkspaceScreen
from csc_console.screens.inbox.jobs import InboxJobs
from csc_console.widgets.lists import ReadList
from csc_console.widgets.text import literal

if TYPE_CHECKING:
    from csc_console.screens.live import LiveBatch
    from csc_console.services.context import Ctx
    from csc_console.services.inbox import MessagePublic


@dataclass(frozen=True)
class InboxData:
    messages: list[MessagePublic]
    now: datetime
    me: int | None


class InboxScreen(InboxJobs, WorkspaceScreen[InboxData]):
    a11y_title = desk.TITLE
    mode = "inbox"
    BINDINGS: ClassVar[list[Any]] = [
        Binding("c", "claim", "Claim the message", id="inbox-claim"),
        Binding("u", "release", "Release the message to the inbox", id="inbox-release"),
        Binding("r", "make_request", "Make a request from the message", id="inbox-request"),
        Binding("i", "information", "Answer with information", id="inbox-information"),
        Binding("f", "referral", "Refer elsewhere", id="inbox-referral"),
        Binding("x", "close_message", "Close without a reply", id="inbox-close"),
        Binding("a", "toggle_done", "Show or hide answered messages", id="inbox-answered"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.data: InboxData | None = None
        self.show_done = False

    def compose_body(self) -> ComposeResult:
        yield Static(literal("Inbox: loading."), id="inbox-summary", markup=False)
        yield ReadList("Messages", id="inbox-list", empty=desk.NO_MESSAGES)
        yield Static(literal("The message:"), id="inbox-detail-heading", markup=False)
        yield ReadList("Message", id="inbox-detail", empty=desk.NO_MESSAGE_SELECTED)

    def on_mount(self) -> None:
        self.query_one("#inbox-list", ReadList).focus()

    # ------------------------------------------------------------------ loading
    def fetch(self, ctx: Ctx) -> InboxData:
        from csc_console.db.types import utcnow
        from csc_console.services.inbox import list_inbox

        return InboxData(list_inbox(ctx, include_done=self.show_done), utcnow(), ctx.operator_id)

    def show(self, data: InboxData) -> None:
        zone = self.host.settings.zone
        summary = desk.screen_summary(data.messages, now=data.now, answered_too=self.show_done)
        self.query_one("#inbox-summary", Static).update(literal(summary))
        lines = [desk.summary_line(m, now=data.now, zone=zone, me=data.me) for m in data.messages]
        listing = self.query_one("#inbox-list", ReadList)
        before = self.selected()
        detail_before = self._detail_lines(before)
        self.data = data
        if lines != listing.lines:
            listing.set_lines(lines)
            # The cursor stays on the message it was on, wherever new ones came in.
            ids = [m.id for m in data.messages]
            if before is not None and before.id in ids:
                listing.highlighted = ids.index(before.id)
        after = self.selected()
        if after is None or before is None or after.id != before.id:
            self.show_detail()
        elif self._detail_lines(after) != detail_before:
            self.query_one("#inbox-detail", ReadList).set_lines(self._detail_lines(after))

    def live_changed(self, batch: LiveBatch) -> None:
        """A message came in or another CSR claimed or answered one: read the list again."""
        if batch.touches("inbox_message") and self.is_current:
            self.reload()

    def _detail_lines(self, message: MessagePublic | None) -> list[str]:
        if message is None or self.data is None:
            return []
        zone = self.host.settings.zone
        return desk.detail_lines(message, now=self.data.now, zone=zone, me=self.data.me)

    def selected(self) -> MessagePublic | None:
        if self.data is None or not self.data.messages:
            return None
        index = self.query_one("#inbox-list", ReadList).highlighted
        if index is None or index >= len(self.data.messages):
            return None
        return self.data.messages[index]

    @on(OptionList.OptionHighlighted, "#inbox-list")
    def _highlighted(self) -> None:
        self.show_detail()

    def show_detail(self) -> None:
        message = self.selected()
        detail = self.query_one("#inbox-detail", ReadList)
        if message is None or self.data is None:
            detail.set_lines([])
            return
        zone = self.host.settings.zone
        detail.set_lines(desk.detail_lines(message, now=self.data.now, zone=zone, me=self.data.me))
        detail.highlighted = 0

    # ------------------------------------------------------------------ actions
    def _message(self) -> MessagePublic | None:
        message = self.selected()
        if message is None:
            self.app.notify(desk.NOTHING_SELECTED, severity="warning")
        return message

    def _done(self, words: str) -> None:
        self.app.notify(words)
        self.reload()

    def action_claim(self) -> None:
        from csc_console.services.inbox_claims import claim_message

        message = self._message()
        if message is None:
            return
        mid, version = message.id, message.version

        def call(ctx: Ctx) -> MessagePublic:
            return claim_message(ctx, message_id=mid, expected_version=version)

        self.run_job(call, lambda m: self._done(desk.claimed(m)))

    def action_release(self) -> None:
        from csc_console.services.inbox_claims import release_message

        message = self._message()
        if message is None:
            return
        mid = message.id
        self.run_job(
            lambda ctx: release_message(ctx, message_id=mid),
            lambda m: self._done(desk.released(m)),
        )

    def _open_dialog(self, make: Any) -> None:
        message = self._message()
        if message is None:
            return
        if not message.is_open:
            self.app.notify(desk.already_done(message), severity="warning")
            return

        def closed(words: str | None) -> None:
            if words:
                self._done(words)
            else:
                self.reload()

        self.app.push_screen(make(message), closed)

    def action_make_request(self) -> None:
        from csc_console.screens.inbox.request_dialog import RequestDialog

        self._open_dialog(RequestDialog)

    def action_information(self) -> None:
        from csc_console.screens.inbox.answer_dialog import AnswerDialog

        self._open_dialog(lambda m: AnswerDialog(m, action=desk.Action.INFORMATION))

    def action_referral(self) -> None:
        from csc_console.screens.inbox.answer_dialog import AnswerDialog

        self._open_dialog(lambda m: AnswerDialog(m, action=desk.Action.REFERRAL))

    def action_close_message(self) -> None:
        from csc_console.screens.inbox.close_dialog import CloseDialog

        self._open_dialog(CloseDialog)

    def action_toggle_done(self) -> None:
        self.show_done = not self.show_done
        self.app.notify(desk.answered_shown(self.show_done))
        self.reload()
