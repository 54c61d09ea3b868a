"""What every Work orders dialog shares: a service call in a worker, OK / Cancel buttons,
Enter in a text field to go on, and the results of an edit (saved, or someone else was first).

A refusal from the service (``CscError``) opens the error dialog over this one: closing it
comes back here with everything typed still in place. A stale edit (``StaleEditError``) closes
the dialog with ``Stale`` (the other person's version and what was typed), and the detail view
shows the two side by side.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Input, Label, Select, Static

from csc_console.desks.workorders.detail import saved_line
from csc_console.errors import CscError, StaleEditError
from csc_console.screens.base import CscModal
from csc_console.screens.work_orders.jobs import Jobs
from csc_console.services.workorders import Change, WorkOrderPublic, update_work_order
from csc_console.widgets.choices import ChoiceList
from csc_console.widgets.entry import TextField
from csc_console.widgets.fields import LabelledField
from csc_console.widgets.text import literal

if TYPE_CHECKING:
    from csc_console.services.context import Ctx

T = TypeVar("T")


@dataclass(frozen=True)
class Saved:
    """The edit was saved: the work order as it is now."""

    wo: WorkOrderPublic
    words: str


@dataclass(frozen=True)
class Stale:
    """Someone else saved first: their version, and what this user asked for."""

    current: WorkOrderPublic
    change: Change
    message: str


EditResult = Saved | Stale | None


def text_field(label: str, *, value: str = "", id: str, max_length: int = 0) -> LabelledField:  # noqa: A002
    field = TextField(value=value, id=id, max_length=max_length)
    return LabelledField(label, field, id=f"{id}-field")


DEFAULT = "default"  # a Select's value for "what the category says"


def crew_field(crews: list[tuple[str, str]], *, id: str) -> LabelledField:  # noqa: A002
    """The crew of a new work order: the category's default crew first, then every crew."""
    crew = Select(
        [(literal("The category's default crew"), DEFAULT)]
        + [(literal(words), sign) for sign, words in crews],
        value=DEFAULT,
        allow_blank=False,
        id=id,
    )
    return LabelledField("Crew", crew)


def relabel(field: LabelledField, label: str) -> None:
    """Change a field's label on screen and in the focus line."""
    field.label_text = label
    field.control.a11y_label = label  # type: ignore[attr-defined]
    for shown in field.query(".field-label").results(Label):
        shown.update(literal(f"{label}:"))


class WoDialog(Jobs, CscModal[T], Generic[T]):
    """A dialog of the Work orders workspace (see the module documentation)."""

    ok_label: ClassVar[str] = "Apply"
    # The field focused when the dialog opens, and where Enter on a list or a text field goes
    # next (by id); Enter in a text field not named here applies.
    first_focus: ClassVar[str] = ""
    next_field: ClassVar[dict[str, str]] = {}
    BINDINGS: ClassVar[list[Any]] = [
        Binding("escape", "close", "Close this dialog", id="close-dialog"),
        Binding("ctrl+s", "submit", "Apply (same as the first button)", id="dialog-apply"),
    ]

    def required(self, list_id: str, what: str) -> str | None:
        """The value chosen in a list, or None after saying "Choose {what} first"."""
        value = self.query_one(f"#{list_id}", ChoiceList).value
        if isinstance(value, str):
            return value
        self.host.show_error(f"Choose {what} first: type its number.")
        return None

    def picked(self, select_id: str) -> str | None:
        """A Select's value; None for the category's default."""
        value = self.query_one(f"#{select_id}", Select).value
        return value if isinstance(value, str) and value != DEFAULT else None

    @staticmethod
    def note(text: str) -> Static:
        """The dialog's explanation, above its fields (``text`` shown as typed, no markup)."""
        return Static(literal(text), classes="dialog-note", markup=False)

    def buttons(self) -> ComposeResult:
        with Horizontal(classes="buttons"):
            yield Button(self.ok_label, id="ok", variant="primary")
            yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        if self.first_focus:
            self.query_one(f"#{self.first_focus}").focus()

    @on(ChoiceList.Accepted)
    def _choice_accepted(self, event: ChoiceList.Accepted) -> None:
        following = self.next_field.get(event.control.id or "")
        if following:
            event.stop()
            self.query_one(f"#{following}").focus()

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.submit()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.entered(event.input)

    def entered(self, field: Input) -> None:
        """Enter in a text field: on to ``next_field``, or apply."""
        following = self.next_field.get(field.id or "")
        if following:
            self.query_one(f"#{following}").focus()
        else:
            self.submit()

    def action_submit(self) -> None:
        self.submit()

    def submit(self) -> None:
        raise NotImplementedError


class EditDialog(WoDialog[EditResult]):
    """A dialog that changes one work order (``update_work_order`` with its version); its title
    is ``title_words`` with the work order's number."""

    title_words: ClassVar[str] = "{number}"

    def __init__(self, wo: WorkOrderPublic) -> None:
        super().__init__(classes="wo-dialog")
        self.wo = wo
        self.a11y_title = self.title_words.format(number=wo.number)

    def apply(self, change: Change) -> None:
        number, version = self.wo.number, self.wo.version

        def call(ctx: Ctx) -> WorkOrderPublic:
            return update_work_order(ctx, number=number, change=change, expected_version=version)

        def refused(error: CscError) -> bool:
            if isinstance(error, StaleEditError) and isinstance(error.current, WorkOrderPublic):
                self.dismiss(Stale(error.current, change, str(error)))
                return True
            return False

        self.run_job(call, lambda wo: self.dismiss(Saved(wo, saved_line(wo))), refused=refused)
