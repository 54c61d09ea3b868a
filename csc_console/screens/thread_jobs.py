"""Service calls from a screen, in thread workers, with results back on the UI thread.

``ThreadJobs.run_job(group, job, done, failed=...)`` runs ``job(ctx)`` in a thread worker of
``group``; ``done(result)`` then runs on the UI thread (dropped when the worker was cancelled,
e.g. by a newer job of an exclusive group). ``failed(error)`` handles an exception (True:
handled); otherwise it goes to the app's one worker-error handler (``screens.base``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual.message import Message
from textual.worker import Worker, WorkerState, get_current_worker

if TYPE_CHECKING:
    from textual.widget import Widget

    from csc_console.screens.base import ShellHost
    from csc_console.services.context import Ctx


class ThreadJobs:
    """Mixin for a ``CscScreen`` (put it first among the bases)."""

    NOT_READY: ClassVar[str] = "Still opening the database; try again in a moment."
    JOBS_EXCLUSIVE: ClassVar[bool] = False
    """Whether a newer job of a group drops the result of an older one by default."""

    class JobDone(Message):
        """A worker finished: ``done(result)`` runs on the UI thread."""

        def __init__(self, done: Callable[[Any], None], result: object) -> None:
            super().__init__()
            self.done = done
            self.result = result

    _job_failures: dict[Worker[Any], Callable[[BaseException], bool]]

    def run_job(
        self,
        group: str,
        job: Callable[[Ctx], Any],
        done: Callable[[Any], None],
        *,
        failed: Callable[[BaseException], bool] | None = None,
        exclusive: bool | None = None,
    ) -> None:
        node = cast("Widget", self)
        ctx = cast("ShellHost", node.app).ctx
        if ctx is None:
            node.app.notify(self.NOT_READY, severity="warning")
            return

        def work() -> None:
            result = job(ctx)
            if not get_current_worker().is_cancelled:
                node.post_message(self.JobDone(done, result))

        worker = node.run_worker(
            work,
            name=group,
            group=group,
            thread=True,
            exclusive=self.JOBS_EXCLUSIVE if exclusive is None else exclusive,
            exit_on_error=False,
        )
        if failed is not None:
            self._failures()[worker] = failed

    def _failures(self) -> dict[Worker[Any], Callable[[BaseException], bool]]:
        try:
            return self._job_failures
        except AttributeError:
            self._job_failures = {}
            return self._job_failures

    def on_thread_jobs_job_done(self, message: ThreadJobs.JobDone) -> None:
        message.done(message.result)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Textual runs each class's handler along the MRO: failures reach ``worker_failed``.
        if event.state in (WorkerState.SUCCESS, WorkerState.CANCELLED):
            self._failures().pop(event.worker, None)

    def worker_failed(self, worker: Worker[Any], error: BaseException) -> bool:
        handler = self._failures().pop(worker, None)
        return bool(handler is not None and handler(error))
