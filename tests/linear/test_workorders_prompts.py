"""The work-order prompts on their own (no database): what each accepts, refuses and says."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from csc_console.desks.workorders.words import OPEN, crews_of, where_options
from csc_console.linear.prompts import PromptError
from csc_console.linear.workorders.prompts import (
    CrewPrompt,
    DatePrompt,
    FilePrompt,
    QueueAction,
    QueuePrompt,
    SelectionPrompt,
    StatusesPrompt,
    StatusPrompt,
)


class FakeCtx:
    def __init__(self) -> None:
        from csc_console.catalog import get_catalog

        self.catalog = get_catalog()


@pytest.fixture(scope="module")
def fake_ctx() -> Any:
    return FakeCtx()


def test_queue_prompt_pages_and_numbers() -> None:
    middle = QueuePrompt(11, 20, more=True, earlier=True, bulk=False)
    assert middle.text(None) == "Work order, 11 to 20, next or previous page, default next:"
    assert middle.parse("", None) == QueueAction("next")
    assert middle.parse("p", None) == QueueAction("previous")
    assert middle.parse("12", None) == QueueAction("open", position=12)
    assert middle.parse("wo-2026-000123", None) == QueueAction("open", number="WO-2026-000123")
    with pytest.raises(PromptError, match="3 is not on this page"):
        middle.parse("3", None)
    with pytest.raises(PromptError, match="no choice 'bulk'"):
        middle.parse("bulk", None)  # only supervisors have it
    last = QueuePrompt(21, 23, more=False, earlier=True, bulk=True)
    assert last.text(None) == "Work order, 21 to 23, or previous page:"
    assert last.parse("bulk", None) == QueueAction("bulk")
    with pytest.raises(PromptError, match="last page"):
        last.parse("next", None)
    with pytest.raises(PromptError, match="a number from 21 to 23 or previous"):
        last.parse("", None)
    assert QueuePrompt(1, 1, more=False, earlier=False, bulk=False).text(None) == "Work order, 1 only:"


def test_status_prompt_refuses_with_the_allowed_ones() -> None:
    p = StatusPrompt("dispatched", ["in_progress", "assigned", "on_hold", "cancelled"])
    assert p.text(None) == "New status, 1 to 4, default 1:"
    assert p.parse("", None) == "in_progress"
    assert p.parse("on hold", None) == "on_hold"
    with pytest.raises(PromptError) as info:
        p.parse("completed", None)
    assert info.value.message == (
        "A work order that is dispatched cannot become completed; it can become: in progress, "
        "assigned, on hold, cancelled."
    )
    with pytest.raises(PromptError, match="already dispatched"):
        p.parse("dispatched", None)
    with pytest.raises(PromptError, match="no choice 'asleep'"):
        p.parse("asleep", None)


def test_statuses_prompt_words() -> None:
    p = StatusesPrompt(OPEN)
    assert p.parse("open", None) == OPEN
    assert p.parse("any", None) == ()
    assert p.parse("6, 7", None) == ("completed", "cancelled")
    assert p.echo(("completed", "cancelled")) == "Closed work orders."
    assert p.echo(()) == "Work orders of any status."


def test_crew_prompt_lists_the_division_and_takes_any_call_sign(fake_ctx: Any) -> None:
    units = crews_of(fake_ctx.catalog, "public-works", "streets-sidewalks")
    assert [u.call_sign for u in units][:3] == ["PW1", "PW2", "PW3"]
    assert units[-1].call_sign == "PW12"  # PW12 after PW7, not after PW1
    p = CrewPrompt(fake_ctx, units, default="PW2", none_word="none")
    assert p.text(None) == f"Crew, 1 to {len(units)} or a call sign or none, default 2:"
    assert p.parse("", None) == "PW2"
    assert p.parse("3", None) == "PW3"
    assert p.parse("pw19", None) == "PW19"  # another division's crew, typed
    assert p.parse("none", None) == ""
    assert p.echo("PW3") == "PW3: Pothole patch truck 3."
    with pytest.raises(PromptError, match="There is no crew called 'PW99'. Did you mean"):
        p.parse("PW99", None)
    with pytest.raises(PromptError, match="not in the list"):
        p.parse("99", None)
    required = CrewPrompt(fake_ctx, units)
    assert required.text(None) == f"Crew, 1 to {len(units)} or a call sign:"
    with pytest.raises(PromptError):
        required.parse("", None)
    assert any(line.startswith("Other crews: ") for line in p.help_lines(None))


def test_selection_prompt() -> None:
    p = SelectionPrompt({1: "WO-1", 2: "WO-2", 3: "WO-3", 4: "WO-4", 5: "WO-5", 11: "WO-11"})
    assert p.parse("1, 3-5", None) == (1, 3, 4, 5)
    assert p.parse("5 to 3; 11", None) == (3, 4, 5, 11)
    assert p.echo((1, 11)) == "2 selected: WO-1, WO-11."
    with pytest.raises(PromptError, match="7 is not in the list heard so far"):
        p.parse("1, 7", None)
    with pytest.raises(PromptError, match="not a number or a range"):
        p.parse("first", None)
    with pytest.raises(PromptError, match="at least one"):
        p.parse(" , ", None)


def test_date_prompt() -> None:
    today = date(2026, 3, 3)
    p = DatePrompt(today)
    assert p.text(None) == "Day, default today:"
    assert p.parse("", None) == today
    assert p.parse("yesterday", None) == date(2026, 3, 2)
    assert p.parse("3/2", None) == date(2026, 3, 2)
    assert p.parse("12/31/25", None) == date(2025, 12, 31)
    assert p.parse("2026-02-27", None) == date(2026, 2, 27)
    assert p.text(date(2026, 2, 27)) == "Day, default Friday, February 27:"
    assert p.echo(date(2025, 12, 31)) == "Wednesday, December 31, 2025."
    for bad in ("2/30", "soon", "13/1"):
        with pytest.raises(PromptError, match="is not a day"):
            p.parse(bad, None)


def test_file_prompt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    p = FilePrompt("WO-2026-000001.txt")
    assert p.text(None) == "Save to file, default WO-2026-000001.txt:"
    assert p.parse("", None) == tmp_path / "WO-2026-000001.txt"
    assert p.parse(str(tmp_path), None) == tmp_path / "WO-2026-000001.txt"  # a folder
    assert p.parse("other.txt", None) == tmp_path / "other.txt"
    with pytest.raises(PromptError, match="There is no folder"):
        p.parse("missing/x.txt", None)


def test_where_options_follow_the_catalog(fake_ctx: Any) -> None:
    options = where_options(fake_ctx.catalog)
    assert options[0].title == "All departments"
    values = [o.value for o in options]
    assert "public-works" in values and "public-works/streets-sidewalks" in values
    assert values.index("public-works") < values.index("public-works/streets-sidewalks")
    assert not any(v.startswith("library") for v in values)  # no crews, no work orders
