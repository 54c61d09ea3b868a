"""Keys in the order they were typed, each for the place its turn finds.

Textual gives a key to whatever has the focus when the app reads it, and the app reads a burst
(a fast typist, a paste, a braille display sending a line) faster than the screen acts on it:
the Enter that moves the cursor to the next field is still on its way through the field's
messages when the characters typed after it arrive, so they land in the field just left
("(626) 555-0191Ana Lopez"). ``KeyOrder`` keeps the keys typed after a key that may move on
(any key but a printable character) until the screen has finished with it, every message it
caused included; then the next keys go on, in order. A screen can also hold the keys while it
waits for a fact that decides where the cursor goes (``hold``: the caller lookup after the
phone number), for at most a moment.

Held keys keep the time they were typed, so a dialog still tells the keys typed before it
appeared (``CscModal.typed_before``). At typing speed nothing waits: a key is handed on at once
when nothing is pending, and the screen is done with one key long before the next.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import events

if TYPE_CHECKING:
    from textual.app import App
    from textual.message_pump import MessagePump

#: rounds of "has every widget of the screen handled its messages?" before a key goes on all
#: the same (a widget that keeps posting to itself must not stop the keyboard)
MAX_ROUNDS = 24
#: the longest the keys wait for the screen to finish with one key (seconds): past it they go
#: on all the same, whatever the screen is still doing
MAX_SETTLE = 1.0
#: the longest a screen may hold the keys waiting for a fact (seconds)
MAX_HOLD = 3.0


class ReleasedKey(events.Key):
    """A key that waited its turn, handed on now with the time it was typed."""

    def __init__(self, original: events.Key) -> None:
        super().__init__(original.key, original.character)
        self.time = original.time
        # From the terminal, as the original: no widget sent it. (Made while a widget's
        # handler is active, it would name that widget as its sender, and a key stops
        # bubbling at its sender: an Enter would never reach its binding.)
        self._sender = None


# Handled as any key is (``_on_key``, ``on_key``, ``@on(events.Key)``).
ReleasedKey.handler_name = events.Key.handler_name


class KeyOrder:
    """The keyboard's queue for one app (see the module's docstring)."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.waiting: deque[events.Key] = deque()
        self.holds: dict[object, asyncio.TimerHandle] = {}
        self._settling: asyncio.Task[None] | None = None
        self._again = False  # a key went on while settling: settle once more after

    @property
    def typed_ahead(self) -> bool:
        """Keys typed ahead wait their turn: the user has typed on."""
        return bool(self.waiting)

    @property
    def busy(self) -> bool:
        return bool(self.waiting or self.holds) or self._settling is not None

    def wait_turn(self, event: events.Key) -> bool:
        """True when ``event`` must wait for the keys before it (it is kept, in order)."""
        if isinstance(event, ReleasedKey) or not self.busy:
            return False
        self.waiting.append(event)
        return True

    def handed_on(self, event: events.Key) -> None:
        """``event`` went to the screen: a key that may move on keeps the next ones until the
        screen is done with it."""
        if event.is_printable:
            return
        if self._settling is None:
            self._settling = asyncio.get_running_loop().create_task(self._settle())
        else:
            self._again = True

    def hold(self, reason: object, *, on_timeout: Callable[[], None] | None = None) -> None:
        """Keep the keys typed from now on until ``release(reason)``, or ``MAX_HOLD`` seconds
        (then ``on_timeout`` runs first, to put the cursor where the keys should go)."""

        def expired() -> None:
            if reason in self.holds:
                if on_timeout is not None:
                    on_timeout()
                self.release(reason)

        self.release(reason, go_on=False)
        self.holds[reason] = asyncio.get_running_loop().call_later(MAX_HOLD, expired)

    def release(self, reason: object, *, go_on: bool = True) -> None:
        handle = self.holds.pop(reason, None)
        if handle is not None:
            handle.cancel()
        if go_on and self._settling is None:
            # The cursor may have moved with this release: the keys go on once it has.
            self._settling = asyncio.get_running_loop().create_task(self._settle())
        elif go_on:
            self._again = True

    # ------------------------------------------------------------------ internals
    def _pumps(self) -> list[MessagePump]:
        try:
            screen = self.app.screen
        except Exception:  # noqa: BLE001 - no screen yet, or the app is closing
            return [self.app]
        pumps = [self.app, *screen.walk_children(with_self=True)]
        return [pump for pump in pumps if pump.is_running]

    @staticmethod
    def _pending(pump: MessagePump) -> bool:
        """A message waits in ``pump``, or is being handled: Textual marks each one done
        (``Queue.task_done``) only once its handler has returned (Textual 8.2.8)."""
        queue = pump.__dict__.get("_message_queue")  # created on first use
        if queue is None:
            return False
        return not queue.empty() or getattr(queue, "_unfinished_tasks", 0) > 0

    async def _settle(self) -> None:
        try:
            # Quiet means two rounds in a row with nothing queued or being handled anywhere
            # (the last marker's widget finishes it just after the round ends).
            quiet = 0
            loop = asyncio.get_running_loop()
            give_up = loop.time() + MAX_SETTLE
            for _ in range(MAX_ROUNDS):
                self._again = False
                await self._one_round(give_up - loop.time())
                await asyncio.sleep(0)
                busy = self._again or any(self._pending(p) for p in self._pumps())
                quiet = 0 if busy else quiet + 1
                if quiet == 2 or loop.time() >= give_up:
                    break
        finally:
            self._settling = None
        self._next()

    async def _one_round(self, limit: float) -> None:
        """Wait until every widget of the screen (and the app) has handled what it had, for
        ``limit`` seconds at most."""
        if limit <= 0:
            return
        pumps = self._pumps()
        left = 0
        done = asyncio.Event()

        def one_done() -> None:
            nonlocal left
            left -= 1
            if left == 0:
                done.set()

        for pump in pumps:
            if pump.call_later(one_done):
                left += 1
        if left:
            try:
                await asyncio.wait_for(done.wait(), timeout=limit)
            except TimeoutError:
                return

    def _next(self) -> None:
        """Hand on the waiting keys in order, up to and including one that may move on."""
        while self.waiting and not self.holds and self._settling is None:
            event = self.waiting.popleft()
            self.app.post_message(ReleasedKey(event))
            if not event.is_printable:
                return  # it settles once handed on (``handed_on``), then the rest go
