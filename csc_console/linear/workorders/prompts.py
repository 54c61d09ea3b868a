"""Prompts of the work-order workspace: the queue's own prompt (a number, next, previous),
crews (the division's units as numbers, any call sign typed), statuses (only the allowed next
ones, and a refusal that names them), selections ("1, 3-5"), days and file names."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from csc_console.catalog.schema import UnitDef
from csc_console.desks.words import say_date
from csc_console.desks.workorders.detail import already, refusal
from csc_console.desks.workorders.results import parse_day
from csc_console.desks.workorders.words import OPEN, WORK_ORDER, status_label, statuses_phrase
from csc_console.errors import CscError, ValidationError
from csc_console.linear.prompts import (
    ChoicePrompt,
    MultiChoicePrompt,
    Option,
    Prompt,
    PromptError,
    option_lines,
)
from csc_console.services.context import Ctx
from csc_console.services.numbers import parse_number
from csc_console.services.workorders import check_crew
from csc_console.vocab import WorkOrderStatus

NEXT_WORDS = ("next", "n", "more")
PREVIOUS_WORDS = ("previous", "prev", "p")
_RANGE = re.compile(r"^(\d+)\s*(?:-|to)\s*(\d+)$")


# --------------------------------------------------------------------------- the queue
@dataclass(frozen=True)
class QueueAction:
    """What was typed at the queue: ``open`` (``position`` or ``number``), ``next``,
    ``previous``, ``list``, ``refresh``, ``filter`` or ``bulk``."""

    kind: str
    position: int | None = None
    number: str | None = None


class QueuePrompt(Prompt[QueueAction]):
    label = WORK_ORDER

    def __init__(self, first: int, last: int, *, more: bool, earlier: bool, bulk: bool) -> None:
        self.first, self.last = first, last
        self.more, self.earlier, self.bulk = more, earlier, bulk

    def text(self, current: QueueAction | None) -> str:
        span = f"{self.first} only" if self.first == self.last else f"{self.first} to {self.last}"
        if self.more and self.earlier:
            return f"{self.label}, {span}, next or previous page, default next:"
        if self.more:
            return f"{self.label}, {span}, or next page, default next:"
        if self.earlier:
            return f"{self.label}, {span}, or previous page:"
        return f"{self.label}, {span}:"

    def _choices(self) -> str:
        words = [f"a number from {self.first} to {self.last}"]
        if self.more:
            words.append("next")
        if self.earlier:
            words.append("previous")
        return ", ".join(words[:-1]) + f" or {words[-1]}" if len(words) > 1 else words[0]

    def parse(self, raw: str, current: QueueAction | None) -> QueueAction:
        text = raw.strip()
        word = text.lower()
        if not text:
            if self.more:
                return QueueAction("next")
            raise PromptError(f"Type {self._choices()}; back leaves the queue.")
        if text.isdigit():
            position = int(text)
            if self.first <= position <= self.last:
                return QueueAction("open", position=position)
            raise PromptError(f"{position} is not on this page; type {self._choices()}.")
        if word in NEXT_WORDS:
            if not self.more:
                raise PromptError("This is the last page; type previous, or a number.")
            return QueueAction("next")
        if word in PREVIOUS_WORDS:
            if not self.earlier:
                raise PromptError("This is the first page; type next, or a number.")
            return QueueAction("previous")
        if word in ("list", "refresh", "filter") or (word == "bulk" and self.bulk):
            return QueueAction(word)
        parsed = parse_number(text)
        if parsed is not None and parsed[0] == "WO":
            return QueueAction("open", number=f"WO-{parsed[1]}-{parsed[2]:06d}")
        if word.startswith("wo"):
            raise PromptError(f"{text!r} is not a work-order number; type one like WO-2026-000123.")
        raise PromptError(f"There is no choice {text!r} here; type {self._choices()}.")

    def help_lines(self, current: QueueAction | None) -> list[str]:
        out = [
            f"Type a number from {self.first} to {self.last} to open that work order, or a "
            "work-order number such as WO-2026-000123."
        ]
        if self.more:
            out.append("next, or Enter alone: the next page.")
        if self.earlier:
            out.append("previous: the page before.")
        out += [
            "list: say this page again.",
            "refresh: read the queue again from the database (says so when nothing changed).",
            "filter: change what the queue shows.",
        ]
        if self.bulk:
            out.append("bulk: reassign or re-prioritise several work orders (supervisors).")
        out.append("back: leave the queue.")
        return out


# --------------------------------------------------------------------------- crews
class CrewPrompt(Prompt[str]):
    """A crew: a number from the division's units, or any unit's call sign. The value is the
    call sign, or "" for none (when ``none_word`` is set: "none" to unassign, "any" in a
    filter)."""

    def __init__(
        self,
        ctx: Ctx,
        units: Sequence[UnitDef],
        *,
        default: str | None = None,
        none_word: str | None = None,
        label: str = "Crew",
    ) -> None:
        self.ctx = ctx
        self.label = label
        self.none_word = none_word
        self.default = default
        self.options = [Option(u.call_sign, u.call_sign, u.name) for u in units]

    def _kept(self, current: str | None) -> str | None:
        return current if current is not None else self.default

    def _default_words(self, current: str | None) -> str | None:
        kept = self._kept(current)
        if kept is None:
            return None
        if kept == "":
            return self.none_word
        index = next((i for i, o in enumerate(self.options) if o.value == kept), None)
        return str(index + 1) if index is not None else kept

    def text(self, current: str | None) -> str:
        n = len(self.options)
        span = "" if not n else (" 1 only or" if n == 1 else f" 1 to {n} or")
        head = f"{self.label},{span} a call sign"
        if self.none_word:
            head += f" or {self.none_word}"
        shown = self._default_words(current)
        return f"{head}, default {shown}:" if shown else f"{head}:"

    def intro_lines(self, current: str | None) -> list[str]:
        return option_lines(self.options)

    def parse(self, raw: str, current: str | None) -> str:
        text = raw.strip()
        if not text:
            kept = self._kept(current)
            if kept is None:
                raise PromptError("Type a number from the list or a call sign, such as PW2.")
            return kept
        if self.none_word and text.lower() in (self.none_word, "-", "none"):
            return ""
        if text.isdigit():
            number = int(text)
            if 1 <= number <= len(self.options):
                return self.options[number - 1].value
            raise PromptError(
                f"{number} is not in the list; type a number from 1 to {len(self.options)}, "
                "or a call sign."
            )
        try:
            return check_crew(self.ctx, text)
        except CscError as exc:
            raise PromptError(str(exc)) from None

    def echo(self, value: str) -> str | None:
        if not value:
            return f"{(self.none_word or 'none').capitalize()}."
        unit = next((u for u in self.ctx.catalog.units if u.call_sign == value), None)
        return f"{value}: {unit.name}." if unit else f"{value}."

    def help_lines(self, current: str | None) -> list[str]:
        listed = {o.value for o in self.options}
        out = [*option_lines(self.options)]
        others = [u for u in self.ctx.catalog.units if u.call_sign not in listed]
        if others:
            out.append("Other crews: " + "; ".join(f"{u.call_sign} {u.name}" for u in others) + ".")
        out.append("Type a number from the list, or any crew's call sign such as PW12.")
        if self.none_word:
            out.append(f"Type {self.none_word} for {self.none_word} crew.")
        return out


# --------------------------------------------------------------------------- statuses
class StatusPrompt(ChoicePrompt[str]):
    """The allowed next statuses; any other status is refused with the allowed ones named."""

    def __init__(self, current_status: str, allowed: Sequence[str]) -> None:
        options = [Option(s, status_label(s)) for s in allowed]
        super().__init__("New status", options, default=allowed[0] if allowed else None)
        self.current_status = current_status

    def parse(self, raw: str, current: str | None) -> str:
        try:
            return super().parse(raw, current)
        except PromptError:
            wanted = _status_named(raw)
            if wanted is None:
                raise
            if wanted == self.current_status:
                raise PromptError(already(wanted)) from None
            raise PromptError(refusal(self.current_status, wanted)) from None


def _status_named(raw: str) -> str | None:
    key = " ".join(raw.strip().lower().replace("_", " ").replace("-", " ").split())
    if not key:
        return None
    hits = [s.value for s in WorkOrderStatus if s.label.lower().replace("-", " ").startswith(key)]
    return hits[0] if len(hits) == 1 else None


class StatusesPrompt(MultiChoicePrompt[str]):
    """Statuses for the queue filter; "open" picks the open ones, "any" (or none) all."""

    def __init__(self, default: Sequence[str]) -> None:
        options = [Option(s.value, s.label) for s in WorkOrderStatus]
        super().__init__("Statuses", options, default=default)

    def parse(self, raw: str, current: tuple[str, ...] | None) -> tuple[str, ...]:
        word = raw.strip().lower()
        if word == "open":
            return OPEN
        if word in ("any", "all"):
            return ()
        return super().parse(raw, current)

    def help_lines(self, current: tuple[str, ...] | None) -> list[str]:
        return [
            *super().help_lines(current),
            "Type open for the open ones (new to on hold), or any for every status.",
        ]

    def echo(self, value: tuple[str, ...]) -> str | None:
        return f"{statuses_phrase(value).capitalize()}."


# --------------------------------------------------------------------------- selections
class SelectionPrompt(Prompt[tuple[int, ...]]):
    """Positions of listed work orders: ``1, 3-5`` or ``1 3 4``."""

    def __init__(self, listed: Mapping[int, str]) -> None:
        self.label = "Work orders to change"
        self.listed = dict(listed)

    def text(self, current: tuple[int, ...] | None) -> str:
        return f"{self.label}, numbers from the list such as 1, 3-5:"

    def parse(self, raw: str, current: tuple[int, ...] | None) -> tuple[int, ...]:
        chosen: set[int] = set()
        for piece in (p.strip() for p in raw.replace(";", ",").split(",")):
            if not piece:
                continue
            span = _RANGE.match(piece)
            if span:
                lo, hi = sorted((int(span.group(1)), int(span.group(2))))
                numbers = list(range(lo, hi + 1))
            elif all(w.isdigit() for w in piece.split()):
                numbers = [int(w) for w in piece.split()]
            else:
                raise PromptError(f"{piece!r} is not a number or a range such as 3-5.")
            missing = [n for n in numbers if n not in self.listed]
            if missing:
                raise PromptError(
                    f"{missing[0]} is not in the list heard so far; the numbers listed are "
                    f"{min(self.listed)} to {max(self.listed)}."
                )
            chosen.update(numbers)
        if not chosen:
            raise PromptError("Choose at least one, such as 1, 3-5; or type back.")
        return tuple(sorted(chosen))

    def help_lines(self, current: tuple[int, ...] | None) -> list[str]:
        return [
            "The numbers of work orders listed in the queue, separated by commas, with ranges "
            "such as 3-5. Pages listed earlier count too."
        ]

    def echo(self, value: tuple[int, ...]) -> str | None:
        numbers = [self.listed[p] for p in value]
        return f"{len(numbers)} selected: {', '.join(numbers)}."


# --------------------------------------------------------------------------- days and files


class DatePrompt(Prompt[date]):
    label = "Day"

    def __init__(self, today: date) -> None:
        self.today = today

    def text(self, current: date | None) -> str:
        kept = current or self.today
        shown = "today" if kept == self.today else say_date(kept, today=self.today)
        return f"{self.label}, default {shown}:"

    def parse(self, raw: str, current: date | None) -> date:
        if not raw.strip():
            return current or self.today
        try:
            return parse_day(raw, self.today)
        except ValidationError as exc:
            raise PromptError(str(exc)) from None

    def help_lines(self, current: date | None) -> list[str]:
        return ["A day: today, yesterday, tomorrow, a month and day such as 3/2, or 2026-03-02."]

    def echo(self, value: date) -> str | None:
        return f"{say_date(value, today=self.today)}."


class FilePrompt(Prompt[Path]):
    """Where to save: a file name (in the folder csc-console was started from) or a path."""

    label = "Save to file"

    def __init__(self, default_name: str) -> None:
        self.default_name = default_name

    def text(self, current: Path | None) -> str:
        shown = str(current) if current is not None else self.default_name
        return f"{self.label}, default {shown}:"

    def parse(self, raw: str, current: Path | None) -> Path:
        text = raw.strip()
        if not text:
            chosen = current if current is not None else Path(self.default_name)
        else:
            chosen = Path(text).expanduser()
        path = chosen if chosen.is_absolute() else Path.cwd() / chosen
        if path.is_dir():
            path = path / self.default_name
        if not path.parent.is_dir():
            raise PromptError(f"There is no folder {str(path.parent)!r}; type another file name.")
        return path

    def help_lines(self, current: Path | None) -> list[str]:
        return [
            "A file name, saved in the folder csc-console was started from, or a full path. "
            f"Enter alone takes {current or self.default_name}."
        ]
