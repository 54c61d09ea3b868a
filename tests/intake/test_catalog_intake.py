"""Categorising the caller's words, emergency/wrong-agency rules and address checks
(catalog only: no database)."""

from __future__ import annotations

import pytest

from csc_console.catalog import get_catalog
from csc_console.catalog.redirects import emergencies_in, redirects_for
from tests.intake.phrasings import PHRASINGS


@pytest.fixture(scope="module")
def catalog():  # type: ignore[no-untyped-def]
    return get_catalog()


def test_suggester_accuracy_on_caller_phrasings(catalog) -> None:  # type: ignore[no-untyped-def]
    """Top-1 and top-3 accuracy over at least 60 independent phrasings."""
    assert len(PHRASINGS) >= 60
    names = {e.name for e in (*catalog.categories, *catalog.topics)}
    top1 = top3 = 0
    misses = []
    for text, expected in PHRASINGS:
        assert expected in names, expected
        ranked = [s.name for s in catalog.suggester.suggest(text, limit=3)]
        if ranked[:1] == [expected]:
            top1 += 1
        if expected in ranked:
            top3 += 1
        else:
            misses.append((text, expected, ranked))
    print(f"suggester: top-1 {top1}/{len(PHRASINGS)}, top-3 {top3}/{len(PHRASINGS)}")
    assert top1 / len(PHRASINGS) >= 0.9, misses
    assert top3 / len(PHRASINGS) >= 0.97, misses


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("pothol", "Potholes"),  # half-typed word
        ("grafiti", "Graffiti"),  # typo
        ("streetlight", "Street Lights/Traffic Signals"),  # compound
        ("street light", "Street Lights/Traffic Signals"),
    ],
)
def test_suggestions_while_typing(catalog, typed: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert catalog.suggester.suggest(typed, limit=1)[0].name == expected


def test_suggestion_shape(catalog) -> None:  # type: ignore[no-untyped-def]
    found = catalog.suggester.suggest("dead raccoon", limit=5)
    assert found[0].code == catalog.category("Animal Care/Control").code
    assert found[0].kind == "report"
    assert all(0 <= s.score <= 100 for s in found)
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)
    assert catalog.suggester.suggest("   ", limit=5) == []
    assert catalog.suggester.suggest("the", limit=5) == []


def test_downed_wires_with_sparks_is_an_emergency(catalog) -> None:  # type: ignore[no-untyped-def]
    hits = emergencies_in(catalog, "there are downed wires with sparks in the street")
    assert hits
    assert hits[0].target_code == "911"
    assert "911" in hits[0].script
    assert emergencies_in(catalog, "the fire hydrant is leaking") == []
    assert emergencies_in(catalog, "my trash was not picked up") == []


def test_edison_served_address_with_power_outage_goes_to_sce(catalog) -> None:  # type: ignore[no-untyped-def]
    category = catalog.category("Power/Water Outage and Issues")
    check = catalog.street_index.check("3900 E Foothill Blvd")
    assert check.ok and check.electric_provider == "SCE"
    answers = {"utility": "power", "wires_down": "no", "problem": category.question("problem").values[0].key}
    hits = redirects_for(catalog, category, answers=answers, electric_provider=check.electric_provider)
    assert any(h.kind == "wrong_agency" and "Edison" in h.target_name for h in hits)
    local = catalog.street_index.check("100 N Garfield Ave")
    assert local.electric_provider == "PWP"
    hits = redirects_for(catalog, category, answers=answers, electric_provider=local.electric_provider)
    assert not any(h.kind == "wrong_agency" and "Edison" in h.target_name for h in hits)


@pytest.mark.parametrize(
    ("typed", "status", "address"),
    [
        ("1200 north lake avenue", "verified", "1200 N Lake Ave"),
        ("100 N. Garfield Ave., Pasadena, CA 91101", "verified", "100 N Garfield Ave"),
        ("1200 N Lake Ave apt 4", "verified", "1200 N Lake Ave #4"),
        ("lake and colorado", "intersection", "Lake Ave & Colorado Blvd"),
        ("200 Colorodo Blvd", "unknown_street", None),
        ("99999 N Lake Ave", "out_of_range", None),
        ("N Lake Ave", "no_number", "N Lake Ave"),
        ("", "empty", None),
    ],
)
def test_address_checks(catalog, typed: str, status: str, address: str | None) -> None:  # type: ignore[no-untyped-def]
    check = catalog.street_index.check(typed)
    assert check.status == status, check.message
    assert check.address == address
    assert check.message


def test_near_miss_street_gets_suggestions(catalog) -> None:  # type: ignore[no-untyped-def]
    check = catalog.street_index.check("200 Colorodo Blvd")
    assert any("Colorado Blvd" in s for s in check.suggestions)
    assert "Did you mean" in check.message
