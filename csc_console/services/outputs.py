"""Files the console writes for people: CSV exports of queues and printable sheets.

They go to the user's documents folder (``~/Documents/CSC Console``) when there is one, else
to ``exports`` in the console's data folder; a name is never reused (``-2``, ``-3`` ... are
added), so an earlier print is never overwritten. Each function returns the path it wrote,
for the front end to say.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import platformdirs

from csc_console.db.types import utcnow
from csc_console.errors import CscError
from csc_console.paths import data_dir
from csc_console.services.context import Ctx
from csc_console.services.queues import QueueFilter, export_csv
from csc_console.services.sheets import Sheet, render

EXTENSIONS = {"text": "txt", "html": "html", "pdf": "pdf", "csv": "csv"}
FOLDER_NAME = "CSC Console"


def output_dir() -> Path:
    """Where exports and sheets go (created when missing)."""
    try:
        documents = platformdirs.user_documents_path()
    except Exception:  # no documents folder known on this system
        documents = None
    if documents is not None and documents.is_dir():
        folder = documents / FOLDER_NAME
    else:
        folder = data_dir() / "exports"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CscError(f"Cannot create the folder {folder} for the file: {exc.strerror}.") from None
    return folder


def _safe(stem: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.") or "output"


def unused_path(folder: Path, stem: str, extension: str) -> Path:
    """``folder/stem.ext``, or ``stem-2.ext``, ``stem-3.ext`` ... if taken."""
    base = _safe(stem)
    candidate = folder / f"{base}.{extension}"
    n = 2
    while candidate.exists():
        candidate = folder / f"{base}-{n}.{extension}"
        n += 1
    return candidate


def _stamp(ctx: Ctx, now: datetime | None) -> str:
    return f"{(now or utcnow()).astimezone(ctx.zone):%Y-%m-%d-%H%M}"


def save_queue_csv(
    ctx: Ctx,
    filt: QueueFilter | None = None,
    *,
    sort: str = "due",
    folder: Path | None = None,
    now: datetime | None = None,
) -> tuple[Path, int]:
    """Write the filtered queue as CSV; returns the file and the number of work orders."""
    target = unused_path(folder or output_dir(), f"work-orders-{_stamp(ctx, now)}", "csv")
    try:
        with target.open("x", encoding="utf-8", newline="") as out:
            count = export_csv(ctx, out, filt, sort=sort)
    except OSError as exc:
        target.unlink(missing_ok=True)
        raise CscError(f"Cannot write {target}: {exc.strerror}.") from None
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target, count


def save_sheet(ctx: Ctx, sheet: Sheet, fmt: str, *, stem: str, folder: Path | None = None) -> Path:
    """Render ``sheet`` as text, HTML or PDF and write it; returns the file."""
    content = render(ctx, sheet, fmt)  # an unknown format is refused before any file exists
    target = unused_path(folder or output_dir(), stem, EXTENSIONS[fmt])
    try:
        if isinstance(content, bytes):
            with target.open("xb") as binary:
                binary.write(content)
        else:
            with target.open("x", encoding="utf-8") as text:
                text.write(content)
    except OSError as exc:
        raise CscError(f"Cannot write {target}: {exc.strerror}.") from None
    return target
