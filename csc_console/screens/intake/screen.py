"""The Intake screen: answer a call, take it from the caller to the wrap-up, be ready for the next.

With no call in progress the screen shows one list, "Answer" (Phone chosen; a number picks
relay, walk-in, voicemail or email) with the cursor on it: Enter or Alt+A answers. The call's
panels (``desk.Desk``) are built once the operator is signed in, so this module stays light
enough for the first frame after an ``--operator`` start-up.

Everything slow runs in thread workers started by ``run_job`` (one place: results come back
as ``JobDone`` messages on the UI thread, failures go to the job's own handler or to the app's
one worker-error handler). What the CSR types is kept as a draft, written by a worker half a
second after the typing stops (``draft_changed``), never on the UI thread.

Keys (all in help, F1 or Alt+H, and in the palette by name):
Alt+A answer, Alt+T handle time, Alt+E read-back again, Alt+F caller's phone, Alt+Y the
caller's requests and calls, Alt+U what the call is about, Alt+G caller's words, Alt+Q the
category's questions, Alt+X address, Alt+L link to the highlighted duplicate, Alt+S save,
Alt+Z wrap-up, Alt+K end the call, Alt+V a relay call's transcript (its own keys are in
``relay``). Enter in a field goes on to the next thing to type.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Static

from csc_console.screens.base import CscScreen
from csc_console.screens.thread_jobs import ThreadJobs
from csc_console.widgets.choices import ChoiceList
from csc_console.widgets.entry import TextField
from csc_console.widgets.fields import LabelledField
from csc_console.widgets.text import literal

if TYPE_CHECKING:
    from csc_console.desks.quit import WorkInProgress
    from csc_console.screens.intake.desk import Desk

CHANNELS = [
    ("phone", "Phone"),
    ("relay", "Relay"),
    ("walk_in", "Walk-in"),
    ("voicemail", "Voicemail"),
    ("email", "Email"),
]
IDLE = (
    "No call in progress. Enter or Alt+A answers a phone call; type a number first for relay, "
    "walk-in, voicemail or email."
)
NOT_READY = "Intake is still opening; try again in a moment."
DRAFT_DELAY = 0.5  # seconds after the last change before the draft is written


def _bind(key: str, action: str, words: str, id: str, show: bool = False) -> Binding:  # noqa: A002
    # priority: a text field would otherwise take the letter of an Alt key
    return Binding(key, action, words, id=id, show=show, priority=True, tooltip=words)


class IntakeScreen(ThreadJobs, CscScreen):
    NOT_READY = NOT_READY
    JOBS_EXCLUSIVE = True
    a11y_title = "Intake"
    BINDINGS: ClassVar[list[Any]] = [
        _bind("alt+a", "answer", "Answer a call", "answer", show=True),
        _bind("alt+t", "handle_time", "Say the handle time", "handle-time"),
        _bind("alt+e", "read_back", "Read the read-back again", "read-back"),
        _bind("alt+f", "go('phone')", "Caller's phone", "go-caller"),
        _bind("alt+y", "go('history')", "Caller's requests and calls", "go-history"),
        _bind("alt+u", "go('purpose')", "What the call is about", "go-purpose"),
        _bind("alt+g", "go('words')", "Caller's words and suggestions", "go-words"),
        _bind("alt+q", "go('questions')", "The category's questions", "go-questions"),
        _bind("alt+x", "go('address')", "Address of the problem", "go-address"),
        _bind("alt+l", "link", "Link the caller to the highlighted request", "link-duplicate"),
        _bind("alt+s", "save", "Save the request", "save-request", show=True),
        _bind("alt+z", "wrap_up", "Wrap up the call", "wrap-up", show=True),
        _bind("alt+k", "end_call", "End the call and get ready for the next", "end-call"),
        _bind("alt+v", "relay", "Relay call: the transcript", "go-relay"),
    ]

    def __init__(self) -> None:
        super().__init__(id="intake")
        self.desk: Desk | None = None
        self._draft_timer: Timer | None = None

    def now(self) -> datetime:
        """The time for everything the call records (tests replace it)."""
        return datetime.now(UTC)

    # ------------------------------------------------------------------ layout
    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="intake-form", can_focus=False):
            yield Static(literal(IDLE), id="call-state", markup=False)
            yield LabelledField(
                "Answer",
                ChoiceList("Answer", CHANNELS, value="phone", id="channel"),
                id="answer-panel",
                classes="choice-field",
            )
            yield Vertical(id="call-area")

    def on_mount(self) -> None:
        self._draft_timer = self.set_interval(DRAFT_DELAY, self._draft_due, pause=True)
        self.query_one("#channel", ChoiceList).focus()
        if self.host.ctx is not None:
            self.call_after_refresh(self._build)

    def session_changed(self) -> None:
        super().session_changed()
        self._build()

    def _build(self) -> None:
        if self.desk is not None or self.host.ctx is None:
            return
        from csc_console.screens.intake.desk import Desk

        self.desk = Desk(self)
        self.desk.build()

    def set_state(self, text: str) -> None:
        """The line at the top of the form: what the call is now, in words."""
        self.query_one("#call-state", Static).update(literal(text))

    def show_idle(self) -> None:
        self.set_state(IDLE)
        self.query_one("#answer-panel").display = True
        channel = self.query_one("#channel", ChoiceList)
        channel.set_value("phone")
        channel.focus()

    # ------------------------------------------------------------------ actions
    def _ready(self) -> Desk | None:
        if self.desk is None:
            self.app.notify(NOT_READY, severity="warning")
        return self.desk

    def action_answer(self) -> None:
        if desk := self._ready():
            desk.answer()

    @on(ChoiceList.Accepted, "#channel")
    def _channel_accepted(self) -> None:
        self.action_answer()

    def action_handle_time(self) -> None:
        if desk := self._ready():
            desk.say_handle_time()

    def action_read_back(self) -> None:
        if desk := self._ready():
            desk.say_read_back()

    def action_go(self, where: str) -> None:
        if desk := self._ready():
            desk.go(where)

    def action_relay(self) -> None:
        if desk := self._ready():
            desk.relay.go()

    def action_link(self) -> None:
        if desk := self._ready():
            desk.place.link_highlighted()

    def action_save(self) -> None:
        if desk := self._ready():
            desk.save()

    def action_wrap_up(self) -> None:
        if desk := self._ready():
            desk.wrap_up()

    def action_end_call(self) -> None:
        if desk := self._ready():
            desk.end_call()

    def on_text_field_limit_reached(self, event: TextField.LimitReached) -> None:
        label = getattr(event.field, "a11y_label", None) or "This field"
        why = " (the Open311 limit)" if event.field.id in ("description", "words") else ""
        self.app.notify(
            f"{label} holds at most {event.limit:,} characters{why}; the text was not added. "
            "Nothing typed before was lost.",
            severity="warning",
        )

    def on_choice_list_out_of_range(self, event: ChoiceList.OutOfRange) -> None:
        self.app.notify(event.text, severity="error")

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if self.desk is not None:
            self.desk.focused(event.widget)

    # ------------------------------------------------------------------ quitting
    def work_in_progress(self) -> WorkInProgress | None:
        return self.desk.work_in_progress() if self.desk is not None else None

    def before_quit(self) -> bool:
        return self.desk.keep_for_quit() if self.desk is not None else True

    # ------------------------------------------------------------------ drafts
    def draft_changed(self) -> None:
        """Something typed changed: write the draft once the typing pauses."""
        if self._draft_timer is not None:
            self._draft_timer.reset()
            self._draft_timer.resume()

    def draft_written(self) -> None:
        """The draft was just written: nothing is pending."""
        if self._draft_timer is not None:
            self._draft_timer.pause()

    def _draft_due(self) -> None:
        self.draft_written()
        if self.desk is not None:
            self.desk.flush_draft()
