"""An unfinished call (a crash, a closed terminal, a database that went away), offered back at
the start of Intake: one rule and one set of sentences for both front ends.

``find_unfinished`` reads the draft kept on this computer and the call it belongs to: a draft
whose call is gone or already completed is dropped; otherwise the offer says who and when
("An unfinished call from 9:00 AM with Jane Caller, (626) 555-0101, Potholes."). A call record
that cannot be read now does not lose the draft: the offer stands and ``problem`` says why.
``close_unfinished`` ends the call with its disposition (dropped when none) and drops the draft.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from csc_console.desks.intake.say import label, unfinished_line
from csc_console.desks.words import say_when
from csc_console.errors import CscError, NotFound
from csc_console.services import calls, intake
from csc_console.services.calls import CallPublic
from csc_console.services.context import Ctx
from csc_console.services.intake import CallDraft
from csc_console.vocab import CallStatus, Disposition

DISCARD_NOTE = "Unfinished call closed without resuming it."
KEPT_FOR_LATER = "The unfinished call is kept: Alt+A offers it again."


@dataclass(frozen=True)
class Unfinished:
    draft: CallDraft
    call: CallPublic | None
    line: str
    problem: str | None = None


def find_unfinished(ctx: Ctx, *, now: datetime) -> Unfinished | None:
    """The call to offer back, or None (no draft, or one that needs nothing more). An error
    reading the draft file itself (``OSError``) is the caller's to say."""
    draft = intake.load_draft(ctx)
    if draft is None:
        return None
    call: CallPublic | None = None
    problem: str | None = None
    if draft.call_id is not None:
        try:
            call = calls.get_call(ctx, call_id=draft.call_id)
        except NotFound:
            draft.call_id = None
        except CscError as exc:
            problem = str(exc)
    if draft.call_id is None or (call is not None and call.status == CallStatus.COMPLETED):
        intake.clear_draft(ctx)
        return None
    when = (
        say_when(call.answered_at, now=now, zone=ctx.zone)
        if call is not None and call.answered_at is not None
        else None
    )
    return Unfinished(draft, call, unfinished_line(ctx.catalog, draft, when), problem)


def close_unfinished(ctx: Ctx, draft: CallDraft, *, now: datetime) -> str:
    """End the unfinished call without resuming it and drop its draft; what to say. A call the
    database cannot close now raises (``CscError``), the draft kept."""
    disposition = draft.disposition or Disposition.DROPPED.value
    if draft.call_id is not None:
        calls.finish_call(
            ctx,
            call_id=draft.call_id,
            disposition=disposition,
            purpose=draft.purpose or None,
            notes=DISCARD_NOTE,
            now=now,
        )
    intake.clear_draft(ctx)
    return closed_sentence(disposition)


def closed_sentence(disposition: str) -> str:
    return f"The unfinished call was closed as {label(Disposition, disposition)}."


def resumed_sentence(draft: CallDraft) -> str:
    who = ", ".join(p for p in (draft.name, draft.phone) if p) or "the caller"
    return f"Resuming the call with {who}."
