"""The sentences both front ends say about live updates and saves queued while the database was
away: the database coming back (live updates on again), and the outcome of replaying the queued
saves (``services.outbox.FlushResult``): what was written, and each save the database refused,
which is kept aside. The full screen says them in its message bar, the screen-reader mode as
``Notice:`` lines. What someone else saved is ``services.live_words``; the database going away
is the feed's own message. Text from the outbox passes through ``printable`` here."""

from __future__ import annotations

from collections.abc import Sequence

from csc_console.services.text import printable

RECONNECTED = "Database reachable again; live updates on."


def queued_saved(written: Sequence[str]) -> str:
    """"Saved what was queued while the database was away: PW12 note WO-2026-000123"."""
    return f"Saved what was queued while the database was away: {printable(' '.join(written))}"


def queued_refused(reason: str) -> str:
    """"A queued save was refused and kept aside: ..." (one refusal, or several the full
    screen joined with "; " into one message)."""
    return f"A queued save was refused and kept aside: {printable(reason)}"


__all__ = ["RECONNECTED", "queued_refused", "queued_saved"]
