"""The scenario corpus (tests/scenarios/corpus.py) played through both front ends, on SQLite and
PostgreSQL: screen-reader mode (typed lines, in-process) and the full screen (Pilot).

Each run checks the records against the scenario's expected facts, complete (every call and
request, normalised by ``records.snapshot``): both front ends leaving exactly those facts is
both front ends leaving the same records. And each key sentence of the scenario must be heard:
in the line mode's output, and in what the full screen said (focus line, message bar, message
log).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from csc_console.config import Settings, load_settings
from tests.scenarios import faults, line_driver
from tests.scenarios.corpus import CORPUS
from tests.scenarios.model import InboxMessage, KnownJane, OpenRequest, Scenario, Workspace
from tests.scenarios.records import check_expected, snapshot

pytestmark = pytest.mark.scenario

FRONT_ENDS = ("line", "screen")


def _cases() -> Iterator[Any]:
    for scenario in CORPUS:
        for front in FRONT_ENDS:
            if scenario.screen_only and front == "line":
                continue
            yield pytest.param(scenario, front, id=f"{scenario.name}-{front}")


#: A seeded request's answers, by category (potholes: the line-mode helpers' own).
ANSWERS = {
    "street-lights-signals": {"light_or_signal": "street-light", "problem": "out"},
    "graffiti": {"surface": "wall-building", "property": "unknown", "offensive": "no"},
}


def seed(ctx: Any, scenario: Scenario) -> dict[str, str]:
    """The scenario's starting records; the names its steps may refer to ({wo}...)."""
    from csc_console.services.inbox import NewMessage, add_message
    from tests.linear.conftest import FIXED_NOW
    from tests.linear.intake_support import JANE, earlier_call, open_request, set_status

    context: dict[str, str] = {}
    for item in scenario.seed:
        match item:
            case KnownJane():
                earlier_call(ctx, JANE, days_ago=2)
            case OpenRequest() as r:
                made = open_request(
                    ctx,
                    category=r.category,
                    address=r.address,
                    days_ago=r.days_ago,
                    **({"caller": JANE} if r.by_jane else {}),
                    **({"answers": ANSWERS[r.category]} if r.category in ANSWERS else {}),
                )
                if r.status:
                    set_status(ctx, made.number, r.status, r.note)
                context.setdefault("sr", made.number)
                if made.work_orders:
                    context.setdefault("wo", made.work_orders[0])
            case InboxMessage() as msg:
                add_message(
                    ctx,
                    NewMessage(
                        channel="web",
                        body=msg.body,
                        name=msg.name,
                        address=msg.address,
                        subject=msg.category,
                        received_at=FIXED_NOW,
                        details={"service_code": msg.category, "attributes": dict(msg.answers)},
                    ),
                )
    return context


@pytest.fixture
def people(settings: Settings) -> Iterator[Any]:
    """Ada (admin), Maria (CSR) and Elena (dispatcher): Maria's service context."""
    from csc_console.services.bootstrap import open_context
    from csc_console.services.operators import create_operator, sign_in

    ctx = open_context(settings)
    admin = ctx.as_operator(sign_in(ctx, username="admin", display_name="Ada Admin"))
    maria = create_operator(admin, username="maria", display_name="Maria Lopez", role="csr")
    create_operator(admin, username="elena", display_name="Elena Hernandez", role="dispatcher")
    yield admin.as_operator(maria)
    ctx.db.dispose()


OPERATOR = {
    Workspace.INTAKE: "maria",
    Workspace.INBOX: "maria",
    Workspace.DISPATCH: "elena",
    Workspace.WORK_ORDERS: "maria",
}


@pytest.mark.parametrize(("scenario", "front"), list(_cases()))
async def test_scenario(scenario: Scenario, front: str, settings: Settings, people: Any) -> None:
    context = seed(people, scenario)
    seeded = snapshot(people)
    operator = OPERATOR[scenario.workspace]
    with faults.injectable():
        heard, said, extra = await _play(scenario, front, settings, people, context, operator)
    check_expected(snapshot(people), scenario.expect, seeded)
    wanted = [s.format(**context) for s in (*scenario.heard, *extra)]
    missing = [s for s in wanted if s not in heard]
    assert not missing, f"not heard in the {front} front end: {missing}\n--- it said:\n{said}"


async def _play(
    scenario: Scenario,
    front: str,
    settings: Settings,
    people: Any,
    context: dict[str, str],
    operator: str,
) -> tuple[str, str, tuple[str, ...]]:
    if front == "line":
        said = line_driver.play(settings, scenario, operator, context)
        heard = said
        extra = scenario.line_heard
    else:
        from tests.scenarios import screen_driver

        signed = load_settings(database_url=settings.database_url, operator=operator)
        heard = await screen_driver.play(signed, scenario, people, context)
        said = heard
        extra = scenario.screen_heard
    return heard, said, extra
