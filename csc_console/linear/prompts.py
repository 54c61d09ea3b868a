"""The prompt toolkit: what can be asked, how it is said, how the answer is read.

A prompt is a description, not a loop: ``text(current)`` is the prompt line, ``parse(raw,
current)`` turns what was typed into a value or raises ``PromptError``, ``echo(value)`` is the
line that confirms it, ``help_lines`` what ``help`` says about it. ``ask.ask`` runs the loop
(global commands, errors, repeat) and ``workflow.Workflow`` strings prompts into steps.

``current`` is the value already given for this question (typed before and kept on ``back``, or
the default). Pressing Enter on an empty line keeps it. Conventions for the prompt line:

- text: ``Caller name:``, ``Caller name, default Maria Lopez:``;
- numbered choice: ``Workspace, 1 to 5, default 1:``, answered by number or by the start of a
  name, echoed as ``Intake.``;
- yes/no: ``Save the request, yes or no, default yes:``;
- several choices: ``Accommodations, numbers from 1 to 6 separated by commas, default none:``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from csc_console.desks.choices import Option as Option  # re-exported: the prompts take Options
from csc_console.errors import CscError

T = TypeVar("T")
V = TypeVar("V")

LONG_DEFAULT = 60  # longer kept texts are not read out in the prompt line


class PromptError(Exception):
    """What was typed cannot be used; the message says why and what to type instead."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Prompt(Generic[T]):
    """Base class. Subclasses set ``label`` and implement ``text`` and ``parse``."""

    label: str
    hint: str | None = None
    secret: bool = False

    def text(self, current: T | None) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def parse(self, raw: str, current: T | None) -> T:  # pragma: no cover - abstract
        raise NotImplementedError

    def intro_lines(self, current: T | None) -> list[str]:
        """Lines said before the prompt line when the question is first put (e.g. choices)."""
        return []

    def help_lines(self, current: T | None) -> list[str]:
        return [self.hint] if self.hint else []

    def echo(self, value: T) -> str | None:
        """The line that confirms an accepted answer, or ``None`` for none."""
        return None

    def show(self, value: T | None) -> str:
        """``value`` as words, for defaults and summaries."""
        return "" if value is None else str(value)


# --------------------------------------------------------------------------- text
class TextPrompt(Prompt[str]):
    """Free text, trimmed, with a length limit and an optional validator.

    ``validate(text)`` may return a normalised string or raise ``PromptError`` or any
    ``CscError`` (its sentence becomes the error line). An optional answer that was given
    before can be emptied by typing ``-``.
    """

    def __init__(
        self,
        label: str,
        *,
        required: bool = True,
        max_length: int = 200,
        validate: Callable[[str], str] | None = None,
        default: str | None = None,
        hint: str | None = None,
        secret: bool = False,
    ) -> None:
        self.label = label
        self.required = required
        self.max_length = max_length
        self.validate = validate
        self.default = default
        self.hint = hint
        self.secret = secret

    def text(self, current: str | None) -> str:
        kept = current if current else self.default
        if not kept:
            return f"{self.label}{'' if self.required else ', optional'}:"
        if self.secret:
            return f"{self.label}, Enter keeps what you typed before:"
        if len(kept) > LONG_DEFAULT:
            return f"{self.label}, Enter keeps the {len(kept):,} characters typed before:"
        return f"{self.label}, default {kept}:"

    def parse(self, raw: str, current: str | None) -> str:
        text = raw.strip()
        kept = current if current else self.default
        if not text:
            if kept:
                return kept
            if self.required:
                raise PromptError(f"{self.label} is required; type it, or type cancel.")
            return ""
        if text == "-" and not self.required:
            return ""
        if len(text) > self.max_length:
            raise PromptError(
                f"{self.label} is {len(text):,} characters long; the limit is "
                f"{self.max_length:,}. Shorten it."
            )
        if self.validate is not None:
            try:
                return self.validate(text)
            except CscError as exc:
                raise PromptError(str(exc)) from None
        return text

    def help_lines(self, current: str | None) -> list[str]:
        out = super().help_lines(current)
        need = "Required" if self.required else "Optional"
        out.append(f"{need}; at most {self.max_length:,} characters.")
        kept = current if current else self.default
        if kept:
            out.append("Enter alone keeps what is there now." if self.secret else f"Now: {kept}")
            if not self.required:
                out.append("Type - alone to leave it empty.")
        return out

    def show(self, value: str | None) -> str:
        return "(hidden)" if self.secret and value else (value or "")


# --------------------------------------------------------------------------- choices
def _norm(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").split())


def match_option(options: Sequence[Option[V]], raw: str) -> int:
    """The index of the option ``raw`` names: a number, a name, or the unique start of a name
    or of a word in one."""
    text = raw.strip()
    n = len(options)
    if text.isdigit():
        number = int(text)
        if 1 <= number <= n:
            return number - 1
        raise PromptError(f"{number} is not a choice here; type a number from 1 to {n}.")
    key = _norm(text)
    exact = [i for i, o in enumerate(options) if any(_norm(x) == key for x in o.names())]
    if len(exact) == 1:
        return exact[0]
    # then the start of a name ("dis" for Dispatch), then the start of a word ("week" for
    # This week, "light" for Streetlight out is not: words are whole words)
    for tier in (_name_starts, _word_starts):
        hits = [i for i, o in enumerate(options) if any(tier(_norm(x), key) for x in o.names())]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            names = ", ".join(options[i].title for i in hits[:5])
            raise PromptError(f"{text!r} could be {names}; type more of the name, or the number.")
    raise PromptError(f"There is no choice {text!r}; type a number from 1 to {n}.")


def _name_starts(name: str, key: str) -> bool:
    return name.startswith(key)


def _word_starts(name: str, key: str) -> bool:
    words = name.split()
    size = len(key.split())
    return any(" ".join(words[i : i + size]).startswith(key) for i in range(1, len(words)))


def option_lines(options: Sequence[Option[Any]]) -> list[str]:
    return [
        f"{i}. {o.title}" + (f": {o.detail}" if o.detail else "")
        for i, o in enumerate(options, start=1)
    ]


class ChoicePrompt(Prompt[V]):
    """One of a numbered list. ``default`` is a value of one of the options."""

    def __init__(
        self,
        label: str,
        options: Sequence[Option[V]],
        *,
        default: V | None = None,
        hint: str | None = None,
        list_options: bool = True,
    ) -> None:
        if not options:
            raise ValueError("a choice needs at least one option")
        self.label = label
        self.options = list(options)
        self.default = default
        self.hint = hint
        self.list_options = list_options

    def _default_index(self, current: V | None) -> int | None:
        for wanted in (current, self.default):
            if wanted is None:
                continue
            for i, o in enumerate(self.options):
                if o.value == wanted:
                    return i
        return None

    def text(self, current: V | None) -> str:
        n = len(self.options)
        span = "1 only" if n == 1 else f"1 to {n}"
        d = self._default_index(current)
        return f"{self.label}, {span}" + (f", default {d + 1}:" if d is not None else ":")

    def intro_lines(self, current: V | None) -> list[str]:
        return option_lines(self.options) if self.list_options else []

    def parse(self, raw: str, current: V | None) -> V:
        if not raw.strip():
            d = self._default_index(current)
            if d is None:
                raise PromptError(f"Type a number from 1 to {len(self.options)}.")
            return self.options[d].value
        return self.options[match_option(self.options, raw)].value

    def help_lines(self, current: V | None) -> list[str]:
        out = super().help_lines(current)
        out.extend(option_lines(self.options))
        d = self._default_index(current)
        tail = f" Enter alone picks {self.options[d].title}." if d is not None else ""
        out.append(f"Type a number from 1 to {len(self.options)}, or the start of a name.{tail}")
        return out

    def option_for(self, value: V | None) -> Option[V] | None:
        return next((o for o in self.options if o.value == value), None)

    def echo(self, value: V) -> str | None:
        option = self.option_for(value)
        return f"{option.title}." if option else None

    def show(self, value: V | None) -> str:
        option = self.option_for(value)
        return option.title if option else ""


class YesNoPrompt(Prompt[bool]):
    def __init__(self, label: str, *, default: bool | None = None, hint: str | None = None) -> None:
        self.label = label
        self.default = default
        self.hint = hint

    def _kept(self, current: bool | None) -> bool | None:
        return current if current is not None else self.default

    def text(self, current: bool | None) -> str:
        kept = self._kept(current)
        tail = "" if kept is None else f", default {'yes' if kept else 'no'}"
        return f"{self.label}, yes or no{tail}:"

    def parse(self, raw: str, current: bool | None) -> bool:
        word = raw.strip().lower()
        if not word:
            kept = self._kept(current)
            if kept is None:
                raise PromptError("Type yes or no.")
            return kept
        if word in ("y", "yes"):
            return True
        if word in ("n", "no"):
            return False
        raise PromptError(f"{raw.strip()!r} is not yes or no; type y or n.")

    def help_lines(self, current: bool | None) -> list[str]:
        out = super().help_lines(current)
        kept = self._kept(current)
        tail = "" if kept is None else f" Enter alone means {'yes' if kept else 'no'}."
        out.append(f"Type yes or no, or y or n.{tail}")
        return out

    def echo(self, value: bool) -> str | None:
        return "Yes." if value else "No."

    def show(self, value: bool | None) -> str:
        return "" if value is None else ("yes" if value else "no")


_RANGE = re.compile(r"^(\d+)\s*(?:-|to)\s*(\d+)$")


class MultiChoicePrompt(Prompt[tuple[V, ...]]):
    """Any number of a numbered list: ``1, 3`` or ``1 3`` or ``2-4`` or names; ``none``."""

    def __init__(
        self,
        label: str,
        options: Sequence[Option[V]],
        *,
        default: Sequence[V] = (),
        required: bool = False,
        hint: str | None = None,
    ) -> None:
        if not options:
            raise ValueError("a choice needs at least one option")
        self.label = label
        self.options = list(options)
        self.default = tuple(default)
        self.required = required
        self.hint = hint

    def _kept(self, current: tuple[V, ...] | None) -> tuple[V, ...]:
        return current if current is not None else self.default

    def show(self, value: tuple[V, ...] | None) -> str:
        titles = [o.title for o in self.options if value and o.value in value]
        return ", ".join(titles) if titles else "none"

    def text(self, current: tuple[V, ...] | None) -> str:
        n = len(self.options)
        kept = self._kept(current)
        numbers = [str(i) for i, o in enumerate(self.options, 1) if o.value in kept]
        shown = " and ".join([", ".join(numbers[:-1]), numbers[-1]] if len(numbers) > 1 else numbers)
        if not shown and self.required:
            return f"{self.label}, numbers from 1 to {n} separated by commas:"
        return f"{self.label}, numbers from 1 to {n} separated by commas, default {shown or 'none'}:"

    def intro_lines(self, current: tuple[V, ...] | None) -> list[str]:
        return option_lines(self.options)

    def parse(self, raw: str, current: tuple[V, ...] | None) -> tuple[V, ...]:
        text = raw.strip()
        if not text:
            kept = self._kept(current)
            if not kept and self.required:
                raise PromptError(f"Choose at least one: numbers from 1 to {len(self.options)}.")
            return kept
        if text.lower() == "none":
            if self.required:
                raise PromptError("Choose at least one; none is not allowed here.")
            return ()
        chosen: set[int] = set()
        for piece in (p.strip() for p in text.split(",")):
            if not piece:
                continue
            words = piece.split()
            if all(w.isdigit() for w in words):
                chosen.update(match_option(self.options, w) for w in words)
                continue
            span = _RANGE.match(piece)
            if span:
                lo, hi = int(span.group(1)), int(span.group(2))
                if lo > hi:
                    lo, hi = hi, lo
                chosen.update(match_option(self.options, str(k)) for k in range(lo, hi + 1))
                continue
            chosen.add(match_option(self.options, piece))
        return tuple(self.options[i].value for i in sorted(chosen))

    def help_lines(self, current: tuple[V, ...] | None) -> list[str]:
        out = super().help_lines(current)
        out.extend(option_lines(self.options))
        out.append(
            "Type the numbers or names separated by commas, a range such as 2-4, "
            + ("or Enter alone to keep the default." if not self.required else "at least one.")
            + ("" if self.required else " Type none for none.")
        )
        return out

    def echo(self, value: tuple[V, ...]) -> str | None:
        return f"{self.show(value)}." if value else "None."
