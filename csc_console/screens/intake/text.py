"""Words and limits of the Intake screen.

The sentences a CSR reads or hears are the screen-reader mode's own
(``csc_console.desks.intake.say``: caller lines, duplicates, redirect scripts, information
topics, referrals; ``services.readback``), so both front ends say the same thing. The limits
are the database's (``db.models``; ``tests/ui/test_intake_bad_input.py`` checks they agree).
"""

from __future__ import annotations

from csc_console.desks.intake.say import KEEP_ADDRESS, TYPE_AGAIN, label
from csc_console.desks.intake.steps import LANDMARK_FIELD
from csc_console.vocab import Channel, Disposition

PHONE_MAX = 40
NAME_MAX = 200
EMAIL_MAX = 254
LANGUAGE_MAX = 40
ADDRESS_MAX = 300
DESCRIPTION_MAX = 4000
NOTE_MAX = 4000
TEXT_ANSWER_MAX = 4000  # a "text" question; a "string" one takes 500
STRING_ANSWER_MAX = 500

PURPOSES = [
    ("report", "Report an issue"),
    ("information", "Ask for information"),
    ("follow_up", "Follow up on a request"),
    ("referral", "Referral elsewhere"),
]
DISPOSITIONS = [(d.value, d.label) for d in Disposition]
REPORT_KINDS = ("report", "service")
INFORMATION_KINDS = ("information",)
SUGGESTIONS = 5

KEEP, AGAIN, NEW = KEEP_ADDRESS, TYPE_AGAIN, "__new"

#: the line mode's step markers (``CallDraft.step``) for the fields of this screen, so a call
#: started here can be resumed in screen-reader mode at the same place, and the other way round
STEP_OF = {
    "relay-type": "relay_type",
    "relay-ca": "relay_ca_number",
    "relay-provider": "relay_provider",
    "relay-language": "relay_language",
    "relay-callback": "relay_callback",
    "relay-turns": "transcript",
    "relay-speaker": "transcript",
    "relay-turn": "transcript",
    "phone": "phone",
    "name": "name",
    "anonymous": "name",
    "email": "email",
    "caller-address": "caller_address",
    "callback": "callback",
    "language": "language",
    "history": "caller",
    "purpose": "purpose",
    "words": "words",
    "address": "address",
    "address-choices": "address_fix",
    "duplicates": "duplicates",
    "cross-street": "landmark",
    "description": "description",
    "topic-lines": "info_next",
    "info-next": "info_next",
    "request-number": "request",
    "refer-to": "refer_to",
    "disposition": "disposition",
    "notes": "notes",
}
FIELD_OF = {
    "relay_type": "relay-type",
    "relay_ca_number": "relay-ca",
    "relay_provider": "relay-provider",
    "relay_language": "relay-language",
    "relay_callback": "relay-callback",
    "transcript": "relay-turn",
    "phone": "phone",
    "caller": "history",
    "name": "name",
    "email": "email",
    "caller_address": "caller-address",
    "callback": "callback",
    "language": "language",
    "purpose": "purpose",
    "words": "words",
    "category": "words",
    "emergency": "words",
    "topic": "words",
    "info_next": "info-next",
    "address": "address",
    "address_fix": "address-choices",
    "landmark": "cross-street",
    "duplicates": "duplicates",
    "description": "description",
    "request": "request-number",
    "refer_to": "refer-to",
    "retry": "description",
    "disposition": "disposition",
    "notes": "notes",
}
#: which field to put the cursor on when the service names the field that is wrong
FIELD_OF_ERROR = {
    "phone": "phone",
    "email": "email",
    "caller's name": "name",
    "caller's address": "caller-address",
    "preferred call-back": "callback",
    "language": "language",
    "address": "address",
    LANDMARK_FIELD: "cross-street",
    "description": "description",
    "call notes": "notes",
}


def channel_label(value: str) -> str:
    try:
        return Channel(value).label
    except ValueError:
        return value


def disposition_label(value: str) -> str:
    return label(Disposition, value)


def question_label(prompt: str, required: bool) -> str:
    """ "Where in the street is it?" -> "Where in the street is it (required)"."""
    label = prompt.rstrip(" ?.:")
    return f"{label} (required)" if required else label
