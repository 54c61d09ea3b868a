"""The caller's words, and the interruptions they and later answers can cause.

Emergency keywords in the caller's words interrupt first, before any category is suggested:
the reason, where to transfer, and the script to read, then a choice to transfer (the call goes
to the wrap-up as transferred to 911) or to continue. The report steps use the same prompt for
a category's wrong-agency and referral rules (for its words, answers and the address's
electricity provider).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from csc_console.catalog.redirects import RedirectHit
from csc_console.db.models import DESCRIPTION_MAX
from csc_console.desks.intake.outcome import redirect_question
from csc_console.desks.intake.say import redirect_lines
from csc_console.desks.intake.steps import LABEL
from csc_console.desks.intake.steps import Step as CallStep
from csc_console.linear.intake.prompts import FieldPrompt
from csc_console.linear.prompts import ChoicePrompt
from csc_console.linear.workflow import Goto, Step
from csc_console.services.text import clean_text

if TYPE_CHECKING:
    from csc_console.linear.intake.call import CallFlow, FlowResult

def redirect_prompt(hits: Sequence[RedirectHit]) -> ChoicePrompt[str]:
    """Transfer, refer or go on (``desks.intake.outcome.redirect_question``)."""
    question = redirect_question(hits)
    return ChoicePrompt(question.title, list(question.options), default=question.default)


class Triage:
    def __init__(self, flow: CallFlow) -> None:
        self.flow = flow

    def shown_emergency(self) -> list[RedirectHit]:
        """The one emergency script to read (several rules often fire for the same words)."""
        return self.flow.desk.emergencies()[:1]

    def steps(self) -> list[Step]:
        f, d = self.flow, self.flow.draft
        return [
            f.step(
                "words",
                lambda: FieldPrompt(
                    LABEL[CallStep.WORDS],
                    required=True,
                    limit=DESCRIPTION_MAX,
                    hint="What the caller says, in their words, such as: a dead raccoon on my "
                    "street. They are checked for emergencies, then matched to "
                    + ("categories." if d.purpose == "report" else "information topics."),
                ),
                self.take_words,
                restore=lambda: d.words,
            ),
            f.step(
                "emergency",
                lambda: redirect_prompt(self.shown_emergency()),
                self.take_redirect,
                intro=lambda: redirect_lines(self.shown_emergency()),
                restore=lambda: "continue",
            ),
        ]

    def take_words(self, text: str) -> FlowResult:
        self.flow.desk.take_words(text)  # kept as typed, even when too long
        clean_text(text, field="caller's words", max_length=DESCRIPTION_MAX)
        self.flow.report.show_all = self.flow.other.show_all = False
        return None

    def take_redirect(self, choice: str) -> FlowResult:
        """After a redirect script: wrap up as transferred or referred, or go on."""
        return Goto("disposition") if self.flow.desk.take_redirect(choice) else None
