"""Service calls from the Work orders screens and dialogs, always in a thread worker.

``Jobs.run_job(call, done, refused=...)`` runs ``call(ctx)`` in a thread worker; back on the UI
thread ``done(result)`` gets the result. A refusal the user can act on (any ``CscError``) goes
to ``refused(error)`` when given (a dialog shows it beside what was typed and returns True),
else to ``app.show_error``. Anything else is a failed worker and ends in the app's one
worker-error handler.
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
Done = Callable[[Any], object]
Refused = Callable[[CscError], bool]


class JobDone(Message):
    def __init__(self, done: Done, result: object) -> None:
        super().__init__()
        self.done = done
        self.result = result


class JobEnded(Message):
    """The job failed unexpectedly (the worker-error handler reports it)."""


class JobRefused(Message):
    def __init__(self, error: CscError, refused: Refused | None) -> None:
        super().__init__()
        self.error = error
        self.refused = refused


class Jobs:
    """Mixin for a ``CscScreen`` or ``CscModal`` (see the module documentation)."""

    busy = False

    def run_job(
        self,
        call: Callable[[Ctx], R],
        done: Callable[[R], object],
        *,
        refused: Refused | None = None,
    ) -> bool:
        """Start ``call``; False (and nothing started) when signed out or already busy."""
        host = cast("ShellHost", cast("DOMNode", self).app)
        ctx = host.ctx
        if ctx is None or self.busy:
            return False
        self.busy = True
        self._job(ctx, call, cast(Done, done), refused)
        return True

    @work(thread=True, exit_on_error=False, group="job")
    def _job(
        self, ctx: Ctx, call: Callable[[Ctx], object], done: Done, refused: Refused | None
    ) -> None:
        node = cast("DOMNode", self)
        try:
            result = call(ctx)
        except CscError as error:
            node.post_message(JobRefused(error, refused))
            return
        except BaseException:
            node.post_message(JobEnded())
            raise  # the app's one worker-error handler says what happened
        node.post_message(JobDone(done, result))

    def on_job_ended(self, message: JobEnded) -> None:
        message.stop()
        self.busy = False

    def on_job_done(self, message: JobDone) -> None:
        message.stop()
        self.busy = False
        message.done(message.result)

    def on_job_refused(self, message: JobRefused) -> None:
        message.stop()
        self.busy = False
        if message.refused is not None and message.refused(message.error):
            return
        host = cast("ShellHost", cast("DOMNode", self).app)
        host.show_error(printable(str(message.error)))
