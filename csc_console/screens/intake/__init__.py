"""The Intake workspace: the CSR's main screen during a call.

``screen.IntakeScreen`` is what the app shows (light to import: the first frame after an
``--operator`` start-up needs nothing else); the call's panels, which use the services and the
catalog, are built by ``desk.Desk`` once the operator is signed in. One module per panel:
``caller`` (who is calling, their history), ``triage`` (what the call is about, the caller's
words and the suggestions), ``questions``, ``place`` (address, duplicates, description),
``other`` (information, follow-up, referral), ``wrapup``, ``dialogs``; ``text`` holds the
wording and the field limits.
"""

from csc_console.screens.intake.screen import IntakeScreen

__all__ = ["IntakeScreen"]
