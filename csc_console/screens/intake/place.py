"""Where the problem is, whether it is already reported, and what the crew needs to know.

- Address: the caller's own address is filled in when the category is chosen; it is checked
  against the city's street file when the CSR leaves the field or presses Enter. A verified
  address is written the file's way and said ("Verified: 1200 N Lake Ave, 91104."); otherwise
  the file's message is a warning and "Which address" lists the near misses, then "Keep ...,
  not verified" and "Type the address again" (a number and Enter picks). A verified address
  served by Edison may fire the wrong-agency rule (the redirect dialog).
- Possible duplicates: open requests of the category nearby in the last 30 days, one per line
  with enough to decide (address and distance, age, status, description, callers). Enter on
  one (or Alt+L) links this caller to it instead of creating a request; the last line creates
  a new one.
- Cross street or landmark, and the description (the caller's words unless changed; at most
  4,000 characters). Enter on the description saves the request.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static

from csc_console.catalog.addresses import AddressCheck
from csc_console.desks.intake.call_say import duplicate_check_failed
from csc_console.desks.intake.say import (
    ADDRESS_KEPT,
    NO_ADDRESS,
    address_options,
    duplicate_option,
    duplicates_heading,
)
from csc_console.desks.intake.steps import LABEL, LANDMARK_FIELD, Step
from csc_console.desks.words import plural
from csc_console.errors import CscError, ValidationError
from csc_console.screens.intake import text
from csc_console.services.duplicates import DuplicateCandidate, find_duplicates
from csc_console.services.text import clean_text, printable
from csc_console.widgets.choices import ChoiceList
from csc_console.widgets.entry import TextField
from csc_console.widgets.fields import LabelledField
from csc_console.widgets.lists import ReadList
from csc_console.widgets.text import literal

if TYPE_CHECKING:
    from collections.abc import Callable

    from csc_console.screens.intake.desk import Desk
    from csc_console.screens.live import LiveBatch
    from csc_console.services.intake import CallDraft

KEPT = ADDRESS_KEPT



class PlacePanel(Vertical):
    def __init__(self, desk: Desk, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.desk = desk
        self.check: AddressCheck | None = None
        self.checked = ""  # the address text the check is for
        self.dupes: list[DuplicateCandidate] = []
        self.dupes_for: tuple[str, str] | None = None
        self._description_is_words = True

    def applies(self) -> bool:
        d = self.desk.draft
        return d is not None and d.purpose == "report" and bool(d.category)

    def compose(self) -> ComposeResult:
        yield Static(literal("Place and description"), classes="section-title", markup=False)
        yield LabelledField(LABEL[Step.ADDRESS], TextField(id="address", max_length=text.ADDRESS_MAX))
        yield LabelledField(
            LABEL[Step.ADDRESS_FIX], ChoiceList(LABEL[Step.ADDRESS_FIX], id="address-choices"),
            id="address-choices-field", classes="choice-field",
        )  # fmt: skip
        yield ReadList("Possible duplicates", id="duplicates")
        yield LabelledField(
            LABEL[Step.LANDMARK], TextField(id="cross-street", max_length=text.ADDRESS_MAX)
        )
        yield LabelledField(
            LABEL[Step.DESCRIPTION], TextField(id="description", max_length=text.DESCRIPTION_MAX)
        )

    # ------------------------------------------------------------------ loading
    def load(self, draft: CallDraft) -> None:
        live = getattr(self.app, "live", None)
        if live is not None and self.live_changed not in live.listeners:
            live.listeners.append(self.live_changed)  # signed in after this panel was made
        self.check, self.checked, self.dupes, self.dupes_for = None, "", [], None
        self.query_one("#address", TextField).value = draft.address
        self.query_one("#cross-street", TextField).value = draft.cross_street
        self.query_one("#description", TextField).value = draft.description
        self._description_is_words = not draft.description or draft.description == draft.words
        self.query_one("#address-choices-field").display = False
        self.query_one("#duplicates").display = False

    def restored(self) -> None:
        """A resumed call: the defaults of a chosen category, and the address checked again
        (quietly) to know its street and electricity provider."""
        d = self.desk.draft
        if d is None or not d.category:
            return
        if d.address and not d.unverified_address:
            self.check = self.desk.catalog.street_index.check(d.address)
            self.checked = d.address
        elif not d.address:
            self.category_chosen()

    def category_chosen(self) -> None:
        d = self.desk.draft
        assert d is not None
        address = self.query_one("#address", TextField)
        if not address.value and d.caller_address:
            address.value = d.caller_address
        if self._description_is_words:
            self.query_one("#description", TextField).value = d.words
            d.description = d.words
        self.dupes_for = None

    def words_changed(self, words: str) -> None:
        d = self.desk.draft
        if d is not None and self._description_is_words and d.category:
            self.query_one("#description", TextField).value = words
            d.description = words

    def focus_address(self) -> None:
        self.desk.focus("address")

    # ------------------------------------------------------------------ the address
    @on(Input.Submitted, "#address")
    def _address_entered(self) -> None:
        self.check_address(advance=True)

    @on(Input.Blurred, "#address")
    def _address_left(self, event: Input.Blurred) -> None:
        if event.value.strip() != self.checked:
            self.check_address(advance=False)

    def check_address(self, *, advance: bool, then: Callable[[], None] | None = None) -> None:
        d = self.desk.draft
        if d is None:
            return
        field = self.query_one("#address", TextField)
        typed = field.value.strip()
        try:
            typed = clean_text(typed, field="address", max_length=text.ADDRESS_MAX)
        except ValidationError as error:
            self.desk.error(printable(str(error)))
            return
        d.address, d.unverified_address, self.checked = typed, False, typed
        self.desk.changed()
        choices = self.query_one("#address-choices-field")
        if not typed:
            self.check = None
            choices.display = False
            self.desk.notify(NO_ADDRESS)
            self._go_on(advance, then)
            return
        check = self.desk.catalog.street_index.check(typed)
        self.check = check
        if check.ok:
            d.address = self.checked = check.address or typed
            field.value = d.address
            choices.display = False
            self.desk.notify(printable(check.message))
            provider = check.electric_provider
            rules = self.desk.category_rules(provider=provider) if provider else []
            self.desk.redirect(rules, lambda: self.find_duplicates(advance, then))
            return
        offered = [(o.value, printable(o.title)) for o in address_options(typed, check.suggestions)]
        choices.query_one(ChoiceList).set_choices(offered)
        choices.display = True
        self.desk.notify(printable(check.message), "warning")
        if advance:
            self.desk.focus("address-choices")

    @on(ChoiceList.Accepted, "#address-choices")
    def _address_chosen(self, event: ChoiceList.Accepted) -> None:
        d = self.desk.draft
        value = event.choice_list.value
        if d is None or not isinstance(value, str):
            self.desk.error("Choose an address: type its number, then Enter.")
            return
        if value == text.AGAIN:
            self.query_one("#address-choices-field").display = False
            self.desk.focus("address")
        elif value == text.KEEP:
            d.unverified_address = True
            self.desk.changed()
            self.desk.notify(KEPT, "warning")
            self.desk.go_on(Step.ADDRESS_FIX)
        else:
            self.query_one("#address", TextField).value = value
            self.check_address(advance=True)

    def _go_on(self, advance: bool, then: Callable[[], None] | None) -> None:
        if then is not None:
            then()
        elif advance:
            self.desk.go_on(Step.ADDRESS)

    # ------------------------------------------------------------------ duplicates
    def find_duplicates(self, advance: bool, then: Callable[[], None] | None = None) -> None:
        d = self.desk.draft
        if d is None or not d.category or not d.address or d.unverified_address:
            self._go_on(advance, then)
            return
        category, address, now = d.category, d.address, self.desk.now()

        def found(dupes: list[DuplicateCandidate]) -> None:
            self.dupes_for = (category, address)
            self.show_duplicates([c for c in dupes if c.number != d.saved_request])
            if self.dupes and (advance or then is not None):
                self.desk.focus("duplicates")
            else:
                self._go_on(advance, then)

        self.desk.run_job(
            "duplicates",
            lambda ctx: find_duplicates(ctx, category=category, address=address, now=now),
            found,
            failed=self._dupes_failed,
        )

    def _dupes_failed(self, error: BaseException) -> bool:
        if not isinstance(error, CscError):
            return False
        self.desk.error(duplicate_check_failed(printable(str(error))))
        return True

    def _list_duplicates(self, dupes: list[DuplicateCandidate]) -> ReadList:
        self.dupes = dupes
        shown = self.query_one("#duplicates", ReadList)
        shown.display = bool(dupes)
        if not dupes:
            shown.set_lines([])
            return shown
        now = self.desk.now()
        lines = []
        for c in dupes:
            option = duplicate_option(c, now=now)
            lines.append(printable(f"{option.title}: {option.detail}"))
        shown.set_lines([*lines, "Create a new request instead"])
        return shown

    def show_duplicates(self, dupes: list[DuplicateCandidate]) -> None:
        shown = self._list_duplicates(dupes)
        if not dupes:
            return
        shown.highlighted = 0
        category = self.desk.questions.category
        self.desk.notify(
            f"{duplicates_heading(len(dupes), category.name if category else None)} "
            "Enter or Alt+L links the caller to the highlighted one."
        )

    def live_changed(self, batch: LiveBatch) -> None:
        """Another console saved a request: once this call's duplicates were looked up, look
        again, so that two CSRs taking calls about the same pothole at once see each other's.
        The list changes in place (the highlight stays on its request, the focus and the typed
        details stay); a new candidate is said in one line."""
        d = self.desk.draft
        if (self.dupes_for is None or d is None or d.saved_request or not self.screen.is_current
                or not batch.touches("service_request")):
            return
        category, address = self.dupes_for
        if (d.category, d.address) != (category, address):
            return
        now = self.desk.now()

        def found(dupes: list[DuplicateCandidate]) -> None:
            if self.dupes_for != (category, address) or self.desk.draft is not d:
                return  # the call moved on meanwhile
            fresh = [c for c in dupes if c.number != d.saved_request]
            if [c.number for c in fresh] == [c.number for c in self.dupes]:
                return
            shown = self.query_one("#duplicates", ReadList)
            index = shown.highlighted
            on = self.dupes[index].number if self.dupes and index is not None and index < len(self.dupes) else None
            known = {c.number for c in self.dupes}
            self._list_duplicates(fresh)
            numbers = [c.number for c in fresh]
            if on in numbers:
                shown.highlighted = numbers.index(on)
            new = [c for c in fresh if c.number not in known]
            if new:
                option = duplicate_option(new[0], now=now)
                more = f" (and {plural(len(new) - 1, 'more')})" if len(new) > 1 else ""
                self.desk.notify(printable(f"New possible duplicate, saved at another console: {option.title}{more}."))

        self.desk.run_job(
            "duplicates-live",
            lambda ctx: find_duplicates(ctx, category=category, address=address, now=now),
            found,
            failed=lambda error: isinstance(error, CscError),  # the next change tries again
        )

    @on(OptionList.OptionSelected, "#duplicates")
    def _duplicate_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option_index < len(self.dupes):
            self.desk.saver.link(self.dupes[event.option_index].number)
        else:
            self.desk.go_on(Step.DUPLICATES)

    def link_highlighted(self) -> None:
        shown = self.query_one("#duplicates", ReadList)
        index = shown.highlighted
        if not self.dupes or not shown.display:
            self.desk.notify("No possible duplicates are listed for this call.", "warning")
        elif index is None or index >= len(self.dupes):
            self.desk.notify("Highlight one of the possible duplicates first.", "warning")
        else:
            self.desk.saver.link(self.dupes[index].number)

    # ------------------------------------------------------------------ the rest
    @on(Input.Submitted, "#cross-street")
    def _cross_entered(self) -> None:
        if self.store("cross-street"):
            self.desk.go_on(Step.LANDMARK)

    @on(Input.Submitted, "#description")
    def _description_entered(self) -> None:
        self.desk.save()

    @on(Input.Blurred, "#cross-street")
    def _cross_left(self) -> None:
        self.store("cross-street")

    @on(Input.Changed, "#description")
    def _description_typed(self, event: Input.Changed) -> None:
        d = self.desk.draft
        if d is not None and event.value != d.description:
            d.description = event.value  # kept as typed; its length is checked at the save
            self._description_is_words = event.value == d.words
            self.desk.changed()

    def store(self, field: str) -> bool:
        d = self.desk.draft
        if d is None:
            return False
        try:
            d.cross_street = clean_text(
                self.query_one(f"#{field}", TextField).value,
                field=LANDMARK_FIELD,
                max_length=text.ADDRESS_MAX,
            )
        except ValidationError as error:
            self.desk.error(printable(str(error)))
            return False
        self.desk.changed()
        return True
