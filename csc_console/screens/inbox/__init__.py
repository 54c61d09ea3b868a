"""The Inbox workspace (F9 / Alt+J): messages waiting for a CSR, by respond-by time."""

from csc_console.screens.inbox.screen import InboxScreen

__all__ = ["InboxScreen"]
