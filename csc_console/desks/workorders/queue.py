"""The work-order queue's state, as both front ends hold it: the filter and the sort, which start
from the operator's last ones (every open work order, due first, the first time) and are kept
for next time whenever they change. Pages, the cursor and the selection are the front end's."""

from __future__ import annotations

from dataclasses import dataclass

from csc_console.catalog import Catalog
from csc_console.desks.workorders.words import filter_line
from csc_console.errors import CscError
from csc_console.services.context import Ctx, OperatorPublic
from csc_console.services.operators import get_operator
from csc_console.services.queues import QueueFilter, last_filter, remember_filter


@dataclass
class QueueState:
    """The filter and sort the queue shows (the front end changes them as the user does)."""

    filt: QueueFilter
    sort: str = "due"

    @classmethod
    def for_operator(cls, operator: OperatorPublic | None) -> QueueState:
        """Where the operator left the queue (every open work order, due first, at first)."""
        filt, sort = last_filter(operator)
        return cls(filt, sort)

    def line(self, catalog: Catalog) -> str:
        """"Queue: open work orders, all departments, due first."."""
        return filter_line(catalog, self.filt, self.sort)

    def keep(self, ctx: Ctx) -> OperatorPublic | None:
        """Remember this filter and sort as the signed-in operator's last; the operator as now
        stored (None when nobody is signed in). Read afresh first: another console of the same
        operator may have kept one since."""
        me = ctx.operator
        if me is None:
            return None
        fresh = get_operator(ctx, username=me.username)
        return remember_filter(ctx.as_operator(fresh), self.filt, self.sort)


def not_kept(error: CscError) -> str:
    """Keeping the filter failed: only the default is lost, so this is a notice, not an error."""
    return f"The filter could not be kept for next time: {error}"
