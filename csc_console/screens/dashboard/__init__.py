"""The Dashboard workspace: figures, trends, requests, work orders, CSRs and long calls for a
range (``screen.DashboardScreen``; the words in ``lines``; the custom range in ``dialogs``)."""

from csc_console.screens.dashboard.screen import DashboardScreen

__all__ = ["DashboardScreen"]
