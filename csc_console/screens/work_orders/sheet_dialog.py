"""Print a work-order sheet: choose plain text, HTML or PDF; the file is written to the
documents folder (or the console's data folder) and its path is said in the message bar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult

from csc_console.desks.text import join_parts
from csc_console.desks.workorders.results import SHEET_FORMATS, saved_at, sheet_saved
from csc_console.screens.work_orders.form import WoDialog
from csc_console.services.outputs import save_sheet
from csc_console.services.sheets import work_order_sheet
from csc_console.widgets.choices import ChoiceList
from csc_console.widgets.fields import LabelledField

if TYPE_CHECKING:
    from csc_console.services.context import Ctx

FORMATS = [(o.value, join_parts(o.title, o.detail)) for o in SHEET_FORMATS]


def format_field(id: str = "sheet-format") -> LabelledField:  # noqa: A002
    return LabelledField("Format", ChoiceList("Format", FORMATS, value="text", id=id))


class SheetDialog(WoDialog[str]):
    """Result: the sentence saying where the sheet was saved."""

    ok_label = "Print"

    def __init__(self, number: str) -> None:
        super().__init__(classes="wo-dialog")
        self.number = number
        self.a11y_title = f"Print the sheet of {number}"

    def compose_dialog(self) -> ComposeResult:
        yield self.note("Type the number of the format, then Enter.")
        yield format_field()
        yield from self.buttons()

    def on_mount(self) -> None:
        self.query_one("#sheet-format", ChoiceList).focus()

    def on_choice_list_accepted(self, event: ChoiceList.Accepted) -> None:
        event.stop()
        self.submit()

    def submit(self) -> None:
        value = self.query_one("#sheet-format", ChoiceList).value
        fmt = value if isinstance(value, str) else "text"
        number = self.number

        def call(ctx: Ctx) -> str:
            sheet = work_order_sheet(ctx, number=number)
            return saved_at(sheet_saved(number, fmt), save_sheet(ctx, sheet, fmt, stem=f"sheet-{number}"))

        self.run_job(call, self.dismiss)
