"""A category's questions: validating what the CSR typed for each.

Lists accept the choice's number as shown ("2"), its key ("alive") or its name ("Alive");
multi-value lists take several, separated by commas or spaces. Required questions must be
answered. Dates accept ISO ("2026-12-03", "2026-12-03 18:00") and US ("12/3/2026 6 pm") forms.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from csc_console.calendar import BusinessCalendar
from csc_console.catalog.schema import Category, Question
from csc_console.errors import ValidationError
from csc_console.services.text import clean_text

AnswerValue = str | list[str]
_US_DATE = re.compile(
    r"^\s*(\d{1,2})/(\d{1,2})/(\d{2,4})(?:\s+(\d{1,2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?\s*$", re.I
)


@dataclass(frozen=True)
class CheckedAnswers:
    values: dict[str, AnswerValue]
    warnings: list[str] = field(default_factory=list)


def choice_for(question: Question, text: str) -> str:
    """The key of the choice meant by ``text`` (number, key or name)."""
    t = text.strip()
    if t.isdigit() and 1 <= int(t) <= len(question.values):
        return question.values[int(t) - 1].key
    low = t.lower()
    for choice in question.values:
        if low in (choice.key.lower(), choice.name.lower()):
            return choice.key
    options = "; ".join(f"{i} {c.name}" for i, c in enumerate(question.values, 1))
    raise ValidationError(
        f"{t!r} is not one of the choices for '{question.prompt}': {options}.", field=question.code
    )


def parse_datetime(text: str, zone: object) -> datetime:
    from zoneinfo import ZoneInfo

    assert isinstance(zone, ZoneInfo)
    t = text.strip()
    try:
        value = datetime.fromisoformat(t)
    except ValueError:
        m = _US_DATE.match(t)
        if not m:
            raise ValueError(t) from None
        month, day, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        year = year + 2000 if year < 100 else year
        hour, minute = int(m.group(4) or 0), int(m.group(5) or 0)
        ampm = (m.group(6) or "").lower().replace(".", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        if ampm == "am" and hour == 12:
            hour = 0
        value = datetime(year, month, day, hour, minute)  # noqa: DTZ001 - zone added below
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return value


def check_answers(
    category: Category,
    raw: Mapping[str, AnswerValue | None],
    *,
    calendar: BusinessCalendar | None = None,
    now: datetime | None = None,
) -> CheckedAnswers:
    unknown = set(raw) - {q.code for q in category.questions}
    if unknown:
        codes = ", ".join(q.code for q in category.questions) or "none"
        raise ValidationError(
            f"{category.name} has no question {sorted(unknown)[0]!r} (its questions: {codes}).",
            field=sorted(unknown)[0],
        )
    values: dict[str, AnswerValue] = {}
    warnings: list[str] = []
    for q in category.questions:
        value, notes = check_answer(q, raw.get(q.code), calendar=calendar, now=now)
        if value is not None:
            values[q.code] = value
        warnings.extend(notes)
    return CheckedAnswers(values=values, warnings=warnings)


def check_answer(
    q: Question,
    given: AnswerValue | tuple[str, ...] | None,
    *,
    calendar: BusinessCalendar | None = None,
    now: datetime | None = None,
) -> tuple[AnswerValue | None, list[str]]:
    """One question's answer, checked: the stored value (``None`` when left empty) and any
    warnings. Front ends that ask one question at a time use it; ``check_answers`` does all."""
    warnings: list[str] = []
    if isinstance(given, list | tuple):
        parts: Sequence[str] = [str(g) for g in given if str(g).strip()]
        text = ", ".join(parts)
    else:
        text = (given or "").strip()
        parts = [p for p in re.split(r"[,;]\s*|\s+(?=\d)", text) if p.strip()] if text else []
    if not text:
        if q.required:
            raise ValidationError(f"'{q.prompt}' must be answered.", field=q.code)
        return None, warnings
    if q.datatype == "singlevaluelist":
        return choice_for(q, text), warnings
    if q.datatype == "multivaluelist":
        return list(dict.fromkeys(choice_for(q, p) for p in parts)), warnings
    if q.datatype == "number":
        try:
            number = float(text.replace(",", ""))
        except ValueError:
            raise ValidationError(f"'{q.prompt}' needs a number; {text!r} is not one.", field=q.code) from None
        return (str(int(number)) if number.is_integer() else str(number)), warnings
    if q.datatype == "datetime":
        zone = calendar.zone if calendar else None
        try:
            when = parse_datetime(text, zone)
        except (ValueError, AssertionError):
            raise ValidationError(
                f"'{q.prompt}' needs a date such as 2026-12-03 or 12/3/2026 6 pm; {text!r} is not one.",
                field=q.code,
            ) from None
        if q.min_notice and calendar and now:
            needed = calendar.due(now, q.min_notice)
            if when < needed:
                warnings.append(
                    f"{q.prompt}: {when:%A %B %-d} is less than {q.min_notice.describe()} away; "
                    "the city may not be able to arrange it in time. Tell the caller."
                )
        return when.isoformat(), warnings
    limit = 4000 if q.datatype == "text" else 500
    return clean_text(text, field=q.prompt, max_length=limit, multiline=q.datatype == "text"), warnings


def describe_answer(question: Question, value: AnswerValue) -> str:
    names = {c.key: c.name for c in question.values}
    if isinstance(value, list):
        return ", ".join(names.get(v, v) for v in value)
    return names.get(value, value)
