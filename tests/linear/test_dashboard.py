"""The Dashboard in screen-reader mode: ranges, one CSR, the grouped reports and the charts'
numbers as lines; golden transcripts on both databases (tests/dashboard/seed.py's March)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.dashboard.seed import seed_march
from tests.linear.conftest import Transcript, check_golden

Console = Callable[..., Transcript]


@pytest.fixture
def march(ctx: Any) -> None:
    """Ada (admin), the CSRs Ana and Ben, and March 2022's calls and requests."""
    from csc_console.services.operators import sign_in

    seed_march(ctx.as_operator(sign_in(ctx, username="ada", display_name="Ada Admin")))


def _no_escapes(t: Transcript) -> None:
    assert "\x1b" not in t.output
    assert not any(0x2500 <= ord(ch) <= 0x259F for ch in t.output)


def test_a_custom_range_by_week_category_and_one_csr(march: None, console: Console) -> None:
    t = console(
        ["ada", "dashboard", "custom", "2022-03-01", "2022-03-31", "week", "category",
         "one", "ana", "trends", "done", "quit"]
    )  # fmt: skip
    check_golden("dashboard_march", t)
    _no_escapes(t)
    assert "Status: Whole centre, custom range: 1 to 31 March 2022." in t.lines
    assert "Week of 7 March 2022: 6 offered, 5 answered, 1 abandoned, 1 short abandon not " \
        "counted, average answer delay 20 seconds, service level 80.0 percent within 30 " \
        "seconds, average handle time 8 minutes 20 seconds, 1 relay call answered, 5 " \
        "requests received." in t.lines
    assert "Monday 14 March 2022, 9:00 AM: 25 minutes, call 8." in t.lines


def test_every_csr_long_calls_formula_and_another_period(march: None, console: Console) -> None:
    t = console(
        ["ada", "dashboard", "5", "2022-03-01", "2022-03-31", "every", "long", "formula", "2",
         "channel", "period", "5", "2022-04-01", "2022-04-30", "month", "work", ""]
    )  # fmt: skip
    check_golden("dashboard_csrs_formula", t)
    _no_escapes(t)
    assert any(line.startswith("Ana Garcia: 4 answered") for line in t.lines)
    assert "Service level: 57.1 percent answered within 30 seconds (4 of the calls counted)." in t.lines
    assert any(line.startswith("April 2022: 1 offered, 1 answered") for line in t.lines)


def test_a_backwards_custom_range_is_refused(march: None, console: Console) -> None:
    t = console(["ada", "dashboard", "5", "2022-03-31", "2022-03-01", "2022-04-01", "", "quit"])
    assert any(
        line.startswith("Error: The range must not end before it starts") for line in t.lines
    )
    assert "Status: Whole centre, custom range: 31 March to 1 April 2022." in t.lines
