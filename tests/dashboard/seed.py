"""Hand-made calls and requests for the dashboard and report tests, with their expected figures.

March 2022 in Pasadena (clocks go forward on Sunday 13 March at 2:00 AM, 10:00 UTC). CSRs
``ana`` (Ana Garcia) and ``ben`` (Ben Ortiz); waits and handle times in seconds:

- C1 Mon 7 Mar 09:00, phone, ana, wait 10, handle 100; requests R1 potholes (first), R2 graffiti
- C2 Mon 7 Mar 23:30 (Tuesday in UTC), phone, ben, wait 40, handle 200
- C3 Tue 8 Mar 10:00, relay, ana, wait 20, handle 2000 (long, but relay: never flagged); R5
  missed trash
- C4 Tue 8 Mar 11:00, abandoned after 60; C5 Tue 8 Mar 11:05, abandoned after 3 (short)
- C6 Sun 13 Mar 01:30 PST, phone, ana, wait 5, handle 50
- C7 Sun 13 Mar 23:30 PDT (Monday in UTC), phone, ben, wait 25, handle 150; R4 potholes
- C8 Mon 14 Mar 09:00, phone, ana, wait 31, handle 1500 (the long call)
- C9 Mon 14 Mar 10:00, walk-in, ana (not a queue call)
- C10 Fri 1 Apr 00:30, phone, ben, wait 10, handle 120
- R3 Tue 8 Mar 12:00, graffiti, web, nobody
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from csc_console.db.models import Call, ServiceRequest

MARCH = (date(2022, 3, 1), date(2022, 4, 1))


def local(ctx: Any, *args: int) -> datetime:
    return datetime(*args, tzinfo=ctx.zone).astimezone(UTC)


def make_csrs(admin_ctx: Any) -> dict[str, int]:
    from csc_console.services.operators import create_operator

    ids = {}
    for username, name in (("ana", "Ana Garcia"), ("ben", "Ben Ortiz")):
        ids[username] = create_operator(admin_ctx, username=username, display_name=name, role="csr").id
    return ids


def add_call(
    s: Any,
    queued: datetime,
    *,
    operator: int | None = None,
    channel: str = "phone",
    wait: float | None = None,
    handle: float | None = None,
    abandon_after: float | None = None,
) -> Call:
    answered = queued + timedelta(seconds=wait) if wait is not None else None
    acw = answered + timedelta(seconds=handle) if answered is not None and handle else None
    ended = acw - timedelta(seconds=5) if acw is not None else None
    if abandon_after is not None:
        ended = queued + timedelta(seconds=abandon_after)
    row = Call(
        channel=channel,
        status="abandoned" if abandon_after is not None else "completed",
        operator_id=operator,
        queued_at=queued,
        answered_at=answered,
        ended_at=ended,
        acw_ended_at=acw,
    )
    s.add(row)
    s.flush()
    return row


def add_request(
    s: Any,
    number: str,
    created: datetime,
    category: str,
    *,
    channel: str = "phone",
    operator: int | None = None,
    call: Call | None = None,
) -> None:
    s.add(
        ServiceRequest(
            number=number,
            category_code=category,
            department_code="public-works",
            channel=channel,
            operator_id=operator,
            call_id=call.id if call is not None else None,
            created_at=created,
        )
    )
    s.flush()


def seed_march(admin_ctx: Any) -> dict[str, int]:
    ctx = admin_ctx
    ops = make_csrs(admin_ctx)
    ana, ben = ops["ana"], ops["ben"]
    with ctx.db.session(write=True) as s:
        c1 = add_call(s, local(ctx, 2022, 3, 7, 9, 0), operator=ana, wait=10, handle=100)
        add_call(s, local(ctx, 2022, 3, 7, 23, 30), operator=ben, wait=40, handle=200)
        c3 = add_call(s, local(ctx, 2022, 3, 8, 10, 0), operator=ana, channel="relay", wait=20, handle=2000)
        add_call(s, local(ctx, 2022, 3, 8, 11, 0), abandon_after=60)
        add_call(s, local(ctx, 2022, 3, 8, 11, 5), abandon_after=3)
        add_call(s, local(ctx, 2022, 3, 13, 1, 30), operator=ana, wait=5, handle=50)
        c7 = add_call(s, local(ctx, 2022, 3, 13, 23, 30), operator=ben, wait=25, handle=150)
        add_call(s, local(ctx, 2022, 3, 14, 9, 0), operator=ana, wait=31, handle=1500)
        add_call(s, local(ctx, 2022, 3, 14, 10, 0), operator=ana, channel="walk_in", wait=5, handle=600)
        add_call(s, local(ctx, 2022, 4, 1, 0, 30), operator=ben, wait=10, handle=120)
        add_request(s, "SR-2022-000001", local(ctx, 2022, 3, 7, 9, 2), "potholes", operator=ana, call=c1)
        add_request(s, "SR-2022-000002", local(ctx, 2022, 3, 7, 9, 3), "graffiti", operator=ana, call=c1)
        add_request(s, "SR-2022-000003", local(ctx, 2022, 3, 8, 12, 0), "graffiti", channel="web")
        add_request(s, "SR-2022-000004", local(ctx, 2022, 3, 13, 23, 35), "potholes", operator=ben, call=c7)
        add_request(
            s, "SR-2022-000005", local(ctx, 2022, 3, 8, 10, 5), "missed-trash", channel="relay", operator=ana, call=c3
        )
    return ops
