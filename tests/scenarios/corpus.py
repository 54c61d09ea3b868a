"""The scenario corpus: whole workflows written once, as data, and played through both front
ends (tests/scenarios/test_corpus.py). Read a scenario as what the caller says and what the CSR
or dispatcher chooses; ``heard`` lists the sentences both front ends must say.

Defect scenarios (issue 14, defects 1-6) are written as the fixed behaviour should be.
"""

from __future__ import annotations

from tests.scenarios.model import (
    AcceptRedirect,
    Address,
    AnotherTopic,
    Answer,
    AnswerQuestion,
    CallFacts,
    Caller,
    Category,
    Completed,
    Description,
    Disposition,
    Expect,
    FollowUp,
    KnownCaller,
    KnownJane,
    LinkDuplicate,
    OpenRequest,
    Purpose,
    Radio,
    RadioFacts,
    Refer,
    RelayTurns,
    RequestFacts,
    Scenario,
    Topic,
    Words,
    WorkOrderFacts,
    Workspace,
    WrapUp,
)

INTAKE = Workspace.INTAKE
DISPATCH = Workspace.DISPATCH
JANE_PHONE = "626-555-0101"
POTHOLE_WORDS = "there's a big pothole in front of my house"
POTHOLE_ANSWERS = (
    AnswerQuestion("location_in_street", "right-lane"),
    AnswerQuestion("size", "medium"),
    AnswerQuestion("depth"),
    AnswerQuestion("hazard", "no"),
    AnswerQuestion("direction_of_travel"),
    AnswerQuestion("count"),
)
POTHOLE_STORED = (("hazard", "no"), ("location_in_street", "right-lane"), ("size", "medium"))


def read_back(n: int, by: str) -> str:
    digits = " ".join(f"{n:06d}")
    return f"Your number is S R 2 0 2 6 {digits}; expected by {by}."


def report(
    name: str,
    *,
    words: str,
    category: str,
    answers: tuple[AnswerQuestion, ...],
    address: str,
    stored: tuple[tuple[str, str], ...],
    by: str,
    heard: tuple[str, ...] = (),
    caller: str = "Pat Rivera",
    phone: str = "626-555-0150",
) -> Scenario:
    """A new caller reports something at a verified address; a request is made."""
    return Scenario(
        name=name,
        workspace=INTAKE,
        steps=(
            Answer("Phone", phone),
            Caller(caller),
            Purpose("Report an issue"),
            Words(words),
            Category(category),
            *answers,
            Address(address),
            Description(),
            Disposition(),
            WrapUp(),
        ),
        expect=Expect(
            requests=(RequestFacts(category, address, answers=stored, caller_names=(caller,)),),
            calls=(CallFacts("report", "request_created", "SR-2026-000001"),),
        ),
        heard=(
            "Request SR-2026-000001 saved.",
            read_back(1, by),
            *heard,
        ),
    )


CORPUS: tuple[Scenario, ...] = (
    Scenario(
        name="pothole_new_caller",
        workspace=INTAKE,
        steps=(
            Answer("Phone", "626-555-0199"),
            Caller("Sam Smith"),
            Purpose("Report an issue"),
            Words(POTHOLE_WORDS),
            Category("potholes"),
            *POTHOLE_ANSWERS,
            Address("1200 N Lake Ave"),
            Description(),
            Disposition(),
            WrapUp(),
        ),
        expect=Expect(
            requests=(
                RequestFacts(
                    "potholes", "1200 N Lake Ave", answers=POTHOLE_STORED, caller_names=("Sam Smith",)
                ),
            ),
            calls=(CallFacts("report", "request_created", "SR-2026-000001"),),
        ),
        heard=(
            "New caller: no earlier calls from (626) 555-0199.",
            "Verified: 1200 N Lake Ave, 91104.",
            "Request SR-2026-000001 saved.",
            read_back(1, "Monday, March 9"),
        ),
    ),
    Scenario(
        name="pothole_known_caller_with_history",
        workspace=INTAKE,
        seed=(KnownJane(), OpenRequest("street-lights-signals", by_jane=True, days_ago=6)),
        steps=(
            Answer("Phone", JANE_PHONE),
            KnownCaller(),
            Purpose("Report an issue"),
            Words(POTHOLE_WORDS),
            Category("potholes"),
            *POTHOLE_ANSWERS,
            Address(),
            Description(),
            Disposition(),
            WrapUp(),
        ),
        expect=Expect(
            requests=(
                RequestFacts("street-lights-signals", "1200 N Lake Ave", caller_names=("Jane Caller",)),
                RequestFacts(
                    "potholes", "1200 N Lake Ave", answers=POTHOLE_STORED, caller_names=("Jane Caller",)
                ),
            ),
            calls=(CallFacts("report", "request_created", "SR-2026-000002"),),
        ),
        heard=(
            "Known caller: Jane Caller, (626) 555-0101, 1200 N Lake Ave.",
            "Verified: 1200 N Lake Ave, 91104.",
            "Request SR-2026-000002 saved.",
            read_back(2, "Monday, March 9"),
        ),
    ),
)
