"""One call in progress, for both front ends: ``CallDesk``, its state and its rules.

The desk is the call's headless model. It holds the ``CallDraft`` (what the CSR has taken so
far), the caller the phone number found, whether the CSR is changing that caller's details, and
the redirect rules already read to the caller. It knows

- **the steps** of a call in their one order (``sequence``) and which of them apply now
  (``applies``), so "what comes after" (``next_after``) and "where a resumed call starts"
  (``resume_step``) are one rule. The screen-reader mode asks the steps one prompt at a time;
  the full screen shows them as fields and moves the cursor to the step the desk names next,
  passing over the steps it shows in place (``PASSED_OVER_ON_A_FORM``). Both store the step key
  in ``CallDraft.step``, so a call started in one front end resumes at the same step in the
  other;
- **the rule applied to each answer** (the phone number and the caller it finds, the name and
  "anonymous", the purpose, the category, a question's answer, an information topic, a
  referral, the wrap-up);
- **the sentences** said when a call is answered, resumed, wrapped up, ended or cancelled
  (``call_say``); the steps themselves and their labels are ``steps``, the caller's rules
  ``caller`` and the redirect rules ``redirects``.

It calls services, which return facts, and turns them into words; it imports no UI and no SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from csc_console.desks.choices import Option
from csc_console.desks.intake.call_say import WRAP_UP_NOW
from csc_console.desks.intake.caller import CallerRules
from csc_console.desks.intake.redirects import RedirectRules
from csc_console.desks.intake.say import department_lines, label, topic_chosen, topic_lines
from csc_console.desks.intake.steps import (
    CALLER_STEPS,
    PASSED_OVER_ON_A_FORM,
    PLACE_STEPS,
    PURPOSE_STEPS,
    RELAY_STEPS,
    WRAP_UP_STEPS,
    Step,
    question_step,
)
from csc_console.errors import CscError
from csc_console.services import calls
from csc_console.services.answers import check_answer
from csc_console.vocab import Channel, Disposition

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from csc_console.calendar import BusinessCalendar
    from csc_console.catalog import Catalog
    from csc_console.catalog.redirects import RedirectHit
    from csc_console.catalog.schema import Category, Question
    from csc_console.services.answers import AnswerValue
    from csc_console.services.callers import CallerHistory
    from csc_console.services.calls import CallPublic
    from csc_console.services.context import Ctx
    from csc_console.services.intake import CallDraft


REPORT_KINDS = ("report", "service")
INFORMATION_KINDS = ("information",)
CANCEL_NOTE = "Cancelled at the console before the wrap-up."


@dataclass(frozen=True)
class TopicTaken:
    """A topic read to the caller: its lines (script, hours, referrals) and the message."""

    lines: list[str]
    said: str


class CallDesk(CallerRules, RedirectRules):
    """The call in progress (see the module's docstring)."""

    def __init__(
        self,
        catalog: Catalog,
        zone: ZoneInfo,
        draft: CallDraft,
        *,
        call: CallPublic | None = None,
    ) -> None:
        self.catalog, self.zone = catalog, zone
        self.draft = draft
        self.call = call
        self.known: CallerHistory | None = None
        self.change_details = False
        self.shown_rules: set[str] = set()
        self._emergencies: tuple[str, list[RedirectHit]] | None = None
        self._before_transcript: str | None = None

    # ------------------------------------------------------------------ the steps
    def sequence(self) -> list[str]:
        """Every step of this call in order, for its channel, purpose and category."""
        d = self.draft
        out: list[str] = list(RELAY_STEPS) if d.channel == Channel.RELAY.value else []
        out += [*CALLER_STEPS, Step.PURPOSE]
        purpose = d.purpose or "report"  # what a form shows chosen until the CSR changes it
        if purpose in ("report", "information"):
            out += [Step.WORDS, Step.EMERGENCY]
        if purpose == "report":
            out.append(Step.CATEGORY)
            category = self.category()
            if category is not None:
                out += [question_step(q.code) for q in category.questions]
                out += PLACE_STEPS
        else:
            out += PURPOSE_STEPS.get(purpose, ())
        return [*out, *WRAP_UP_STEPS]

    def applies(self, step: str) -> bool:
        """Whether ``step`` is asked now, by the draft's rules. A step that also waits on a
        fact (an address near miss, duplicates, a failed save) is asked only when that fact
        is there too; the front end that has the fact says so."""
        d = self.draft
        details_wanted = self.known is None or self.change_details
        match step:
            case Step.CALLER:
                return self.known is not None
            case Step.NAME:
                return details_wanted
            case Step.EMAIL | Step.CALLER_ADDRESS | Step.CALLBACK | Step.LANGUAGE:
                return details_wanted and not d.anonymous
            case Step.EMERGENCY:
                return bool(self.emergencies())
            case Step.REDIRECT_WORDS | Step.REDIRECT_ANSWERS:
                return bool(self.rules_at(step))
            case Step.LANDMARK:
                return not d.address or d.unverified_address
            case Step.DUPLICATES:
                return bool(d.address) and not d.unverified_address
            case Step.DESCRIPTION:
                return not d.link_to
            case _:
                return True

    def next_after(self, step: str, *, passing_over: Iterable[str] = ()) -> str:
        """The first step after ``step`` that applies (and is not passed over)."""
        skip = set(passing_over)
        order = self.sequence()
        start = order.index(step) + 1 if step in order else 0
        return next(
            (s for s in order[start:] if s not in skip and self.applies(s)), Step.DISPOSITION
        )

    def on_a_form(self, step: str) -> str:
        """Where a form goes after ``step``: the next step it stops at."""
        return self.next_after(step, passing_over=PASSED_OVER_ON_A_FORM)

    def resume_step(self, kept: Callable[[str], bool]) -> str:
        """Where a resumed call starts: the step it was at, or else the first step that
        applies and has nothing ``kept`` yet."""
        order = self.sequence()
        if self.draft.step in order:
            return self.draft.step
        return next((s for s in order if self.applies(s) and not kept(s)), Step.DISPOSITION)

    def into_transcript(self) -> None:
        """The CSR goes to a relay call's transcript from the step the call is at."""
        if self.draft.step not in RELAY_STEPS:
            self._before_transcript = self.draft.step or None

    def out_of_transcript(self, *, on_a_form: bool = False) -> str:
        """Leaving the transcript: back to the step the call was at (a turn typed in the
        middle of the intake or after the save), or on to the caller's number."""
        back, self._before_transcript = self._before_transcript, None
        if back is not None and back in self.sequence():
            return back
        return self.on_a_form(Step.TRANSCRIPT) if on_a_form else self.next_after(Step.TRANSCRIPT)

    # ------------------------------------------------------------------ what it is about
    def take_purpose(self, purpose: str) -> bool:
        """What the call is about; True when the CSR chose to wrap up at once."""
        wrap_up = purpose == WRAP_UP_NOW.value
        self.draft.purpose = "" if wrap_up else purpose
        return wrap_up

    def take_words(self, typed: str) -> None:
        """The caller's words, kept as typed (too long is said when they are used). Typing
        them on a form where no purpose was chosen makes the call a report."""
        d = self.draft
        d.words = typed
        if not d.purpose and typed.strip():
            d.purpose = "report"

    @property
    def kinds(self) -> tuple[str, ...]:
        """What the caller's words are matched to: information topics or categories."""
        return INFORMATION_KINDS if self.draft.purpose == "information" else REPORT_KINDS

    def category(self) -> Category | None:
        if not self.draft.category:
            return None
        try:
            return self.catalog.category(self.draft.category)
        except CscError:
            return None

    def take_category(self, code: str) -> Category:
        """The category chosen (``CscError`` for an unknown code): the call becomes a report;
        another category than before drops the answers, which were the other one's."""
        d = self.draft
        category = self.catalog.category(code)
        if category.code != d.category:
            d.answers = {}
        d.category, d.purpose = category.code, "report"
        return category

    def take_answer(
        self,
        question: Question,
        typed: AnswerValue | tuple[str, ...] | None,
        *,
        calendar: BusinessCalendar | None,
        now: datetime,
    ) -> list[str]:
        """A question's answer, checked (``ValidationError`` says why not); the warnings."""
        checked, warnings = check_answer(question, typed, calendar=calendar, now=now)
        if checked is None:
            self.draft.answers.pop(question.code, None)
        else:
            self.draft.answers[question.code] = checked
        return warnings

    # ------------------------------------------------------------------ other purposes
    def take_topic(self, code: str) -> TopicTaken:
        """An information topic read to the caller: every topic asked is kept, in order."""
        d = self.draft
        topic = self.catalog.topic(code)
        d.add_topic(code)
        d.disposition = Disposition.INFORMATION_PROVIDED.value
        return TopicTaken(topic_lines(topic), topic_chosen(self.catalog, code, d.topic_codes()))

    def related(self) -> Category | None:
        """The category of a request the topic on screen leads to, if any."""
        d = self.draft
        if not d.topic:
            return None
        try:
            code = self.catalog.topic(d.topic).related_category
            return self.catalog.category(code) if code else None
        except CscError:
            return None

    def next_options(self) -> list[Option[str]]:
        """After a topic: wrap up, another topic, or a request of its related category."""
        options = [Option("wrap", "Wrap up the call"), Option("another", "Another topic")]
        related = self.related()
        if related is not None:
            options.append(Option("report", f"Take a request: {related.name}"))
        return options

    def take_next(self, choice: str) -> str:
        """The step after a topic: the words again (another topic), the related category's
        questions, or the wrap-up."""
        d = self.draft
        if choice == "another":
            d.topic = ""  # the best match for the new words is offered, not the one read
            return Step.WORDS
        related = self.related()
        if choice == "report" and related is not None:
            self.take_category(related.code)
            return Step.CATEGORY
        return Step.DISPOSITION

    def relay_dropped(self) -> None:
        """A relay call that dropped ends as dropped, unless it did something else."""
        if not self.draft.disposition:
            self.draft.disposition = Disposition.DROPPED.value

    def status_given(self) -> None:
        """A request's status read from the caller's history: the call gave a status,
        unless it did something else already."""
        if not self.draft.disposition:
            self.draft.disposition = Disposition.STATUS_GIVEN.value

    def followed_up(self) -> None:
        """A follow-up call read the request's status: that is what the call did."""
        self.draft.disposition = Disposition.STATUS_GIVEN.value

    def take_department(self, code: str) -> list[str]:
        self.draft.disposition = Disposition.REFERRED.value
        return department_lines(self.catalog.department(code))

    # ------------------------------------------------------------------ the wrap-up
    def suggested(self) -> str:
        """The disposition the call ends as unless the CSR chooses another."""
        return self.draft.disposition or Disposition.NO_ACTION.value

    def finish(self, ctx: Ctx, *, answered: datetime, now: datetime) -> CallPublic:
        """Write the wrap-up (the call answered while the database was away is recorded
        now, once, by its key): the caller, disposition, purpose, topics and notes."""
        d = self.draft
        d.disposition = self.suggested()
        if d.call_id is None:
            d.call_id = calls.start_call(
                ctx, channel=d.channel, client_key=d.call_key, now=answered
            ).id
        calls.set_caller(ctx, call_id=d.call_id, caller=d.caller())
        return calls.finish_call(
            ctx,
            call_id=d.call_id,
            disposition=d.disposition,
            purpose=d.purpose or None,
            topic_code=d.call_topic(),
            topics=d.topic_codes(),
            notes=d.notes or None,
            now=now,
        )

    def cancel(self, ctx: Ctx, *, now: datetime) -> str:
        """The call abandoned before its wrap-up: closed as it stands. What to say."""
        d = self.draft
        if d.call_id is not None:
            calls.finish_call(
                ctx,
                call_id=d.call_id,
                disposition=self.suggested(),
                purpose=d.purpose or None,
                notes=CANCEL_NOTE,
                now=now,
            )
        return self.cancelled_line()

    def cancelled_line(self) -> str:
        return f"Call cancelled; recorded as {label(Disposition, self.suggested())}."
