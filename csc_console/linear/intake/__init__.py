"""Intake in screen-reader mode (``workspace``: the workflow and its menu entry; ``call``: one
call from caller to wrap-up; the wording it shares with the full-screen Intake is the desk's,
``csc_console.desks.intake.say``)."""
