"""What every screen-reader work-order flow shares: nothing typed in it is worth a question on
leaving, and some of its choices are for supervisors only."""

from __future__ import annotations

from csc_console.linear.workflow import Workflow


class WorkOrderFlow(Workflow):
    def has_unsaved_data(self) -> bool:
        return False

    @property
    def supervisor(self) -> bool:
        operator = self.session.operator
        return operator is not None and operator.is_supervisor
