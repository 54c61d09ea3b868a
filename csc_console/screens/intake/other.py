"""Information, follow-up and referral calls.

- Information: the caller's words find an information topic (the same words field and
  suggestions as a report); the topic's script, hours and referral numbers are listed one per
  line (the cursor on "Say: ..."), the call becomes "information provided" for that topic, and
  "Next" offers: wrap up, another topic, or a request of the topic's related category.
- Follow-up: the request number (the caller's open request filled in); Enter lists its status.
- Referral: the department or outside organisation (numbered); Enter lists its phone, hours
  and web address, and the call becomes "referred".
Enter on the lines goes on to the wrap-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, OptionList

from csc_console.desks.intake.say import topic_lines, topics_line
from csc_console.desks.intake.steps import LABEL, Step
from csc_console.services.text import printable
from csc_console.vocab import Disposition
from csc_console.widgets.choices import ChoiceList
from csc_console.widgets.entry import TextField
from csc_console.widgets.fields import LabelledField
from csc_console.widgets.lists import ReadList

if TYPE_CHECKING:
    from csc_console.screens.intake.desk import Desk
    from csc_console.services.intake import CallDraft

NOT_REFERRED = ("csc",)  # the centre itself


class _Panel(Vertical):
    purpose = ""

    def __init__(self, desk: Desk, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.desk = desk

    def applies(self) -> bool:
        d = self.desk.draft
        return d is not None and d.purpose == self.purpose

    def show_lines(self, target: str, lines: list[str] | None, disposition: Disposition) -> None:
        """Fill (unless ``lines`` is None) and show a list of lines, and put the cursor on its
        first line; the call's disposition becomes ``disposition``."""
        shown = self.query_one(f"#{target}", ReadList)
        if lines is not None:
            shown.set_lines([printable(line) for line in lines])
        shown.display = True
        shown.highlighted = 0
        self.desk.set_disposition(disposition.value)
        self.desk.changed()
        self.desk.focus(shown)

    @on(OptionList.OptionSelected, ".lines")
    def _lines_done(self) -> None:
        self.desk.wrap_up()


class InformationPanel(_Panel):
    purpose = "information"

    def applies(self) -> bool:
        d = self.desk.draft
        return super().applies() and d is not None and bool(d.topic)

    def compose(self) -> ComposeResult:
        yield ReadList(LABEL[Step.TOPIC], id="topic-lines")
        yield LabelledField(
            LABEL[Step.INFO_NEXT],
            ChoiceList(LABEL[Step.INFO_NEXT], id="info-next"),
            classes="choice-field",
        )

    def load(self, draft: CallDraft) -> None:
        if draft.topic:
            self._fill(draft.topic)

    def _fill(self, code: str) -> None:
        """The topic read (a resumed call's, or one just chosen) and what may follow it."""
        cd = self.desk.cd
        if cd is None:
            return
        self.query_one("#topic-lines", ReadList).set_lines(
            [printable(line) for line in topic_lines(self.desk.catalog.topic(code))]
        )
        options = [(o.value, o.title) for o in cd.next_options()]
        self.query_one("#info-next", ChoiceList).set_choices(options, "wrap")

    def show_topic(self, code: str) -> None:
        cd = self.desk.cd
        if cd is None:
            return
        taken = cd.take_topic(code)
        self._fill(code)
        self.desk.notify(taken.said)
        self.show_lines("topic-lines", None, Disposition.INFORMATION_PROVIDED)

    @on(OptionList.OptionSelected, "#topic-lines")
    def _topic_read(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.desk.focus("info-next")

    @on(ChoiceList.Accepted, "#info-next")
    def _next(self, event: ChoiceList.Accepted) -> None:
        d, cd = self.desk.draft, self.desk.cd
        choice = event.choice_list.value
        if d is None or cd is None or not isinstance(choice, str):
            return
        step = cd.take_next(choice)
        if step == Step.WORDS:
            self.desk.focus("words")
        elif step == Step.CATEGORY:
            self.desk.purpose.load(d)
            self.desk.words.purpose_changed()
            self.desk.questions.choose_category(d.category)
        else:
            asked = topics_line(self.desk.catalog, d.topic_codes())
            if asked:
                self.desk.wrapup.show_result([asked], "")
            self.desk.wrap_up()


class FollowUpPanel(_Panel):
    purpose = "follow_up"

    def compose(self) -> ComposeResult:
        yield LabelledField(LABEL[Step.REQUEST], TextField(id="request-number", max_length=100))
        yield ReadList("Request status", id="follow-up-status", classes="lines")

    def load(self, draft: CallDraft) -> None:
        self.query_one("#request-number", TextField).value = ""
        self.query_one("#follow-up-status").display = False

    def on_show(self) -> None:
        self.offer_open_request()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # The panel may have been shown before the history was read: offer it on arrival too.
        if event.widget.id == "request-number":
            self.offer_open_request()

    def offer_open_request(self) -> None:
        """The caller's (first) open request, in an empty request-number field."""
        field = self.query_one("#request-number", TextField)
        number = self.desk.cd.caller_request() if self.desk.cd is not None else None
        if not field.value and number:
            field.value = number

    @on(Input.Submitted, "#request-number")
    def _entered(self, event: Input.Submitted) -> None:
        number = event.value.strip()
        if not number:
            self.desk.error("Type the request number, like SR-2026-000123.")
            return
        self.desk.caller.status_of(
            number,
            "follow-up-status",
            after=lambda: self.show_lines("follow-up-status", None, Disposition.STATUS_GIVEN),
        )


class ReferralPanel(_Panel):
    purpose = "referral"

    def compose(self) -> ComposeResult:
        yield LabelledField(
            LABEL[Step.REFER_TO],
            ChoiceList(LABEL[Step.REFER_TO], id="refer-to"),
            classes="choice-field",
        )
        yield ReadList("Referral", id="referral-lines", classes="lines")

    def load(self, draft: CallDraft) -> None:
        departments = [
            (dept.code, printable(f"{dept.name}, {dept.phone}" if dept.phone else dept.name))
            for dept in self.desk.catalog.departments
            if dept.code not in NOT_REFERRED
        ]
        self.query_one("#refer-to", ChoiceList).set_choices(departments)
        self.query_one("#referral-lines").display = False

    @on(ChoiceList.Accepted, "#refer-to")
    def _chosen(self, event: ChoiceList.Accepted) -> None:
        code = event.choice_list.value
        if not isinstance(code, str):
            self.desk.error("Choose where to refer the caller: type its number, then Enter.")
            return
        cd = self.desk.cd
        if cd is None:
            return
        lines = cd.take_department(code)
        self.desk.notify(printable(lines[0]))
        self.show_lines("referral-lines", lines, Disposition.REFERRED)
