"""Intake in screen-reader mode (``workspace``: the workflow and its menu entry; ``call``: one
call from caller to wrap-up; ``say``: the wording, shared with the full-screen Intake, which
imports only that)."""
