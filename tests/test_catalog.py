"""The shipped reference data and the loader's error reporting (no database needed)."""

from __future__ import annotations

import re
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from csc_console.catalog import Catalog
from csc_console.catalog.loader import FILES, load_catalog
from csc_console.catalog.schema import Category, Question, Redirect
from csc_console.errors import CscError, DataFileError
from csc_console.paths import packaged_data_dir

REPORT_NAMES = {
    "Abandoned Trash Items",
    "Park Maintenance",
    "Animal Care/Control",
    "Parking Enforcement Issues",
    "Code Enforcement \u2013 Private and Public Property",
    "Potholes",
    "Fireworks",
    "Power/Water Outage and Issues",
    "Graffiti",
    "Street Lights/Traffic Signals",
    "Issues Related to Homelessness",
    "Street Tree Maintenance",
    "Missed Trash",
    "Wasting Water",
}
SERVICE_NAMES = {
    "Bulky Item Pick Up",
    "Resident Refuse Disability Rollout Service",
    "Accessibility Requests for City Meetings, Events and Classes",
}
TOPIC_NAMES = {
    "ADA Seating Information for Rose Parade and Rose Bowl",
    "City Events",
    "Construction/Engineering Projects",
    "Housing/Shelter Information \u2013 Homeless Prevention Services",
    "Parking Citation Appeals / Payment Options",
    "Parking Permit Information",
    "PWP Low Income Assistance Programs",
    "PWP Rebates/Home Improvement Programs",
    "Organics Recycling Program / Compost Hub Training",
}
# The categories callers use most: they need the most ways of saying it.
COMMON = {
    "abandoned-items",
    "animal-care-control",
    "potholes",
    "graffiti",
    "street-lights-signals",
    "missed-trash",
    "wasting-water",
    "parking-enforcement",
    "bulky-item",
    "power-water",
}
STREET_NAME = re.compile(
    r"^(?:[NSEW] )?(?:[A-Z0-9][A-Za-z0-9']* )+(?:Ave|Blvd|St|Dr|Rd|Pl|Ln|Ct|Ter|Way|Pkwy|Cir|Aly|Walk)$"
)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


# --------------------------------------------------------------------------- shipped data
def test_shipped_data_loads_with_every_file(catalog: Catalog) -> None:
    assert set(catalog.sources) == set(FILES)
    for key, path in catalog.sources.items():
        assert path.is_relative_to(packaged_data_dir()), key
    assert catalog.departments
    assert catalog.units
    assert catalog.dispatch_statuses


def test_exactly_the_fourteen_report_categories_with_the_centres_names(catalog: Catalog) -> None:
    names = [c.name for c in catalog.report_categories]
    assert len(names) == 14
    assert set(names) == REPORT_NAMES
    # The centre writes an en dash, not a hyphen.
    assert catalog.category("code-enforcement").name.count("\u2013") == 1


def test_service_categories_and_topics_use_the_centres_names(catalog: Catalog) -> None:
    assert {c.name for c in catalog.service_categories} == SERVICE_NAMES
    assert {t.name for t in catalog.topics} >= TOPIC_NAMES
    assert len(catalog.topics) >= 25


@pytest.mark.parametrize("name", sorted(REPORT_NAMES | SERVICE_NAMES))
def test_every_category_is_complete(catalog: Catalog, name: str) -> None:
    cat: Category = catalog.category(name)
    dept = catalog.department(cat.department)
    assert cat.division is None or dept.division(cat.division) is not None
    assert cat.sla.describe()
    assert cat.sla.note, "say whether the SLA is published or an assumption"
    assert cat.description
    assert cat.script
    assert len(cat.examples) >= 12
    assert len(cat.synonyms) >= 10
    assert cat.questions, "a category needs at least one question"
    if cat.code in COMMON:
        assert len(cat.synonyms) + len(cat.examples) >= 38
    if cat.work_order:
        assert cat.default_crew is not None
        assert catalog.unit(cat.default_crew).department == cat.department


def test_every_topic_has_a_script_and_a_department(catalog: Catalog) -> None:
    for topic in catalog.topics:
        assert topic.script.strip(), topic.code
        catalog.department(topic.department)
        assert len(topic.synonyms) + len(topic.examples) >= 6, topic.code
    assert catalog.topic("bulky-item-rules").related_category == "bulky-item"


def test_names_and_codes_are_unique_across_categories_and_topics(catalog: Catalog) -> None:
    entries = [*catalog.categories, *catalog.topics]
    assert len({e.code for e in entries}) == len(entries)
    assert len({e.name.lower() for e in entries}) == len(entries)


def test_lookup_by_name_or_code(catalog: Catalog) -> None:
    assert catalog.category("Potholes").code == "potholes"
    assert catalog.category("animal care/control").code == "animal-care-control"
    assert catalog.entry("PARKING PERMIT INFORMATION").code == "parking-permits"


def test_open311_questions_a_real_311_asks(catalog: Catalog) -> None:
    def q(code: str, question: str) -> Question:
        found = catalog.category(code).question(question)
        assert found is not None, f"{code}.{question}"
        return found

    assert q("potholes", "size").required
    assert q("potholes", "hazard").required
    assert "bike-lane" in q("potholes", "location_in_street").value_keys()
    assert set(q("animal-care-control", "condition").value_keys()) >= {"alive", "dead"}
    assert "raccoon" in q("animal-care-control", "animal_type").value_keys()
    assert "street" in q("animal-care-control", "location").value_keys()
    bins = q("missed-trash", "bins")
    assert bins.datatype == "multivaluelist"
    assert len(bins.values) == 3
    assert q("missed-trash", "out_on_time").required
    assert q("wasting-water", "waste_type").required
    assert q("wasting-water", "happening_now")
    lights = catalog.category("street-lights-signals")
    assert lights.question("pole_number") is not None
    assert {"out", "flickering", "on-daytime"} <= set(q(lights.code, "problem").value_keys())
    assert set(q(lights.code, "light_or_signal").value_keys()) >= {"street-light", "traffic-signal"}
    assert "yes" in q(lights.code, "all_dark").value_keys()


def test_accessibility_request_questions(catalog: Catalog) -> None:
    cat = catalog.category("Accessibility Requests for City Meetings, Events and Classes")
    assert cat.accessibility
    assert cat.kind == "service"
    accommodations = cat.question("accommodations")
    assert accommodations is not None
    assert accommodations.datatype == "multivaluelist"
    assert set(accommodations.value_keys()) == {
        "asl-interpreter",
        "cart-captioning",
        "assistive-listening",
        "large-print",
        "braille",
        "other",
    }
    date = cat.question("date")
    assert date is not None
    assert date.datatype == "datetime"
    assert date.min_notice is not None
    assert cat.question("meeting") is not None


def test_list_questions_have_values_and_others_do_not(catalog: Catalog) -> None:
    for cat in catalog.categories:
        for question in cat.questions:
            is_list = question.datatype in ("singlevaluelist", "multivaluelist")
            assert bool(question.values) == is_list, f"{cat.code}.{question.code}"


# --------------------------------------------------------------------------- redirects & routing
def _redirects(catalog: Catalog, code: str, **kwargs: Any) -> list[Redirect]:
    return [r for r in catalog.category(code).redirects if r.when.matches(**kwargs)]


def test_downed_wires_and_gas_go_to_911(catalog: Catalog) -> None:
    hits = _redirects(
        catalog, "power-water", text="there's a power line down with sparks everywhere"
    )
    assert [r.target for r in hits if r.kind == "emergency"] == ["911"]
    assert catalog.department("911").kind == "emergency"
    gas = _redirects(catalog, "power-water", text="I smell gas in my kitchen")
    assert any(r.kind == "emergency" and r.target == "911" and "SoCalGas" in r.script for r in gas)
    # An ordinary outage interrupts nothing.
    assert not _redirects(
        catalog, "power-water", text="my power is out", answers={"utility": "power"}
    )


def test_edison_addresses_are_redirected_for_power_only(catalog: Catalog) -> None:
    sce = _redirects(catalog, "power-water", answers={"utility": "power"}, electric_provider="SCE")
    assert [(r.kind, r.target) for r in sce] == [("wrong_agency", "sce")]
    assert "1-800-611-1911" in sce[0].script
    assert not _redirects(
        catalog, "power-water", answers={"utility": "water"}, electric_provider="SCE"
    )
    assert not _redirects(
        catalog, "power-water", answers={"utility": "power"}, electric_provider="PWP"
    )
    assert any(s.electric_provider == "SCE" for s in catalog.streets)


def test_wrong_agency_and_referral_redirects(catalog: Catalog) -> None:
    freeway = _redirects(catalog, "potholes", text="a pothole on the 210 freeway on-ramp")
    assert [r.target for r in freeway] == ["caltrans"]
    gas = _redirects(catalog, "power-water", text="question about my gas bill")
    assert [r.target for r in gas] == ["socalgas"]
    now = _redirects(catalog, "fireworks", answers={"happening_now": "yes", "fire_or_injury": "no"})
    assert [(r.kind, r.target) for r in now] == [("referral", "police")]
    assert "626-744-4241" in now[0].script
    fire = _redirects(catalog, "fireworks", answers={"fire_or_injury": "yes"})
    assert [r.target for r in fire] == ["911"]
    # Keywords match whole words: a fire hydrant is not a fire.
    assert not _redirects(catalog, "fireworks", text="they set them off next to a fire hydrant")


def test_every_category_with_danger_has_an_emergency_script(catalog: Catalog) -> None:
    for code in ("power-water", "animal-care-control", "homelessness", "street-trees", "fireworks"):
        emergency = [r for r in catalog.category(code).redirects if r.kind == "emergency"]
        assert emergency, code
        assert all(r.target == "911" and "911" in r.script for r in emergency)


def test_routing_depends_on_answers(catalog: Catalog) -> None:
    lights = catalog.category("street-lights-signals")
    plain = lights.routing({"light_or_signal": "street-light", "problem": "out"})
    assert (plain.department, plain.division, plain.default_crew) == (
        "public-works",
        "street-lighting",
        "PW16",
    )
    dark = lights.routing({"light_or_signal": "traffic-signal", "all_dark": "yes"})
    assert (dark.department, dark.division, dark.default_crew, dark.priority) == (
        "transportation",
        "traffic-signals",
        "TS1",
        "urgent",
    )
    pothole = catalog.category("potholes")
    assert pothole.routing({}).priority == "normal"
    assert pothole.routing({"hazard": "yes"}).priority == "high"
    private = catalog.category("abandoned-items").routing({"location_detail": "private-property"})
    assert (private.department, private.work_order, private.default_crew) == (
        "planning",
        False,
        None,
    )
    missed = catalog.category("missed-trash").routing({"bins": ["trash", "yard-food"]})
    assert missed.default_crew == "PW27"


# --------------------------------------------------------------------------- units, dispatch, relay
def test_units_have_call_signs_in_known_divisions(catalog: Catalog) -> None:
    signs = [u.call_sign for u in catalog.units]
    assert len(signs) >= 30
    assert "PW12" in signs
    for unit in catalog.units:
        dept = catalog.department(unit.department)
        assert unit.division is None or dept.division(unit.division) is not None
    divisions = {u.division for u in catalog.units}
    assert {
        "streets-sidewalks",
        "graffiti-abatement",
        "street-lighting",
        "urban-forestry",
        "street-maintenance-waste",
        "parks-natural-resources",
    } <= divisions


def test_dispatch_statuses_and_short_keys(catalog: Catalog) -> None:
    bases = {s.base for s in catalog.dispatch_statuses}
    assert bases == {
        "available",
        "dispatched",
        "en_route",
        "on_scene",
        "returning",
        "out_of_service",
    }
    assert catalog.dispatch_status_for("os").code == "on_scene"
    assert catalog.dispatch_status_for("On scene").code == "on_scene"
    assert catalog.dispatch_status_for("er").name == "En route"
    assert catalog.dispatch_status_for("oos").base == "out_of_service"
    assert catalog.dispatch_status_for("lunch").base == "out_of_service"
    assert catalog.dispatch_status_for("yard").base == "available"
    assert catalog.dispatch_status("on_scene").stale_after_minutes == 90
    assert catalog.dispatch_status("en_route").stale_after_minutes == 30
    assert catalog.dispatch_status("available").stale_after_minutes is None
    keys = [k for s in catalog.dispatch_statuses for k in s.keys]
    assert len(keys) == len(set(keys))


def test_relay_reference(catalog: Catalog) -> None:
    relay = catalog.relay
    assert {t.code for t in relay.types} == {
        "tty",
        "vco",
        "vco-2line",
        "hco",
        "sts",
        "captioned",
        "rtt",
        "vrs",
        "ip-relay",
        "spanish",
    }
    federal = {t.code for t in relay.types if "federal" in t.description.lower()}
    assert {"vrs", "ip-relay"} <= federal
    assert "unconfirmed" in next(t for t in relay.types if t.code == "spanish").description
    abbreviations = {s.abbreviation for s in relay.shorthand}
    assert {
        "GA",
        "SK",
        "SKSK",
        "HD",
        "Q",
        "QQ",
        "XXXX",
        "NBR",
        "PLS",
        "CD",
        "SHD",
        "MSG",
        "TMW",
    } <= abbreviations
    assert any("hang up" in e.lower() for e in relay.etiquette)
    assert any("directly" in e.lower() for e in relay.etiquette)
    assert relay.providers


# --------------------------------------------------------------------------- streets & calendar
def test_street_file_holds_the_main_streets_canonically_spelled(catalog: Catalog) -> None:
    streets = catalog.streets
    assert len(streets) >= 200
    names = {s.name for s in streets}
    for required in (
        "E Colorado Blvd",
        "W Colorado Blvd",
        "N Lake Ave",
        "S Lake Ave",
        "N Fair Oaks Ave",
        "S Fair Oaks Ave",
        "N Orange Grove Blvd",
        "S Orange Grove Blvd",
        "S Arroyo Pkwy",
        "N Los Robles Ave",
        "N Allen Ave",
        "N Hill Ave",
        "E Del Mar Blvd",
        "E California Blvd",
        "E Washington Blvd",
        "E Walnut St",
        "N Garfield Ave",
    ):
        assert required in names, required
    for street in streets:
        assert STREET_NAME.match(street.name), street.name
        assert street.zip in {"91101", "91103", "91104", "91105", "91106", "91107"}
        assert street.electric_provider in {"PWP", "SCE"}
    city_hall = [s for s in streets if s.name == "N Garfield Ave" and s.low <= 100 <= s.high]
    assert [s.zip for s in city_hall] == ["91101"]


def test_street_ranges_do_not_overlap(catalog: Catalog) -> None:
    by_name = defaultdict(list)
    for street in catalog.streets:
        by_name[street.name].append((street.low, street.high))
    for name, ranges in by_name.items():
        ranges.sort()
        for (_, high), (low, _) in zip(ranges, ranges[1:], strict=False):
            assert high < low, name


def test_calendar_has_the_eleven_city_holidays(catalog: Catalog) -> None:
    names = [h.name for h in catalog.calendar.holidays]
    assert len(names) == 11
    assert "Lincoln's Birthday" in names
    assert not any("Columbus" in n for n in names)
    assert catalog.calendar.timezone == "America/Los_Angeles"


# --------------------------------------------------------------------------- broken files
def _override(tmp_path: Path, key: str, text: str) -> Path:
    """A data_dir holding only the given file (the others come from the shipped set)."""
    target = tmp_path / "city" / FILES[key]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return tmp_path / "city"


def _broken(tmp_path: Path, key: str, old: str, new: str, count: int = 1) -> Path:
    original = (packaged_data_dir() / FILES[key]).read_text(encoding="utf-8")
    assert original.count(old) >= count, f"{old!r} not in {FILES[key]}"
    return _override(tmp_path, key, original.replace(old, new, count))


def _error(data_dir: Path) -> str:
    with pytest.raises(DataFileError) as info:
        load_catalog(data_dir)
    message = str(info.value)
    assert "Traceback" not in message
    assert "\n" not in message
    return message


def test_bad_toml_names_the_file(tmp_path: Path) -> None:
    message = _error(_override(tmp_path, "categories", "[[category]\ncode = 'x'\n"))
    assert "categories.toml" in message
    assert "not valid TOML" in message


def test_unknown_department_names_file_entry_and_field(tmp_path: Path) -> None:
    data_dir = _broken(
        tmp_path,
        "categories",
        'department = "public-works"\ndivision = "streets-sidewalks"',
        'department = "public-workz"\ndivision = "streets-sidewalks"',
    )
    message = _error(data_dir)
    assert "categories.toml" in message
    assert "'potholes'" in message
    assert "field 'department'" in message
    assert "public-workz" in message


def test_bad_datatype_names_the_question(tmp_path: Path) -> None:
    data_dir = _broken(
        tmp_path, "categories", 'datatype = "multivaluelist"', 'datatype = "checkboxes"'
    )
    message = _error(data_dir)
    assert "categories.toml" in message
    assert "'abandoned-items'" in message
    assert "field 'questions[1].datatype'" in message


def test_list_question_without_values(tmp_path: Path) -> None:
    original = (packaged_data_dir() / FILES["categories"]).read_text(encoding="utf-8")
    start = original.index('  code = "size"\n  prompt = "About how big is it?"')
    values_at = original.index("  values = [", start)
    end = original.index("  ]\n", values_at) + len("  ]\n")
    data_dir = _override(tmp_path, "categories", original[:values_at] + original[end:])
    message = _error(data_dir)
    assert "'potholes'" in message
    assert "questions[2]" in message
    assert "needs values" in message


def test_duplicate_code(tmp_path: Path) -> None:
    data_dir = _broken(tmp_path, "topics", 'code = "city-events"', 'code = "ada-seating"')
    message = _error(data_dir)
    assert "topics.toml" in message
    assert "'ada-seating' appears twice" in message


def test_duplicate_unit_call_sign(tmp_path: Path) -> None:
    data_dir = _broken(tmp_path, "units", 'call_sign = "PW3"', 'call_sign = "PW2"')
    message = _error(data_dir)
    assert "units.toml" in message
    assert "'PW2' appears twice" in message


def test_unknown_default_crew(tmp_path: Path) -> None:
    data_dir = _broken(tmp_path, "categories", 'default_crew = "PW2"', 'default_crew = "PW99"')
    message = _error(data_dir)
    assert "'potholes'" in message
    assert "default_crew" in message
    assert "PW99" in message


def test_redirect_answer_must_be_a_known_value(tmp_path: Path) -> None:
    data_dir = _broken(
        tmp_path,
        "categories",
        'answer = { happening_now = ["yes"] }',
        'answer = { happening_now = ["yep"] }',
    )
    message = _error(data_dir)
    assert "'fireworks'" in message
    assert "redirects.happening-now.when.answer" in message
    assert "'yep'" in message


def test_route_must_name_a_known_question(tmp_path: Path) -> None:
    data_dir = _broken(tmp_path, "categories", "when = { hazard = [", "when = { hazzard = [")
    message = _error(data_dir)
    assert "'potholes'" in message
    assert "routes[1].when" in message
    assert "hazzard" in message


def test_bad_street_row_names_the_row_and_field(tmp_path: Path) -> None:
    original = (packaged_data_dir() / FILES["streets"]).read_text(encoding="utf-8")
    data_dir = _override(tmp_path, "streets", original + "Bogus St,500,100,91101,PWP\n")
    message = _error(data_dir)
    assert "streets.csv" in message
    assert "'Bogus St'" in message
    assert "high" in message


def test_street_row_with_bad_number_and_zip(tmp_path: Path) -> None:
    header = "name,low,high,zip,electric_provider\n"
    message = _error(_override(tmp_path, "streets", header + "N Lake Ave,one,99,91101,PWP\n"))
    assert "street 'N Lake Ave' (#1)" in message
    assert "field 'low'" in message
    message = _error(_override(tmp_path, "streets", header + "N Lake Ave,1,99,9110,PWP\n"))
    assert "zip" in message
    assert "9110" in message


def test_street_file_with_an_unknown_column(tmp_path: Path) -> None:
    message = _error(
        _override(tmp_path, "streets", "name,low,high,zipcode\nN Lake Ave,1,99,91101\n")
    )
    assert "streets.csv" in message
    assert "'zipcode'" in message


def test_unknown_holiday_in_after(tmp_path: Path) -> None:
    data_dir = _broken(tmp_path, "calendar", 'after = "Thanksgiving Day"', 'after = "Thanksgivin"')
    message = _error(data_dir)
    assert "calendar.toml" in message
    assert "'Day after Thanksgiving'" in message
    assert "field 'after'" in message
    assert "Thanksgivin" in message


def test_alternate_friday_must_be_a_friday(tmp_path: Path) -> None:
    data_dir = _broken(
        tmp_path, "calendar", "first_closed = 2026-01-09", "first_closed = 2026-01-08"
    )
    message = _error(data_dir)
    assert "calendar.toml" in message
    assert "field 'alternate_fridays'" in message
    assert "not a Friday" in message


def test_relay_shorthand_pattern(tmp_path: Path) -> None:
    data_dir = _broken(tmp_path, "relay", 'abbreviation = "NBR"', 'abbreviation = "nbr"')
    message = _error(data_dir)
    assert "relay.toml" in message
    assert "shorthand[" in message
    assert "abbreviation" in message


def test_missing_override_folder_is_an_error(tmp_path: Path) -> None:
    message = _error(tmp_path / "no-such-folder")
    assert "no-such-folder" in message
    assert "does not exist" in message


def test_data_file_error_is_a_csc_error_with_its_exit_code() -> None:
    assert issubclass(DataFileError, CscError)
    assert DataFileError.exit_code == 3


# --------------------------------------------------------------------------- replacing files
def test_data_dir_replaces_only_the_given_file(tmp_path: Path) -> None:
    city_streets = (
        "# a city's own address file\n"
        "name,low,high,zip,electric_provider\n"
        "Main St,100,999,90000,CITY\n"
        "\n"
        "Oak Ave,,,,\n"
    )
    data_dir = _override(tmp_path, "streets", city_streets)
    catalog = load_catalog(data_dir)
    assert [(s.name, s.low, s.high, s.zip, s.electric_provider) for s in catalog.streets] == [
        ("Main St", 100, 999, "90000", "CITY"),
        ("Oak Ave", 0, 99999, None, "PWP"),
    ]
    assert catalog.sources["streets"] == data_dir / "streets.csv"
    assert catalog.sources["categories"] == packaged_data_dir() / FILES["categories"]
    assert len(catalog.report_categories) == 14


def test_a_whole_copied_data_folder_loads(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(packaged_data_dir(), copy)
    catalog = load_catalog(copy)
    assert all(path.is_relative_to(copy) for path in catalog.sources.values())
    assert len(catalog.categories) == len(load_catalog().categories)


def test_csc_data_dir_reaches_the_loader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from csc_console.config import load_settings

    data_dir = _override(tmp_path, "streets", "name,low,high\nMain St,1,999\n")
    monkeypatch.setenv("CSC_DATA_DIR", str(data_dir))
    settings = load_settings()
    assert settings.data_dir == data_dir
    assert [s.name for s in load_catalog(settings.data_dir).streets] == ["Main St"]
