"""The intake call's desk: the one order of a call's steps, the rule for each answer, and the
sentences both front ends say (``desks.intake.call``)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from csc_console.catalog import get_catalog
from csc_console.desks.intake.call import CallDesk
from csc_console.desks.intake.call_say import ANONYMOUS, NO_PHONE, answered_line, resumed_state
from csc_console.desks.intake.steps import Step, question_step
from csc_console.errors import ValidationError
from csc_console.services.callers import CallerHistory, CallerPublic, RequestBrief
from csc_console.services.intake import CallDraft

LA = ZoneInfo("America/Los_Angeles")
NOW = datetime(2026, 3, 3, 17, 5, tzinfo=UTC)


def desk(**draft: object) -> CallDesk:
    return CallDesk(get_catalog(), LA, CallDraft(**draft))  # type: ignore[arg-type]


def jane(*, open_request: bool = False) -> CallerHistory:
    caller = CallerPublic(
        id=1, name="Jane Caller", phone="(626) 555-0101", phone_e164="+16265550101",
        email="jane@example.com", address="1200 N Lake Ave", preferred_callback=None,
        language=None, anonymous=False, version=1,
    )  # fmt: skip
    brief = RequestBrief("SR-2026-000007", "potholes", "open", "1200 N Lake Ave", NOW, None, None)
    return CallerHistory(caller, open_requests=[brief] if open_request else [])


# --------------------------------------------------------------------------- the steps
def test_a_phone_call_asks_the_caller_then_the_purpose_then_the_report() -> None:
    d = desk()
    order = d.sequence()
    assert order[:8] == ["phone", "caller", "name", "email", "caller_address", "callback",
                         "language", "purpose"]  # fmt: skip
    assert order[8:11] == ["words", "emergency", "category"]
    assert order[-3:] == ["retry", "disposition", "notes"]
    assert d.next_after(Step.PHONE) == Step.NAME  # a new caller: their name
    assert d.next_after(Step.LANGUAGE) == Step.PURPOSE


def test_a_relay_call_starts_with_the_relay_panel_and_its_transcript() -> None:
    d = desk(channel="relay")
    assert d.sequence()[:7] == [
        "relay_type", "relay_ca_number", "relay_provider", "relay_language", "relay_callback",
        "transcript", "phone",
    ]  # fmt: skip
    # Leaving the transcript goes on to the caller's number, on a form as in line mode.
    assert d.on_a_form(Step.TRANSCRIPT) == Step.PHONE


def test_leaving_the_transcript_goes_back_to_where_the_call_was() -> None:
    d = desk(channel="relay", step="relay_callback")
    d.into_transcript()  # straight after the relay panel
    assert d.out_of_transcript(on_a_form=True) == Step.PHONE
    d.draft.step = "disposition"  # after the save: the read-back typed as a turn
    d.into_transcript()
    assert d.out_of_transcript(on_a_form=True) == Step.DISPOSITION
    assert d.out_of_transcript() == Step.PHONE  # once back, the next visit starts afresh


def test_a_category_brings_its_questions_and_the_place() -> None:
    d = desk(purpose="report")
    d.take_category("potholes")
    order = d.sequence()
    questions = [s for s in order if s.startswith("q.")]
    assert questions == [question_step(q.code) for q in get_catalog().category("potholes").questions]
    after = order[order.index(questions[-1]) + 1 :]
    assert after[:8] == [
        "redirect_words", "redirect_answers", "address", "address_fix", "landmark",
        "redirect_place", "duplicates", "description",
    ]  # fmt: skip
    # On a form the last question goes on to the address.
    assert d.on_a_form(questions[-1]) == Step.ADDRESS


@pytest.mark.parametrize(
    ("purpose", "steps"),
    [("information", ["topic", "info_next"]), ("follow_up", ["request"]),
     ("referral", ["refer_to"])],
)  # fmt: skip
def test_each_purpose_has_its_own_steps(purpose: str, steps: list[str]) -> None:
    d = desk(purpose=purpose)
    order = d.sequence()
    start = order.index("purpose") + 1
    tail = order[start:]
    if purpose == "information":
        assert tail[:2] == ["words", "emergency"]
        tail = tail[2:]
    assert tail == [*steps, "retry", "disposition", "notes"]


def test_a_known_caller_skips_the_details_unless_the_csr_changes_them() -> None:
    d = desk()
    d.take_phone("626-555-0101")
    assert d.take_known("(626) 555-0101", jane()) is None
    assert d.draft.name == "Jane Caller"
    assert d.draft.caller_address == "1200 N Lake Ave"
    assert d.next_after(Step.PHONE) == Step.CALLER
    assert d.next_after(Step.CALLER) == Step.PURPOSE
    assert d.on_a_form(Step.PHONE) == Step.WORDS  # a form shows the caller in place
    d.change_details = True
    assert d.next_after(Step.CALLER) == Step.NAME


def test_an_anonymous_caller_is_asked_no_details() -> None:
    d = desk()
    assert d.take_name("Anonymous") == ANONYMOUS
    assert (d.draft.name, d.draft.anonymous) == ("", True)
    assert d.next_after(Step.NAME) == Step.PURPOSE
    assert d.take_name("Sam Smith") is None
    assert d.next_after(Step.NAME) == Step.EMAIL


def test_a_verified_address_asks_no_cross_street_and_a_link_no_description() -> None:
    d = desk(purpose="report")
    d.take_category("potholes")
    assert d.applies(Step.LANDMARK)  # no address yet: where, then?
    d.draft.address = "1200 N Lake Ave"
    assert d.on_a_form(Step.ADDRESS) == Step.DESCRIPTION
    d.draft.unverified_address = True
    assert d.on_a_form(Step.ADDRESS) == Step.LANDMARK
    d.draft.unverified_address, d.draft.link_to = False, "SR-2026-000001"
    assert d.on_a_form(Step.ADDRESS) == Step.DISPOSITION


def test_a_resumed_call_starts_where_it_was_or_at_the_first_step_not_answered() -> None:
    d = desk(step="words")
    assert d.resume_step(lambda step: False) == Step.WORDS
    d.draft.step = "gone"  # a marker from an older version
    assert d.resume_step(lambda step: step == Step.PHONE) == Step.NAME


# --------------------------------------------------------------------------- the answers
def test_another_number_clears_the_other_callers_details() -> None:
    d = desk()
    d.take_phone("626-555-0101")
    d.take_known("(626) 555-0101", jane())
    taken = d.take_phone("626 555 0199")
    assert (taken.phone, taken.changed) == ("(626) 555-0199", True)
    assert (d.draft.name, d.draft.email, d.known) == ("", "", None)
    assert d.take_known("(626) 555-0101", jane()) is None  # the old number's answer: ignored
    assert d.known is None
    assert d.take_known("(626) 555-0199", None) == (
        "New caller: no earlier calls from (626) 555-0199."
    )
    assert d.take_phone("").said == NO_PHONE


def test_a_wrong_phone_or_email_is_refused_and_changes_nothing() -> None:
    d = desk()
    with pytest.raises(ValidationError):
        d.take_phone("555")
    with pytest.raises(ValidationError):
        d.take_detail("email", "not an email")
    assert (d.draft.phone, d.draft.email) == ("", "")


def test_the_words_make_a_report_unless_a_purpose_was_chosen() -> None:
    d = desk()
    d.take_words("a pothole")
    assert d.draft.purpose == "report"
    d = desk(purpose="information")
    d.take_words("when is my trash day")
    assert d.draft.purpose == "information"
    assert d.kinds == ("information",)


def test_wrapping_up_at_once_records_no_purpose() -> None:
    d = desk()
    assert d.take_purpose("none") is True
    assert d.draft.purpose == ""
    assert d.suggested() == "no_action"


def test_another_category_drops_the_answers_of_the_first() -> None:
    d = desk()
    d.take_category("potholes")
    d.draft.answers["size"] = "medium"
    d.take_category("potholes")
    assert d.draft.answers == {"size": "medium"}
    d.take_category("graffiti")
    assert (d.draft.answers, d.draft.purpose) == ({}, "report")


def test_topics_are_kept_in_order_and_another_topic_goes_back_to_the_words() -> None:
    d = desk(purpose="information")
    first = d.take_topic("collection-day")
    assert first.said.startswith("Topic: Trash Collection Day and Holiday Schedule.")
    assert first.lines[0].startswith("Say: ")
    assert d.draft.disposition == "information_provided"
    assert d.take_next("another") == Step.WORDS
    second = d.take_topic("utility-billing")
    assert "2 topics on this call" in second.said
    assert d.draft.topic_codes() == ["collection-day", "utility-billing"]
    assert d.take_next("wrap") == Step.DISPOSITION


def test_a_referral_and_a_follow_up_give_their_dispositions() -> None:
    d = desk(purpose="referral")
    lines = d.take_department("public-works")
    assert lines[0].startswith("Refer the caller to ")
    assert d.draft.disposition == "referred"
    d = desk(purpose="follow_up")
    d.known = jane(open_request=True)
    assert d.caller_request() == "SR-2026-000007"
    d.followed_up()
    assert d.draft.disposition == "status_given"


def test_a_redirect_rule_is_read_once_per_call() -> None:
    d = desk(words="a power line is down and sparking on my street")
    hits = d.emergencies()
    assert hits and hits[0].is_emergency
    assert len(d.unread(hits)) == 1  # an emergency is read alone
    assert d.unread(hits) == []
    assert d.take_redirect("transfer") is True


# --------------------------------------------------------------------------- the sentences
def test_the_sentences_of_answering_and_resuming() -> None:
    assert answered_line("phone", NOW, LA) == "Phone call answered at 9:05 AM."
    assert answered_line("walk_in", NOW, LA) == "Walk-in call answered at 9:05 AM."
    assert resumed_state(CallDraft(name="Jane Caller", phone="(626) 555-0101")) == (
        "Resumed call with Jane Caller, (626) 555-0101."
    )
    assert resumed_state(CallDraft()) == "Resumed call with the caller."
