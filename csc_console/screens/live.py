"""Live updates and queued saves for the full-screen console (one ``LiveLink`` per signed-in app).

Live updates: once an operator is signed in, a ``services.live.ChangeFeed`` (PostgreSQL
LISTEN/NOTIFY; on SQLite a cheap ``data_version`` check) reports what any console committed.
The feed's thread hands each batch to the UI thread with ``call_from_thread``; there every
screen of the current workspace that is ``LiveAware`` gets ``live_changed(batch)`` and refreshes
what the batch touches, in place: the same cheap checks its own timer runs (the dispatch board's
signature, the work-order queue's fingerprint), which repaint only what changed and keep the
cursor on the same record. Screens of other workspaces refresh when they are shown again.

The feed also says when the database goes away and comes back: one line each in the message
bar ("Database unreachable ...", "Database reachable again ...").

Queued saves: a save that fails with ``DatabaseUnavailable`` (a radio line, a work-order note,
an intake request the CSR chose not to retry now) can be put in the ``services.outbox.Outbox``
on disk in the user data directory with ``queue``. It is replayed (idempotently: client keys,
note times) when the feed reports the database back, by a retry timer meanwhile, and at the next
sign-in if the console was closed or killed first. Each step is said in one line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from csc_console.desks.live import RECONNECTED, queued_refused, queued_saved

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer

    from csc_console.services.context import Ctx
    from csc_console.services.live import Change, ChangeFeed
    from csc_console.services.outbox import FlushResult, Outbox

RETRY_SECONDS = 15.0


@dataclass(frozen=True)
class LiveBatch:
    """Changes committed by any console (this one included), as the feed reported them."""

    changes: tuple[Change, ...]

    @property
    def entities(self) -> frozenset[str]:
        return frozenset(c.entity for c in self.changes)

    def touches(self, *entities: str) -> bool:
        return not self.entities.isdisjoint(entities)

    def ids(self, entity: str) -> set[str]:
        return {c.entity_id for c in self.changes if c.entity == entity}


@runtime_checkable
class LiveAware(Protocol):
    """A screen that refreshes in place when other consoles change what it shows."""

    def live_changed(self, batch: LiveBatch) -> None: ...


class LiveLink:
    def __init__(self, app: App[Any], ctx: Ctx, *, outbox: Outbox | None = None) -> None:
        self.app = app
        self.ctx = ctx
        self._outbox = outbox
        self.feed: ChangeFeed | None = None
        self.online: bool | None = None  # None until the feed first connects
        self.batches = 0  # delivered to the UI thread (tests and the bench wait on it)
        self.listeners: list[Callable[[LiveBatch], None]] = []
        self._down = False
        self._closed = False
        self._flushing = False
        self._retry: Timer | None = None

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> LiveLink:
        from csc_console.services.live import ChangeFeed

        self.feed = ChangeFeed(self.ctx.db.url, self._feed_changes, self._feed_status).start()
        if len(self.outbox):  # saves queued by an earlier session (closed or killed)
            self.flush()
        return self

    def stop(self) -> None:
        self._closed = True
        if self.feed is not None:
            self.feed.stop(timeout=0)  # the daemon thread ends at its next wake-up
        if self._retry is not None:
            self._retry.stop()

    @property
    def outbox(self) -> Outbox:
        if self._outbox is None:
            from csc_console.services.outbox import Outbox

            self._outbox = Outbox(self.ctx.require().username)
        return self._outbox

    # ------------------------------------------------------------------ the feed's thread
    def _post(self, callback: Callable[..., None], *args: Any) -> None:
        if self._closed:
            return
        try:
            self.app.call_from_thread(callback, *args)
        except RuntimeError:  # the app is closing: nothing to show any more
            self._closed = True

    def _feed_changes(self, changes: list[Change]) -> None:
        self._post(self.deliver, tuple(changes))

    def _feed_status(self, ok: bool, message: str) -> None:
        self._post(self.status, ok, message)

    # ------------------------------------------------------------------ the UI thread
    def deliver(self, changes: tuple[Change, ...]) -> None:
        batch = LiveBatch(changes)
        self.batches += 1
        for screen in list(self.app.screen_stack):
            if isinstance(screen, LiveAware) and screen.is_attached:
                screen.live_changed(batch)
        for listener in list(self.listeners):
            listener(batch)

    def status(self, ok: bool, message: str) -> None:
        self.online = ok
        if not ok:
            self._down = True
            self.app.notify(message, severity="warning")
            return
        if self._down:
            self._down = False
            self.app.notify(RECONNECTED)
            self.flush()

    # ------------------------------------------------------------------ queued saves
    def queue(self, kind: str, payload: dict[str, Any], what: str, *, say: bool = True) -> None:
        """Keep a save the database could not take; say so in one line (unless the caller says
        it its own way)."""
        self.outbox.add(kind, payload)
        waiting = len(self.outbox)
        if say:
            self.app.notify(
                f"Database unreachable: {what} is kept on this workstation and saved when the "
                f"database returns ({waiting} waiting).",
                severity="warning",
            )
        if self._retry is None:
            self._retry = self.app.set_interval(RETRY_SECONDS, self.flush)

    def flush(self) -> None:
        """Replay the queued saves in a thread worker (one at a time)."""
        if self._flushing or self._closed or not len(self.outbox):
            return
        self._flushing = True
        self.app.run_worker(self._flush_worker, thread=True, group="outbox", exit_on_error=False)

    def _flush_worker(self) -> None:
        from csc_console.errors import CscError
        from csc_console.services.outbox import FlushResult

        try:
            result = self.outbox.flush(self.ctx)
        except CscError as exc:
            result = FlushResult(failed=[str(exc)], pending=len(self.outbox))
        self._post(self._flushed, result)

    def _flushed(self, result: FlushResult) -> None:
        self._flushing = False
        if result.written:
            self.app.notify(queued_saved(result.written))
        if result.failed:
            self.app.notify(queued_refused("; ".join(result.failed)), severity="error")
        if not result.unreachable and self._retry is not None:
            self._retry.stop()
            self._retry = None
        elif result.unreachable and self._retry is None:
            self._retry = self.app.set_interval(RETRY_SECONDS, self.flush)
