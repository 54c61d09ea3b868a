"""The Dispatch workspace: radio log by command line or form, unit board, corrections, shift
export (``screen.DispatchScreen``; layout and refresh in ``workspace``)."""

from csc_console.screens.dispatch.screen import DispatchScreen

__all__ = ["DispatchScreen"]
