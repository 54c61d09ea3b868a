"""The steps of an intake call, in their one order, and what each is called.

``CallDesk`` (``desks.intake.call``) says which of them apply to a call and which comes next;
the screen-reader mode asks them one prompt at a time and the full screen shows them as fields.
``CallDraft.step`` holds one of these keys, so a call started in one front end resumes at the
same step in the other. A category's questions are steps too, named ``q.<code>``.
"""

from __future__ import annotations

from enum import StrEnum


class Step(StrEnum):
    """The steps of a call, as kept in ``CallDraft.step``. A category's questions are steps
    too, named ``q.<code>`` (``question_step``)."""

    RELAY_TYPE = "relay_type"
    RELAY_CA_NUMBER = "relay_ca_number"
    RELAY_PROVIDER = "relay_provider"
    RELAY_LANGUAGE = "relay_language"
    RELAY_CALLBACK = "relay_callback"
    TRANSCRIPT = "transcript"
    PHONE = "phone"
    CALLER = "caller"
    NAME = "name"
    EMAIL = "email"
    CALLER_ADDRESS = "caller_address"
    CALLBACK = "callback"
    LANGUAGE = "language"
    PURPOSE = "purpose"
    WORDS = "words"
    EMERGENCY = "emergency"
    CATEGORY = "category"
    REDIRECT_WORDS = "redirect_words"
    REDIRECT_ANSWERS = "redirect_answers"
    ADDRESS = "address"
    ADDRESS_FIX = "address_fix"
    LANDMARK = "landmark"
    REDIRECT_PLACE = "redirect_place"
    DUPLICATES = "duplicates"
    DESCRIPTION = "description"
    TOPIC = "topic"
    INFO_NEXT = "info_next"
    REQUEST = "request"
    REFER_TO = "refer_to"
    RETRY = "retry"
    DISPOSITION = "disposition"
    NOTES = "notes"


QUESTION_PREFIX = "q."
#: what each step is called where it is asked: a prompt's label, a field's label
LABEL = {
    Step.RELAY_TYPE: "Relay type",
    Step.RELAY_CA_NUMBER: "CA number",
    Step.RELAY_PROVIDER: "Relay provider",
    Step.RELAY_LANGUAGE: "Relay language",
    Step.RELAY_CALLBACK: "Preferred call-back",
    Step.PHONE: "Caller's phone",
    Step.NAME: "Caller's name",
    Step.EMAIL: "Caller's email",
    Step.CALLER_ADDRESS: "Caller's address",
    Step.CALLBACK: "Preferred call-back",
    Step.LANGUAGE: "Language",
    Step.PURPOSE: "The call is about",
    Step.WORDS: "Caller's words",
    Step.CATEGORY: "Category",
    Step.ADDRESS: "Address",
    Step.ADDRESS_FIX: "Which address",
    Step.LANDMARK: "Cross street or landmark",
    Step.DESCRIPTION: "Description",
    Step.TOPIC: "Topic",
    Step.INFO_NEXT: "Next",
    Step.REQUEST: "Request number",
    Step.REFER_TO: "Refer to",
    Step.DISPOSITION: "Disposition",
    Step.NOTES: "Call notes",
}
#: how a field is named in an error about it ("the cross street or landmark holds ...")
LANDMARK_FIELD = "cross street or landmark"
SAVING_THE_REQUEST = "saving the request"
RELAY_STEPS = (
    Step.RELAY_TYPE,
    Step.RELAY_CA_NUMBER,
    Step.RELAY_PROVIDER,
    Step.RELAY_LANGUAGE,
    Step.RELAY_CALLBACK,
    Step.TRANSCRIPT,
)
CALLER_STEPS = (
    Step.PHONE,
    Step.CALLER,
    Step.NAME,
    Step.EMAIL,
    Step.CALLER_ADDRESS,
    Step.CALLBACK,
    Step.LANGUAGE,
)
DETAIL_STEPS = (Step.EMAIL, Step.CALLER_ADDRESS, Step.CALLBACK, Step.LANGUAGE)
PLACE_STEPS = (
    Step.REDIRECT_WORDS,
    Step.REDIRECT_ANSWERS,
    Step.ADDRESS,
    Step.ADDRESS_FIX,
    Step.LANDMARK,
    Step.REDIRECT_PLACE,
    Step.DUPLICATES,
    Step.DESCRIPTION,
)
PURPOSE_STEPS = {
    "information": (Step.TOPIC, Step.INFO_NEXT),
    "follow_up": (Step.REQUEST,),
    "referral": (Step.REFER_TO,),
}
WRAP_UP_STEPS = (Step.RETRY, Step.DISPOSITION, Step.NOTES)
#: Steps a form shows in place rather than stops at: the caller's history beside the details,
#: the purpose already chosen (Report an issue), and the ones a fact brings up when it
#: arrives (a redirect script, a near-miss address, duplicates, a failed save's retry).
PASSED_OVER_ON_A_FORM = frozenset(
    {
        Step.CALLER,
        Step.PURPOSE,
        Step.EMERGENCY,
        Step.REDIRECT_WORDS,
        Step.REDIRECT_ANSWERS,
        Step.ADDRESS_FIX,
        Step.REDIRECT_PLACE,
        Step.DUPLICATES,
        Step.RETRY,
    }
)


def question_step(code: str) -> str:
    return f"{QUESTION_PREFIX}{code}"
