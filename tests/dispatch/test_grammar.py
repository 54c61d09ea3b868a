"""The dispatcher's command grammar (no database)."""

from __future__ import annotations

import pytest

from csc_console.catalog import get_catalog
from csc_console.errors import ValidationError
from csc_console.services.radio_grammar import complete, parse

CAT = get_catalog()
UNITS = [u.call_sign for u in CAT.units]
STATUSES = CAT.dispatch_statuses


def p(text: str):  # type: ignore[no-untyped-def]
    return parse(text, units=UNITS, statuses=STATUSES)


@pytest.mark.parametrize(
    ("text", "unit", "status", "wo", "message", "direction"),
    [
        ("PW12 os WO-2026-000123 patched two holes", "PW12", "on_scene", "WO-2026-000123", "patched two holes", "from_unit"),
        ("pw12 On Scene wo-2026-123", "PW12", "on_scene", "WO-2026-000123", "", "from_unit"),
        ("PW12 copy, heading back", "PW12", None, None, "copy, heading back", "from_unit"),
        ("PW7 d WO-2026-000045", "PW7", "dispatched", "WO-2026-000045", "", "to_unit"),
        ("to PW7 call the office", "PW7", None, None, "call the office", "to_unit"),
        ("PW3 oos flat tire", "PW3", "out_of_service", None, "flat tire", "from_unit"),
        ("PW3 out of service", "PW3", "out_of_service", None, "", "from_unit"),
        ("PW12 en route", "PW12", "en_route", None, "", "from_unit"),
        ("PW4 enrt 900 E Colorado Blvd", "PW4", "en_route", None, "900 E Colorado Blvd", "from_unit"),
        ("PW12 clr", "PW12", "cleared", None, "", "from_unit"),
        ("PW12 WO-2026-000005 need a second truck", "PW12", None, "WO-2026-000005", "need a second truck", "from_unit"),
    ],
)
def test_commands(text: str, unit: str, status: str | None, wo: str | None, message: str, direction: str) -> None:
    cmd = p(text)
    assert cmd.unit == unit
    assert (cmd.status.code if cmd.status else None) == status
    assert cmd.work_order == wo
    assert cmd.message == message
    assert cmd.direction.value == direction


def test_location_after_at() -> None:
    cmd = p("PW12 os WO-2026-1 @ 1200 N Lake Ave")
    assert cmd.location == "1200 N Lake Ave"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Type the unit first"),
        ("PW99 os", "no unit 'PW99'. Did you mean"),
        ("PW12 onsene WO-2026-1", "Unknown status 'onsene'. Did you mean On scene"),
        ("PW12 avial", "Unknown status 'avial'. Did you mean Available"),
        ("PW12", "Nothing to log for PW12"),
        ("PW12 os WO-abc", "not a work-order number"),
        ("to", "Type the unit after 'to'"),
    ],
)
def test_errors_suggest_the_closest(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        p(text)


def test_completion_of_units_and_statuses() -> None:
    assert complete("PW1", units=UNITS, statuses=STATUSES)[:2] == ["PW1", "PW10"]
    assert any(c.startswith("os ") for c in complete("PW12 o", units=UNITS, statuses=STATUSES))
    assert complete("PW12 os WO", units=UNITS, statuses=STATUSES) == []
