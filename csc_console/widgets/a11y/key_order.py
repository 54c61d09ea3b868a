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

#: looks in a row with nothing to do on the screen: then it is quiet
QUIET_TURNS = 3
#: how often a settle looks at the screen (seconds)
QUIET_POLL = 0.002
#: how often a settle looks again while a screen holds the keys (seconds)
HELD_POLL = 0.01
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
        self._moving = False  # a key that may move on went to the screen since it was quiet
        self._in_flight = 0  # keys handed back to the app that it has not taken yet

    @property
    def typed_ahead(self) -> bool:
        """Keys typed ahead wait their turn, or are on their way: the user has typed on."""
        return bool(self.waiting or self._in_flight)

    @property
    def busy(self) -> bool:
        """Keys wait, or are on their way again, or the screen is still moving on."""
        return bool(self.waiting or self.holds or self._in_flight) or self._settling is not None

    @property
    def idle(self) -> bool:
        """Nothing waits and the screen has finished with the last key that may move on (what
        a test waits for before it looks at the screen)."""
        return not self.busy and not (self._moving and self._screen_busy())

    def wait_turn(self, event: events.Key) -> bool:
        """True when ``event`` must wait for the keys before it (it is kept, in order). At
        typing speed the screen is quiet by the next key, and nothing waits."""
        if isinstance(event, ReleasedKey):
            self._in_flight = max(0, self._in_flight - 1)
            if not self._in_flight and event.is_printable and self._settling is None:
                self._next()  # the keys typed while these were on their way: after them
            return False
        if not self.busy and self._moving:
            if not self._screen_busy(inside_app=True):
                self._moving = False
                return False
            self._start_settle()
        if not self.busy:
            return False
        self.waiting.append(event)
        return True

    def handed_on(self, event: events.Key) -> None:
        """``event`` went to the screen: after a key that may move on, the next key waits
        until the screen is quiet again."""
        if event.is_printable:
            return
        self._moving = True
        if self.waiting:
            self._start_settle()

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
        if go_on and handle is not None:
            # The cursor may move with this release: the keys go on once the screen is quiet.
            self._moving = True
            self._start_settle()

    # ------------------------------------------------------------------ internals
    def _start_settle(self) -> None:
        if self._settling is None:
            self._settling = asyncio.get_running_loop().create_task(self._settle())

    def _pumps(self) -> list[MessagePump]:
        try:
            screen = self.app.screen
        except Exception:  # noqa: BLE001 - no screen yet, or the app is closing
            return [self.app]
        return [self.app, *screen.walk_children(with_self=True)]

    def _screen_busy(self, *, inside_app: bool = False) -> bool:
        """A message waits in a widget of the screen, or is being handled there (Textual marks
        each one done, ``Queue.task_done``, only once its handler has returned: Textual 8.2.8).
        In the app's own queue only what is not a key counts (keys typed ahead are not the
        screen's work), and ``inside_app``: the message the app is handling now is the key."""
        for pump in self._pumps():
            queue = pump.__dict__.get("_message_queue")  # created on first use
            if queue is None or not pump.is_running:
                continue
            if pump is not self.app:
                if not queue.empty() or getattr(queue, "_unfinished_tasks", 0) > 0:
                    return True
                continue
            queued = list(getattr(queue, "_queue", ()))
            if any(not isinstance(m, events.Key) for m in queued if m is not None):
                return True
            handling = getattr(queue, "_unfinished_tasks", 0) - len(queued)
            if handling > (1 if inside_app else 0):
                return True
        return False

    async def _settle(self) -> None:
        """Wait until the screen has been quiet for a few turns of the event loop (or for
        ``MAX_SETTLE`` at most), then hand on the waiting keys."""
        loop = asyncio.get_running_loop()
        give_up = loop.time() + MAX_SETTLE
        try:
            quiet = 0
            while quiet < QUIET_TURNS and loop.time() < give_up:
                # Look every few milliseconds (every turn would take the CPU from the screen's
                # own work), and now and then while a screen holds the keys (a lookup).
                await asyncio.sleep(HELD_POLL if self.holds else QUIET_POLL)
                quiet = 0 if (self.holds or self._screen_busy()) else quiet + 1
        finally:
            self._settling = None
        if not self.holds:
            self._moving = False
        self._next()

    def _next(self) -> None:
        """Hand on the waiting keys in order, up to and including one that may move on (its
        turn ends when the screen is quiet again: ``handed_on``)."""
        while self.waiting and not self.holds and self._settling is None:
            event = self.waiting.popleft()
            self._in_flight += 1
            self.app.post_message(ReleasedKey(event))
            if not event.is_printable:
                return
