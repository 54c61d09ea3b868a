"""The intake command line: categories suggest, requests create/show/list."""

from __future__ import annotations

import json

import pytest

from csc_console.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_categories_suggest_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "categories", "suggest", "the streetlight outside is out", "--limit", "3", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert len(data) <= 3
    assert data[0]["name"] == "Street Lights/Traffic Signals"
    assert set(data[0]) == {"code", "name", "kind", "score"}


def test_categories_suggest_text_warns_of_emergencies(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "categories", "suggest", "downed wires with sparks")
    assert code == 0
    assert out.startswith("EMERGENCY")


def test_requests_create_show_list(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    base = ("--db", db_url, "--operator", "maria")
    code, out, err = run(
        capsys, *base, "requests", "create", "--category", "Potholes", "--address", "1200 N Lake Ave",
        "--description", "Deep hole [bold]by[/bold] the bus stop \x1b[31m", "--phone", "626-555-0101",
        "--name", "Jane Caller", "--answer", "location_in_street=right-lane", "--answer", "size=2",
        "--answer", "hazard=no", "--format", "json",
    )
    assert code == 0, err
    created = json.loads(out)
    number = created["number"]
    assert number.startswith("SR-")
    assert created["department"]
    assert created["work_order"].startswith("WO-")
    assert created["caller"]["phone"] == "(626) 555-0101"
    assert created["description"].endswith("\x1b[31m")  # JSON keeps the text exactly
    assert "\x1b" not in out  # ... escaped, so nothing reaches the terminal raw

    code, out, _ = run(capsys, *base, "requests", "show", number)
    assert code == 0
    assert f"Request: {number}" in out
    assert "[bold]by[/bold]" in out and "<ESC>[31m" in out and "\x1b" not in out
    assert "Read-back: Your number is S R" in out

    code, out, _ = run(capsys, *base, "requests", "list", "--category", "potholes", "--format", "json")
    assert [r["number"] for r in json.loads(out)] == [number]

    # a second caller about the same pothole is linked, not duplicated
    code, out, _ = run(
        capsys, *base, "requests", "create", "--category", "potholes", "--link", number,
        "--phone", "626-555-0102", "--format", "json",
    )
    assert code == 0
    assert json.loads(out)["callers_count"] == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--address", "200 Colorodo Blvd"), "Did you mean"),
        (("--address", "1200 N Lake Ave", "--phone", "744-7311"), "area code"),
        (("--address", "1200 N Lake Ave", "--description", "x" * 4001), "the limit is 4,000"),
        (("--address", "1200 N Lake Ave", "--channel", "pigeon"), "Unknown channel"),
    ],
)
def test_requests_create_errors(capsys: pytest.CaptureFixture[str], sqlite_url: str, args: tuple[str, ...], message: str) -> None:
    answers = ("--answer", "location_in_street=1", "--answer", "size=1", "--answer", "hazard=no")
    code, out, err = run(capsys, "--db", sqlite_url, "--operator", "maria", "requests", "create", "--category", "potholes", *answers, *args)
    assert code != 0
    lines = err.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]
    assert "Traceback" not in err


def test_unverified_address_is_saved_when_asked(capsys: pytest.CaptureFixture[str], sqlite_url: str) -> None:
    code, out, err = run(
        capsys, "--db", sqlite_url, "--operator", "maria", "requests", "create", "--category", "graffiti",
        "--address", "12 Nowhere Lane", "--unverified-address",
        "--answer", "surface=1", "--answer", "property=1", "--answer", "offensive=no", "--format", "json",
    )
    assert code == 0, err
    assert json.loads(out)["address_verified"] is False


def test_create_needs_an_operator(capsys: pytest.CaptureFixture[str], sqlite_url: str) -> None:
    code, _, err = run(capsys, "--db", sqlite_url, "requests", "create", "--category", "potholes", "--address", "1 N Lake Ave")
    assert code != 0
    assert "--operator" in err
