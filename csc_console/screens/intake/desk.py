"""The call in progress on the Intake screen: its state, its panels, and what joins them.

``Desk`` renders the call's desk (``desks.intake.call.CallDesk``: the draft, the known caller,
the redirect rules already read, the order of the steps, the rule for each answer and the
sentences; the screen-reader mode renders the same desk), so a call started in one front end
can be resumed in the other. It builds the panels, shows those that apply, moves the cursor to
the field of the step the desk names next (``go_on``), answers and ends calls, and offers an
unfinished call back on start-up. Saving and linking are in ``save.Saver``. Every database call runs in a worker
(``IntakeScreen.run_job``); catalog look-ups (street file, redirect rules) are instant and run
here.
"""

from __future__ import annotations

import contextlib
import copy
import threading
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual.widget import Widget
from textual.widgets import Input

from csc_console.catalog.redirects import RedirectHit
from csc_console.desks.intake.call import CallDesk
from csc_console.desks.intake.call_say import (
    NO_CALL,
    READY,
    answered_line,
    draft_not_kept,
    ended_line,
    handle_time_line,
    resumed_state,
)
from csc_console.desks.intake.outcome import strongest
from csc_console.desks.intake.resume import (
    KEPT_FOR_LATER,
    Unfinished,
    close_unfinished,
    find_unfinished,
    resumed_sentence,
)
from csc_console.desks.intake.steps import QUESTION_PREFIX, Step, question_step
from csc_console.desks.quit import WorkInProgress, call_in_progress
from csc_console.errors import CscError, ValidationError
from csc_console.screens.intake import text
from csc_console.screens.intake.caller import CallerPanel
from csc_console.screens.intake.dialogs import RedirectModal, ResumeModal
from csc_console.screens.intake.other import FollowUpPanel, InformationPanel, ReferralPanel
from csc_console.screens.intake.place import PlacePanel
from csc_console.screens.intake.questions import QuestionsPanel
from csc_console.screens.intake.relay import RelayPanel
from csc_console.screens.intake.save import Saver
from csc_console.screens.intake.triage import PurposePanel, WordsPanel
from csc_console.screens.intake.wrapup import WrapUpPanel
from csc_console.services import calls, intake
from csc_console.services.answers import check_answer
from csc_console.services.calls import CallPublic
from csc_console.services.intake import CallDraft
from csc_console.services.phones import parse_phone
from csc_console.services.text import printable
from csc_console.widgets.a11y.cursor import visible_region

if TYPE_CHECKING:
    from csc_console.catalog import Catalog
    from csc_console.screens.intake.screen import IntakeScreen
    from csc_console.services.callers import CallerHistory
    from csc_console.services.context import Ctx

#: the text fields kept in the draft as typed when the console is quit mid-field (the others
#: are checked first: a phone number, a question's answer)
TYPED_INTO = {
    "name": "name",
    "email": "email",
    "caller-address": "caller_address",
    "callback": "preferred_callback",
    "language": "language",
    "words": "words",
    "cross-street": "cross_street",
    "description": "description",
    "notes": "notes",
}


class Desk:
    def __init__(self, screen: IntakeScreen) -> None:
        self.screen = screen
        self.cd: CallDesk | None = None
        self.answered_at: datetime | None = None
        self.offered: Unfinished | None = None
        self.draft_lock = threading.Lock()
        self.draft_ok = True  # False once a draft could not be written
        self.quitting = False  # the last draft is written: no worker writes an older one
        self.closed_keys: set[str] = set()
        self.relay = RelayPanel(self, id="relay-panel")
        self.caller = CallerPanel(self, id="caller-panel")
        self.purpose = PurposePanel(self, id="purpose-panel")
        self.words = WordsPanel(self, id="words-panel")
        self.questions = QuestionsPanel(self, id="questions-panel")
        self.place = PlacePanel(self, id="place-panel")
        self.information = InformationPanel(self, id="information-panel")
        self.follow_up = FollowUpPanel(self, id="follow-up-panel")
        self.referral = ReferralPanel(self, id="referral-panel")
        self.wrapup = WrapUpPanel(self, id="wrapup-panel")
        self.saver = Saver(self)

    @property
    def panels(self) -> list[Any]:
        return [
            self.relay,
            self.caller,
            self.purpose,
            self.words,
            self.questions,
            self.place,
            self.information,
            self.follow_up,
            self.referral,
            self.wrapup,
        ]

    # ------------------------------------------------------------------ the call's desk
    @property
    def draft(self) -> CallDraft | None:
        return self.cd.draft if self.cd is not None else None

    @property
    def call(self) -> CallPublic | None:
        return self.cd.call if self.cd is not None else None

    @property
    def known(self) -> CallerHistory | None:
        return self.cd.known if self.cd is not None else None

    def field_of(self, step: str) -> str:
        """The field where ``step`` is typed on this screen."""
        if step.startswith(QUESTION_PREFIX):
            return f"q-{step.removeprefix(QUESTION_PREFIX)}"
        return text.FIELD_OF.get(step, "disposition")

    def go_on(self, after: str) -> None:
        """Enter on the field of step ``after``: the cursor goes to the next step the desk
        names (``CallDesk.on_a_form``)."""
        if self.cd is not None:
            self.focus(self.field_of(self.cd.on_a_form(after)))

    # ------------------------------------------------------------------ plumbing
    @property
    def ctx(self) -> Ctx:
        ctx = self.screen.host.ctx
        assert ctx is not None
        return ctx

    @property
    def catalog(self) -> Catalog:
        return self.ctx.catalog

    def now(self) -> datetime:
        return self.screen.now()

    def notify(self, message: str, severity: str = "information") -> None:
        self.screen.app.notify(message, severity=severity)  # type: ignore[arg-type]

    def error(self, message: str, field: str | None = None) -> None:
        """Say what is wrong (the bell rings); the cursor goes to ``field``, or stays, and the
        focus line says again where it is, with what the field holds now."""
        self.notify(message, "error")
        if field is not None:
            self.focus(field)
        app = self.screen.app
        announce = getattr(app, "announce_focus", None)
        if callable(announce):
            self.screen.call_after_refresh(announce)

    def run_job(self, group: str, job: Callable[[Ctx], Any], done: Callable[[Any], None],
                **kwargs: Any) -> None:  # fmt: skip
        self.screen.run_job(group, job, done, **kwargs)

    def widget(self, field: str) -> Widget:
        return self.screen.query_one(f"#{field}", Widget)

    def focus(self, field: str | Widget) -> None:
        """Put the cursor on ``field`` (an id or a widget), showing its panel first."""
        target = self.widget(field) if isinstance(field, str) else field
        self.layout()
        if isinstance(target, Input):
            target.cursor_position = len(target.value)
        target.focus(scroll_visible=False)
        self._reveal(target)
        # A field mounted a moment ago has no place on the screen yet: look again once the
        # next frame has laid it out.
        self.screen.call_after_refresh(self._reveal, target)

    def _reveal(self, target: Widget) -> None:
        """Scroll ``target`` into view at the top of the form, not just over its bottom edge:
        a scroll rewrites every row (a screen reader reads them all after Return), and with
        the field at the top the next several fields are already in view."""
        if not target.has_focus or not target.is_attached or not target.region:
            return
        shown = visible_region(target)
        if shown and shown.size == target.region.size:
            return
        self.screen.scroll_to_widget(target, animate=False, top=True)

    def build(self) -> None:
        self.screen.query_one("#call-area").mount(*self.panels)
        for panel in self.panels:
            panel.display = False
        self.run_job("prepare", self._prepare, self._offer_unfinished)

    def _prepare(self, ctx: Ctx) -> Unfinished | None:
        """Load what the first call needs (catalog indexes), and find an unfinished call."""
        _ = ctx.catalog.suggester, ctx.catalog.street_index
        return find_unfinished(ctx, now=self.now())

    # ------------------------------------------------------------------ what is shown
    def layout(self) -> None:
        in_call = self.draft is not None
        self.screen.query_one("#answer-panel").display = not in_call
        for panel in self.panels:
            panel.display = in_call and panel.applies()

    def changed(self) -> None:
        if self.draft is not None:
            self.screen.draft_changed()

    def focused(self, widget: Widget) -> None:
        # Every focus move ends in view: ``focus`` asks Textual not to scroll (it scrolls to
        # the top itself), and its first look comes before the deferred focus has landed.
        self.screen.call_after_refresh(self._reveal, widget)
        d = self.draft
        if d is None or widget.id is None:
            return
        step = text.STEP_OF.get(widget.id)
        if widget.id.startswith("q-"):
            step = question_step(widget.id[2:])
        if step and step != d.step:
            if step == Step.TRANSCRIPT and self.cd is not None:
                self.cd.into_transcript()
            d.step = step
            self.changed()

    def go(self, where: str) -> None:
        """A "go to" key: the field, or why it is not there."""
        if self.draft is None:
            self.notify("No call in progress: Enter or Alt+A answers a call.", "warning")
            return
        if where == "questions":
            self.questions.go_first_open()
            return
        if where == "history" and self.known is None:
            self.notify("The caller has no earlier calls or requests on file.", "warning")
            return
        if where in ("words",) and self.draft.purpose not in ("report", "information"):
            self.purpose.choose("report")
        if where == "address" and not self.draft.category:
            self.error("Choose a category first: the caller's words find it.", "words")
            return
        self.focus(where)

    def start_of_purpose(self) -> None:
        """After the caller: the first thing to type for what the call is about."""
        self.go_on(Step.PURPOSE)

    # ------------------------------------------------------------------ answering
    def answer(self) -> None:
        if self.offered is not None:
            self.offer(self.offered)
            return
        if self.draft is not None:
            self.notify("A call is in progress: Alt+Z goes to its wrap-up.", "warning")
            return
        channel = self.screen.query_one("#channel").value or "phone"  # type: ignore[attr-defined]
        now = self.now()
        draft = CallDraft(channel=channel)
        self.begin(draft, None, now)
        said = answered_line(channel, now, self.ctx.zone)
        self.screen.set_state(said)
        self.notify(f"{said} Alt+T says the handle time.")
        self.focus("relay-type" if channel == "relay" else "phone")
        self.run_job(
            "call",
            lambda ctx: calls.start_call(ctx, channel=channel, client_key=draft.call_key, now=now),
            lambda call: self._started(draft, call),
            failed=self._start_failed,
        )

    def _started(self, draft: CallDraft, call: CallPublic) -> None:
        draft.call_id = call.id
        if self.cd is not None and draft is self.cd.draft:
            self.cd.call, self.answered_at = call, call.answered_at or self.answered_at
        self.flush_draft(draft)

    def _start_failed(self, error: BaseException) -> bool:
        if not isinstance(error, CscError):
            return False
        self.notify(f"{error} The call is recorded when it is wrapped up.", "error")
        return True

    def begin(self, draft: CallDraft, call: CallPublic | None, answered: datetime | None) -> None:
        self.cd = CallDesk(self.catalog, self.ctx.zone, draft, call=call)
        self.answered_at = (call.answered_at if call is not None else None) or answered
        for panel in self.panels:
            panel.load(draft)
        self.layout()

    def say_handle_time(self) -> None:
        if self.draft is None or self.answered_at is None:
            self.notify(handle_time_line(None))
            return
        self.notify(handle_time_line((self.now() - self.answered_at).total_seconds()))

    def say_read_back(self) -> None:
        line = self.wrapup.read_back
        self.notify(line or "No request has been saved in this call yet.")

    # ------------------------------------------------------------------ unfinished calls
    def _offer_unfinished(self, found: Unfinished | None) -> None:
        if found is not None and self.draft is None:
            if found.problem:
                self.notify(printable(found.problem), "error")
            self.offer(found)

    def offer(self, found: Unfinished) -> None:
        self.offered = found
        if isinstance(self.screen.app.screen, ResumeModal):
            return  # already asking
        self.screen.app.push_screen(ResumeModal(found.line), callback=self._offer_answered)

    def _offer_answered(self, resume: bool | None) -> None:
        if self.offered is None:
            return
        if resume is None:
            self.notify(KEPT_FOR_LATER)
            return
        draft, call = self.offered.draft, self.offered.call
        self.offered = None
        if resume:
            self.resume(draft, call)
        else:
            self._discard(draft)

    def resume(self, draft: CallDraft, call: CallPublic | None) -> None:
        self.begin(draft, call, None)
        self.screen.set_state(resumed_state(draft))
        self.notify(resumed_sentence(draft))
        self.caller.refresh_known()
        self.wrapup.refresh_saved()
        if draft.category:
            self.questions.show_category(self.catalog.category(draft.category), draft.answers)
        self.place.restored()
        target = text.FIELD_OF.get(draft.step, "")
        if draft.step.startswith("q."):
            target = f"q-{draft.step[2:]}"
        self.screen.call_after_refresh(self._focus_restored, target or "phone")

    def _focus_restored(self, target: str) -> None:
        self.layout()
        found = self.screen.query(f"#{target}")
        widget = found.first() if found else None
        if widget is None or not widget.display or not widget.parent or not widget.focusable:
            widget = self.widget("phone")
        self.focus(widget)

    def _discard(self, draft: CallDraft) -> None:
        now = self.now()
        self.closed_keys.add(draft.call_key)

        def close(ctx: Ctx) -> str:
            with self.draft_lock:
                return close_unfinished(ctx, draft, now=now)

        self.run_job("call", close, self.notify)

    # ------------------------------------------------------------------ drafts
    def flush_draft(self, draft: CallDraft | None = None) -> None:
        """Write the draft now (in a worker; writes never overtake each other)."""
        draft = draft or self.draft
        if draft is None:
            return
        self.screen.draft_written()
        data = copy.deepcopy(draft.to_dict())

        def write(ctx: Ctx) -> None:
            with self.draft_lock:
                if data["call_key"] not in self.closed_keys and not self.quitting:
                    intake.save_draft(ctx, CallDraft.from_dict(data))

        self.run_job("draft", write, self._draft_kept, failed=self._draft_failed, exclusive=False)

    def _draft_kept(self, _: object) -> None:
        self.draft_ok = True

    def _draft_failed(self, error: BaseException) -> bool:
        if not isinstance(error, OSError):
            return False
        self.draft_ok = False
        self.notify(draft_not_kept(error.strerror or str(error)), "error")
        return True

    # ------------------------------------------------------------------ quitting
    def work_in_progress(self) -> WorkInProgress | None:
        d = self.draft
        if d is None:
            return None
        self.keep_typed()  # the caller as typed so far ("Sam Smi" before Enter)
        return call_in_progress(
            name=d.name, phone=d.phone, relay=d.channel == "relay", kept=self.draft_ok
        )

    def keep_typed(self) -> None:
        """What is being typed in the focused field goes into the draft as it stands."""
        d, field = self.draft, self.screen.focused
        if d is None or not isinstance(field, Input) or field.id is None:
            return
        typed = field.value
        if field.id in TYPED_INTO:
            setattr(d, TYPED_INTO[field.id], typed)
        elif field.id == "phone":
            with contextlib.suppress(ValidationError):
                d.phone = parse_phone(typed).display if typed.strip() else ""
        elif field.id.startswith("q-") and d.category:
            question = self.catalog.category(d.category).question(field.id[2:])
            if question is None:
                return
            with contextlib.suppress(ValidationError):
                value, _ = check_answer(
                    question, typed.strip() or None, calendar=self.ctx.calendar, now=self.now()
                )
                if value is not None:
                    d.answers[question.code] = value

    def keep_for_quit(self) -> bool:
        """Quitting: the draft, with what is being typed, is written now, on this thread (a
        small local file, no database), and no older write may follow it. False if it could
        not be written (said; the console stays open)."""
        d = self.draft
        if d is None:
            return True
        self.keep_typed()
        with self.draft_lock:
            try:
                if d.call_key not in self.closed_keys:
                    intake.save_draft(self.ctx, CallDraft.from_dict(copy.deepcopy(d.to_dict())))
            except OSError as error:
                self._draft_failed(error)
                return False
            self.quitting = True
        self.screen.draft_written()
        return True

    # ------------------------------------------------------------------ redirects
    def emergencies(self) -> list[RedirectHit]:
        return self.cd.emergencies() if self.cd is not None else []

    def category_rules(self, *, provider: str | None = None) -> list[RedirectHit]:
        return self.cd.rules_now(electric_provider=provider) if self.cd is not None else []

    def redirect(self, hits: Sequence[RedirectHit], then: Callable[[], None]) -> None:
        """Interrupt with the strongest new rule's script; ``then`` when the call goes on."""
        shown = self.cd.unread(hits) if self.cd is not None else []
        if not shown:
            then()
            return
        modal = RedirectModal(strongest(shown), shown)
        self.screen.app.push_screen(modal, callback=lambda c: self._redirected(c, then))

    def _redirected(self, choice: str | None, then: Callable[[], None]) -> None:
        if self.cd is None:
            return
        wrap_up = self.cd.take_redirect(choice)
        self.wrapup.show_disposition()
        self.changed()
        if wrap_up:
            self.wrap_up()
            return
        then()

    # ------------------------------------------------------------------ saving, wrap-up
    def set_disposition(self, value: str) -> None:
        if self.draft is not None:
            self.draft.disposition = value
            self.wrapup.show_disposition()
            self.changed()

    def save(self) -> None:
        self.saver.save()

    def wrap_up(self) -> None:
        d = self.draft
        if d is None:
            self.notify(NO_CALL, "warning")
            return
        self.wrapup.show_disposition()
        self.focus("disposition")
        self.relay.wrapping_up()
        if d.call_id is not None:
            now = self.now()
            call_id = d.call_id
            self.run_job(
                "conversation",
                lambda ctx: calls.end_conversation(ctx, call_id=call_id, now=now),
                lambda _: None,
                failed=lambda error: isinstance(error, CscError),
            )

    def end_call(self) -> None:
        self.wrapup.end()

    def ended(self, done: CallPublic) -> None:
        """The wrap-up is saved: say how it ended, and get ready for the next call."""
        self.cd, self.answered_at = None, None
        self.layout()
        self.screen.draft_written()
        self.screen.show_idle()
        self.notify(f"{ended_line(done)} {READY}")
