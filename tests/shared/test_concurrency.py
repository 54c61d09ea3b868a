"""Two CSRs at the same moment: numbers never collide, the second sees the first's pothole."""

from __future__ import annotations

import threading
from typing import Any

from csc_console.services.callers import CallerInput
from csc_console.services.requests import NewRequest, create_request

POTHOLE = {"location_in_street": "2", "size": "medium", "hazard": "no"}


def test_simultaneous_reports_of_the_same_pothole_see_each_other(csr_ctx: Any) -> None:
    for round_no in range(3):
        address = f"{1200 + round_no * 300} N Lake Ave"
        barrier = threading.Barrier(2)
        results: list[Any] = []
        errors: list[BaseException] = []

        def save(
            phone: str,
            address: str = address,
            barrier: threading.Barrier = barrier,
            results: list[Any] = results,
            errors: list[BaseException] = errors,
        ) -> None:
            try:
                barrier.wait()
                results.append(
                    create_request(
                        csr_ctx,
                        NewRequest(category="potholes", address=address, answers=POTHOLE,
                                   caller=CallerInput(phone=phone)),
                    )
                )
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=save, args=(p,)) for p in ("626-555-0101", "626-555-0102")]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors
        first, second = sorted(results, key=lambda r: r.number)
        assert first.number != second.number
        assert first.number in second.possible_duplicates
