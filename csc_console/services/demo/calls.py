"""One year of contacts: queue calls (answered and abandoned), relay calls, walk-ins, voicemail
and email, with answer delays and handle times calibrated to the year's targets.

All times are integer epoch seconds; rows reference callers by their index in the pool.
"""

from __future__ import annotations

import heapq
import random
from dataclasses import dataclass, field
from datetime import datetime

from csc_console.services.demo import profile
from csc_console.services.demo.calibrate import answer_delays, apportion, fit_total
from csc_console.services.demo.clock import PhoneDay
from csc_console.services.demo.people import Staff
from csc_console.services.demo.profile import YearTargets
from csc_console.vocab import Disposition


@dataclass(slots=True)
class CallDraft:
    channel: str
    queued: int
    day: int  # index into the year's phone days
    answered: int | None = None
    ended: int | None = None
    acw_ended: int | None = None
    hold: int = 0
    status: str = "completed"
    purpose: str | None = None
    linked: bool = False  # a report linked to an existing request
    topic_code: str | None = None
    disposition: str | None = None
    operator_id: int | None = None
    caller: int | None = None
    load: float = 1.0


@dataclass
class CallYear:
    calls: list[CallDraft] = field(default_factory=list)
    overlaps: int = 0  # answered calls given to a CSR still busy with another one


class MinuteSampler:
    """Picks arrival times within the phone hours, following the hour-of-day curve."""

    def __init__(self, day: PhoneDay, zone: object, rng: random.Random) -> None:
        start = datetime.fromtimestamp(day.open, tz=zone)  # type: ignore[arg-type]
        self.minutes = (day.close - day.open) // 60
        self.weights = [
            profile.HOUR_WEIGHT.get((start.hour * 60 + start.minute + m) // 60, 0.3)
            for m in range(self.minutes)
        ]
        self.mean = sum(self.weights) / len(self.weights)
        acc = 0.0
        self.cum: list[float] = []
        for w in self.weights:
            acc += w
            self.cum.append(acc)
        self._range = range(self.minutes)
        self._rng = rng

    def sample(self, k: int) -> list[int]:
        """``k`` offsets in seconds from the opening, unsorted."""
        rng = self._rng
        return [
            m * 60 + rng.randrange(60) for m in rng.choices(self._range, cum_weights=self.cum, k=k)
        ]


def generate_calls(
    *,
    targets: YearTargets,
    days: list[PhoneDay],
    day_weights: list[float],
    answered_total: int,
    report_counts: dict[str, int],
    topics: list[str],
    staff: Staff,
    zone: object,
    rng: random.Random,
) -> CallYear:
    """Every contact of the year, sorted by ``queued``. ``report_counts`` gives, per channel,
    how many contacts report something (one request each)."""
    year = CallYear()
    if not days:
        return year
    sampler = MinuteSampler(days[0], zone, rng)
    per_day = apportion(answered_total, day_weights)
    mean_day = answered_total / len(days)
    answered: list[CallDraft] = []
    for di, (day, count) in enumerate(zip(days, per_day, strict=True)):
        day_load = count / mean_day if mean_day else 1.0
        for offset in sampler.sample(count):
            minute_load = sampler.weights[offset // 60] / sampler.mean
            answered.append(CallDraft("phone", day.open + offset, di, load=day_load * minute_load))
    _answer_queue_calls(answered, targets, report_counts, topics, rng)
    abandoned = _abandoned(answered, targets, days, rng)
    others = _other_contacts(targets, days, day_weights, sampler, report_counts, topics, rng)
    calls = answered + abandoned + others
    year.overlaps = _assign_operators(calls, staff)
    calls.sort(key=lambda c: c.queued)
    year.calls = calls
    return year


def _answer_queue_calls(
    calls: list[CallDraft],
    targets: YearTargets,
    report_counts: dict[str, int],
    topics: list[str],
    rng: random.Random,
) -> None:
    n = len(calls)
    scores = [c.load * rng.lognormvariate(0.0, 0.45) for c in calls]
    delays = answer_delays(
        scores,
        mean=targets.asa_seconds,
        within_share=targets.within_share,
        threshold=profile.CENTRE_THRESHOLD_SECONDS,
        rng=rng,
    )
    order = list(range(n))
    rng.shuffle(order)
    relay_n = min(targets.relay_calls, n)
    relay = order[:relay_n]
    phone = order[relay_n:]
    for i in relay:
        calls[i].channel = "relay"
    # Purposes: reports (one request each), reports linked to an existing request, follow-ups,
    # referrals; the rest ask for information.
    relay_reports = min(report_counts.get("relay", 0), relay_n)
    phone_reports = min(report_counts.get("phone", 0), len(phone))
    linked = min(round(profile.LINKED_REPORT_SHARE * phone_reports), len(phone) - phone_reports)
    follow = min(round(profile.FOLLOW_UP_SHARE * n), len(phone) - phone_reports - linked)
    referral = min(round(profile.REFERRAL_SHARE * n), len(phone) - phone_reports - linked - follow)
    purposes = (
        ["report"] * phone_reports
        + ["linked"] * linked
        + ["follow_up"] * follow
        + ["referral"] * referral
    )
    purposes += ["information"] * (len(phone) - len(purposes))
    for i, p in zip(phone, purposes, strict=True):
        _set_purpose(calls[i], p, topics, rng)
    relay_purposes = ["report"] * relay_reports + ["information"] * (relay_n - relay_reports)
    for i, p in zip(relay, relay_purposes, strict=True):
        _set_purpose(calls[i], p, topics, rng)
    # Handle time: talk + hold + after-call work; phone talk is scaled to hit the target AHT.
    holds = [
        int(5 + rng.gammavariate(1.5, 30.0)) if rng.random() < profile.HOLD_SHARE else 0
        for _ in range(n)
    ]
    acws = [int(8 + rng.gammavariate(2.0, 11.0)) for _ in range(n)]
    relay_talk = {i: int(400 + rng.gammavariate(3.0, 150.0)) for i in relay}
    raw = [
        rng.lognormvariate(4.55, 0.55) * profile.PURPOSE_TALK_FACTOR[_talk_kind(calls[i])]
        for i in phone
    ]
    phone_total = round(targets.aht_seconds * n) - sum(holds) - sum(acws) - sum(relay_talk.values())
    talks = dict(zip(phone, fit_total(raw, total=phone_total, low=15, high=3600), strict=True))
    talks.update(relay_talk)
    for i, c in enumerate(calls):
        c.answered = c.queued + delays[i]
        c.hold = holds[i]
        c.ended = c.answered + talks[i] + holds[i]
        c.acw_ended = c.ended + acws[i]


def _talk_kind(call: CallDraft) -> str:
    return "report" if call.purpose == "report" else (call.purpose or "information")


def _set_purpose(call: CallDraft, kind: str, topics: list[str], rng: random.Random) -> None:
    call.linked = kind == "linked"
    call.purpose = "report" if kind == "linked" else kind
    call.disposition = profile.DISPOSITION[kind]
    if kind in ("information", "referral") and topics:
        call.topic_code = rng.choice(topics)
    if kind == "information":
        u = rng.random()
        for upto, disposition, purpose in profile.OTHER_ENDINGS:
            if u < upto:
                call.disposition, call.purpose = disposition, purpose
                if disposition == Disposition.WRONG_NUMBER.value:
                    call.topic_code = None
                break


def _abandoned(
    answered: list[CallDraft], targets: YearTargets, days: list[PhoneDay], rng: random.Random
) -> list[CallDraft]:
    """Callers who hung up while queued: more of them in busy hours; some within seconds."""
    if not answered:
        return []
    rate = targets.abandon_rate
    count = round(len(answered) * rate / (1.0 - rate))
    anchors = rng.choices(answered, weights=[c.load**1.5 for c in answered], k=count)
    out: list[CallDraft] = []
    for a in anchors:
        day = days[a.day]
        queued = min(day.close - 1, max(day.open, a.queued + rng.randint(-300, 300)))
        if rng.random() < targets.short_abandon_share:
            wait = rng.randint(1, 4)
        else:
            wait = min(1800, 5 + int(rng.gammavariate(1.4, 70.0) * min(a.load, 3.0)))
        out.append(
            CallDraft("phone", queued, a.day, ended=queued + wait, status="abandoned", load=a.load)
        )
    return out


_OTHER = {
    # channel: (answer delay range, talk range, purpose of those that do not report)
    "walk_in": ((20, 600), (120, 600), "information"),
    "voicemail": ((600, 10_800), (60, 300), "follow_up"),
    "email": ((300, 14_400), (120, 420), "information"),
}


def _other_contacts(
    targets: YearTargets,
    days: list[PhoneDay],
    day_weights: list[float],
    sampler: MinuteSampler,
    report_counts: dict[str, int],
    topics: list[str],
    rng: random.Random,
) -> list[CallDraft]:
    wanted = {"walk_in": targets.walk_ins, "voicemail": targets.voicemails, "email": targets.emails}
    out: list[CallDraft] = []
    for channel, (delay, talk, other_purpose) in _OTHER.items():
        reports = report_counts.get(channel, 0)
        total = max(wanted[channel], round(reports / 0.6))
        kinds = ["report"] * reports + [other_purpose] * (total - reports)
        rng.shuffle(kinds)
        k = 0
        for di, count in enumerate(apportion(total, day_weights)):
            for offset in sampler.sample(count):
                queued = days[di].open + offset
                c = CallDraft(channel, queued, di)
                _set_purpose(c, kinds[k], topics, rng)
                k += 1
                c.answered = queued + rng.randint(*delay)
                c.ended = c.answered + rng.randint(*talk)
                c.acw_ended = c.ended + int(8 + rng.gammavariate(2.0, 11.0))
                out.append(c)
    return out


def _assign_operators(calls: list[CallDraft], staff: Staff) -> int:
    """Route each answered contact to the CSR idle longest; the supervisor takes overflow.

    Returns how many contacts went to someone still busy (the generator's waits are calibrated
    to the published figures, not simulated from staffing, so a few peaks overlap).
    """
    answered = sorted((c for c in calls if c.answered is not None), key=lambda c: c.answered or 0)
    idle = [(0, i, op) for i, op in enumerate(staff.csrs)]  # (free at, tie-break, operator)
    heapq.heapify(idle)
    sup_free = 0
    overlaps = 0
    for c in answered:
        t = c.answered or 0
        end = c.acw_ended or t
        when, tie, op = idle[0]
        if when > t and sup_free <= t:
            c.operator_id = staff.supervisor
            sup_free = end
            continue
        if when > t:
            overlaps += 1
        heapq.heapreplace(idle, (max(when, end), tie, op))
        c.operator_id = op
    return overlaps
