"""Screen-reader mode hears what other consoles save: one ``Notice:`` line between prompts.

Once signed in, a ``services.live.ChangeFeed`` reports every commit; ``services.live_words``
turns the ones that matter and were made by someone else into short lines ("Unit PW12 on
scene.", "WO-2026-000123 completed by Jun Chen."). They are queued with ``LineIO.post_notice``
(thread-safe) and said just before the next prompt, so nothing is ever written into the middle
of a line being typed. The feed's connection going away and coming back is said the same way,
once each; when it comes back, saves queued on this workstation (``services.outbox``) are
written and the result said.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from csc_console.desks.live import RECONNECTED, queued_refused, queued_saved
from csc_console.errors import CscError
from csc_console.services.live import Change, ChangeFeed
from csc_console.services.live_words import describe_changes, relevant

if TYPE_CHECKING:
    from csc_console.linear.session import LineSession


class LineLive:
    def __init__(self, session: LineSession) -> None:
        self.session = session
        self.feed: ChangeFeed | None = None
        self._down = False
        self.told = threading.Event()  # set whenever a line was queued (tests wait on it)

    def start(self) -> LineLive:
        self.feed = ChangeFeed(self.session.ctx.db.url, self._changes, self._status).start()
        return self

    def stop(self) -> None:
        if self.feed is not None:
            self.feed.stop(timeout=0)

    def _post(self, text: str) -> None:
        self.session.io.post_notice(text)
        self.told.set()

    # ------------------------------------------------------------------ the feed's thread
    def _changes(self, changes: list[Change]) -> None:
        if not relevant(changes):
            return
        ctx = self.session.ctx
        try:
            lines = describe_changes(ctx, changes, me=ctx.operator_id)
        except CscError:
            return  # the database went away meanwhile: the status line says so
        for line in lines:
            self._post(line)

    def _status(self, ok: bool, message: str) -> None:
        if not ok:
            self._down = True
            self._post(message)
            return
        if self._down:
            self._down = False
            self._post(RECONNECTED)
            self._flush_outbox()

    def _flush_outbox(self) -> None:
        from csc_console.services.outbox import Outbox

        ctx = self.session.ctx
        if ctx.operator is None:
            return
        outbox = Outbox(ctx.operator.username)
        if not len(outbox):
            return
        try:
            result = outbox.flush(ctx)
        except CscError as exc:
            self._post(f"Queued saves not written yet: {exc}")
            return
        if result.written:
            self._post(queued_saved(result.written))
        for failed in result.failed:
            self._post(queued_refused(failed))
