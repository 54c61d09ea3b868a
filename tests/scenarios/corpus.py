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
    Burst,
    Caller,
    CallFacts,
    Category,
    CheckIn,
    Completed,
    Correct,
    DatabaseDown,
    Description,
    Disposition,
    Expect,
    FollowUp,
    InboxMessage,
    KnownCaller,
    KnownJane,
    LinkDuplicate,
    MakeRequest,
    NewAnyway,
    OpenRequest,
    OpenWorkOrder,
    Purpose,
    Quit,
    Radio,
    RadioFacts,
    Refer,
    RelaySetup,
    RequestFacts,
    RetrySave,
    Scenario,
    Topic,
    Turns,
    Words,
    WorkOrderFacts,
    WorkOrderStatus,
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
                    "potholes",
                    "1200 N Lake Ave",
                    answers=POTHOLE_STORED,
                    caller_names=("Sam Smith",),
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
                RequestFacts(
                    "street-lights-signals", "1200 N Lake Ave", caller_names=("Jane Caller",)
                ),
                RequestFacts(
                    "potholes",
                    "1200 N Lake Ave",
                    answers=POTHOLE_STORED,
                    caller_names=("Jane Caller",),
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
    Scenario(
        # Issue 14 defect 2: the linked call keeps its request and the second caller.
        name="second_caller_linked_to_duplicate",
        workspace=INTAKE,
        defect=2,
        seed=(KnownJane(), OpenRequest()),
        steps=(
            Answer("Phone", JANE_PHONE),
            KnownCaller(),
            Purpose("Report an issue"),
            Words("the pothole outside my house is getting bigger"),
            Category("potholes"),
            *POTHOLE_ANSWERS,
            Address(),
            LinkDuplicate("SR-2026-000001"),
            Disposition(),
            WrapUp(),
            # The caller calls back: the request is theirs now.
            Answer("Phone", JANE_PHONE),
            KnownCaller(),
            Purpose("Follow up"),
            FollowUp(),
            Disposition(),
            WrapUp(),
        ),
        expect=Expect(
            requests=(
                RequestFacts(
                    "potholes",
                    "1200 N Lake Ave",
                    answers=POTHOLE_STORED,
                    callers=2,
                    caller_names=("Jane Caller", "Ray Neighbour"),
                ),
            ),
            calls=(
                CallFacts("report", "linked_to_existing", "SR-2026-000001"),
                CallFacts("follow_up", "status_given"),
            ),
        ),
        heard=(
            "Caller linked to request SR-2026-000001, now 2 callers.",
            read_back(1, "Wednesday, March 4"),
            "Open requests: 1.",
        ),
    ),
    Scenario(
        name="information_one_topic",
        workspace=INTAKE,
        seed=(KnownJane(),),
        steps=(
            Answer("Phone", JANE_PHONE),
            KnownCaller(),
            Purpose("Ask for information"),
            Words("when is my trash day"),
            Topic(),
            Disposition(),
            WrapUp(),
        ),
        expect=Expect(
            calls=(CallFacts("information", "information_provided", topics=("collection-day",)),),
        ),
        heard=("Say: Your collection day depends on your address;",),
    ),
    Scenario(
        # Issue 14 defect 4: every topic the caller asked about is logged.
        name="information_three_topics",
        workspace=INTAKE,
        defect=4,
        seed=(KnownJane(),),
        steps=(
            Answer("Phone", JANE_PHONE),
            KnownCaller(),
            Purpose("Ask for information"),
            Words("when is my trash day"),
            Topic(),
            AnotherTopic(),
            Words("which days can I water my lawn"),
            Topic(),
            AnotherTopic(),
            Words("where can I take old paint and batteries"),
            Topic(),
            Disposition(),
            WrapUp(),
        ),
        expect=Expect(
            calls=(
                CallFacts(
                    "information",
                    "information_provided",
                    topics=("collection-day", "watering-rules", "hazardous-waste"),
                ),
            ),
        ),
        heard=("Say: Your collection day depends on your address;",),
    ),
    Scenario(
        name="gas_smell_emergency_transfer",
        workspace=INTAKE,
        steps=(
            Answer("Phone", "626-555-0199"),
            Caller("Sam Smith"),
            Purpose("Report an issue"),
            Words("I smell gas in my kitchen"),
            AcceptRedirect(),
            Disposition(),
            WrapUp(),
        ),
        expect=Expect(calls=(CallFacts("report", "transferred_911"),)),
        heard=(
            "Transfer to 911 Emergency",
            "Call ended: Transferred to 911.",
            "Emergency: the caller said 'smell gas'. Transfer to 911 Emergency.",
            "Say: If you smell gas, leave the building now.",
        ),
    ),
    Scenario(
        name="wrong_agency_edison_outage",
        workspace=INTAKE,
        steps=(
            Answer("Phone"),
            Caller(anonymous=True),
            Purpose("Report an issue"),
            Words("the power is out at my house"),
            Category("power-water"),
            AnswerQuestion("utility", "power"),
            AnswerQuestion("wires_down", "no"),
            AnswerQuestion("problem", "outage"),
            AnswerQuestion("extent"),
            AnswerQuestion("since"),
            AnswerQuestion("medical_equipment"),
            Address("3700 E Colorado Blvd"),
            AcceptRedirect(),
            Disposition(),
            WrapUp("Gave the Edison number."),
        ),
        expect=Expect(calls=(CallFacts("report", "referred"),)),
        heard=(
            "Verified: 3700 E Colorado Blvd, 91107.",
            "Refer the caller to Southern California Edison and wrap up",
            "Call ended: Referred.",
            "Say: Your address is served by Southern California Edison",
        ),
    ),
    Scenario(
        name="unknown_street_kept_not_verified",
        workspace=INTAKE,
        steps=(
            Answer("Phone", "626-555-0142"),
            Caller("Lee Park"),
            Purpose("Report an issue"),
            Words("someone sprayed graffiti on the wall"),
            Category("graffiti"),
            AnswerQuestion("surface", "wall-building"),
            AnswerQuestion("property", "unknown"),
            AnswerQuestion("offensive", "no"),
            AnswerQuestion("size"),
            AnswerQuestion("consent"),
            Address("1200 Lak Ave", pick="Keep 1200 Lak Ave", cross_street="behind the old garage"),
            Description(),
            Disposition(),
            WrapUp(),
        ),
        expect=Expect(
            requests=(
                RequestFacts(
                    "graffiti",
                    "1200 Lak Ave",
                    verified=False,
                    answers=(
                        ("offensive", "no"),
                        ("property", "unknown"),
                        ("surface", "wall-building"),
                    ),
                    caller_names=("Lee Park",),
                ),
            ),
            calls=(CallFacts("report", "request_created", "SR-2026-000001"),),
        ),
        heard=(
            "Warning: No street called 'Lak AVE' in the city's street file. Did you mean 1200 N "
            "Lake Ave, 1200 S Lake Ave, 1200 Ashtabula St, 1200 La Loma Rd or 1200 Laguna Rd?",
            "The address is kept as typed and the request will be marked not verified.",
            "Request SR-2026-000001 saved.",
            read_back(1, "Thursday, March 5"),
        ),
    ),
    Scenario(
        name="follow_up_on_a_request",
        workspace=INTAKE,
        seed=(
            KnownJane(),
            OpenRequest(
                "street-lights-signals",
                by_jane=True,
                days_ago=6,
                status="in_progress",
                note="A crew is scheduled for Thursday.",
            ),
        ),
        steps=(
            Answer("Phone", JANE_PHONE),
            KnownCaller(),
            Purpose("Follow up"),
            FollowUp(),
            Disposition(),
            WrapUp(),
        ),
        expect=Expect(
            requests=(
                RequestFacts(
                    "street-lights-signals",
                    "1200 N Lake Ave",
                    status="in_progress",
                    caller_names=("Jane Caller",),
                ),
            ),
            calls=(CallFacts("follow_up", "status_given"),),
        ),
        heard=("Last note: A crew is scheduled for Thursday.",),
    ),
    Scenario(
        name="referral_elsewhere",
        workspace=INTAKE,
        steps=(
            Answer("Phone"),
            Caller(anonymous=True),
            Purpose("Referral"),
            Refer("r"),
            Disposition(),
            WrapUp(),
        ),
        expect=Expect(calls=(CallFacts("referral", "referred"),)),
        heard=("Call ended: Referred.",),
    ),
    Scenario(
        name="bulky_item_information",
        workspace=INTAKE,
        steps=(
            Answer("Phone", "626-555-0123"),
            Caller("Kim Ng"),
            Purpose("Ask for information"),
            Words("what are the rules for a bulky item pick up"),
            Topic("Bulky Item Pick Up Rules"),
            Disposition(),
            WrapUp(),
        ),
        expect=Expect(
            calls=(CallFacts("information", "information_provided", topics=("bulky-item-rules",)),),
        ),
        heard=("Call ended: Information provided.",),
    ),
    report(
        "graffiti_on_a_fence",
        words="there is graffiti on the fence by the park",
        category="graffiti",
        answers=(
            AnswerQuestion("surface", "fence"),
            AnswerQuestion("property", "public"),
            AnswerQuestion("offensive", "no"),
            AnswerQuestion("size", "small"),
            AnswerQuestion("consent"),
        ),
        address="100 N Garfield Ave",
        stored=(
            ("offensive", "no"),
            ("property", "public"),
            ("size", "small"),
            ("surface", "fence"),
        ),
        by="Thursday, March 5",
    ),
    report(
        "street_light_out",
        words="the street light outside is out",
        category="street-lights-signals",
        answers=(
            AnswerQuestion("light_or_signal", "street-light"),
            AnswerQuestion("problem", "out"),
            AnswerQuestion("all_dark"),
            AnswerQuestion("pole_number", "PL-4471"),
            AnswerQuestion("how_many"),
        ),
        address="55 E Walnut St",
        stored=(
            ("light_or_signal", "street-light"),
            ("pole_number", "PL-4471"),
            ("problem", "out"),
        ),
        by="Thursday, March 5",
    ),
    report(
        "dead_animal_in_the_street",
        words="there's a dead raccoon in the street",
        category="animal-care-control",
        answers=(
            AnswerQuestion("condition", "dead"),
            AnswerQuestion("animal_type", "raccoon"),
            AnswerQuestion("location", "street"),
            AnswerQuestion("behavior"),
            AnswerQuestion("owner_known"),
        ),
        address="900 E Colorado Blvd",
        stored=(("animal_type", "raccoon"), ("condition", "dead"), ("location", "street")),
        by="Wednesday, March 4",
    ),
    report(
        "wasting_water",
        words="my neighbour's sprinklers are running in the rain and flooding the gutter",
        category="wasting-water",
        answers=(
            AnswerQuestion("waste_type", "rain"),
            AnswerQuestion("happening_now", "yes"),
            AnswerQuestion("observed_at"),
            AnswerQuestion("property_type", "house"),
            AnswerQuestion("repeated"),
        ),
        address="1200 N Lake Ave",
        stored=(("happening_now", "yes"), ("property_type", "house"), ("waste_type", "rain")),
        by="Wednesday, March 11",
    ),
    report(
        "code_enforcement_junk_yard",
        words="the house next door has junk and overgrown weeds all over the yard",
        category="code-enforcement",
        answers=(
            AnswerQuestion("violation_type", "property-maintenance"),
            AnswerQuestion("property_type", "house"),
            AnswerQuestion("relationship", "neighbor"),
            AnswerQuestion("duration", "months"),
            AnswerQuestion("contact_ok", "no"),
        ),
        address="1200 N Lake Ave",
        stored=(
            ("contact_ok", "no"),
            ("duration", "months"),
            ("property_type", "house"),
            ("relationship", "neighbor"),
            ("violation_type", "property-maintenance"),
        ),
        by="Wednesday, March 11",
    ),
    Scenario(
        name="radio_shift_dispatch_to_completion",
        workspace=DISPATCH,
        seed=(OpenRequest(days_ago=1),),
        steps=(
            Radio("to PW12 d {wo} @ 1200 N Lake Ave"),
            Radio("PW12 er"),
            Radio("PW12 os patching now"),
            Radio("PW12 clr"),
            Completed(resolution="Patched two holes"),
        ),
        expect=Expect(
            requests=(RequestFacts("potholes", "1200 N Lake Ave", status="closed"),),
            work_orders=(WorkOrderFacts("completed", "Patched two holes"),),
            radio=(
                RadioFacts("PW12", "dispatched", "", "WO-2026-000001"),
                RadioFacts("PW12", "en_route", "", "WO-2026-000001"),
                RadioFacts("PW12", "on_scene", "patching now", "WO-2026-000001"),
                RadioFacts("PW12", "cleared", "", "WO-2026-000001"),
            ),
        ),
        heard=(
            "to PW12 Dispatched WO-2026-000001 @ 1200 N Lake Ave.",
            "PW12 En route WO-2026-000001.",
            "PW12 On scene WO-2026-000001: patching now.",
            "WO-2026-000001 is completed: Patched two holes.",
        ),
    ),
    Scenario(
        # Issue 14 defect 1: lines typed at full speed after a cl stay radio lines; the
        # question waits for an explicit answer and keeps the cl line's text as resolution.
        name="radio_shift_type_ahead_after_cl",
        workspace=DISPATCH,
        defect=1,
        seed=(OpenRequest(days_ago=1),),
        steps=(
            Radio("to PW12 d {wo} @ 1200 N Lake Ave"),
            Radio("PW12 os"),
            Burst(("PW12 cl patched two holes", "PW4 copy heading to the yard", "pw5 av")),
            Completed(),
        ),
        expect=Expect(
            requests=(RequestFacts("potholes", "1200 N Lake Ave", status="closed"),),
            work_orders=(WorkOrderFacts("completed", "patched two holes"),),
            radio=(
                RadioFacts("PW12", "dispatched", "", "WO-2026-000001"),
                RadioFacts("PW12", "on_scene", "", "WO-2026-000001"),
                RadioFacts("PW12", "cleared", "patched two holes", "WO-2026-000001"),
                RadioFacts("PW4", None, "copy heading to the yard"),
                RadioFacts("PW5", "available", ""),
            ),
        ),
        heard=("WO-2026-000001 is completed: patched two holes.",),
    ),
    Scenario(
        name="radio_correction",
        workspace=DISPATCH,
        steps=(
            Radio("PW12 os wrong place"),
            Radio("PW7 er"),
            Correct(1, "PW12 os right place"),
        ),
        expect=Expect(
            radio=(
                RadioFacts("PW12", "on_scene", "wrong place"),
                RadioFacts("PW7", "en_route", ""),
                RadioFacts("PW12", "on_scene", "right place"),
            ),
        ),
        heard=("PW12 On scene: right place (corrects entry 1).",),
    ),
    Scenario(
        name="radio_check_in",
        workspace=DISPATCH,
        steps=(Radio("PW5 os @ 55 E Walnut St"), CheckIn("PW5")),
        expect=Expect(
            radio=(
                RadioFacts("PW5", "on_scene", ""),
                RadioFacts("PW5", None, "Check-in: still on scene."),
            ),
        ),
        heard=("PW5: Check-in: still on scene.",),
    ),
    Scenario(
        name="work_order_lifecycle_with_a_refusal",
        workspace=Workspace.WORK_ORDERS,
        seed=(OpenRequest(days_ago=1),),
        steps=(
            OpenWorkOrder(),
            WorkOrderStatus("Completed", refused=True),  # not from assigned
            WorkOrderStatus("Dispatched"),
            WorkOrderStatus("In progress"),
            WorkOrderStatus("Completed", resolution="Patched two holes"),
        ),
        expect=Expect(
            requests=(RequestFacts("potholes", "1200 N Lake Ave", status="closed"),),
            work_orders=(WorkOrderFacts("completed", "Patched two holes"),),
        ),
        heard=("Saved: WO-2026-000001: Dispatched", "Saved: WO-2026-000001: In progress"),
        # The full screen does not offer a status not allowed now; the screen-reader mode
        # refuses it when typed ("Error: A work order that is assigned cannot become ...").
        line_heard=("Error: A work order that is assigned cannot become completed;",),
    ),
    Scenario(
        name="relay_call_with_ga_and_sk",
        workspace=INTAKE,
        seed=(KnownJane(),),
        steps=(
            Answer("Relay"),
            RelaySetup("TTY", "4417"),
            Turns(
                (
                    ("hi my trash was not picked up and theres a pothole", "GA"),
                    ("I can help. What is your phone NBR", "GA"),
                    ("626 555 0101", "GA"),
                ),
                phone=JANE_PHONE,
            ),
            KnownCaller(),
            Purpose("Report an issue"),
            Words(POTHOLE_WORDS),
            Category("potholes"),
            *POTHOLE_ANSWERS,
            Address(),
            Description(),
            Turns((("Your request number is SR 2026 000001 Q", "GA"), ("thx bye", "SK"))),
            Disposition(),
            WrapUp(),
        ),
        expect=Expect(
            requests=(
                RequestFacts(
                    "potholes",
                    "1200 N Lake Ave",
                    answers=POTHOLE_STORED,
                    caller_names=("Jane Caller",),
                ),
            ),
            calls=(CallFacts("report", "request_created", "SR-2026-000001"),),
        ),
        heard=(
            "Relay: TTY (text telephone), CA 4417, California Relay Service, English",
            "Turn 1 saved.",
            "Turn 3 saved.",
            "Turn 5 saved.",
            "Request SR-2026-000001 saved.",
            read_back(1, "Monday, March 9"),
        ),
    ),
    Scenario(
        name="database_outage_at_the_save",
        workspace=INTAKE,
        seed=(KnownJane(),),
        steps=(
            Answer("Phone", JANE_PHONE),
            KnownCaller(),
            Purpose("Report an issue"),
            Words(POTHOLE_WORDS),
            Category("potholes"),
            *POTHOLE_ANSWERS,
            Address(),
            DatabaseDown("request created", times=1),
            Description(),
            RetrySave(),
            Disposition(),
            WrapUp(),
        ),
        expect=Expect(
            requests=(
                RequestFacts(
                    "potholes",
                    "1200 N Lake Ave",
                    answers=POTHOLE_STORED,
                    caller_names=("Jane Caller",),
                ),
            ),
            calls=(CallFacts("report", "request_created", "SR-2026-000001"),),
        ),
        heard=(
            "The database is not reachable (connection refused); nothing was saved.",
            "Nothing typed is lost: the call is kept as a draft.",
            "Request SR-2026-000001 saved.",
            read_back(1, "Monday, March 9"),
        ),
    ),
    Scenario(
        # Issue 14 defect 5: quitting in the middle of a call asks first; "no" loses nothing.
        name="quit_mid_call_asks_first",
        workspace=INTAKE,
        defect=5,
        steps=(
            Answer("Phone", "626-555-0199"),
            Caller("Sam Smith"),
            Purpose("Report an issue"),
            Words(POTHOLE_WORDS),
            Category("potholes"),
            AnswerQuestion("location_in_street", "right-lane"),
            Quit(),
            *POTHOLE_ANSWERS[1:],
            Address("1200 N Lake Ave"),
            Description(),
            Disposition(),
            WrapUp(),
        ),
        expect=Expect(
            requests=(
                RequestFacts(
                    "potholes",
                    "1200 N Lake Ave",
                    answers=POTHOLE_STORED,
                    caller_names=("Sam Smith",),
                ),
            ),
            calls=(CallFacts("report", "request_created", "SR-2026-000001"),),
        ),
        heard=("Request SR-2026-000001 saved.",),
    ),
    Scenario(
        # Issue 14 defect 3: a message about a streetlight (here a pothole) that already has
        # an open request is linked to it, not made into a second request and work order.
        name="inbox_message_to_request_with_a_duplicate",
        workspace=Workspace.INBOX,
        defect=3,
        seed=(OpenRequest(), InboxMessage()),
        steps=(MakeRequest(link="SR-2026-000001"),),
        expect=Expect(
            requests=(
                RequestFacts(
                    "potholes",
                    "1200 N Lake Ave",
                    callers=2,
                    caller_names=("Jo Resident", "Ray Neighbour"),
                ),
            ),
            work_orders=(WorkOrderFacts("assigned"),),
        ),
        heard=("Message 1 answered",),
    ),
    Scenario(
        name="inbox_message_to_request",
        workspace=Workspace.INBOX,
        seed=(InboxMessage(),),
        steps=(MakeRequest(),),
        expect=Expect(
            requests=(
                RequestFacts(
                    "potholes",
                    "1200 N Lake Ave",
                    answers=POTHOLE_STORED,
                    caller_names=("Jo Resident",),
                ),
            ),
            work_orders=(WorkOrderFacts("assigned"),),
        ),
        heard=(
            "Message 1 answered: request SR-2026-000001 created, Potholes, Department of Public "
            "Works",
        ),
    ),
    Scenario(
        # Issue 14 defect 6: at 120x40, for a known caller with history, every control the
        # CSR types into (the description, then the disposition list) is on screen.
        name="focus_stays_visible_for_a_known_caller",
        workspace=INTAKE,
        defect=6,
        screen_only=True,
        focus_visible=True,
        seed=(
            KnownJane(),
            OpenRequest("street-lights-signals", by_jane=True, days_ago=6),
            OpenRequest("graffiti", address="55 E Walnut St", by_jane=True, days_ago=4),
        ),
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
                RequestFacts(
                    "street-lights-signals", "1200 N Lake Ave", caller_names=("Jane Caller",)
                ),
                RequestFacts("graffiti", "55 E Walnut St", caller_names=("Jane Caller",)),
                RequestFacts(
                    "potholes",
                    "1200 N Lake Ave",
                    answers=POTHOLE_STORED,
                    caller_names=("Jane Caller",),
                ),
            ),
            calls=(CallFacts("report", "request_created", "SR-2026-000003"),),
        ),
        heard=("Request SR-2026-000003 saved.",),
    ),
    Scenario(
        # Drift the call desk ended: the full screen stored a call wrapped up with nothing
        # chosen as a report (its purpose list shows Report an issue chosen); the
        # screen-reader mode stored no purpose. Both now store none.
        name="call_wrapped_up_with_nothing_chosen",
        workspace=INTAKE,
        steps=(
            Answer("Phone", "626-555-0177"),
            Caller("Lee Park"),
            Purpose("Nothing more: wrap up the call"),
            Disposition(),
            WrapUp("Caller hung up"),
        ),
        expect=Expect(calls=(CallFacts(None, "no_action"),)),
        heard=("Call ended: No action. Handle time:",),
    ),
    Scenario(
        name="possible_duplicate_declined_new_request",
        workspace=INTAKE,
        seed=(OpenRequest(),),
        steps=(
            Answer("Phone", "626-555-0199"),
            Caller("Sam Smith"),
            Purpose("Report an issue"),
            Words("a second pothole opened up near the corner"),
            Category("potholes"),
            *POTHOLE_ANSWERS,
            Address("1200 N Lake Ave"),
            NewAnyway(),
            Description(),
            Disposition(),
            WrapUp(),
        ),
        expect=Expect(
            requests=(
                RequestFacts("potholes", "1200 N Lake Ave", caller_names=("Ray Neighbour",)),
                RequestFacts(
                    "potholes",
                    "1200 N Lake Ave",
                    answers=POTHOLE_STORED,
                    caller_names=("Sam Smith",),
                ),
            ),
            calls=(CallFacts("report", "request_created", "SR-2026-000002"),),
        ),
        heard=(
            "Possible duplicates: 1 open request for Potholes nearby in the last 30 days.",
            "Request SR-2026-000002 saved.",
            read_back(2, "Monday, March 9"),
        ),
    ),
)
