"""Rate limits: one token bucket per API key (and per client address for keyless calls).

A bucket holds at most ``burst`` tokens and refills at ``per_minute`` tokens a minute; each
request takes one. An empty bucket means "try again in N seconds". Buckets live in the server
process (one ``csc-console serve`` per database is the supported set-up); the number of buckets
kept is bounded, so a flood of made-up keys or addresses cannot grow memory without end.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from csc_console.errors import ValidationError


@dataclass(frozen=True)
class Limit:
    per_minute: float
    burst: int

    def __post_init__(self) -> None:
        if self.per_minute <= 0 or self.burst < 1:
            raise ValidationError("A rate limit needs a positive rate and a burst of at least 1.")

    @classmethod
    def parse(cls, text: str) -> Limit:
        """``"60/20"``: 60 a minute, bursts of up to 20; ``"60"``: burst = rate."""
        rate, _, burst = text.strip().partition("/")
        try:
            per_minute = float(rate)
            size = int(burst) if burst else max(1, math.ceil(per_minute))
        except ValueError:
            raise ValidationError(
                f"{text!r} is not a rate limit; write RATE or RATE/BURST, e.g. 60/20."
            ) from None
        return cls(per_minute=per_minute, burst=size)


class RateLimiter:
    """Token buckets by key. ``take(key)`` is None when allowed, else seconds to wait."""

    def __init__(
        self,
        limit: Limit,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_buckets: int = 10_000,
    ) -> None:
        self.limit = limit
        self.clock = clock
        self.max_buckets = max_buckets
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # tokens, at
        self._lock = threading.Lock()

    def take(self, key: str) -> float | None:
        rate = self.limit.per_minute / 60.0
        with self._lock:
            now = self.clock()
            tokens, at = self._buckets.pop(key, (float(self.limit.burst), now))
            tokens = min(float(self.limit.burst), tokens + (now - at) * rate)
            if tokens >= 1.0:
                self._store(key, tokens - 1.0, now)
                return None
            self._store(key, tokens, now)
            return (1.0 - tokens) / rate

    def _store(self, key: str, tokens: float, at: float) -> None:
        self._buckets[key] = (tokens, at)
        while len(self._buckets) > self.max_buckets:
            self._buckets.popitem(last=False)  # the least recently seen
