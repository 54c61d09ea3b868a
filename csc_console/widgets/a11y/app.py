"""``AccessibleApp``: the accessibility base every screen gets for free.

Subclass it instead of ``textual.app.App``. Before every frame is written to the terminal it

- puts the terminal (hardware) cursor on the focused control (``cursor.cursor_offset``): the
  insertion point of a text field, the highlighted row of a list or table, a button's label, a
  toggle's box; with nothing focused, the start of the focus line;
- turns cursor blinking off on the focused control (nothing repaints while idle);
- works out what the focused control is in words (``describe.describe``) and, when that
  changed (another control, another highlighted row, a toggled state; not mere typing),
  announces it on the screen's ``FocusLine``: blanked for one frame, then rewritten, which is
  what a screen reader speaks. When the screen itself changed, its ``a11y_title`` goes first.

It also keeps the message log: every ``notify`` is written to ``message_log`` with its time and
shown on the screen's ``MessageBar`` (literally, no markup); errors ring the bell and stay until
``dismiss_messages``. Key names are shown in words, and every binding with a description is a
command in the palette, found by its description.

This works from one place because Textual funnels every frame through ``App._display``
(private in Textual 8.2.8, which is pinned; ``tests/ui/test_cursor.py`` fails if that changes).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any, ClassVar

from rich.console import RenderableType
from textual import events
from textual.app import App, ReturnType, SystemCommand
from textual.binding import Binding
from textual.geometry import Offset
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widget import Widget

from csc_console.widgets.a11y.cursor import cursor_offset, visible_region
from csc_console.widgets.a11y.describe import describe
from csc_console.widgets.a11y.key_order import KeyOrder
from csc_console.widgets.a11y.keys import binding_keys_words, key_rows
from csc_console.widgets.announce import FocusLine, MessageBar
from csc_console.widgets.message_log import MessageEntry, MessageLog, Severity
from csc_console.widgets.text import visible_controls

# An error toast stays until dismissed (Textual needs a number: a day will do).
ERROR_TIMEOUT = 24 * 60 * 60.0


@dataclass(frozen=True)
class _Spoken:
    screen: int
    widget: int
    key: tuple[str, ...]


class AccessibleApp(App[ReturnType]):
    """The accessible base application (see the module documentation)."""

    message_zone: Any = None
    """A ``tzinfo`` for message times (None: the local zone)."""

    class Logged(Message, bubble=False):
        """A message was added to the log (posted to the app from any thread)."""

        def __init__(self, entry: MessageEntry) -> None:
            super().__init__()
            self.entry = entry

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # No animated scrolling or fading: every change reaches the terminal in one frame,
        # so a screen reader is not fed a stream of intermediate screens.
        self.animation_level = "none"
        self.message_log = MessageLog()
        self.key_order = KeyOrder(self)
        self._spoken: _Spoken | None = None
        self._spoken_screen: int | None = None
        self._titled_screen: int | None = None
        self._keys_pressed = 0
        self._titled_at_key = -1
        self.last_announcement = ""
        self.cursor_visible = False
        self._lines_of: dict[int, tuple[Screen[Any], list[FocusLine]]] = {}
        self.cursor_parked = False
        """True while the cursor rests at the end of a screen-change announcement."""

    # ------------------------------------------------------------------ frames
    def _display(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
        if renderable is not None and screen is self.screen:
            self._follow_focus(screen)
        super()._display(screen, renderable)

    def _follow_focus(self, screen: Screen[Any]) -> None:
        focused = screen.focused
        offset: Offset | None = None
        if focused is not None:
            if getattr(focused, "cursor_blink", False):
                focused.cursor_blink = False  # type: ignore[attr-defined]
            offset = cursor_offset(focused)
        if offset is None:
            offset = self._resting_cursor(screen)
        self.cursor_position = self._parked_cursor(screen) or offset
        if focused is not None:
            self._check_announcement(screen, focused)

    # How long the cursor stays at the end of a screen-change announcement before it returns
    # to the focused control (long enough for Orca to take the text as typed at the cursor).
    PARK_SECONDS: ClassVar[float] = 0.3

    def _focus_lines(self, screen: Screen[Any]) -> list[FocusLine]:
        """The screen's focus line(s), found once: a query walks the whole screen, and this is
        asked before every frame (a large form pays for it on every keystroke)."""
        found = self._lines_of.get(id(screen))
        if found is not None and found[0] is screen and all(x.is_attached for x in found[1]):
            return found[1]
        lines = list(screen.query(FocusLine))
        if lines:
            self._lines_of = {
                key: value for key, value in self._lines_of.items() if value[0].is_attached
            }
            self._lines_of[id(screen)] = (screen, lines)
        return lines

    def _parked_cursor(self, screen: Screen[Any]) -> Offset | None:
        for line in self._focus_lines(screen):
            if line.park_cursor:
                line.park_cursor = False
                self.cursor_parked = True
                self.set_timer(self.PARK_SECONDS, partial(self._unpark, line))
                return line.text_end()
        return None

    def _unpark(self, line: FocusLine) -> None:
        self.cursor_parked = False
        line.refresh()  # one more frame, which puts the cursor back on the focused control

    def _resting_cursor(self, screen: Screen[Any]) -> Offset:
        for line in self._focus_lines(screen):
            region = visible_region(line)
            if region:
                return Offset(region.x, region.y)
        return Offset(0, 0)

    def _check_announcement(self, screen: Screen[Any], focused: Widget) -> None:
        announcement = describe(focused)
        spoken = _Spoken(id(screen), id(focused), announcement.key)
        if spoken == self._spoken:
            return
        self._spoken = spoken
        text = announcement.text
        # Name the screen when it changed, and keep naming it while that announcement has not
        # reached the terminal yet (e.g. a list that filled in during the blank frame) or the
        # user has not pressed a key since (figures that arrived from the database a moment
        # after the screen opened are still the screen's opening announcement).
        still_pending = self._titled_screen == id(screen) and (
            self._keys_pressed == self._titled_at_key
            or any(line.blanked for line in self._focus_lines(screen))
        )
        park = False
        if self._spoken_screen != id(screen) or still_pending:
            self._spoken_screen = id(screen)
            self._titled_screen = id(screen)
            self._titled_at_key = self._keys_pressed
            text = titled(screen_title(screen), text)
            park = True  # a new screen, perhaps after an F-key: see FocusLine.announce
        else:
            self._titled_screen = None
        self.call_later(partial(self.announce, text, park=park))

    def announce(self, text: str, *, park: bool = False) -> None:
        """Say ``text`` on the current screen's focus line (blank frame, then the text)."""
        self.last_announcement = text
        for line in self._focus_lines(self.screen):
            line.announce(text, park=park)
            break

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            self._keys_pressed += 1
        await super().on_event(event)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # A focus change must reach the terminal even if no style changes with it.
        event.widget.refresh()

    # ------------------------------------------------------------------ messages
    @property
    def show_toasts(self) -> bool:
        """Show Textual's corner toasts as well as the message bar (override to turn off)."""
        return True

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """A toast, a line in the message log and the message bar (thread-safe).

        Text is shown literally unless ``markup=True``; errors ring the bell and stay.
        """
        if severity == "error" and timeout is None:
            timeout = ERROR_TIMEOUT
        message = visible_controls(message)
        title = visible_controls(title)
        if self.show_toasts:
            super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)
        level: Severity = severity if severity in ("warning", "error") else "information"
        entry = MessageEntry(
            at=datetime.now(UTC).astimezone(self.message_zone),
            severity=level,
            text=message,
            title=title,
        )
        self.post_message(self.Logged(entry))

    def write_to_log(self, message: str, severity: SeverityLevel = "information") -> None:
        """A line in the message log only (no toast): what a dialog showed, kept to read
        again after it closed."""
        level: Severity = severity if severity in ("warning", "error") else "information"
        entry = MessageEntry(
            at=datetime.now(UTC).astimezone(self.message_zone),
            severity=level,
            text=visible_controls(message),
        )
        self.post_message(self.Logged(entry))

    def on_accessible_app_logged(self, event: AccessibleApp.Logged) -> None:
        self.message_log.add(event.entry)
        if event.entry.severity == "error":
            self.bell()
        if not self.screen_stack:
            return
        for bar in self.screen.query(MessageBar):
            bar.show_entry(event.entry)
        self.screen.post_message(self.Logged(event.entry))

    def repeat_last_message(self) -> None:
        last = self.message_log.last
        for bar in self.screen.query(MessageBar):
            if last is None:
                bar.announce("No messages yet.")
            else:
                bar.show_entry(last, speak=True)

    def dismiss_messages(self) -> None:
        """Clear the toasts and the message bar (the log keeps everything)."""
        self.clear_notifications()
        for bar in self.screen.query(MessageBar):
            bar.show_entry(None, speak=False)

    def where_am_i(self) -> None:
        """Announce the screen and the focused control again."""
        self.announce_focus(with_title=True)

    def announce_focus(self, *, with_title: bool = False) -> None:
        """Announce the focused control again, as it is now (e.g. after an error)."""
        focused = self.screen.focused
        text = describe(focused).text if focused is not None else "nothing has focus"
        self.announce(titled(screen_title(self.screen), text) if with_title else text)

    def show_terminal_cursor(self, visible: bool) -> None:
        """Show or hide the terminal cursor (for sighted keyboard users who want it)."""
        self.cursor_visible = visible
        driver = self._driver
        if driver is not None and not self.is_headless:
            driver.write("\x1b[?25h" if visible else "\x1b[?25l")
            driver.flush()

    def action_command_palette(self) -> None:
        """The command palette, with the cursor on its highlighted result and a focus line."""
        from textual.command import CommandPalette

        from csc_console.widgets.a11y.palette import AccessiblePalette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(AccessiblePalette(id="--command-palette"))

    # ------------------------------------------------------------------ keys in words
    def get_key_display(self, binding: Binding) -> str:
        return binding_keys_words(binding).split(" or ")[0]

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every binding of the screen is a palette command, found by its description."""
        seen: set[str] = set()
        for row in key_rows(screen):
            if row.action in ("command_palette", "app.command_palette") or not row.enabled:
                continue
            if row.description in seen:
                continue
            seen.add(row.description)
            yield SystemCommand(
                row.description,
                f"Keys: {row.keys}",
                partial(self.run_action, row.action, row.node),
            )
        yield from self.extra_commands(screen)

    def extra_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Palette commands that are not key bindings (override to add)."""
        return ()


def titled(title: str, text: str) -> str:
    """ "Intake" + "Today's requests, list, empty" -> "Intake. Today's requests, list, empty"."""
    if not title:
        return text
    if not text:
        return title
    stop = "" if title.rstrip().endswith((".", "!", "?", ":")) else "."
    return f"{title.rstrip()}{stop} {text}"


def screen_title(screen: Screen[Any]) -> str:
    title = getattr(screen, "a11y_title", None)
    if isinstance(title, str):
        return title
    return ""
