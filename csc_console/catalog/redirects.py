"""Emergency and wrong-agency rules: when to stop the normal intake and read a script.

Emergency rules (downed wires with sparks, gas smell, fire, ...) are checked against the caller's
words for every category, because a caller does not announce the category of an emergency.
Wrong-agency and referral rules belong to the chosen category and may also look at the answers
and at who supplies the address's electricity (Edison-served blocks go to SCE). Whether a rule
fires is decided by the catalog's own ``RedirectWhen.matches``; this module says why, in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from csc_console.catalog.catalog import Catalog
from csc_console.catalog.schema import Answers, Category, Redirect, phrase_key


@dataclass(frozen=True)
class RedirectHit:
    code: str
    kind: str  # emergency | wrong_agency | referral
    category_code: str
    target_code: str
    target_name: str
    target_phone: str | None
    script: str
    reason: str

    @property
    def is_emergency(self) -> bool:
        return self.kind == "emergency"


def _reason(rule: Redirect, text: str, answers: Answers | None, provider: str | None) -> str:
    said = f" {phrase_key(text)} "
    parts = [f"the caller said {k!r}" for k in rule.when.keywords if f" {phrase_key(k)} " in said]
    for code, accepted in rule.when.answer.items():
        given = (answers or {}).get(code)
        chosen = {given} if isinstance(given, str) else set(given or ())
        if chosen & set(accepted):
            parts.append(f"the answer to {code} is {', '.join(sorted(chosen & set(accepted)))}")
    if provider and provider.upper() in {p.upper() for p in rule.when.electric_provider}:
        parts.append(f"the address is served by {provider}")
    return "; ".join(parts[:2]) or "the rule applies"


def _hit(catalog: Catalog, category: Category, rule: Redirect, reason: str) -> RedirectHit:
    target = catalog.department(rule.target)
    return RedirectHit(
        code=rule.code,
        kind=rule.kind,
        category_code=category.code,
        target_code=target.code,
        target_name=target.name,
        target_phone=target.phone,
        script=rule.script,
        reason=reason,
    )


def emergencies_in(catalog: Catalog, text: str) -> list[RedirectHit]:
    """Emergency rules of any category whose words occur in ``text``."""
    if not text.strip():
        return []
    hits: dict[str, RedirectHit] = {}
    for category in catalog.categories:
        for rule in category.redirects:
            if rule.kind != "emergency" or not rule.when.keywords or rule.code in hits:
                continue
            if rule.when.matches(text=text):
                hits[rule.code] = _hit(catalog, category, rule, _reason(rule, text, None, None))
    return list(hits.values())


def redirects_for(
    catalog: Catalog,
    category: Category,
    *,
    text: str = "",
    answers: Answers | None = None,
    electric_provider: str | None = None,
) -> list[RedirectHit]:
    """Every rule of ``category`` that fires for these words, answers and address,
    emergencies first, then wrong agencies, then referrals."""
    found = [
        _hit(catalog, category, rule, _reason(rule, text, answers, electric_provider))
        for rule in category.redirects
        if rule.when.matches(text=text, answers=answers, electric_provider=electric_provider)
    ]
    order = {"emergency": 0, "wrong_agency": 1, "referral": 2}
    found.sort(key=lambda h: order.get(h.kind, 3))
    return found


def first_emergency(hits: Sequence[RedirectHit]) -> RedirectHit | None:
    return next((h for h in hits if h.is_emergency), None)
