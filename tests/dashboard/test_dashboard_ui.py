"""The Dashboard workspace (Pilot): ranges and CSRs by keys, the formula on screen, the charts'
numbers as text, the plain look, and a refresh timer that repaints nothing while nothing changes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from csc_console.screens.dashboard import DashboardScreen
from csc_console.widgets.charts import Bar, BarChart, chart_rows
from csc_console.widgets.lists import ReadList
from tests.dashboard.seed import seed_march
from tests.ui.helpers import (
    box_characters,
    cursor_in_focused,
    focus_line,
    screen_text,
    settle,
    sign_in,
)

SIZE = (110, 40)
NOW = datetime(2022, 3, 16, 19, 0, tzinfo=UTC)  # Wednesday 16 March 2022, noon in Pasadena


@pytest.fixture
def seeded(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    from csc_console.config import load_settings
    from csc_console.services.bootstrap import open_context
    from csc_console.services.operators import sign_in as service_sign_in

    ctx = open_context(load_settings(database_url=sqlite_url))
    try:
        admin = ctx.as_operator(service_sign_in(ctx, username="ada", display_name="Ada Admin"))
        seed_march(admin)
    finally:
        ctx.db.dispose()
    monkeypatch.setattr(DashboardScreen, "now", lambda self: NOW)
    return sqlite_url


def _lines(app: Any, selector: str) -> list[str]:
    return app.screen.query_one(selector, ReadList).lines


def _heading(app: Any) -> str:
    from csc_console.widgets.text import plain_text

    return plain_text(app.screen.query_one("#dash-heading").render())


async def _open(pilot: Any) -> None:
    await sign_in(pilot, display=None)
    await pilot.press("f5")
    await settle(pilot)


async def test_ranges_by_keys(seeded: str, make_ui_app: Any) -> None:
    app = make_ui_app()
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert _heading(app) == "Whole centre, today: Wednesday 16 March 2022."
        assert "Calls answered: 0" in _lines(app, "#dash-figures")
        await pilot.press("m")
        await settle(pilot)
        assert _heading(app) == "Whole centre, this month: 1 to 16 March 2022."
        figures = _lines(app, "#dash-figures")
        assert figures[:3] == [
            "Calls offered: 7",
            "Calls answered: 6",
            "Calls abandoned: 1 (not counting 1 short abandon under 5 seconds)",
        ]
        assert "Average answer delay: 22 seconds" in figures  # 21.8 s, to the second
        assert app.message_log.last.text == "Now showing the whole centre, this month: 1 to 16 March 2022."
        await pilot.press("w")
        await settle(pilot)
        assert _heading(app) == "Whole centre, this week: 14 to 16 March 2022."
        assert "Calls answered: 1" in _lines(app, "#dash-figures")
        await pilot.press("y")
        await settle(pilot)
        assert "this year: 1 January to 16 March 2022" in _heading(app)
        # ten weeks and more: the trend is per week, and the chart's rows carry the numbers
        chart = app.screen.query_one("#chart-calls_answered", BarChart)
        assert chart.a11y_label == "Calls answered per week, 1 January to 16 March 2022"
        assert chart.spoken_lines[-2:] == ["7 Mar: 5", "14 Mar: 1"]
        await pilot.press("c")
        await settle(pilot)
        dialog = app.screen
        dialog.query_one("#range-from").value = "2022-03-31"
        dialog.query_one("#range-to").value = "2022-03-01"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "must not end before it starts" in screen_text(app)
        await pilot.press("enter")  # close the error: back in the dialog, the typing kept
        await settle(pilot)
        assert app.screen is dialog
        assert dialog.query_one("#range-from").value == "2022-03-31"
        dialog.query_one("#range-from").value = "2022-03-01"
        dialog.query_one("#range-to").value = "2022-04-30"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert _heading(app) == "Whole centre, custom range: 1 March to 30 April 2022."
        assert "Calls answered: 7" in _lines(app, "#dash-figures")
        assert cursor_in_focused(app)


async def test_per_csr_and_the_formula_by_keys(seeded: str, make_ui_app: Any) -> None:
    app = make_ui_app()
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert _lines(app, "#dash-csrs")[0].startswith("Ana Garcia: 4 answered, ")
        assert "1 long call" in _lines(app, "#dash-csrs")[0]
        await pilot.press("p")
        await settle(pilot)
        assert _heading(app) == "Ana Garcia, this month: 1 to 16 March 2022."
        assert app.message_log.last.text == "Now showing Ana Garcia, this month: 1 to 16 March 2022."
        figures = _lines(app, "#dash-figures")
        assert "Calls answered: 4" in figures
        assert figures[2] == (
            "Calls abandoned: not counted for one CSR (nobody answered them; see the whole centre)"
        )
        assert _lines(app, "#dash-long") == ["Monday 14 March 2022, 9:00 AM: 25 minutes, call 8"]
        await pilot.press("p")
        await settle(pilot)
        assert _heading(app).startswith("Ben Ortiz, ")
        assert _lines(app, "#dash-long") == []
        await pilot.press("p")  # past the last CSR: the whole centre again
        await settle(pilot)
        assert _heading(app).startswith("Whole centre, ")
        await pilot.press("shift+p")
        await settle(pilot)
        assert _heading(app).startswith("Ben Ortiz, ")
        await pilot.press("a")
        await settle(pilot)
        assert _heading(app).startswith("Whole centre, ")
        csrs = app.screen.query_one("#dash-csrs", ReadList)
        csrs.focus()
        await settle(pilot)
        assert focus_line(app).startswith("CSRs (Enter shows one), list, Ana Garcia: 4 answered")
        assert cursor_in_focused(app)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert _heading(app).startswith("Ben Ortiz, ")
        await pilot.press("a")
        app.screen.query_one("#dash-figures", ReadList).focus()  # scrolls back to the top
        await settle(pilot)
        text = screen_text(app)
        assert "Service level formula: calls answered within 30 seconds divided by calls" in text
        assert "Service level: 66.7 percent answered within 30 seconds" in text
        await pilot.press("f")
        await settle(pilot)
        figures = _lines(app, "#dash-figures")
        assert "Service level: 57.1 percent answered within 30 seconds (4 of the calls counted)" in figures
        assert any("divided by calls offered (answered plus abandoned" in line for line in figures)




async def test_plain_look_and_a_refresh_that_repaints_nothing_while_idle(
    seeded: str, make_ui_app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_ui_app(plain=True)
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot)
        await pilot.press("m")
        await settle(pilot)
        chart = app.screen.query_one("#chart-calls_answered", BarChart)
        chart.focus()
        chart.highlighted = 6  # Monday 7 March
        await settle(pilot)
        assert chart.lines[6] == "Mon 7 Mar   2  ########################"
        assert focus_line(app) == "Calls answered per day, 1 to 16 March 2022, chart, Mon 7 Mar: 2, 7 of 16"
        assert cursor_in_focused(app)
        assert box_characters(app) == set()
        await pilot.press("alt+p")  # the bordered look: block bars, same numbers
        await settle(pilot)
        assert chart.lines[6] == "Mon 7 Mar   2  " + "\u2588" * 24
        await pilot.press("alt+p")
        await settle(pilot)
        assert chart.lines[6].endswith("#" * 24)
        screen = app.screen
        frames: list[int] = []
        original = type(app)._display

        def counting(self: Any, target: Any, renderable: Any) -> None:
            if renderable is not None:
                frames.append(1)
            original(self, target, renderable)

        monkeypatch.setattr(type(app), "_display", counting)
        for _ in range(3):
            screen.poll()  # what the timer calls
            await settle(pilot)
        assert frames == []
        # A call answered meanwhile: the next poll shows it.
        from csc_console.db.models import Call
        from tests.dashboard.seed import local

        ctx = app.ctx
        with ctx.db.session(write=True, operator_id=ctx.operator_id) as s:
            at = local(ctx, 2022, 3, 15, 10, 0)
            s.add(Call(channel="phone", status="completed", queued_at=at, answered_at=at, ended_at=at, acw_ended_at=at))
        screen.poll()
        await settle(pilot)
        assert "Calls answered: 7" in _lines(app, "#dash-figures")
        assert frames


def test_chart_rows_put_the_number_before_the_bar() -> None:
    bars = [Bar("Mon", 412.0, "412"), Bar("Tue", 103.0, "103"), Bar("Sat", None, "no calls")]
    assert chart_rows(bars, plain=True) == [
        "Mon       412  ########################",
        "Tue       103  ######",
        "Sat  no calls",
    ]
    assert chart_rows(bars, plain=False)[1] == "Tue       103  \u2588\u2588\u2588\u2588\u2588\u2588"
