"""The redirect rules of a call: emergencies in the caller's words, the category's wrong-agency
and referral rules for its words, answers and the address's electricity provider, each read to
the caller once per call. A mixin of ``CallDesk``: it uses the desk's catalog, draft, category
and the rules already read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from csc_console.catalog.redirects import RedirectHit, emergencies_in, redirects_for
from csc_console.desks.intake.outcome import after_redirect
from csc_console.desks.intake.steps import Step

if TYPE_CHECKING:
    from collections.abc import Sequence

    from csc_console.catalog import Catalog
    from csc_console.catalog.schema import Category
    from csc_console.services.intake import CallDraft


class RedirectRules:
    catalog: Catalog
    draft: CallDraft
    shown_rules: set[str]
    _emergencies: tuple[str, list[RedirectHit]] | None

    def category(self) -> Category | None:
        raise NotImplementedError

    def emergencies(self) -> list[RedirectHit]:
        """Every emergency rule the caller's words fire, the best-matching category's first."""
        words = self.draft.words
        if self._emergencies is None or self._emergencies[0] != words:
            hits = emergencies_in(self.catalog, words)
            if len(hits) > 1:
                ranked = self.catalog.suggester.suggest(words, limit=50)
                rank = {s.code: i for i, s in enumerate(ranked)}
                hits.sort(key=lambda h: rank.get(h.category_code, len(rank)))
            self._emergencies = (words, hits)
        return self._emergencies[1]

    def rules_at(self, stage: str, *, electric_provider: str | None = None) -> list[RedirectHit]:
        """The category's rules that fire at ``stage`` (the words, the answers, the place's
        electricity provider) and did not fire at an earlier one."""
        category = self.category()
        if category is None:
            return []
        d = self.draft
        seen = {h.code for h in self.emergencies()}
        stages = [
            (Step.REDIRECT_WORDS, redirects_for(self.catalog, category, text=d.words)),
            (
                Step.REDIRECT_ANSWERS,
                redirects_for(self.catalog, category, text=d.words, answers=d.answers),
            ),
        ]
        if electric_provider:
            stages.append(
                (
                    Step.REDIRECT_PLACE,
                    redirects_for(
                        self.catalog, category, text=d.words, answers=d.answers,
                        electric_provider=electric_provider,
                    ),  # fmt: skip
                )
            )
        for name, fired in stages:
            new = [h for h in fired if h.code not in seen]
            if name == stage:
                return new
            seen.update(h.code for h in new)
        return []

    def rules_now(self, *, electric_provider: str | None = None) -> list[RedirectHit]:
        """Every rule of the category that fires now, for the words, the answers and (once
        the address is checked) its electricity provider; ``unread`` keeps the new ones."""
        category = self.category()
        if category is None:
            return []
        d = self.draft
        return redirects_for(
            self.catalog, category, text=d.words, answers=d.answers,
            electric_provider=electric_provider,
        )  # fmt: skip

    def unread(self, hits: Sequence[RedirectHit]) -> list[RedirectHit]:
        """The rules not read to the caller yet in this call, now marked read; an emergency
        is read alone (several rules often fire for the same words)."""
        new = [h for h in hits if h.code not in self.shown_rules]
        self.shown_rules.update(h.code for h in new)
        return new[:1] if new and new[0].is_emergency else new

    def take_redirect(self, choice: str | None) -> bool:
        """After a redirect script: transferred or referred (True: wrap up now), or go on
        (which takes back an earlier transfer or referral)."""
        after = after_redirect(choice, self.draft.disposition)
        self.draft.disposition = after.disposition
        return after.wrap_up
