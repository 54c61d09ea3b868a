"""Generate one demo year in memory: contacts, requests, work orders, relay details."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, datetime

from csc_console.services.context import Ctx
from csc_console.services.demo import profile
from csc_console.services.demo.calls import CallDraft, generate_calls
from csc_console.services.demo.clock import BusinessClock, days_of, phone_days
from csc_console.services.demo.people import AddressBook, CallerPool, Staff
from csc_console.services.demo.profile import YearTargets, targets_for
from csc_console.services.demo.requests import (
    CategoryPicker,
    RequestContext,
    RequestDraft,
    build_requests,
    settle,
    web_times,
)

RelayRow = tuple[int, str, str, str, str, str, bool, int]  # call index, type, CA, provider, ...


@dataclass
class YearData:
    year: int
    targets: YearTargets
    calls: list[CallDraft]
    requests: list[RequestDraft]
    relay: list[RelayRow]
    overlaps: int


@dataclass
class Shared:
    """What carries over from one generated year to the next in one load."""

    ctx: Ctx
    rng: random.Random
    pool: CallerPool
    addresses: AddressBook
    picker: CategoryPicker
    staff: Staff
    now: int


def generate_year(shared: Shared, year: int, *, scale: float) -> YearData:
    ctx, rng = shared.ctx, shared.rng
    calendar = ctx.calendar
    start, end = date(year, 1, 1), date(year + 1, 1, 1)
    today = datetime.fromtimestamp(shared.now, tz=calendar.zone).date()
    until = min(end, today)
    targets = targets_for(year, scale=scale)
    days = phone_days(calendar, start, end)
    weights = [profile.day_weight(d.day, after_closure=d.after_closure, rng=rng) for d in days]
    kept = [i for i, d in enumerate(days) if d.day < until]
    fraction = sum(weights[i] for i in kept) / sum(weights) if weights else 0.0
    if fraction < 1.0:  # the current year: only the days that have passed
        targets = _part_of(targets, fraction)
        days = [days[i] for i in kept]
        weights = [weights[i] for i in kept]
    requests_total = targets.requests
    counts = {
        ch: round(requests_total * share) for ch, share in profile.REQUEST_CHANNEL_SHARE.items()
    }
    counts["relay"] = min(
        round(targets.relay_calls * profile.RELAY_REPORT_SHARE), targets.relay_calls
    )
    counts["phone"] = max(0, requests_total - sum(counts.values()))
    report_counts = {ch: counts[ch] for ch in ("phone", "relay", "walk_in", "voicemail", "email")}
    web_counts = {ch: counts[ch] for ch in ("web", "app", "live_chat")}
    topics = [t.code for t in ctx.catalog.topics]
    cy = generate_calls(
        targets=targets,
        days=days,
        day_weights=weights,
        answered_total=targets.calls_answered,
        report_counts=report_counts,
        topics=topics,
        staff=shared.staff,
        zone=calendar.zone,
        rng=rng,
    )
    clock = BusinessClock(calendar, start, date(year + 3, 1, 1))
    rc = RequestContext(
        year=year,
        catalog=ctx.catalog,
        calendar=calendar,
        clock=clock,
        pool=shared.pool,
        addresses=shared.addresses,
        picker=shared.picker,
        now=shared.now,
        rng=rng,
        zone=calendar.zone,
    )
    web = web_times(rc, web_counts, days, days_of(start, until)) if until > start else []
    requests = build_requests(rc, cy.calls, web)
    settle(rc, requests)
    return YearData(
        year=year,
        targets=targets,
        calls=cy.calls,
        requests=requests,
        relay=_relay_rows(shared, cy.calls),
        overlaps=cy.overlaps,
    )


def _part_of(targets: YearTargets, fraction: float) -> YearTargets:
    def part(n: int) -> int:
        return round(n * fraction)

    return replace(
        targets,
        calls_answered=part(targets.calls_answered),
        requests=part(targets.requests),
        relay_calls=part(targets.relay_calls),
        walk_ins=part(targets.walk_ins),
        voicemails=part(targets.voicemails),
        emails=part(targets.emails),
    )


def _relay_rows(shared: Shared, calls: list[CallDraft]) -> list[RelayRow]:
    rng = shared.rng
    relay = shared.ctx.catalog.relay
    types = [t.code for t in relay.types] or ["tty"]
    type_weights = [max(1, len(types) - i) for i in range(len(types))]
    # Provider entries may carry notes ("Hamilton Relay - believed to be ..."): keep the name.
    providers = [p.split(" - ")[0].split(" (")[0].strip() for p in relay.providers]
    providers = [p for p in providers if p] or ["California Relay Service"]
    out: list[RelayRow] = []
    for i, c in enumerate(calls):
        if c.channel != "relay":
            continue
        dropped = rng.random() < 0.03
        out.append(
            (
                i,
                rng.choices(types, weights=type_weights)[0],
                f"CA {rng.randint(1000, 9999)}",
                providers[0] if rng.random() < 0.85 else rng.choice(providers),
                "Spanish" if rng.random() < 0.05 else "English",
                "711 and the caller's number" if rng.random() < 0.8 else "email",
                dropped,
                rng.randint(1, 2) if dropped else 0,
            )
        )
    return out
