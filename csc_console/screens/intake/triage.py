"""What the call is about, and the caller's words with ranked suggestions.

The purpose is a numbered list (Report an issue is chosen when the call is answered). For a
report or an information call the CSR types the caller's words; the suggester ranks the
catalog's categories (or information topics) on every keystroke, in a worker (it takes one to
four milliseconds), and only rows whose text changed are repainted. Enter picks the highlighted
suggestion (the first unless the CSR moved with Down/Up). Before a pick, emergency words
("sparking", "gas smell", ...) interrupt with the script to read and the choice to transfer.
When nothing matches, the list holds every category (or topic), alphabetically.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input

from csc_console.desks.intake.steps import LABEL, Step
from csc_console.screens.intake import text
from csc_console.widgets.choices import ChoiceList
from csc_console.widgets.entry import TextField
from csc_console.widgets.fields import LabelledField
from csc_console.widgets.suggest import SuggestInput, SuggestionList

if TYPE_CHECKING:
    from csc_console.catalog.suggest import Suggestion
    from csc_console.screens.intake.desk import Desk
    from csc_console.services.context import Ctx
    from csc_console.services.intake import CallDraft

#: the suggester takes 1-4 ms: off the UI thread (a worker per keystroke, the latest wins)
SUGGEST_IN_WORKER = True
NO_MATCH = "No match yet: type on, or Enter lists them all."


class PurposePanel(Vertical):
    def __init__(self, desk: Desk, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.desk = desk

    def applies(self) -> bool:
        return True

    def compose(self) -> ComposeResult:
        yield LabelledField(
            LABEL[Step.PURPOSE],
            ChoiceList(LABEL[Step.PURPOSE], text.PURPOSES, value="report", id="purpose"),
            classes="choice-field",
        )

    def load(self, draft: CallDraft) -> None:
        self.query_one("#purpose", ChoiceList).set_value(draft.purpose or "report")

    def choose(self, purpose: str) -> None:
        self.query_one("#purpose", ChoiceList).set_value(purpose)
        self._set(purpose)

    @on(ChoiceList.Changed, "#purpose")
    def _changed(self, event: ChoiceList.Changed) -> None:
        if isinstance(event.value, str):
            self._set(event.value)

    def _set(self, purpose: str) -> None:
        d = self.desk.draft
        if d is None or d.purpose == purpose:
            return
        d.purpose = purpose
        self.desk.words.purpose_changed()
        self.desk.layout()
        self.desk.changed()

    @on(ChoiceList.Accepted, "#purpose")
    def _accepted(self, event: ChoiceList.Accepted) -> None:
        if isinstance(event.choice_list.value, str):
            self._set(event.choice_list.value)  # chosen, even if it was shown chosen
        self.desk.start_of_purpose()


class WordsPanel(Vertical):
    def __init__(self, desk: Desk, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.desk = desk
        self.suggestions = SuggestionList("Suggestions", id="suggestions")
        self._wanted = ""
        self.shown_for: str | None = None
        """The words the suggestions on screen are for (tests and the benchmark wait on it)."""

    def applies(self) -> bool:
        d = self.desk.draft
        return d is not None and d.purpose in ("", "report", "information")

    def compose(self) -> ComposeResult:
        yield LabelledField(
            LABEL[Step.WORDS],
            SuggestInput(self.suggestions, id="words", max_length=text.DESCRIPTION_MAX),
        )
        yield self.suggestions

    def load(self, draft: CallDraft) -> None:
        self.query_one("#words", SuggestInput).value = draft.words
        self.suggest(draft.words)

    @property
    def kinds(self) -> tuple[str, ...]:
        cd = self.desk.cd
        return cd.kinds if cd is not None else text.REPORT_KINDS

    def purpose_changed(self) -> None:
        self.suggest(self.query_one("#words", SuggestInput).value)

    # ------------------------------------------------------------------ suggestions
    @on(Input.Changed, "#words")
    def _typed(self, event: Input.Changed) -> None:
        d, cd = self.desk.draft, self.desk.cd
        if d is None or cd is None:
            return
        if d.words != event.value:
            cd.take_words(event.value)
            self.desk.place.words_changed(event.value)
            self.desk.changed()
        self.suggest(event.value)

    def suggest(self, words: str) -> None:
        self._wanted = words
        kinds = self.kinds
        if not words.strip():
            self._show(words, kinds, [])
            return
        if not SUGGEST_IN_WORKER:
            self._show(
                words, kinds, self.desk.catalog.suggester.suggest(words, limit=5, kinds=kinds)
            )
            return

        def rank(ctx: Ctx) -> list[Suggestion]:
            return ctx.catalog.suggester.suggest(words, limit=text.SUGGESTIONS, kinds=kinds)

        self.desk.run_job("suggest", rank, lambda found: self._show(words, kinds, found))

    def _show(self, words: str, kinds: tuple[str, ...], found: list[Suggestion]) -> None:
        if words != self._wanted:
            return  # the CSR typed on: a newer suggestion is on its way
        self.suggestions.a11y_label = "Suggestions"
        note = NO_MATCH if words.strip() and not found else ""
        self.suggestions.show([(s.code, s.name) for s in found], note=note)
        self.shown_for = words

    def show_every(self) -> None:
        """Nothing matches: list every category (or topic), the cursor on the first."""
        kinds = self.kinds
        information = kinds == text.INFORMATION_KINDS
        catalog = self.desk.catalog
        entries = catalog.topics if information else catalog.categories
        every = sorted((e for e in entries if e.kind in kinds), key=lambda e: e.name)
        what = "topic" if information else "category"
        self.suggestions.a11y_label = f"Every {what}"
        self.suggestions.show([(e.code, e.name) for e in every])
        self.query_one("#words", SuggestInput).browse_from_top()
        self.desk.notify(
            f"No {what} matches the caller's words; every {what} is listed: Down and Up move, "
            "Enter picks."
        )

    # ------------------------------------------------------------------ picking
    @on(SuggestInput.Picked, "#words")
    def _picked(self, event: SuggestInput.Picked) -> None:
        d = self.desk.draft
        if d is None:
            return
        if not d.words.strip():
            self.desk.error("Type the caller's words first: they find the category.")
            return
        value = event.value
        self.desk.redirect(self.desk.emergencies(), lambda: self.pick(value))

    def pick(self, code: str | None) -> None:
        d = self.desk.draft
        if d is None:
            return
        if code is None:
            self.show_every()
            return
        if d.purpose == "information":
            self.desk.information.show_topic(code)
        else:
            self.desk.questions.choose_category(code)

    def focus_words(self) -> None:
        field = self.query_one("#words", TextField)
        self.desk.focus(field)
