"""The radio desk (``desks.dispatch``) without a front end: typed saves and their keys, the
outbox payload, and the question a clear raises kept as desk state until it is answered."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from csc_console.desks.dispatch import (
    CheckIn,
    Completed,
    Correction,
    FormEntry,
    FormFields,
    NotCompleted,
    RadioDesk,
    RadioLine,
    say,
)
from csc_console.errors import ValidationError
from csc_console.services import dispatch
from csc_console.services.workorders import get_work_order
from tests.workorders.conftest import NOW, pothole_request


@pytest.fixture
def dispatcher(admin_ctx: Any) -> Any:
    from csc_console.services.operators import create_operator

    elena = create_operator(
        admin_ctx, username="eh", display_name="Elena Hernandez", role="dispatcher"
    )
    return admin_ctx.as_operator(elena)


def log(desk: RadioDesk, ctx: Any, text: str, minutes: float = 0) -> Any:
    pending = desk.pending(RadioLine(text))
    return desk.logged(pending, pending.run(ctx, NOW + timedelta(minutes=minutes)))


def test_a_clear_records_the_question_and_the_next_lines_are_radio_lines(dispatcher: Any) -> None:
    number = pothole_request(dispatcher).work_orders[0]
    desk = RadioDesk()
    log(desk, dispatcher, f"to PW12 d {number}")
    cleared = log(desk, dispatcher, "PW12 cl patched two holes", 30)
    assert cleared.said == f"Logged 10:30:00 PW12 Cleared {number}: patched two holes."
    assert cleared.question is not None
    assert (cleared.question.number, cleared.question.unit, cleared.question.proposed) == (
        number, "PW12", "patched two holes",
    )
    assert cleared.question.sentence == f"Is the work on {number} completed?"
    assert [q.number for q in desk.questions.items] == [number]
    # The lines after it are logged like any other; the question stays open meanwhile.
    for text in ("PW4 enrt 900 E Colorado Blvd", "pw5 10-8"):
        assert log(desk, dispatcher, text, 31).question is None
    assert [q.number for q in desk.questions.items] == [number]
    assert [e.message for e in dispatch.list_log(dispatcher)][-3:] == [
        "patched two holes", "900 E Colorado Blvd", "10-8",
    ]
    assert get_work_order(dispatcher, number=number).status != "completed"
    assert say.questions_strip(desk.questions.items, "Alt+Q") == (
        f"Is the work on {number} completed? Resolution: 'patched two holes'. Alt+Q: answer."
    )


def test_done_answers_with_the_clear_line_or_other_words(dispatcher: Any) -> None:
    number = pothole_request(dispatcher).work_orders[0]
    desk = RadioDesk()
    log(desk, dispatcher, f"PW12 os {number}")
    log(desk, dispatcher, "PW12 cl patched two holes", 40)
    answer = desk.answer("", done=True)
    assert answer == Completed(desk.questions.items[0], "patched two holes")
    assert desk.answer(number, done=True) == answer
    other = desk.answer(f"{number} filled and rolled", done=True)
    assert isinstance(other, Completed) and other.resolution == "filled and rolled"
    assert isinstance(answer, Completed)
    said = desk.complete(dispatcher, answer, NOW + timedelta(minutes=41))
    assert said == f"{number} is completed: patched two holes."
    assert desk.answered(answer) is None
    assert len(desk.questions) == 0
    wo = get_work_order(dispatcher, number=number)
    assert (wo.status, wo.resolution) == ("completed", "patched two holes")
    with pytest.raises(ValidationError, match="No open question"):
        desk.answer("", done=True)


def test_not_done_leaves_the_work_order_open(dispatcher: Any) -> None:
    number = pothole_request(dispatcher).work_orders[0]
    desk = RadioDesk()
    log(desk, dispatcher, f"PW12 os {number}")
    log(desk, dispatcher, "PW12 clr", 40)
    with pytest.raises(ValidationError, match=f"Say what was done: done {number}"):
        desk.answer("", done=True)  # the clear line had no words
    with pytest.raises(ValidationError, match="no open question about WO-2026-999999"):
        desk.answer("WO-2026-999999", done=False)
    answer = desk.answer(number, done=False)
    assert answer == NotCompleted(desk.questions.items[0])
    assert desk.answered(answer) == f"{number} stays open."
    assert len(desk.questions) == 0
    assert get_work_order(dispatcher, number=number).status == "in_progress"


def test_one_key_per_typed_text_and_a_new_key_for_each_check_in() -> None:
    desk = RadioDesk()
    first = desk.pending(RadioLine("PW12 copy"))
    assert desk.pending(RadioLine("PW12 copy")).key == first.key  # a retry: the same key
    assert desk.pending(Correction(3, "PW12 copy")).key != first.key
    desk.kept(first, 1)  # kept for later: the same text typed again is a new entry
    assert desk.pending(RadioLine("PW12 copy")).key != first.key
    assert desk.pending(CheckIn("PW5")).key != desk.pending(CheckIn("PW5")).key


def test_the_outbox_payload_and_the_kept_sentence() -> None:
    desk = RadioDesk()
    at = NOW
    form = desk.pending(FormEntry(FormFields(unit="pw4", status="en_route", message="hi")))
    payload = form.payload(at)
    assert payload["form"] == {
        "unit": "pw4", "status": "en_route", "work_order": "", "message": "hi",
        "location": "", "to_unit": False,
    }
    assert (payload["client_key"], payload["at"]) == (form.key, at.isoformat())
    assert desk.kept(form, 2) == (
        "Database unreachable: the radio entry for PW4 is kept on this workstation and saved "
        "when the database returns (2 waiting)."
    )
    check_in = desk.pending(CheckIn("PW5"))
    assert check_in.payload(at)["check_in"] == "PW5"
    assert desk.pending(Correction(7, "PW12 os")).payload(at)["corrects"] == 7
