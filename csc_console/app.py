"""The full-screen console: sign-in, then the workspaces (Textual modes).

Kept small on purpose: the accessibility machinery lives in ``widgets.a11y`` (inherited from
``AccessibleApp``), each screen in its own module under ``screens``. This module imports only
Textual and the UI packages, so the first screen paints before SQLAlchemy, Alembic or the
catalog are imported (the sign-in screen opens the database in a worker).

Keys (all also in the command palette, Ctrl+P, by name; F-keys have Alt+letter twins for
terminals that keep F1/F10/F11 for themselves, and because Orca speaks the new screen after an
Alt key but not after an F-key):

F1/Alt+H help, F2/Alt+I Intake, F3/Alt+O Work orders, F4/Alt+D Dispatch, F5/Alt+B Dashboard,
F9/Alt+J Inbox (messages from LiveChat, email, web and app),
F6/Alt+M message log, F7/Alt+R repeat the last message, F8/Alt+W where am I, Alt+N next theme,
Alt+P plain look, Alt+C terminal cursor, Ctrl+P commands, Escape dismiss messages / close a
dialog, Ctrl+R refresh a workspace, Ctrl+Q quit (during a call it asks first: ``desks.quit``).

Type-ahead is never given to a dialog: a key typed before the dialog on top appeared goes back
to the screen it was typed for (``on_event``, ``CscModal.typed_before``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from functools import partial
from importlib import import_module
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.actions import SkipAction
from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker

from csc_console.desks.words import WORK_ORDERS
from csc_console.screens.base import CscModal, CscScreen
from csc_console.screens.signin import STARTUP_GROUP, SignInScreen
from csc_console.themes import THEME_LABELS, THEMES
from csc_console.widgets.a11y.app import AccessibleApp

if TYPE_CHECKING:
    from csc_console.config import Settings
    from csc_console.desks.quit import WorkInProgress
    from csc_console.screens.live import LiveLink
    from csc_console.services.context import Ctx

WORKSPACES = ("intake", "work_orders", "dispatch", "dashboard", "inbox")


class HandedBackKey(events.Key):
    """A key typed before the dialog on top appeared, handed back to the screen it was typed
    for (``below``): its control gets it, and only that screen's bindings apply to it."""

    __slots__ = ["below"]

    def __init__(self, original: events.Key, below: Screen[Any]) -> None:
        super().__init__(original.key, original.character)
        self.time = original.time
        self.below = below


# Handled as any key is (``_on_key``, ``on_key``, ``@on(events.Key)``).
HandedBackKey.handler_name = events.Key.handler_name


def _screen(module: str, name: str) -> Callable[[], Screen[Any]]:
    """A mode's screen, imported when first shown (the first frame needs only sign-in)."""

    def make() -> Screen[Any]:
        screen_type: type[Screen[Any]] = getattr(
            import_module(f"csc_console.screens.{module}"), name
        )
        return screen_type()

    return make


class CscApp(AccessibleApp[int]):
    TITLE = "CSC Console"
    CSS_PATH = "csc.tcss"
    ENABLE_COMMAND_PALETTE = True
    DEFAULT_MODE: ClassVar[str] = "sign_in"
    MODES: ClassVar[dict[str, Any]] = {
        "sign_in": SignInScreen,
        "intake": _screen("intake", "IntakeScreen"),
        "work_orders": _screen("work_orders", "WorkOrdersScreen"),
        "dispatch": _screen("dispatch", "DispatchScreen"),
        "dashboard": _screen("dashboard", "DashboardScreen"),
        "messages": _screen("messages", "MessageLogScreen"),
        "inbox": _screen("inbox", "InboxScreen"),
    }
    BINDINGS: ClassVar[list[Any]] = [
        # F-keys for everyone; Alt+letter twins for terminals that keep F1/F10/F11 (GNOME
        # Terminal, xfce4-terminal) and because Orca speaks what is written after an Alt key
        # but not after an F-key. No Alt+digits (terminal tabs), no Insert or Caps Lock.
        # priority: a text field would otherwise take the letter of an Alt key.
        Binding(
            "f1,alt+h", "help", "Help", id="help", priority=True, tooltip="Every key of this screen"
        ),
        Binding("f2,alt+i", "workspace('intake')", "Intake", id="intake", priority=True),
        Binding(
            "f3,alt+o", "workspace('work_orders')", WORK_ORDERS, id="work-orders", priority=True
        ),
        Binding("f4,alt+d", "workspace('dispatch')", "Dispatch", id="dispatch", priority=True),
        Binding("f5,alt+b", "workspace('dashboard')", "Dashboard", id="dashboard", priority=True),
        Binding("f9,alt+j", "workspace('inbox')", "Inbox", id="inbox", priority=True),
        Binding(
            "f6,alt+m",
            "messages",
            "Messages",
            id="messages",
            priority=True,
            tooltip="The message log",
        ),
        Binding(
            "f7,alt+r",
            "repeat_message",
            "Repeat last message",
            id="repeat-message",
            priority=True,
            show=False,
        ),
        Binding("f8,alt+w", "where_am_i", "Where am I", id="where-am-i", priority=True, show=False),
        Binding(
            "alt+n", "next_theme", "Next colour theme", id="next-theme", priority=True, show=False
        ),
        Binding(
            "alt+p",
            "toggle_plain",
            "Plain look on or off",
            id="plain-look",
            priority=True,
            show=False,
        ),
        Binding(
            "alt+c",
            "toggle_cursor",
            "Show or hide the terminal cursor",
            id="terminal-cursor",
            priority=True,
            show=False,
        ),
        Binding(
            "ctrl+p",
            "command_palette",
            "Commands",
            id="command-palette",
            priority=True,
            show=False,
            tooltip="Find any command by name",
        ),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
        # Tab and Shift+Tab move the focus before the next key is handed on, so that what a
        # fast typist (or a script) types after a Tab lands in the next field, not the last
        # one: a screen's own (non-priority) Tab binding runs only after the keys already
        # forwarded to the field it leaves. A control with its own Tab key keeps it.
        Binding("tab", "focus_move(1)", "Next control", show=False, priority=True),
        Binding("shift+tab", "focus_move(-1)", "Previous control", show=False, priority=True),
    ]

    def __init__(self, settings: Settings, ctx: Ctx | None = None) -> None:
        if settings.operator:
            # Direct sign-in starts on Intake: the sign-in screen is built only if it fails
            # (building a mode restyles the whole app: a start-up pays for each one).
            self.DEFAULT_MODE = "intake"  # type: ignore[misc]
        super().__init__()
        self.direct_failure: BaseException | None = None
        self.settings = settings
        self.base_ctx: Ctx | None = ctx
        self.ctx: Ctx | None = None
        self.live: LiveLink | None = None
        self.startup_error: str | None = None
        self.message_zone = settings.zone
        self._previous_mode = "intake"
        #: the time of the key whose bindings are running (a dialog they open is stamped)
        self._key_time: float | None = None
        #: the screen under a dialog while a key typed before the dialog is handed back to it
        self._typed_for: Screen[Any] | None = None
        #: said on the terminal after the console closes (the call kept)
        self.farewell = ""
        for theme in THEMES.values():
            self.register_theme(theme)
        self.theme = settings.theme
        self.set_class(settings.plain, "-plain")

    @property
    def show_toasts(self) -> bool:
        # Messages go to the message bar (by the focus line) and the log, never to toasts: a
        # toast sits far from the cursor, would be spoken a second time, and vanishing on a
        # timer repaints the screen while the user is idle (ACCESSIBILITY.md).
        return False

    # ------------------------------------------------------------------ session
    def on_mount(self) -> None:
        if self.settings.operator:
            # Direct sign-in: the Intake workspace is usable (help, keys, palette) from the
            # first frame; the database opens and the operator signs in once that frame is
            # out, and the workspace fills in when that is done. A failed sign-in goes to the
            # sign-in screen, which says why.
            self.call_after_refresh(self._direct_sign_in)

    @work(thread=True, exclusive=True, exit_on_error=False, group=STARTUP_GROUP, name="sign in")
    def _direct_sign_in(self) -> None:
        import os

        from csc_console.errors import CscError
        from csc_console.services.auth import current_os_user
        from csc_console.services.bootstrap import open_context
        from csc_console.services.operators import sign_in

        ctx = self.base_ctx or open_context(self.settings)
        self.base_ctx = ctx
        try:
            operator = sign_in(
                ctx,
                username=self.settings.operator or "",
                password=os.environ.get("CSC_PASSWORD") or None,
                os_user=current_os_user(),
            )
        except CscError as error:
            self.call_from_thread(self._direct_sign_in_failed, error)
            return
        self.call_from_thread(self.signed_in, ctx.as_operator(operator))

    def _direct_sign_in_failed(self, error: BaseException) -> None:
        self.direct_failure = error  # the sign-in screen says it and offers the fields
        self.switch_mode("sign_in")

    def signed_in(self, ctx: Ctx) -> None:
        from csc_console.desks.signin import signed_in

        assert ctx.operator is not None
        self.ctx = ctx
        self.notify(signed_in(ctx.operator))
        # Live updates from the other consoles, and the saves queued during an outage.
        from csc_console.screens.live import LiveLink

        if self.live is not None:
            self.live.stop()
        self.live = LiveLink(self, ctx).start()
        if self.current_mode == "intake" and isinstance(self.screen, CscScreen):
            self.screen.session_changed()
        else:
            self.switch_mode("intake")

    def sign_in_failed(self) -> None:
        """Direct sign-in failed: back to the sign-in screen (which says why)."""
        if self.current_mode != "sign_in":
            self.switch_mode("sign_in")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action not in ("workspace", "messages"):
            return True
        # Not before signing in, nor while a dialog waits for an answer (the palette is no dialog).
        return self.ctx is not None and not isinstance(self.screen, CscModal)

    # ------------------------------------------------------------------ type-ahead
    # Keys are handled in the order they were typed, and Textual gives each to whatever has the
    # focus when its turn comes. A dialog pushed meanwhile (by a worker's result, or by a key
    # still being handled) would take the keys typed before it appeared: those are handed back
    # to the screen they were typed for. A dialog opened by a key gets the keys typed after it.
    #
    # Keys typed after one that may move on (Enter, Tab, a shortcut) wait until the screen has
    # finished with it (``KeyOrder``): they go where it moved to, not to the field just left.
    async def on_event(self, event: events.Event) -> None:
        if not isinstance(event, events.Key) or event.is_forwarded:
            await super().on_event(event)
            return
        if self.key_order.wait_turn(event):
            return
        try:
            await self._key(event)
        finally:
            self.key_order.handed_on(event)

    async def _key(self, event: events.Key) -> None:
        dialog = self.screen
        if isinstance(dialog, CscModal) and dialog.typed_before(event):
            await self._hand_back(event)
            return
        self._key_time = event.time
        try:
            await super().on_event(event)  # the priority bindings run here
        finally:
            self._key_time = None

    async def _on_key(self, event: events.Key) -> None:
        # A key no control used comes back here: the bindings of the focused chain. (Textual's
        # App._on_key is run from here, once.)
        event.prevent_default()
        if isinstance(event, HandedBackKey):
            if event.below in self.screen_stack:
                await self._run_bindings(event.below, event, priority=False)
            return
        self._key_time = event.time
        try:
            await super()._on_key(event)
        finally:
            self._key_time = None

    async def _hand_back(self, event: events.Key) -> None:
        # The screen it was typed for: the first one down the stack that was there already.
        below = next(
            (
                screen
                for screen in reversed(self.screen_stack[:-1])
                if not (isinstance(screen, CscModal) and screen.typed_before(event))
            ),
            None,
        )
        if below is None:
            return
        self._keys_pressed += 1  # a key all the same (the focus line's title rule)
        self._typed_for = below
        try:
            if await self._run_bindings(below, event, priority=True):
                return
        finally:
            self._typed_for = None
        (below.focused or below)._forward_event(HandedBackKey(event, below))  # noqa: SLF001

    async def _run_bindings(
        self, screen: Screen[Any], event: events.Key, *, priority: bool
    ) -> bool:
        chain = screen._binding_chain if priority else screen._modal_binding_chain  # noqa: SLF001
        for namespace, bindings in reversed(chain) if priority else chain:
            for binding in bindings.key_to_bindings.get(event.key, ()):
                if binding.priority == priority and await self.run_action(
                    binding.action, namespace
                ):
                    return True
        return False

    def push_screen(self, screen: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(screen, CscModal) and self._key_time is not None:
            screen.opened_by_key(self._key_time)
        return super().push_screen(screen, *args, **kwargs)

    # ------------------------------------------------------------------ quitting
    def work_in_progress(self) -> tuple[CscScreen, WorkInProgress] | None:
        """The first screen with work that quitting would leave behind, and that work."""
        for stack in self._screen_stacks.values():  # noqa: SLF001
            for screen in stack:
                if isinstance(screen, CscScreen) and (work := screen.work_in_progress()):
                    return screen, work
        return None

    async def action_quit(self) -> None:
        """Ctrl+Q and the palette's Quit: at once, or after the one quit question when work is
        in progress (a call: it is kept and offered back at the next start)."""
        from csc_console.desks.quit import quit_question
        from csc_console.screens.quit import QuitModal

        if isinstance(self.screen, QuitModal):
            return
        found = self.work_in_progress()
        if found is None:
            self.exit()
            return
        question = quit_question(found[1])
        self.push_screen(QuitModal(question), partial(self._quit_answered, question.left))

    def _quit_answered(self, left: str, quit_now: bool | None) -> None:
        if not quit_now:
            from csc_console.desks.quit import STAYED

            self.notify(STAYED)
            return
        for stack in self._screen_stacks.values():  # noqa: SLF001
            for screen in stack:
                if isinstance(screen, CscScreen) and not screen.before_quit():
                    return  # that screen said why
        self.farewell = left
        self.exit()

    # ------------------------------------------------------------------ actions
    def action_focus_move(self, step: int) -> None:
        key = "tab" if step > 0 else "shift+tab"
        screen = self._typed_for or self.screen
        focused = screen.focused
        if focused is not None and focused._bindings.key_to_bindings.get(key):  # noqa: SLF001
            raise SkipAction()  # the control's own Tab (the radio line takes a completion)
        if step > 0:
            screen.focus_next()
        else:
            screen.focus_previous()

    def action_workspace(self, mode: str) -> None:
        if self.current_mode != mode:
            self.switch_mode(mode)

    def action_messages(self) -> None:
        if self.current_mode == "messages":
            self.switch_mode(self._previous_mode)
        else:
            self.switch_mode("messages")

    def switch_mode(self, mode: str) -> Any:
        if self.current_mode in WORKSPACES:
            self._previous_mode = self.current_mode
        return super().switch_mode(mode)

    def action_help(self) -> None:
        from csc_console.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
        else:
            self.push_screen(HelpScreen(self.screen))

    def action_repeat_message(self) -> None:
        self.repeat_last_message()

    def action_where_am_i(self) -> None:
        self.where_am_i()

    def action_dismiss_messages(self) -> None:
        self.dismiss_messages()

    def action_next_theme(self) -> None:
        names = list(THEMES)
        following = (
            names[(names.index(self.theme) + 1) % len(names)] if self.theme in names else names[0]
        )
        self.action_set_theme(following)

    def action_set_theme(self, name: str) -> None:
        self.theme = name
        self.notify(f"Colour theme: {THEME_LABELS[name]}.")

    def action_toggle_plain(self) -> None:
        plain = not self.has_class("-plain")
        self.set_class(plain, "-plain")
        # set_class restyles only the screens on view: restyle those underneath (a detail view
        # over its list, a dialog over both) and, on their next showing, other workspaces'.
        self._invalidate_css()
        self.refresh_css(animate=False)
        self.notify("Plain look on." if plain else "Plain look off.")

    def action_toggle_cursor(self) -> None:
        self.show_terminal_cursor(not self.cursor_visible)
        self.notify("Terminal cursor shown." if self.cursor_visible else "Terminal cursor hidden.")

    def extra_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        for name, label in THEME_LABELS.items():
            yield SystemCommand(
                f"Colour theme: {label}",
                f"Use the {label} colour theme",
                partial(self.action_set_theme, name),
            )

    # ------------------------------------------------------------------ errors
    def show_error(self, message: str, *, title: str = "Error") -> None:
        """An error the user must read: a dialog (which rings the bell), also logged."""
        from csc_console.screens.error import ErrorModal

        self.notify(message, severity="error", title=title)  # logged; rings the bell once
        self.push_screen(ErrorModal(message, title=title, ring=False))

    def handle_worker_error(self, worker: Worker[Any], error: BaseException) -> None:
        """The one place failed workers end up (screens forward theirs here)."""
        from csc_console.errors import CscError
        from csc_console.services.text import printable

        if worker.group == STARTUP_GROUP:
            self.fail_startup(error)
            return
        if isinstance(error, CscError):
            self.show_error(printable(str(error)))
        else:
            self.show_error(
                printable(
                    f"Something went wrong ({type(error).__name__}: {error}). Nothing was saved."
                ),
                title="Unexpected error",
            )

    def fail_startup(self, error: BaseException) -> None:
        from csc_console.errors import CscError

        if isinstance(error, CscError):
            self.startup_error, code = str(error), error.exit_code
        else:
            self.startup_error, code = f"Could not start: {type(error).__name__}: {error}.", 1
        self.exit(code, return_code=code)

    def on_unmount(self) -> None:
        if self.live is not None:
            self.live.stop()
        for ctx in {id(c): c for c in (self.ctx, self.base_ctx) if c is not None}.values():
            ctx.db.dispose()


def run_app(settings: Settings) -> int:
    """Run the full-screen console; returns the exit status.

    A start-up failure (data file, database, schema) is printed as one sentence on stderr
    after the terminal is restored; never a traceback.
    """
    app = CscApp(settings)
    result = app.run()
    if app.startup_error:
        sys.stderr.write(f"csc-console: {app.startup_error}\n")
        sys.stderr.flush()
    elif app.farewell:
        sys.stdout.write(f"{app.farewell}\n")
        sys.stdout.flush()
    code = app.return_code
    if code is None:
        code = 1
    return code if code else (result or 0)


__all__ = ["CscApp", "run_app"]
