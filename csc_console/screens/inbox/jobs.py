"""Service calls from the Inbox screen and its dialogs, in a thread worker.

``run_job(call, done)`` runs ``call(ctx)`` in a worker; ``done(result)`` runs on the UI thread.
A ``CscError`` (a refusal the user can act on: someone else claimed the message, a field to
fix) opens the error dialog, over the dialog if one is open, with everything typed kept.
Anything else is a failed worker and goes to the app's one handler.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual import work
from textual.message import Message

from csc_console.errors import CscError
from csc_console.services.text import printable

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from csc_console.screens.base import ShellHost
    from csc_console.services.context import Ctx

R = TypeVar("R")


class InboxJobDone(Message):
    def __init__(self, done: Callable[[Any], object], result: object) -> None:
        super().__init__()
        self.done = done
        self.result = result


class InboxJobRefused(Message):
    def __init__(self, error: CscError) -> None:
        super().__init__()
        self.error = error


class InboxJobs:
    """Mixin for a screen or dialog (see the module documentation)."""

    busy = False

    def run_job(self, call: Callable[[Ctx], R], done: Callable[[R], object]) -> bool:
        host = cast("ShellHost", cast("DOMNode", self).app)
        if host.ctx is None or self.busy:
            return False
        self.busy = True
        self._inbox_job(host.ctx, call, cast(Callable[[Any], object], done))
        return True

    @work(thread=True, exit_on_error=False, group="inbox-job")
    def _inbox_job(
        self, ctx: Ctx, call: Callable[[Ctx], object], done: Callable[[Any], object]
    ) -> None:
        node = cast("DOMNode", self)
        try:
            result = call(ctx)
        except CscError as error:
            node.post_message(InboxJobRefused(error))
            return
        except BaseException:
            node.post_message(InboxJobRefused(CscError("")))  # only frees the screen
            raise
        node.post_message(InboxJobDone(done, result))

    def on_inbox_job_done(self, message: InboxJobDone) -> None:
        message.stop()
        self.busy = False
        message.done(message.result)

    def on_inbox_job_refused(self, message: InboxJobRefused) -> None:
        message.stop()
        self.busy = False
        if message.error.message:
            host = cast("ShellHost", cast("DOMNode", self).app)
            host.show_error(printable(str(message.error)))
