"""The dispatcher's command line: ``UNIT [STATUS] [WORK ORDER] [text] [@ location]``.

Examples (the unit first, then a status word or short key from the catalog, an optional work
order, free text, and an optional location after ``@``)::

    PW12 os WO-2026-000123 patched two holes
    PW12 on scene WO-2026-123
    PW12 copy, heading back            (a plain note: no status)
    to PW7 d WO-2026-000045 @ 1200 N Lake Ave
    PW3 oos flat tire

``to`` before the unit marks a message sent to the unit (a dispatch sends one by default);
otherwise the entry is what the unit said. Parsing is pure (no database); unknown units and
statuses get the closest suggestions. ``complete`` offers completions for the word being typed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from csc_console.catalog.schema import DispatchStatus
from csc_console.errors import ValidationError
from csc_console.services.numbers import parse_number
from csc_console.vocab import Direction

_WO = re.compile(r"^(?:WO-?\d{4}-?\d{1,6}|WO\d{4}\d{6})$", re.IGNORECASE)
_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True)
class RadioCommand:
    unit: str
    status: DispatchStatus | None
    work_order: str | None
    message: str
    location: str | None
    direction: Direction


def _normal(word: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", word.lower().replace("_", " "))


def wo_number(token: str) -> str | None:
    if not _WO.match(token):
        return None
    digits = re.sub(r"[^0-9]", "", token)
    parsed = parse_number(f"WO-{digits[:4]}-{int(digits[4:]):06d}") if len(digits) > 4 else None
    return f"WO-{parsed[1]}-{parsed[2]:06d}" if parsed else None


@lru_cache(maxsize=8)
def _status_names(statuses: tuple[DispatchStatus, ...]) -> tuple[dict[str, DispatchStatus], dict[str, DispatchStatus]]:
    """(full names and codes, one-word keys) -> status, normalised once per catalog."""
    names: dict[str, DispatchStatus] = {}
    keys: dict[str, DispatchStatus] = {}
    for status in statuses:
        for name in (_normal(status.name), _normal(status.code)):
            names.setdefault(name, status)
        for key in status.keys:
            keys.setdefault(key, status)
    return names, keys


def match_status(words: Sequence[str], statuses: Sequence[DispatchStatus]) -> tuple[DispatchStatus, int] | None:
    """The status named by the first one to three words (longest name first), and how many."""
    names, keys = _status_names(tuple(statuses))
    for n in (3, 2, 1):
        if len(words) < n:
            continue
        phrase = _normal(" ".join(words[:n]))
        found = names.get(phrase) or (keys.get(phrase) if n == 1 else None)
        if found is not None:
            return found, n
    return None


@lru_cache(maxsize=8)
def _status_choices(statuses: tuple[DispatchStatus, ...]) -> dict[str, str]:
    """Every key, name and code (normalised) -> the status's name, built once per catalog."""
    return {k: s.name for s in statuses for k in (*s.keys, _normal(s.name), _normal(s.code))}


def status_suggestions(word: str, statuses: Sequence[DispatchStatus]) -> tuple[list[str], float]:
    """Status names close to ``word``, best first, and the best similarity (0-100)."""
    choices = _status_choices(tuple(statuses))
    found = process.extract(_normal(word), list(choices), scorer=fuzz.ratio, limit=5, score_cutoff=60)
    names = list(dict.fromkeys(choices[m] for m, _score, _ in found))[:3]
    return names, (found[0][1] if found else 0.0)


def parse(text: str, *, units: Sequence[str], statuses: Sequence[DispatchStatus]) -> RadioCommand:
    line = text.strip()
    if not line:
        raise ValidationError("Type the unit first, e.g. PW12 os WO-2026-000123 patched two holes.")
    location = None
    if " @ " in f" {line} " or line.startswith("@"):
        line, _, loc = line.partition("@")
        location = loc.strip() or None
        line = line.strip()
    words = _TOKEN.findall(line)
    direction = Direction.FROM_UNIT
    explicit_direction = False
    if words and words[0].lower() in ("to", "fr", "from"):
        direction = Direction.TO_UNIT if words[0].lower() == "to" else Direction.FROM_UNIT
        explicit_direction = True
        words = words[1:]
    if not words:
        raise ValidationError("Type the unit after 'to', e.g. to PW12 d WO-2026-000123.")
    unit_word = words[0].upper().rstrip(",:")
    known = {u.upper(): u for u in units}
    if unit_word not in known:
        near = [m for m, _s, _ in process.extract(unit_word, list(known), scorer=fuzz.ratio, limit=3, score_cutoff=50)]
        hint = f" Did you mean {', '.join(near)}?" if near else ""
        raise ValidationError(f"There is no unit {words[0]!r}.{hint}", field="unit")
    unit = known[unit_word]
    rest = words[1:]
    status = None
    matched = match_status(rest, statuses)
    if matched:
        status, used = matched
        rest = rest[used:]
    if status is None and rest:
        # "PW12 onsene WO-2026-123" or a lone "PW12 avail": a status was meant, not a note.
        near, best = status_suggestions(rest[0], statuses)
        before_wo = len(rest) > 1 and wo_number(rest[1].rstrip(",.")) is not None
        lone_typo = len(rest) == 1 and best >= 75
        if (before_wo or lone_typo) and not wo_number(rest[0]):
            hint = f" Did you mean {', '.join(near)}?" if near else ""
            raise ValidationError(f"Unknown status {rest[0]!r}.{hint}", field="status")
    work_order = None
    if rest and (wo := wo_number(rest[0].rstrip(",."))):
        work_order = wo
        rest = rest[1:]
    elif rest and re.match(r"^WO[-0-9]", rest[0], re.IGNORECASE):
        raise ValidationError(f"{rest[0]!r} is not a work-order number (like WO-2026-000123).", field="work_order")
    message = " ".join(rest)
    if status is None and not message and work_order is None:
        raise ValidationError(f"Nothing to log for {unit}: add a status or a message.", field="message")
    if not explicit_direction and status is not None and status.base == "dispatched":
        direction = Direction.TO_UNIT
    return RadioCommand(
        unit=unit, status=status, work_order=work_order, message=message, location=location, direction=direction
    )


def complete(text: str, *, units: Sequence[str], statuses: Sequence[DispatchStatus], limit: int = 8) -> list[str]:
    """Completions for the word being typed: units first, then statuses."""
    words = _TOKEN.findall(text)
    if text.endswith(" ") or not words:
        words.append("")
    prefix = words[-1]
    before = words[:-1]
    if before and before[0].lower() in ("to", "fr", "from"):
        before = before[1:]
    if not before:
        return [u for u in sorted(units) if u.upper().startswith(prefix.upper())][:limit]
    if len(before) == 1:
        low = prefix.lower()
        out: list[str] = []
        for s in statuses:
            if not low or s.name.lower().startswith(low) or any(k.startswith(low) for k in s.keys):
                out.append(f"{s.keys[0] if s.keys else s.code} ({s.name})")
        return out[:limit]
    return []
