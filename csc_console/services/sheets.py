"""Work-order sheets: what a crew lead carries, one work order or a division's day.

Three renderings of the same content: plain text (one fact per line, fits 80 columns, reads
well on a braille display), HTML (prints cleanly from a browser, no scripts, every value
escaped) and PDF (fpdf2; core fonts, so characters outside Latin-1 print as '?').
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlmodel import col

from csc_console.db.models import ServiceRequest, WorkOrder
from csc_console.db.types import utcnow
from csc_console.errors import ValidationError
from csc_console.services.context import Ctx
from csc_console.services.text import printable, when
from csc_console.services.workorders import OPEN_STATUSES, WorkOrderPublic, get_row, public
from csc_console.vocab import Priority, WorkOrderStatus

FORMATS = ("text", "html", "pdf")
_RANK = {p.value: i for i, p in enumerate(Priority)}


@dataclass(frozen=True)
class Sheet:
    title: str
    subtitle: str
    orders: list[WorkOrderPublic]


def work_order_sheet(ctx: Ctx, *, number: str) -> Sheet:
    with ctx.db.session() as s:
        wo = public(ctx, s, get_row(s, number), detail=True)
    return Sheet(title=f"Work order {wo.number}", subtitle=_generated(ctx), orders=[wo])


def division_sheet(ctx: Ctx, *, department: str, division: str | None = None, day: date | None = None) -> Sheet:
    """Open work orders of a department (or one division) as of the end of ``day``: by crew,
    then priority (urgent first), then due time."""
    dept = ctx.catalog.department(department)
    if division and dept.division(division) is None:
        codes = ", ".join(d.code for d in dept.divisions) or "none"
        raise ValidationError(f"{dept.name} has no division {division!r} (its divisions: {codes}).", field="division")
    day = day or utcnow().astimezone(ctx.zone).date()
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=ctx.zone)
    q = (
        select(WorkOrder, col(ServiceRequest.number))
        .outerjoin(ServiceRequest, col(ServiceRequest.id) == col(WorkOrder.request_id))
        .where(
            col(WorkOrder.department_code) == dept.code,
            col(WorkOrder.status).in_([s.value for s in OPEN_STATUSES]),
            col(WorkOrder.created_at) < end,
        )
    )
    if division:
        q = q.where(col(WorkOrder.division) == division)
    with ctx.db.session() as s:
        rows = s.execute(q.order_by(col(WorkOrder.due_at)).limit(2000)).all()
        orders = [public(ctx, s, wo, request_number=req, now=end) for wo, req in rows]
    orders.sort(key=lambda w: (w.crew or "~", -_RANK.get(w.priority, 0), w.due_at or end))
    chosen = dept.division(division) if division else None
    where = chosen.name if chosen else dept.name
    return Sheet(
        title=f"{where}: work orders for {day:%A, %B} {day.day}, {day.year}",
        subtitle=f"{len(orders)} open work order{'s' if len(orders) != 1 else ''}. {_generated(ctx)}",
        orders=orders,
    )


def _generated(ctx: Ctx) -> str:
    return f"Printed {when(utcnow(), ctx.zone)}."


# --------------------------------------------------------------------------- renderings
def _facts(ctx: Ctx, wo: WorkOrderPublic) -> list[tuple[str, str]]:
    facts = [
        ("Status", WorkOrderStatus(wo.status).label + (f", {wo.overdue_text}" if wo.overdue_text else "")),
        ("Priority", Priority(wo.priority).label),
        ("Category", wo.category_name),
        ("Address", printable(wo.address) or "none"),
        ("Work", printable(wo.description) or "none"),
        ("Department", wo.department_name + (f", {wo.division_name}" if wo.division_name else "")),
        ("Crew", wo.crew or "not assigned"),
        ("Request", wo.request or "none"),
        ("Created", when(wo.created_at, ctx.zone)),
        ("Due", when(wo.due_at, ctx.zone)),
    ]
    if wo.status_reason:
        facts.append(("Reason", printable(wo.status_reason)))
    if wo.resolution:
        facts.append(("Resolution", printable(wo.resolution)))
    return facts


def render_text(ctx: Ctx, sheet: Sheet) -> str:
    lines = [sheet.title, sheet.subtitle, ""]
    for wo in sheet.orders:
        lines.append(f"Work order {wo.number}")
        lines += [f"{label}: {value}" for label, value in _facts(ctx, wo)]
        for h in wo.history[-5:]:
            lines.append(f"History: {when(h.at, ctx.zone)}, {h.kind}" + (f", {printable(h.text)}" if h.text else ""))
        lines += ["Done (crew lead): ____  Resolution: ______________________________", ""]
    if not sheet.orders:
        lines.append("No open work orders.")
    return "\n".join(lines).rstrip() + "\n"


_CSS = """
body { font-family: sans-serif; font-size: 11pt; color: #000; background: #fff; margin: 1.5em; }
h1 { font-size: 15pt; margin-bottom: 0; } p.sub { margin-top: 0.2em; }
section { page-break-inside: avoid; border-top: 1px solid #000; padding: 0.5em 0; }
h2 { font-size: 13pt; margin: 0.2em 0; }
dl { display: grid; grid-template-columns: 9em 1fr; gap: 0.15em 0.8em; margin: 0; }
dt { font-weight: bold; } dd { margin: 0; white-space: pre-wrap; }
.sign { margin-top: 0.6em; }
"""


def render_html(ctx: Ctx, sheet: Sheet) -> str:
    e = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(sheet.title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(sheet.title)}</h1><p class=\"sub\">{e(sheet.subtitle)}</p>",
    ]
    for wo in sheet.orders:
        parts.append(f'<section aria-label="Work order {e(wo.number)}"><h2>Work order {e(wo.number)}</h2><dl>')
        parts += [f"<dt>{e(label)}</dt><dd>{e(value)}</dd>" for label, value in _facts(ctx, wo)]
        parts.append('</dl><p class="sign">Done (crew lead): ________ Resolution: ________________________</p></section>')
    if not sheet.orders:
        parts.append("<p>No open work orders.</p>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _latin1(text: str) -> str:
    return text.encode("latin-1", "replace").decode("latin-1")


def render_pdf(ctx: Ctx, sheet: Sheet) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="Letter")
    pdf.set_title(_latin1(sheet.title))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 7, _latin1(sheet.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 5, _latin1(sheet.subtitle), new_x="LMARGIN", new_y="NEXT")
    for wo in sheet.orders:
        pdf.ln(3)
        pdf.set_font("Helvetica", "B", 12)
        pdf.multi_cell(0, 6, _latin1(f"Work order {wo.number}"), new_x="LMARGIN", new_y="NEXT")
        for label, value in _facts(ctx, wo):
            pdf.set_font("Helvetica", "B", 10)
            pdf.cell(28, 5, _latin1(f"{label}:"))
            pdf.set_font("Helvetica", "", 10)
            pdf.multi_cell(0, 5, _latin1(value), new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(0, 7, "Done (crew lead): ________   Resolution: ______________________", new_x="LMARGIN", new_y="NEXT")
    if not sheet.orders:
        pdf.multi_cell(0, 6, "No open work orders.", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def render(ctx: Ctx, sheet: Sheet, fmt: str) -> str | bytes:
    if fmt == "text":
        return render_text(ctx, sheet)
    if fmt == "html":
        return render_html(ctx, sheet)
    if fmt == "pdf":
        return render_pdf(ctx, sheet)
    raise ValidationError(f"Unknown sheet format {fmt!r}; use text, html or pdf.", field="format")


def sheets_for(ctx: Ctx, numbers: Sequence[str]) -> Sheet:
    orders = [work_order_sheet(ctx, number=n).orders[0] for n in numbers]
    return Sheet(title="Work orders", subtitle=_generated(ctx), orders=orders)
