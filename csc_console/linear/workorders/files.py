"""Files for people to carry or open elsewhere: a work order's sheet, a division's daily sheet
(plain text, HTML or PDF) and the filtered queue as CSV. The file goes in the folder
csc-console was started from unless a path is typed; the full path is said once it is saved;
an existing file is replaced only after asking."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from csc_console.desks.workorders.results import (
    SHEET_FORMATS,
    csv_saved,
    day_sheet_saved,
    saved_at,
    sheet_saved,
)
from csc_console.desks.workorders.words import split_where, where_name, where_options
from csc_console.errors import CscError
from csc_console.linear.prompts import ChoicePrompt, YesNoPrompt
from csc_console.linear.workflow import FINISH, Flow, Goto, Step, Workflow
from csc_console.linear.workorders.prompts import DatePrompt, FilePrompt
from csc_console.services.queues import QueueFilter, export_csv
from csc_console.services.sheets import Sheet, division_sheet, render, work_order_sheet
from csc_console.services.workorders import WorkOrderPublic

if TYPE_CHECKING:
    from csc_console.linear.session import LineSession

FORMATS = SHEET_FORMATS
EXTENSIONS = {"text": "txt", "html": "html", "pdf": "pdf", "csv": "csv"}


class SaveFile(Workflow):
    """Format (unless fixed), file name, replace?, then ``write``; subclasses add steps first."""

    fixed_format: str | None = None

    def __init__(self, session: LineSession) -> None:
        super().__init__(session)
        self.path: Path | None = None

    # ------------------------------------------------------------------ for subclasses
    def before_steps(self) -> list[Step]:
        return []

    def base_name(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def write(self, path: Path, fmt: str) -> str:  # pragma: no cover - abstract
        """Write the file; the status line's start ("Sheet for WO-... saved")."""
        raise NotImplementedError

    # ------------------------------------------------------------------ steps
    def fmt(self) -> str:
        return self.fixed_format or str(self.values.get("format", "text"))

    def steps(self) -> Sequence[Step]:
        out = self.before_steps()
        if self.fixed_format is None:
            out.append(Step("format", ChoicePrompt("Format", FORMATS, default="text")))
        out += [
            Step(
                "file",
                lambda: FilePrompt(f"{self.base_name()}.{EXTENSIONS[self.fmt()]}"),
                apply=self.take_file,
            ),
            Step(
                "replace",
                lambda: YesNoPrompt(f"{self.path} exists; replace it", default=False),
                when=lambda: self.path is not None and self.path.exists(),
                apply=self.take_replace,
            ),
        ]
        return out

    def take_file(self, path: Path) -> Flow | Goto | None:
        self.path = path
        return None if path.exists() else self.save()

    def take_replace(self, yes: bool) -> Flow | Goto | None:
        if not yes:
            self.values.pop("file", None)
            return Goto("file")
        return self.save()

    def save(self) -> Flow | Goto | None:
        assert self.path is not None
        try:
            said = self.write(self.path, self.fmt())
        except OSError as exc:
            raise CscError(f"{self.path} could not be written: {exc.strerror or exc}.") from None
        self.saved = True
        self.io.status(saved_at(said, self.path))
        return FINISH

    def has_unsaved_data(self) -> bool:
        return False  # nothing typed here is worth a question


class WorkOrderSheet(SaveFile):
    title = "Sheet"
    noun = "the sheet"

    def __init__(self, session: LineSession, wo: WorkOrderPublic) -> None:
        super().__init__(session)
        self.wo = wo

    def base_name(self) -> str:
        return self.wo.number

    def write(self, path: Path, fmt: str) -> str:
        content = render(self.ctx, work_order_sheet(self.ctx, number=self.wo.number), fmt)
        write_content(path, content)
        return sheet_saved(self.wo.number, fmt)


class ExportCsv(SaveFile):
    title = "CSV export"
    noun = "the export"
    fixed_format = "csv"

    def __init__(self, session: LineSession, filt: QueueFilter, sort: str) -> None:
        super().__init__(session)
        self.filt, self.sort = filt, sort

    def base_name(self) -> str:
        return f"work-orders-{self.session.local_now().date().isoformat()}"

    def write(self, path: Path, fmt: str) -> str:
        with path.open("w", encoding="utf-8", newline="") as out:
            count = export_csv(self.ctx, out, self.filt, sort=self.sort)
        return csv_saved(count)


class DailySheet(SaveFile):
    """The open work orders of a department or division as of a day, by crew."""

    title = "Daily sheet"
    noun = "the daily sheet"

    def __init__(self, session: LineSession, where: str) -> None:
        super().__init__(session)
        self.where = where

    def before_steps(self) -> list[Step]:
        catalog = self.ctx.catalog
        options = where_options(catalog, everything=None)
        default = self.where if any(o.value == self.where for o in options) else options[0].value
        return [
            Step("where", ChoicePrompt("Department or division", options, default=default)),
            Step("day", DatePrompt(self.session.local_now().date())),
        ]

    def chosen(self) -> tuple[str, str | None, date]:
        department, division = split_where(str(self.values.get("where", "")))
        assert department is not None
        day = self.values.get("day")
        return department, division, day if isinstance(day, date) else self.session.local_now().date()

    def base_name(self) -> str:
        department, division, day = self.chosen()
        return f"{division or department}-{day.isoformat()}"

    def write(self, path: Path, fmt: str) -> str:
        department, division, day = self.chosen()
        sheet: Sheet = division_sheet(self.ctx, department=department, division=division, day=day)
        write_content(path, render(self.ctx, sheet, fmt))
        name = where_name(self.ctx.catalog, department, division)
        return day_sheet_saved(name, day, self.session.local_now().date(), len(sheet.orders), fmt)


def write_content(path: Path, content: str | bytes) -> None:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
