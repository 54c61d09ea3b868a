"""Base classes every screen derives from.

- ``CscScreen``: title row, body, message bar, focus line, footer; forwards worker errors to
  the app's one handler (``ShellHost.handle_worker_error``) unless ``worker_failed`` handles
  them first.
- ``CscModal``: the same for dialogs (focus line inside the dialog). A dialog is never given the
  keys typed before it appeared (``typed_before``): the app hands them back to the screen
  underneath (``CscApp``), so a dialog pushed by a worker's result cannot take the keys of a
  fast typist or a paste.
- ``WorkspaceScreen``: a workspace whose content is fetched by ``fetch(ctx)`` in a thread
  worker (never on the UI thread) and shown by ``show(data)``; reloads when it becomes current
  and on Ctrl+R.

Screens reach the app only through the ``ShellHost`` protocol (no import of the app module).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar, cast

from textual import events, work
from textual._time import get_time
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from csc_console.widgets.announce import FocusLine, MessageBar
from csc_console.widgets.bars import KeysFooter, TitleBar
from csc_console.widgets.message_log import MessageLog
from csc_console.widgets.text import literal

if TYPE_CHECKING:
    from csc_console.config import Settings
    from csc_console.desks.quit import WorkInProgress
    from csc_console.screens.live import LiveLink
    from csc_console.services.context import Ctx

T = TypeVar("T")
D = TypeVar("D")


class ShellHost(Protocol):
    """What screens may ask of the application."""

    settings: Settings
    base_ctx: Ctx | None
    ctx: Ctx | None
    live: LiveLink | None
    message_log: MessageLog
    direct_failure: BaseException | None
    """Why the direct sign-in (``--operator``) failed, for the sign-in screen to say."""

    def signed_in(self, ctx: Ctx) -> None: ...

    def sign_in_failed(self) -> None: ...

    def handle_worker_error(self, worker: Worker[Any], error: BaseException) -> None: ...

    def show_error(self, message: str, *, title: str = "Error") -> None: ...


def operator_words(ctx: Ctx | None) -> str:
    if ctx is None or ctx.operator is None:
        return "not signed in"
    from csc_console.services.text import printable

    return f"{printable(ctx.operator.display_name)}, {ctx.operator.role.label}"


class _ReportsWorkerErrors:
    """Send failed workers to the app's single error handler."""

    def worker_failed(self, worker: Worker[Any], error: BaseException) -> bool:
        """Handle a failed worker here; return True if handled (default: let the app)."""
        return False

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if event.state is not WorkerState.ERROR or worker.error is None:
            return
        if not self.worker_failed(worker, worker.error):
            cast(ShellHost, worker.node.app).handle_worker_error(worker, worker.error)


class CscScreen(_ReportsWorkerErrors, Screen[None]):
    """A full screen: title row, body (``compose_body``), message bar, focus line, footer."""

    a11y_title: ClassVar[str] = ""
    BINDINGS: ClassVar[list[Any]] = [
        Binding(
            "escape", "app.dismiss_messages", "Dismiss messages", id="dismiss-messages", show=False
        ),
    ]

    @property
    def host(self) -> ShellHost:
        return cast(ShellHost, self.app)

    def title_text(self) -> str:
        ctx = self.host.ctx
        who = ""
        if ctx is not None and ctx.operator is not None:
            from csc_console.services.text import printable

            who = f" {printable(ctx.operator.display_name)}."
        return f"CSC Console: {self.a11y_title}.{who}"

    def compose(self) -> ComposeResult:
        yield TitleBar(self.title_text(), id="title-bar")
        with Vertical(id="body"):
            yield from self.compose_body()
        with Vertical(id="bottom"):
            yield MessageBar(id="message-bar")
            yield FocusLine(id="focus-line")
            yield KeysFooter()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_screen_resume(self) -> None:
        self.query_one(TitleBar).set_text(self.title_text())
        self.query_one(MessageBar).show_entry(self.host.message_log.last, speak=False)

    def session_changed(self) -> None:
        """The operator signed in while this screen was showing (``--operator`` start-up)."""
        self.query_one(TitleBar).set_text(self.title_text())

    def work_in_progress(self) -> WorkInProgress | None:
        """What quitting now would leave behind (a call, a correction): quitting asks first."""
        return None

    def before_quit(self) -> bool:
        """The user chose to quit: keep what is in progress now, on the UI thread, without
        database work (a local draft file at most). False, with the reason said, to stay."""
        return True


class CscModal(_ReportsWorkerErrors, ModalScreen[T]):
    """A dialog: title, body (``compose_dialog``), focus line. Escape closes it.

    ``opened_at`` is when the dialog appeared, on Textual's clock (``Message.time``): the time
    of the key that opened it, when a key did (the keys typed after that key are the dialog's),
    else the time it was mounted (drawn with the next frame). A key event created before that
    was typed for the screen underneath: ``typed_before`` says so, and the app never gives such
    a key to the dialog (``CscApp.on_event`` hands it back).
    """

    a11y_title: str = ""
    BINDINGS: ClassVar[list[Any]] = [
        Binding("escape", "close", "Close this dialog", id="close-dialog"),
    ]
    #: until it is mounted (or stamped by the key that opened it), every key is older than it
    opened_at: float = float("inf")

    def opened_by_key(self, key_time: float) -> None:
        """A key opened this dialog: the keys typed after it are the dialog's."""
        self.opened_at = key_time

    def typed_before(self, event: events.Key) -> bool:
        return event.time < self.opened_at

    def _on_mount(self, event: events.Mount) -> None:
        # (Textual calls each class's own handler: no super() here.)
        if self.opened_at == float("inf"):
            self.opened_at = get_time()

    @property
    def host(self) -> ShellHost:
        return cast(ShellHost, self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(literal(self.a11y_title), id="dialog-title", markup=False)
            yield from self.compose_dialog()
            yield FocusLine(id="focus-line")

    def compose_dialog(self) -> ComposeResult:
        yield from ()

    def action_close(self) -> None:
        self.dismiss(None)


class WorkspaceScreen(CscScreen, Generic[D]):
    """A workspace: its content comes from ``fetch`` (thread worker) and is shown by ``show``."""

    BINDINGS: ClassVar[list[Any]] = [
        Binding("ctrl+r", "refresh", "Refresh workspace", id="refresh"),
    ]
    mode: ClassVar[str] = ""

    class Loaded(Message):
        """The worker fetched the workspace's data."""

        def __init__(self, data: object) -> None:
            super().__init__()
            self.data = data

    _covered = False

    def on_screen_suspend(self) -> None:
        # Suspended under a dialog (help, error) or for another workspace?
        self._covered = self.app.screen is not self and self.app.screen.is_modal

    def on_screen_resume(self) -> None:
        # Fresh data each time the workspace is switched to; not when a dialog closes (a
        # failing load would otherwise reopen its own error dialog for ever).
        if not self._covered:
            self.reload()
        self._covered = False

    _say_refreshed = False

    def action_refresh(self) -> None:
        self._say_refreshed = True
        self.reload()

    def reload(self) -> None:
        if self.host.ctx is not None:
            self._load()

    def session_changed(self) -> None:
        super().session_changed()
        self.reload()

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def _load(self) -> None:
        ctx = self.host.ctx
        if ctx is None:
            return
        self.post_message(self.Loaded(self.fetch(ctx)))

    def on_workspace_screen_loaded(self, message: WorkspaceScreen.Loaded) -> None:
        self.show(cast(D, message.data))
        if self._say_refreshed:
            self._say_refreshed = False
            self.app.notify(f"{self.a11y_title} refreshed.")

    def fetch(self, ctx: Ctx) -> D:
        """Read the workspace's data (runs in a thread: no widgets here)."""
        raise NotImplementedError

    def show(self, data: D) -> None:
        """Put fetched data on screen (UI thread)."""
        raise NotImplementedError
