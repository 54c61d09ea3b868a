"""The Work orders workspace (F3): the queue, one work order's detail, and their dialogs.

``queue.WorkOrdersScreen`` is what the app shows; Enter on a row opens
``detail.WorkOrderScreen``. One module per dialog: ``status_dialog``, ``crew_dialog``,
``priority_dialog``, ``note_dialog``, ``reopen_dialog``, ``stale_dialog`` (someone else saved
first), ``sheet_dialog`` / ``day_sheet_dialog`` (printing), ``new_dialog`` (crew-found work),
``add_dialog`` (another work order on a request), ``bulk_dialog`` / ``escalate_dialog`` /
``results_dialog`` (supervisors). ``filters`` is the filter bar, ``words`` the wording,
``jobs`` and ``form`` the service calls in workers, ``radio`` the place for the radio log.
"""

from csc_console.screens.work_orders.queue import WorkOrdersScreen

__all__ = ["WorkOrdersScreen"]
