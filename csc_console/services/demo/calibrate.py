"""Deterministic corrections that make generated samples hit the published figures exactly.

Samples are drawn from plausible distributions first (so their shape is realistic); these
functions then nudge them so the sample statistics equal the targets. The report still
computes everything from the stored rows.
"""

from __future__ import annotations

import random
from collections.abc import Sequence


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` into integers proportional to ``weights`` (largest remainder)."""
    if total <= 0 or not weights:
        return [0] * len(weights)
    mass = sum(weights)
    if mass <= 0:
        raise ValueError("weights must have a positive sum")
    exact = [total * w / mass for w in weights]
    counts = [int(x) for x in exact]
    short = total - sum(counts)
    by_remainder = sorted(range(len(weights)), key=lambda i: (counts[i] - exact[i], i))
    for i in by_remainder[:short]:
        counts[i] += 1
    return counts


def fit_total(
    raw: Sequence[float], *, total: int, low: int, high: int, rounds: int = 8
) -> list[int]:
    """Integers near ``low + c * raw`` (clamped to ``[low, high]``) summing exactly to ``total``.

    ``c`` is found by re-scaling the unclamped values a few times; the last rounding residue is
    spread one unit at a time over the largest values. ``total`` is clamped to what the bounds
    allow.
    """
    n = len(raw)
    if n == 0:
        return []
    total = max(low * n, min(high * n, total))
    clamped = [False] * n
    values = [float(low)] * n
    for _ in range(rounds):
        free = [i for i in range(n) if not clamped[i]]
        if not free:
            break
        mass = sum(raw[i] for i in free)
        remaining = total - high * (n - len(free)) - low * len(free)
        c = remaining / mass if mass > 0 else 0.0
        newly = False
        for i in free:
            v = low + c * raw[i]
            if v > high:
                clamped[i] = newly = True
                v = float(high)
            values[i] = v
        if not newly:
            break
    ints = [round(v) for v in values]
    residue = total - sum(ints)
    step = 1 if residue > 0 else -1
    order = sorted(range(n), key=lambda i: -raw[i])
    k = 0
    while residue and k < 4 * n + 4:
        i = order[k % n]
        if low <= ints[i] + step <= high:
            ints[i] += step
            residue -= step
        k += 1
    return ints


def answer_delays(
    scores: Sequence[float],
    *,
    mean: float,
    within_share: float,
    threshold: int,
    rng: random.Random,
    cap: int = 2700,
) -> list[int]:
    """Whole-second answer delays, one per call, with exactly the given mean and service level.

    A call's ``score`` says how hard it was to answer (busy hour, bad luck): the
    ``within_share`` lowest-scoring calls are answered within ``threshold`` seconds, the rest
    wait longer, the more so the higher the score, up to ``cap`` seconds.
    """
    n = len(scores)
    if n == 0:
        return []
    fast_count = round(within_share * n)
    order = sorted(range(n), key=lambda i: scores[i])
    fast, slow = order[:fast_count], order[fast_count:]
    delays = [0] * n
    for i in fast:
        delays[i] = min(threshold, 2 + int(rng.gammavariate(1.6, 6.0)))
    fast_total = sum(delays[i] for i in fast)
    target = round(mean * n)
    raw = [scores[i] ** 0.5 * rng.expovariate(1.0) for i in slow]
    slow_delays = fit_total(raw, total=target - fast_total, low=threshold + 1, high=cap)
    for i, d in zip(slow, slow_delays, strict=True):
        delays[i] = d
    if not slow and fast:  # everything answered quickly: fit the mean within the threshold
        fitted = fit_total([1.0] * n, total=target, low=0, high=threshold)
        delays = fitted
    return delays
