"""One screen-reader-mode session: the streams, the service context, who is signed in, and the
stack of running workflows (so ``quit`` knows whether anything would be lost)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from csc_console.config import Settings
from csc_console.db.types import utcnow
from csc_console.errors import CscError
from csc_console.linear.ask import EndOfInput, confirm
from csc_console.linear.io import LineIO
from csc_console.linear.workflow import Outcome, Workflow
from csc_console.services.context import Ctx, OperatorPublic

if TYPE_CHECKING:
    from csc_console.desks.quit import WorkInProgress
    from csc_console.linear.live import LineLive


class LineSession:
    def __init__(
        self,
        io: LineIO,
        settings: Settings,
        *,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.io = io
        self.settings = settings
        self.clock = clock or utcnow
        self.stack: list[Workflow] = []
        #: the workflow that was in progress, with unsaved data, when the input ended
        self.unfinished: str | None = None
        self._ctx: Ctx | None = None
        #: the change feed's listener once signed in (``linear.live.LineLive``)
        self.live: LineLive | None = None

    # ------------------------------------------------------------------ context
    def open(self) -> None:
        """Open the catalog and the database (raises ``CscError`` with a sentence)."""
        from csc_console.services.bootstrap import open_context

        self._ctx = open_context(self.settings)

    def attach(self, ctx: Ctx) -> None:
        """Use an already opened context (tests, or a front end that opened it)."""
        self._ctx = ctx

    @property
    def ctx(self) -> Ctx:
        if self._ctx is None:
            raise RuntimeError("the session has no context yet; call open() first")
        return self._ctx

    @property
    def operator(self) -> OperatorPublic | None:
        return self._ctx.operator if self._ctx is not None else None

    def signed_in(self, operator: OperatorPublic) -> None:
        self._ctx = self.ctx.as_operator(operator)

    def close(self) -> None:
        if self._ctx is not None:
            self._ctx.db.dispose()

    # ------------------------------------------------------------------ time
    def now(self) -> datetime:
        """Aware UTC now (a fixed clock in tests)."""
        return self.clock()

    def local_now(self) -> datetime:
        return self.now().astimezone(self.settings.zone)

    # ------------------------------------------------------------------ workflows
    def run(self, workflow: Workflow) -> Outcome:
        """Run ``workflow`` (from the menu or from inside another workflow)."""
        self.stack.append(workflow)
        try:
            return workflow.run()
        except CscError as exc:
            self.io.error(str(exc))
            return Outcome.FAILED
        except EndOfInput:
            if self.unfinished is None and workflow.has_unsaved_data():
                self.unfinished = workflow.name
            raise
        finally:
            self.stack.pop()

    def return_to(self, workflow: Workflow) -> str:
        """Where ``cancel`` in ``workflow`` leads: its parent workflow, or the menu."""
        try:
            index = self.stack.index(workflow)
        except ValueError:
            return "the menu"
        return self.stack[index - 1].name if index > 0 else "the menu"

    def busy(self) -> Workflow | None:
        """The innermost running workflow with unsaved data, if any."""
        return next((w for w in reversed(self.stack) if w.has_unsaved_data()), None)

    def confirm_quit(self, current: WorkInProgress | None = None) -> bool:
        """True to quit: at once when nothing is in progress, else after asking the one quit
        question (``desks.quit``, the full screen's too); Enter alone stays. ``current``: work
        in progress inside a workflow step (a radio correction being typed)."""
        from csc_console.desks.quit import quit_question

        work = current or next(
            (w for w in (wf.work_in_progress() for wf in reversed(self.stack)) if w is not None),
            None,
        )
        if work is None:
            return True
        question = quit_question(work)
        if question.lead:
            self.io.say(question.lead)
        return confirm(self.io, question.ask, default=False, quit_answer=True)
