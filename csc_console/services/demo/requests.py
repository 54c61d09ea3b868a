"""One year of service requests, their callers and work orders, with realistic lifecycles.

Requests come from report calls (phone, relay, walk-in, voicemail, email) and from the web,
the app and LiveChat without a call. One chronological pass gives callers to contacts
(repeat callers, follow-ups from people with a recent request), creates requests, and links
some report calls to an existing open request (its caller count goes up). Each request then
gets a due date from its category's SLA on the business calendar, a work order when the
category needs a crew, and a lifecycle that is mostly finished for past years.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, time

from csc_console.calendar import BusinessCalendar
from csc_console.catalog import Catalog
from csc_console.catalog.schema import Category, Priority, Question, Routing
from csc_console.services.demo import profile
from csc_console.services.demo.calls import CallDraft
from csc_console.services.demo.clock import BusinessClock, PhoneDay, epoch_of, to_datetime
from csc_console.services.demo.people import AddressBook, CallerPool

RECENT_DAYS = 30 * 86_400
RESOLUTIONS = ("Completed.", "Repaired.", "Removed.", "Picked up.", "Inspected; no issue found.")
REQUEST_NOTES = ("Resolved.", "Work completed.", "Inspected; no further action needed.")
CANCEL_REASONS = ("Duplicate of an earlier report.", "Could not locate the problem.")


@dataclass(slots=True)
class WorkOrderDraft:
    created: int
    status: str
    priority: str
    crew: str | None
    due: int | None
    assigned: int | None = None
    dispatched: int | None = None
    started: int | None = None
    completed: int | None = None
    reason: str | None = None
    resolution: str | None = None
    updated: int = 0


@dataclass(slots=True)
class RequestDraft:
    created: int
    channel: str
    category: Category
    routing: Routing
    call: int | None  # index into the year's calls
    caller: int | None  # index into the caller pool
    operator_id: int | None
    address: str
    description: str = ""
    answers: dict[str, object] = field(default_factory=dict)
    status: str = "open"
    note: str | None = None
    due: int | None = None
    closed: int | None = None
    updated: int = 0
    callers_count: int = 1
    work_order: WorkOrderDraft | None = None
    links: list[tuple[int, int, int]] = field(default_factory=list)  # (caller, call, at)


@dataclass(frozen=True)
class Avoid:
    """Answers and addresses that would make the CSR redirect instead of taking a request
    (911, another agency, a referral): the demo never records such requests."""

    values: dict[str, frozenset[str]]
    providers: tuple[tuple[dict[str, tuple[str, ...]], frozenset[str]], ...]
    _keys: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, category: Category) -> Avoid:
        values: dict[str, set[str]] = {}
        providers = []
        for r in category.redirects:
            if r.when.electric_provider:
                providers.append((dict(r.when.answer), frozenset(r.when.electric_provider)))
            else:
                for code, accepted in r.when.answer.items():
                    values.setdefault(code, set()).update(accepted)
        return cls({k: frozenset(v) for k, v in values.items()}, tuple(providers))

    def keys(self, question: Question) -> tuple[str, ...]:
        """The values of a list question the demo may pick (all, if every one redirects)."""
        cached = self._keys.get(question.code)
        if cached is None:
            excluded = self.values.get(question.code, frozenset())
            cached = tuple(v.key for v in question.values if v.key not in excluded)
            self._keys[question.code] = cached = cached or question.value_keys()
        return cached

    def providers_for(self, answers: dict[str, object]) -> frozenset[str]:
        out: frozenset[str] = frozenset()
        for condition, names in self.providers:
            if all(_answered(answers.get(code), accepted) for code, accepted in condition.items()):
                out |= names
        return out


def _answered(given: object, accepted: tuple[str, ...]) -> bool:
    if isinstance(given, str):
        return given in accepted
    if isinstance(given, list):
        return any(g in accepted for g in given)
    return False


class CategoryPicker:
    """Categories weighted by the press figures, with seasons, cached per day."""

    def __init__(self, catalog: Catalog, rng: random.Random) -> None:
        self.categories = list(catalog.categories)
        self.avoid = {c.code: Avoid.of(c) for c in self.categories}
        self._base = [profile.category_weight(c.name) for c in self.categories]
        self._cache: dict[date, list[float]] = {}
        self._rng = rng

    def pick(self, day: date) -> Category:
        cum = self._cache.get(day)
        if cum is None:
            acc = 0.0
            cum = []
            for c, w in zip(self.categories, self._base, strict=True):
                acc += w * profile.seasonal_factor(c.name, day)
                cum.append(acc)
            self._cache[day] = cum
        i = bisect_right(cum, self._rng.random() * cum[-1])
        return self.categories[min(i, len(cum) - 1)]


@dataclass
class RequestContext:
    year: int
    catalog: Catalog
    calendar: BusinessCalendar
    clock: BusinessClock
    pool: CallerPool
    addresses: AddressBook
    picker: CategoryPicker
    now: int
    rng: random.Random
    zone: object


def web_times(
    rc: RequestContext, counts: dict[str, int], days: list[PhoneDay], all_days: list[date]
) -> list[tuple[int, str]]:
    """(time, channel) of the requests that arrive without a call."""
    rng = rc.rng
    out: list[tuple[int, str]] = []
    hours = list(range(24))
    for channel in ("web", "app"):
        for day in rng.choices(all_days, k=counts.get(channel, 0)):
            hour = rng.choices(hours, weights=profile.WEB_HOUR_WEIGHT)[0]
            base = epoch_of(day, time(hour), rc.calendar.zone)
            out.append((base + rng.randrange(3600), channel))
    for phone_day in rng.choices(days, k=counts.get("live_chat", 0)) if days else []:
        out.append((phone_day.open + rng.randrange(phone_day.close - phone_day.open), "live_chat"))
    return [(t, ch) for t, ch in out if t < rc.now]


def build_requests(
    rc: RequestContext, calls: list[CallDraft], web: list[tuple[int, str]]
) -> list[RequestDraft]:
    """Callers for the contacts and the year's requests, in creation order."""
    rng, pool = rc.rng, rc.pool
    events: list[tuple[int, int, int]] = []  # (time, kind 0 = call / 1 = web, index)
    for i, c in enumerate(calls):
        if c.answered is not None:
            events.append((c.answered, 0, i))
    for j, (t, _ch) in enumerate(web):
        events.append((t, 1, j))
    events.sort()
    requests: list[RequestDraft] = []
    recent: list[int] = []  # indices of requests in creation order
    first_recent = 0  # recent[first_recent:] are at most RECENT_DAYS old
    for t, kind, idx in events:
        if kind == 1:
            caller = (
                None if rng.random() < profile.ANONYMOUS_REQUEST_SHARE else pool.pick(t, rc.year)
            )
            requests.append(_request(rc, t, web[idx][1], None, caller, None))
            recent.append(len(requests) - 1)
            continue
        c = calls[idx]
        if c.purpose == "report" and not c.linked:
            if rng.random() >= profile.ANONYMOUS_REQUEST_SHARE:
                c.caller = pool.pick(t, rc.year)
            created = t + max(1, int(0.7 * ((c.ended or t) - t)))
            requests.append(_request(rc, created, c.channel, idx, c.caller, c.operator_id))
            recent.append(len(requests) - 1)
        elif c.linked:
            while (
                first_recent < len(recent)
                and requests[recent[first_recent]].created < t - RECENT_DAYS
            ):
                first_recent += 1
            if first_recent >= len(recent):
                c.linked, c.disposition = False, profile.DISPOSITION["information"]
                c.purpose = "information"
                continue
            target = requests[recent[rng.randrange(first_recent, len(recent))]]
            if target.created >= t:  # saved later in a call still going on: take an older one
                target = requests[recent[first_recent]]
            if target.created >= t:
                c.linked, c.disposition = False, profile.DISPOSITION["information"]
                c.purpose = "information"
                continue
            c.caller = pool.pick(t, rc.year, new_share=0.7)
            if c.caller == target.caller or any(lc == c.caller for lc, _, _ in target.links):
                c.caller = pool.new(t, rc.year)
            target.links.append((c.caller, idx, t))
            target.callers_count += 1
        elif c.purpose == "follow_up":
            c.caller = _recent_caller(requests, recent, rng)
            if c.caller is None:
                c.caller = pool.pick(t, rc.year)
        elif rng.random() < profile.CALLER_KNOWN_SHARE.get(c.purpose or "", 0.5):
            c.caller = pool.pick(t, rc.year)
    requests.sort(key=lambda r: r.created)
    return requests


def _recent_caller(
    requests: list[RequestDraft], recent: list[int], rng: random.Random
) -> int | None:
    """The caller of one of the last few hundred requests (someone asking about it)."""
    for _ in range(3):
        if not recent:
            return None
        caller = requests[recent[-rng.randint(1, min(500, len(recent)))]].caller
        if caller is not None:
            return caller
    return None


def _request(
    rc: RequestContext,
    created: int,
    channel: str,
    call: int | None,
    caller: int | None,
    operator_id: int | None,
) -> RequestDraft:
    rng = rc.rng
    day = to_datetime(created).astimezone(rc.calendar.zone).date()
    category = rc.picker.pick(day)
    avoid = rc.picker.avoid[category.code]
    answers = _answers(category, created, rng, avoid)
    providers = avoid.providers_for(answers)
    home = rc.pool.home(caller) if caller is not None else None
    if home and rng.random() < 0.55 and rc.addresses.provider_of(home) not in providers:
        address = home
    else:
        address = rc.addresses.pick(avoid=providers)
    text = rng.choice(category.examples) if category.examples else category.name
    return RequestDraft(
        created=created,
        channel=channel,
        category=category,
        routing=category.routing(answers),  # type: ignore[arg-type]
        call=call,
        caller=caller,
        operator_id=operator_id,
        address=address,
        description=text,
        answers=answers,
    )


def _answers(
    category: Category, created: int, rng: random.Random, avoid: Avoid
) -> dict[str, object]:
    out: dict[str, object] = {}
    for q in category.questions:
        if not q.required and rng.random() > 0.3:
            continue
        keys = avoid.keys(q)
        if q.datatype == "singlevaluelist":
            out[q.code] = rng.choice(keys)
        elif q.datatype == "multivaluelist":
            out[q.code] = [rng.choice(keys)]
        elif q.datatype == "number":
            out[q.code] = rng.randint(1, 5)
        elif q.datatype == "datetime":
            out[q.code] = to_datetime(created).isoformat()
        else:
            out[q.code] = "As described by the caller."
    return out


# --------------------------------------------------------------------------- lifecycles
def _sla_business_seconds(category: Category, clock: BusinessClock) -> float:
    sla = category.sla
    if sla.business_days:
        return sla.business_days * clock.day_seconds
    if sla.business_hours:
        return sla.business_hours * 3600.0
    # Calendar hours: roughly a third of a wall-clock day is office time.
    return (sla.calendar_hours or 24) * 3600.0 / 3.0


def settle(rc: RequestContext, requests: list[RequestDraft]) -> None:
    """Due dates, work orders and statuses for the year's requests."""
    rng, clock, now = rc.rng, rc.clock, rc.now
    due_cache: dict[tuple[date, str], int] = {}
    units = _units_by_division(rc.catalog)
    for r in requests:
        cat = r.category
        created_dt = to_datetime(r.created)
        if cat.sla.business_days:
            key = (created_dt.astimezone(rc.calendar.zone).date(), cat.code)
            due = due_cache.get(key)
            if due is None:
                due = int(rc.calendar.due(created_dt, cat.sla).timestamp())
                due_cache[key] = due
        else:
            due = int(rc.calendar.due(created_dt, cat.sla).timestamp())
        r.due = due
        span = _sla_business_seconds(cat, clock) * rng.lognormvariate(math.log(0.45), 0.55)
        done = clock.add(r.created, span)
        cancelled = rng.random() < 0.015
        if r.routing.work_order:
            r.work_order = wo = _work_order(rc, r, span, done, cancelled, units)
            if wo.status == "completed":
                r.status, r.closed = "closed", (wo.completed or done) + rng.randint(60, 1800)
                r.note = rng.choice(REQUEST_NOTES)
            elif wo.status == "cancelled":
                r.status, r.closed, r.note = "cancelled", wo.updated, wo.reason
            elif wo.status == "new":
                r.status = "open"
            else:
                r.status = "in_progress"
        elif cancelled and clock.add(r.created, span * 0.1) <= now:
            r.status, r.closed = "cancelled", clock.add(r.created, span * 0.1)
            r.note = rng.choice(CANCEL_REASONS)
        elif done <= now:
            r.status, r.closed, r.note = "closed", done, rng.choice(REQUEST_NOTES)
        elif clock.add(r.created, span * 0.3) <= now:
            r.status = "in_progress"
        if r.closed is not None and r.closed > now:
            r.status, r.closed, r.note = "in_progress", None, None
        r.updated = r.closed or min(now, max(r.created, clock.add(r.created, span * 0.3)))


def _units_by_division(catalog: Catalog) -> dict[str | None, list[str]]:
    out: dict[str | None, list[str]] = {}
    for u in catalog.units:
        out.setdefault(u.division, []).append(u.call_sign)
    return out


_PRIORITIES: tuple[Priority, ...] = ("low", "normal", "high", "urgent")


def _work_order(
    rc: RequestContext,
    r: RequestDraft,
    span: float,
    done: int,
    cancelled: bool,
    units: dict[str | None, list[str]],
) -> WorkOrderDraft:
    rng, clock, now = rc.rng, rc.clock, rc.now
    routing = r.routing
    created = r.created + rng.randint(5, 90)
    if to_datetime(created).astimezone(rc.calendar.zone).year != rc.year:
        created = r.created
    crew = routing.default_crew  # a default crew is assigned at creation, as intake does
    assigned_at_once = crew is not None
    if crew is None and units.get(routing.division):
        crew = rng.choice(units[routing.division])
    priority: Priority = routing.priority
    if rng.random() < 0.05 and priority != "urgent":
        priority = _PRIORITIES[_PRIORITIES.index(priority) + 1]
    a1 = rng.uniform(0.05, 0.25)
    a2 = a1 + rng.uniform(0.1, 0.4) * (1 - a1)
    a3 = a2 + rng.uniform(0.3, 0.8) * (1 - a2)
    stamps = [clock.add(created, span * a) for a in (a1, a2, a3)]
    if assigned_at_once:
        stamps[0] = created
    stamps.append(max(stamps[-1] + 600, done))
    wo = WorkOrderDraft(created=created, status="new", priority=priority, crew=crew, due=r.due)
    cancel_at = clock.add(created, span * a1)
    if cancelled and cancel_at <= now:
        wo.status, wo.reason, wo.updated = "cancelled", rng.choice(CANCEL_REASONS), cancel_at
        wo.assigned = created if assigned_at_once else None
        return wo
    names = ("assigned", "dispatched", "in_progress", "completed")
    for name, stamp in zip(names, stamps, strict=True):
        if stamp > now:
            break
        wo.status = name
        setattr(wo, "started" if name == "in_progress" else name, stamp)
        wo.updated = stamp
    if wo.status == "completed":
        wo.resolution = rng.choice(RESOLUTIONS)
    wo.updated = wo.updated or created
    return wo
