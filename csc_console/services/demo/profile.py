"""What a demo year looks like: targets, and the shapes of days, hours, channels and categories.

The targets are the centre's published 2022 figures (DOMAIN.md section 1). Other years vary
around them by a fixed, year-derived amount, so a decade looks like a decade and the same year
always gets the same targets whatever the seed. The shapes are plausible for a municipal 311
centre: Monday heaviest, the day after a closure busier, a mid-morning peak, the October 2024
top four request categories on top.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date

from csc_console.vocab import Disposition

#: The centre's service-level threshold: the generator aims at "52% within 30 s" whatever the
#: console's configured threshold is (the report computes with the configured one).
CENTRE_THRESHOLD_SECONDS = 30


@dataclass(frozen=True)
class YearTargets:
    year: int
    calls_answered: int  # phone and relay calls answered
    asa_seconds: float
    within_share: float  # answered within CENTRE_THRESHOLD_SECONDS / answered
    aht_seconds: float
    requests: int
    abandon_rate: float  # abandoned (short abandons included) / all queue calls
    short_abandon_share: float  # abandons under 5 s / abandons
    relay_calls: int
    walk_ins: int
    voicemails: int
    emails: int


CENTRE_2022 = YearTargets(
    year=2022,
    calls_answered=139_119,
    asa_seconds=199.0,
    within_share=0.52,
    aht_seconds=160.0,
    requests=37_052,
    abandon_rate=0.11,
    short_abandon_share=0.2,
    relay_calls=320,
    walk_ins=1_300,
    voicemails=2_100,
    emails=1_900,
)


def targets_for(year: int, *, scale: float = 1.0) -> YearTargets:
    """The targets for ``year``; ``scale`` shrinks (or grows) the volumes, not the averages."""
    base = CENTRE_2022
    if year != base.year:
        rng = random.Random(f"csc-demo-year-{year}")
        volume = rng.uniform(0.94, 1.05)
        pressure = rng.uniform(-1.0, 1.0)  # a busier year: longer waits, lower service level
        base = replace(
            base,
            year=year,
            calls_answered=round(base.calls_answered * volume),
            asa_seconds=round(base.asa_seconds + 30 * pressure),
            within_share=round(base.within_share - 0.05 * pressure, 3),
            aht_seconds=round(base.aht_seconds + rng.uniform(-12, 12)),
            requests=round(base.requests * volume * rng.uniform(0.96, 1.04)),
            abandon_rate=round(base.abandon_rate + 0.025 * pressure, 3),
            relay_calls=round(base.relay_calls * rng.uniform(0.8, 1.2)),
        )
    if scale == 1.0:
        return base

    def sized(n: int) -> int:
        return max(0, round(n * scale))

    return replace(
        base,
        calls_answered=max(1, sized(base.calls_answered)),
        requests=sized(base.requests),
        relay_calls=sized(base.relay_calls),
        walk_ins=sized(base.walk_ins),
        voicemails=sized(base.voicemails),
        emails=sized(base.emails),
    )


# --------------------------------------------------------------------------- days and hours
#: Relative volume by weekday (Monday first); weekend values only matter if the calendar opens
#: the phones on weekends.
WEEKDAY_WEIGHT = (1.24, 1.05, 1.0, 0.97, 0.84, 0.35, 0.25)
MONTH_WEIGHT = (1.02, 0.98, 1.02, 1.0, 1.0, 1.04, 1.07, 1.05, 0.99, 0.97, 0.93, 0.9)
AFTER_CLOSURE_BOOST = 1.25  # the first phone day after a holiday or a long weekend
DAY_NOISE_SHAPE = 25.0  # gamma noise on daily volume: sd 20%

#: Relative arrivals by local hour of day: a mid-morning peak and a lunch dip.
HOUR_WEIGHT = {
    6: 0.2, 7: 0.5, 8: 0.95, 9: 1.3, 10: 1.42, 11: 1.28, 12: 0.98,
    13: 1.08, 14: 1.05, 15: 0.93, 16: 0.72, 17: 0.45, 18: 0.3,
}  # fmt: skip

#: Web and app requests come in around the clock, mostly in the daytime and evening.
WEB_HOUR_WEIGHT = (
    0.15, 0.1, 0.08, 0.07, 0.1, 0.2, 0.45, 0.8, 1.1, 1.3, 1.35, 1.3,
    1.25, 1.25, 1.2, 1.15, 1.1, 1.05, 1.0, 1.0, 0.9, 0.75, 0.5, 0.3,
)  # fmt: skip


def day_weight(day: date, *, after_closure: bool, rng: random.Random) -> float:
    w = WEEKDAY_WEIGHT[day.weekday()] * MONTH_WEIGHT[day.month - 1]
    if after_closure:
        w *= AFTER_CLOSURE_BOOST
    return w * rng.gammavariate(DAY_NOISE_SHAPE, 1.0 / DAY_NOISE_SHAPE)


# --------------------------------------------------------------------------- channels & purposes
#: Share of service requests by channel (relay requests come from relay calls; phone takes the
#: rest).
REQUEST_CHANNEL_SHARE = {
    "web": 0.15,
    "app": 0.16,
    "live_chat": 0.03,
    "email": 0.035,
    "voicemail": 0.025,
    "walk_in": 0.012,
}
RELAY_REPORT_SHARE = 0.3  # relay calls that report something
LINKED_REPORT_SHARE = 0.04  # report calls linked to an open request instead of a new one
FOLLOW_UP_SHARE = 0.13
REFERRAL_SHARE = 0.11
CALLER_KNOWN_SHARE = {"information": 0.25, "referral": 0.1}
ANONYMOUS_REQUEST_SHARE = 0.06  # reports made without leaving a name or number
HOLD_SHARE = 0.22  # answered calls with some time on hold
PURPOSE_TALK_FACTOR = {"report": 1.45, "follow_up": 0.9, "information": 0.8, "referral": 0.7}

#: Disposition words written on demo calls.
DISPOSITION = {
    "report": Disposition.REQUEST_CREATED.value,
    "linked": Disposition.LINKED_TO_EXISTING.value,
    "information": Disposition.INFORMATION_PROVIDED.value,
    "referral": Disposition.REFERRED.value,
    "follow_up": Disposition.STATUS_GIVEN.value,
}
#: Information calls that end otherwise, with cumulative shares.
OTHER_ENDINGS = (
    (0.01, Disposition.WRONG_NUMBER.value, "information"),
    (0.015, Disposition.TRANSFERRED_911.value, "referral"),
    (0.035, Disposition.CALLBACK_PROMISED.value, "information"),
)

# --------------------------------------------------------------------------- categories
#: Share of requests by category name fragment (first match wins), from the October 2024 press
#: figures (bulky item pick-up 606, parking enforcement 591, graffiti 570, abandoned trash
#: items 345 of 4,395) and plausible shares for the rest.
CATEGORY_WEIGHT: tuple[tuple[str, float], ...] = (
    ("bulky", 13.8),
    ("parking", 13.4),
    ("graffiti", 13.0),
    ("abandoned", 7.9),
    ("missed", 6.5),
    ("street light", 5.5),
    ("signal", 5.5),
    ("tree", 5.0),
    ("code enforcement", 5.0),
    ("pothole", 4.5),
    ("homeless", 4.5),
    ("park", 3.0),
    ("animal", 3.0),
    ("wasting water", 1.5),
    ("outage", 3.0),
    ("firework", 1.0),
    ("rollout", 0.4),
    ("accommodation", 0.3),
    ("seating", 0.2),
)
OTHER_CATEGORY_WEIGHT = 0.5


def category_weight(name: str) -> float:
    key = name.lower()
    for fragment, weight in CATEGORY_WEIGHT:
        if fragment in key:
            return weight
    return OTHER_CATEGORY_WEIGHT


def seasonal_factor(name: str, day: date) -> float:
    """Some categories have seasons: fireworks around 4 July and New Year, trees in storms."""
    key = name.lower()
    if "firework" in key:
        md = (day.month, day.day)
        if (6, 25) <= md <= (7, 7) or md >= (12, 29) or md <= (1, 1):
            return 10.0
        return 0.3
    if "wasting water" in key:
        return 1.8 if 6 <= day.month <= 9 else 0.6
    if "tree" in key:
        return 1.4 if day.month in (1, 2, 3, 12) else 0.85
    return 1.0
