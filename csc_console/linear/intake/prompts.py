"""Prompts for a category's own questions: lists as numbered choices, the rest as text.

A required list has no default (Enter alone is an error: the question must be answered); an
optional one says "optional" and Enter alone skips it. Multi-value lists take ``1, 3``.
"""

from __future__ import annotations

from typing import Any

from csc_console.catalog.schema import Question
from csc_console.desks.text import question_label
from csc_console.linear.prompts import (
    ChoicePrompt,
    MultiChoicePrompt,
    Option,
    Prompt,
    TextPrompt,
)
from csc_console.services.answers import AnswerValue

#: text answers are checked by the service (with its own limits), so the prompt keeps whatever
#: was typed, however long, and the error says what to shorten
UNLIMITED = 10_000_000

_HINTS = {
    "number": "A number, such as 3.",
    "datetime": "A date and time, such as 12/3/2026 6 pm or 2026-12-03 18:00.",
    "text": "Free text, up to 4,000 characters.",
    "string": "Free text, up to 500 characters.",
}


class FieldPrompt(TextPrompt):
    """Free text whose length the service checks: what was typed is accepted here, however
    long, so the service's error keeps it as the default (nothing typed is lost); help says
    the real ``limit``."""

    def __init__(
        self,
        label: str,
        *,
        limit: int,
        required: bool = False,
        default: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(label, required=required, max_length=UNLIMITED, default=default, hint=hint)
        self.limit = limit

    def help_lines(self, current: str | None) -> list[str]:
        tail = f"at most {UNLIMITED:,} characters."
        return [
            line.replace(tail, f"at most {self.limit:,} characters.")
            for line in super().help_lines(current)
        ]


class OptionalChoicePrompt(ChoicePrompt[str]):
    """A numbered choice that may be left unanswered: Enter alone (with no default) or ``-``
    skips it; the value is then ""."""

    def text(self, current: str | None) -> str:
        n = len(self.options)
        span = "1 only" if n == 1 else f"1 to {n}"
        d = self._default_index(current)
        return f"{self.label}, {span}" + (f", default {d + 1}:" if d is not None else ", optional:")

    def parse(self, raw: str, current: str | None) -> str:
        text = raw.strip()
        if text == "-" or (not text and self._default_index(current) is None):
            return ""
        return super().parse(raw, current)

    def echo(self, value: str) -> str | None:
        return super().echo(value) if value else "Skipped."

    def help_lines(self, current: str | None) -> list[str]:
        return [*super().help_lines(current), "Optional: Enter alone or - leaves it unanswered."]




def question_prompt(question: Question) -> Prompt[Any]:
    label = question_label(question)
    hint = question.description or _HINTS.get(question.datatype)
    options = [Option(c.key, c.name) for c in question.values]
    if question.datatype == "singlevaluelist":
        if question.required:
            return ChoicePrompt(label, options, hint=hint)
        return OptionalChoicePrompt(label, options, hint=hint)
    if question.datatype == "multivaluelist":
        return MultiChoicePrompt(label, options, required=question.required, hint=hint)
    limit = 4000 if question.datatype == "text" else 500
    return FieldPrompt(label, required=question.required, limit=limit, hint=hint)


def answer_as_typed(value: object) -> AnswerValue | None:
    """What a question prompt returned, as the answer service takes it."""
    if isinstance(value, tuple | list):
        return [str(v) for v in value] or None
    text = str(value or "").strip()
    return text or None


def kept_answer(question: Question, value: AnswerValue | None) -> object:
    """A saved answer as the prompt's ``current`` value (for going back and for a resumed call)."""
    if value is None:
        return None
    if question.datatype == "multivaluelist":
        return tuple(value) if isinstance(value, list) else (value,)
    return ", ".join(value) if isinstance(value, list) else value
