"""The radio log of one work order (issue 5, dispatch), for the detail view.

The detail view (``detail.WorkOrderScreen``) shows a "Radio log" list under the history and
fills it from ``radio_log_lines`` in its loading worker (a thread: this reads the database).
The intervals come first ("Travel time: 18 min", "Time on scene: 45 min", "Unit busy: 1 h 05
min"), then one line per entry, oldest first, time first ("10:02:05 PW12 On scene
WO-2026-000123: patched two holes"); caller-supplied text is made printable by the service.
"""

from __future__ import annotations

from csc_console.services.context import Ctx
from csc_console.services.workorders import WorkOrderPublic

NOT_YET = "The radio log comes with dispatch; no entries yet."
EMPTY = "No radio-log entries for this work order."


def radio_log_lines(ctx: Ctx, wo: WorkOrderPublic) -> list[str] | None:
    """The work order's radio-log entries in words (an empty list when there are none)."""
    from csc_console.services.dispatch import work_order_radio

    entries, intervals = work_order_radio(ctx, number=wo.number)
    if not entries:
        return []
    return [*intervals.lines(), *(e.line(ctx.zone) for e in entries)]
