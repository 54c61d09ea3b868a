"""Plays a scenario on the full screen (Textual Pilot), by keyboard, as a CSR or dispatcher
would: one handler per step type turns the step into keys (this is where the full screen's
fields and keys are known). What the screen said is kept as it goes: every focus line and
message bar after each step, and the session's message log at the end."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from unittest import mock

import pytest
import textual.app
import textual.pilot
from textual import events
from textual.css.query import NoMatches
from textual.pilot import Pilot
from textual.widgets import OptionList

from csc_console.catalog import get_catalog
from csc_console.config import Settings
from tests.linear.conftest import FIXED_NOW
from tests.scenarios import faults
from tests.scenarios import model as m
from tests.ui.helpers import focus_line, make_app, message_bar, settle, until

SIZE = (120, 40)


async def _handed_on(min_sleep: float = 0, max_sleep: float = 1) -> None:
    """Pilot waits for the process to look idle after every key (20 ms at least, a second at
    most): the corpus keeps the keys' order and settles the screen after each step instead,
    which is what the CSR's next step depends on. A scenario's keys arrive in order, as
    typed; the console must take them so (issue 14: type-ahead)."""
    await asyncio.sleep(0)


@dataclass
class Screen:
    pilot: Pilot[Any]
    context: dict[str, str]
    said: list[str] = field(default_factory=list)
    category: str = ""

    @property
    def app(self) -> Any:
        return self.pilot.app

    def fill(self, text: str) -> str:
        return text.format(**self.context)

    def focused_id(self) -> str:
        focused = self.app.focused
        return (focused.id or "") if focused is not None else ""

    async def heard(self) -> None:
        await settle(self.pilot, quiet_frames=1)
        for read in (focus_line, message_bar):
            try:
                text = read(self.app)
            except NoMatches:  # a dialog has neither: what it says is on the one below
                continue
            if text and (not self.said or self.said[-1] != text):
                self.said.append(text)

    async def press(self, *keys: str) -> None:
        """Keys typed at the CSR's pace (Pilot waits for each), the screen settled after.

        A CSR answers a dialog once it is on the screen: keys typed before it was drawn are
        the screen's underneath (``CscModal.typed_before``), so wait until it is there."""
        from csc_console.screens.base import CscModal

        shown = self.app.screen
        if isinstance(shown, CscModal):
            await until(self.pilot, lambda: shown.opened_at != float("inf"))
        await self.pilot.press(*keys)
        await self.heard()

    async def dictate(self, words: str) -> None:
        """What the caller says, pasted into the focused field (quicker than key by key)."""
        focused = self.app.focused
        assert focused is not None
        focused.post_message(events.Paste(words))
        await self.pilot.pause()
        await self.heard()  # suggestions and checks run on what was said before the next key

    async def replace(self, words: str) -> None:
        await self.press("ctrl+u")
        if words:
            await self.dictate(words)

    def number_of(self, words: str) -> int:
        """The 1-based position of the focused list's option that starts with ``words``."""
        focused = self.app.focused
        want = words.casefold()
        titles: list[str] = []
        if hasattr(focused, "choices"):
            titles = [title for _, title in focused.choices]  # type: ignore[union-attr]
        elif isinstance(focused, OptionList):
            titles = [
                str(focused.get_option_at_index(i).prompt) for i in range(focused.option_count)
            ]
        for i, title in enumerate(titles, 1):
            plain = title.split(". ", 1)[1] if title[:1].isdigit() and ". " in title else title
            if plain.casefold().startswith(want) or title.casefold().startswith(want):
                return i
        raise AssertionError(f"no option {words!r} in {self.focused_id()}: {titles}")

    async def choose(self, words: str) -> None:
        """Pick an option of the focused list by its words: its number, then Enter (once the
        list is there and holds it: the CSR waits for what they are to choose from)."""
        found: list[int] = []

        def listed() -> bool:
            try:
                found[:] = [self.number_of(words)]
            except AssertionError:
                return False
            return True

        try:
            await until(self.pilot, listed)
        except TimeoutError:
            self.number_of(words)  # says what the list holds instead
        number = found[0]
        focused = self.app.focused
        if hasattr(focused, "choices"):
            count = len(focused.choices)  # type: ignore[union-attr]
            digits = f"{number:02d}" if count > 9 and number > 9 else str(number)
            await self.press(*digits, "enter")
        else:
            assert isinstance(focused, OptionList)
            focused.highlighted = number - 1
            await self.press("enter")

    async def expect_focus(self, *ids: str) -> None:
        """The focus is (or comes, once the screen has done its work) on one of ``ids``."""
        try:
            await until(self.pilot, lambda: self.focused_id() in ids, limit=5.0)
        except TimeoutError:
            raise AssertionError(
                f"focus on {self.focused_id()!r}, not {ids}: {focus_line(self.app)}"
            ) from None
        await self.heard()

    def focus_on_screen(self, step: m.Step) -> None:
        from csc_console.widgets.a11y.cursor import visible_region
        from tests.ui.helpers import cursor_in_focused

        focused = self.app.focused
        assert focused is not None, f"nothing has focus after {step}"
        seen = visible_region(focused)
        from tests.ui.helpers import screen_text

        assert seen.area > 0, (
            f"after {step}: {focus_line(self.app)!r} is off screen:\n{screen_text(self.app)}"
        )
        assert cursor_in_focused(self.app), f"after {step}: the cursor is not in the focus"

    # ------------------------------------------------------------------ handlers
    async def step(self, step: m.Step) -> None:  # noqa: C901, PLR0912, PLR0915
        match step:
            case m.Answer(channel=channel, phone=phone):
                await self.choose(channel)
                if self.focused_id() == "phone":
                    if phone:
                        await self.dictate(phone)
                    await self.press("enter")
            case m.KnownCaller():
                pass  # a known caller is kept: the screen goes on to the caller's words
            case m.Caller(name=name, anonymous=anonymous):
                await self.expect_focus("name")
                if anonymous:
                    await self.press("tab", "space")
                else:
                    await self.dictate(name)
            case m.Purpose(name=name) if name.startswith("Nothing more"):
                await self.press("alt+z")  # wrap up: not a purpose on the full screen
            case m.Purpose(name=name):
                await self.press("alt+u")
                await self.choose(name)
            case m.Words(text=words):
                if self.focused_id() != "words":
                    await self.press("alt+g")
                await self.dictate(words)
                await self.press("enter")
            case m.Category(name=name):
                self.category = name
                if self.focused_id() == "suggestions":
                    await self.choose(get_catalog().category(name).name)
            case m.AnswerQuestion(code=code, choice=choice):
                question = next(
                    q for q in get_catalog().category(self.category).questions if q.code == code
                )
                if choice is None:
                    await self.press("enter")
                elif question.values:
                    names = {v.key: v.name for v in question.values}
                    await self.choose(names[choice])
                else:
                    await self.dictate(choice)
                    await self.press("enter")
            case m.Address(text=address, pick=pick, cross_street=cross):
                await self.expect_focus("address")
                if address is not None:
                    await self.replace(address)
                await self.press("enter")
                # The street file is checked: then a pick list, the duplicates, a dialog or
                # the next field has the focus.
                await until(self.pilot, lambda: self.focused_id() != "address", limit=5.0)
                await self.heard()
                if pick is not None:
                    await self.choose(pick)
                if self.focused_id() == "cross-street":
                    if cross:
                        await self.dictate(cross)
                    await self.press("enter")
            case m.LinkDuplicate(number=number):
                await self.expect_focus("duplicates")
                await self.choose(f"Link to {number}")
            case m.NewAnyway():
                await self.expect_focus("duplicates")
                await self.choose("Create a new request")
                if self.focused_id() == "cross-street":
                    await self.press("enter")
            case m.AcceptRedirect():
                from csc_console.screens.intake.dialogs import RedirectModal

                assert isinstance(self.app.screen, RedirectModal), self.app.screen
                await self.press("enter")
            case m.Topic(name=name):
                # The full screen reads the best topic for the words straight away.
                assert focus_line(self.app).startswith("Topic"), focus_line(self.app)
                if name:
                    assert message_bar(self.app).startswith(f"Topic: {name}."), message_bar(
                        self.app
                    )
                await self.press("enter")
            case m.AnotherTopic():
                assert focus_line(self.app).startswith("Next"), focus_line(self.app)
                await self.choose("Another")
            case m.FollowUp(number=number):
                await self.expect_focus("request-number")
                if number is not None:
                    await self.replace(number)
                try:  # the caller's open request, filled in once the history is read
                    await until(self.pilot, lambda: bool(getattr(self.app.focused, "value", "")))
                except TimeoutError:
                    raise AssertionError("no open request is offered for the follow-up") from None
                await self.press("enter")
                await until(self.pilot, lambda: self.focused_id() != "request-number", limit=5.0)
                await self.heard()
                if self.focused_id() == "follow-up-status":  # the status read: go on
                    await self.press("enter")
            case m.Refer(initial=initial):
                await self.press(initial, "enter")
                await until(
                    self.pilot, lambda: focus_line(self.app).startswith("Referral"), limit=5.0
                )
                await self.press("enter")
            case m.RelaySetup(relay_type=kind, ca=ca):
                assert focus_line(self.app).startswith("Relay type"), focus_line(self.app)
                await self.choose(kind)
                await self.dictate(ca)
                await self.press("enter")
                for _ in range(4):  # provider, language, call-back: as offered
                    if self.focused_id() == "relay-turn":
                        break
                    await self.press("enter")
                assert self.focused_id() == "relay-turn", focus_line(self.app)
            case m.Turns(turns=turns, phone=phone):
                if self.focused_id() != "relay-turn":
                    await self.press("alt+v")
                ends = {"GA": "ctrl+g", "SK": "ctrl+s", "SKSK": "ctrl+f"}
                for words, end in turns:
                    if words:
                        await self.dictate(words)
                    await self.press(ends[end])
                await self.press("enter")  # an empty turn, as "done": back to the call
                if phone:  # the caller's number, asked next as in screen-reader mode
                    await self.expect_focus("phone")
                    await self.dictate(phone)
                    await self.press("enter")
            case m.Description(text=description):
                await self.expect_focus("description")
                if description is not None:
                    await self.replace(description)
                await self.press("enter")
            case m.Disposition(name=name):
                if self.focused_id() != "disposition" and "Next" in focus_line(self.app):
                    await self.choose("Wrap up")
                await self.expect_focus("disposition")
                if name:
                    await self.choose(name)
                else:
                    await self.press("enter")
            case m.WrapUp(notes=notes):
                if notes:
                    await self.dictate(notes)
                await self.press("enter")
                # The call ends (saved by a worker): the console is ready for the next.
                await until(self.pilot, lambda: "Answer, list" in focus_line(self.app), limit=5.0)
                await self.heard()
            case m.Radio(line=line):
                await self.expect_focus("command")
                await self.dictate(self.fill(line))
                await self.press("enter")
            case m.Burst(lines=lines):
                # At full speed: every key of every line, Enter after each, no waiting.
                await self.expect_focus("command")
                keys = [key for line in lines for key in (*self.fill(line), "enter")]
                await self.press(*keys)
            case m.Completed(done=done, resolution=resolution):
                from csc_console.screens.dispatch.dialogs import WorkDoneModal

                if not isinstance(self.app.screen, WorkDoneModal):
                    await self.press("alt+q")  # the open question, when the dispatcher is ready
                assert isinstance(self.app.screen, WorkDoneModal), self.app.screen
                await self.press("enter" if done else "tab", *(() if done else ("enter",)))
                if done:
                    if resolution:
                        await self.replace(resolution)
                    await self.press("enter")
            case m.Correct(entry=entry, line=line):
                from csc_console.widgets.radio import RadioLogList

                await self.press("alt+g")
                log = self.app.screen.query_one("#radio-log", RadioLogList)
                rows = [text for _, text in log.entries]
                log.highlighted = next(i for i, t in enumerate(rows) if t.startswith(f"#{entry} "))
                await self.press("e")
                await self.expect_focus("command")
                self.app.focused.value = ""
                await self.dictate(self.fill(line))
                await self.press("enter")
            case m.CheckIn(unit=unit):
                from csc_console.widgets.radio import BoardTable

                await self.press("alt+u")
                board = self.app.screen.query_one("#board", BoardTable)
                row = next(i for i, line in enumerate(board.lines) if line.key == unit)
                board.move_cursor(row=row)
                await self.press("c")
            case m.OpenWorkOrder(number=number):
                from csc_console.screens.work_orders.detail import WorkOrderScreen

                table = self.app.screen.query_one("#wo-queue")
                wanted = self.fill(number)
                row = next(
                    i
                    for i in range(table.row_count)
                    if any(wanted in str(cell) for cell in table.get_row_at(i))
                )
                await self.press(*["down"] * row, "enter")
                assert isinstance(self.app.screen, WorkOrderScreen), self.app.screen
            case m.WorkOrderStatus(status=status, resolution=resolution, refused=refused):
                from csc_console.screens.work_orders.status_dialog import StatusDialog

                await self.press("s")
                with contextlib.suppress(TimeoutError):  # the dialog, once drawn
                    await until(self.pilot, lambda: isinstance(self.app.screen, StatusDialog))
                if refused:  # not offered at all
                    if isinstance(self.app.screen, StatusDialog):
                        with pytest.raises(AssertionError):
                            self.number_of(status)
                        await self.press("escape")
                    return
                assert isinstance(self.app.screen, StatusDialog), self.app.screen
                await self.choose(status)
                if self.focused_id() and "Resolution" in focus_line(self.app):
                    await self.dictate(resolution)
                    await self.press("enter")
                elif isinstance(self.app.screen, StatusDialog):
                    await self.press("enter")
            case m.MakeRequest(link=link):
                from csc_console.screens.inbox import InboxScreen
                from csc_console.screens.inbox.request_dialog import RequestDialog

                await self.press("r")  # the highlighted (oldest) message
                assert isinstance(self.app.screen, RequestDialog), self.app.screen
                await self.press("ctrl+s")
                if link is not None and not isinstance(self.app.screen, InboxScreen):
                    # the duplicate question waits for an explicit answer: highlight, Alt+L
                    listed = self.app.screen.query_one("#rq-duplicates", OptionList)
                    titles = [
                        str(listed.get_option_at_index(i).prompt)
                        for i in range(listed.option_count)
                    ]
                    listed.highlighted = next(
                        i for i, t in enumerate(titles) if t.startswith(f"Link to {link}")
                    )
                    await self.press("alt+l")
                assert isinstance(self.app.screen, InboxScreen), focus_line(self.app)
            case m.DatabaseDown(note=note, times=times):
                faults.database_down(note, times)
            case m.RetrySave():
                from csc_console.screens.error import ErrorModal

                assert isinstance(self.app.screen, ErrorModal), self.app.screen
                await self.press("tab", "enter")  # Try again
            case m.Quit(confirm=confirm):
                # Ctrl+Q during a call asks first (issue 14, defect 5); "no" goes back to the
                # field, with what was typed in it.
                before = (self.focused_id(), getattr(self.app.focused, "value", None))
                await self.press("ctrl+q")
                assert self.app.is_running, "Ctrl+Q quit in the middle of a call without asking"
                assert self.app.screen.is_modal, f"nothing asked: {focus_line(self.app)}"
                if confirm:
                    await self.press("y")
                    return
                await self.press("escape")
                assert (self.focused_id(), getattr(self.app.focused, "value", None)) == before
            case _:
                raise AssertionError(f"the full screen has no handler for {step!r}")


async def play(settings: Settings, scenario: m.Scenario, ctx: Any, context: dict[str, str]) -> str:
    """Run the console on ``scenario``; everything it said, one sentence group a line."""
    from csc_console.screens.dispatch.workspace import DispatchWorkspace
    from csc_console.screens.inbox.request_dialog import RequestDialog
    from csc_console.screens.intake import IntakeScreen

    now: datetime = FIXED_NOW
    app = make_app(settings)
    with (
        mock.patch.object(textual.app, "wait_for_idle", _handed_on),
        mock.patch.object(textual.pilot, "wait_for_idle", _handed_on),
        mock.patch.object(IntakeScreen, "now", return_value=now),
        mock.patch.object(DispatchWorkspace, "now", return_value=now),
        mock.patch.object(RequestDialog, "now", return_value=now),
    ):
        async with app.run_test(size=SIZE) as pilot:
            screen = Screen(pilot, context)
            await screen.heard()
            if scenario.workspace is not m.Workspace.INTAKE:
                app.switch_mode(scenario.workspace.value)
                await screen.heard()
            for step in scenario.steps:
                await screen.step(step)
                if scenario.focus_visible:
                    await screen.heard()
                    screen.focus_on_screen(step)
            # The CSR waits for the last confirmation (a save's result comes from a worker,
            # possibly after the screen looked settled); the test then checks every sentence.
            wanted = [w.format(**context) for w in (*scenario.heard, *scenario.screen_heard)]

            def told() -> str:
                return "\n".join([*screen.said, *(e.bar_text for e in app.message_log)])

            with contextlib.suppress(TimeoutError):
                await until(pilot, lambda: all(w in told() for w in wanted), limit=10.0)
            said = told()
    return said
