"""Snapshot tests of the shell's look, grouped by feature (pytest-textual-snapshot).

Update after a deliberate change of look: ``pytest tests/ui/test_snapshots.py --snapshot-update``
and review the SVGs. Only screens without clock times or dates are snapshotted.
"""

from __future__ import annotations

from typing import Any

from csc_console.screens.error import ErrorModal
from tests.ui.form_app import FormApp
from tests.ui.helpers import settle, sign_in

SIZE = (100, 30)


class TestSignIn:
    def test_empty_database(self, snap_compare: Any, make_ui_app: Any) -> None:
        assert snap_compare(make_ui_app(), terminal_size=SIZE, run_before=settle)

    def test_plain_look(self, snap_compare: Any, make_ui_app: Any) -> None:
        assert snap_compare(make_ui_app(plain=True), terminal_size=SIZE, run_before=settle)

    def test_high_contrast(self, snap_compare: Any, make_ui_app: Any) -> None:
        assert snap_compare(
            make_ui_app(theme="csc-high-contrast"), terminal_size=SIZE, run_before=settle
        )

    def test_unknown_operator(
        self, snap_compare: Any, make_ui_app: Any, existing_operator: str
    ) -> None:
        async def run_before(pilot: Any) -> None:
            await settle(pilot)
            await pilot.press(*"bob", "enter")
            await settle(pilot)

        assert snap_compare(make_ui_app(plain=True), terminal_size=SIZE, run_before=run_before)


class TestWorkspaces:
    def test_work_orders(self, snap_compare: Any, make_ui_app: Any) -> None:
        async def run_before(pilot: Any) -> None:
            await sign_in(pilot)
            pilot.app.dismiss_messages()
            await pilot.press("f3")
            await settle(pilot)

        assert snap_compare(make_ui_app(), terminal_size=SIZE, run_before=run_before)

    def test_help(self, snap_compare: Any, make_ui_app: Any) -> None:
        async def run_before(pilot: Any) -> None:
            await sign_in(pilot)
            pilot.app.dismiss_messages()
            await pilot.press("f3", "f1")
            await settle(pilot)

        assert snap_compare(make_ui_app(plain=True), terminal_size=SIZE, run_before=run_before)


class TestDialogs:
    def test_error_dialog(self, snap_compare: Any, make_ui_app: Any) -> None:
        async def run_before(pilot: Any) -> None:
            await sign_in(pilot)
            pilot.app.dismiss_messages()
            await pilot.press("f3")
            await settle(pilot)
            pilot.app.push_screen(
                ErrorModal("The work order was changed by someone else; reload it.", retry=True)
            )
            await settle(pilot)

        assert snap_compare(make_ui_app(), terminal_size=SIZE, run_before=run_before)


class TestControls:
    def test_every_control_bordered(self, snap_compare: Any) -> None:
        async def run_before(pilot: Any) -> None:
            await settle(pilot)
            pilot.app.query_one("#anonymous").value = True
            await pilot.press("tab", "tab")
            await settle(pilot)

        assert snap_compare(FormApp(), terminal_size=(100, 60), run_before=run_before)
