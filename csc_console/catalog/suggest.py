"""Category and topic suggestions from the caller's own words.

The CSR types what the caller says ("a dead raccoon on my street", "the streetlight outside is
out", "somebody dumped a couch") and gets the catalog entries ranked, per keystroke.

How it scores: every entry is a small document of its name (weight 3), synonyms (2) and example
phrasings (1). The query's words, with stop words dropped and a light stemmer applied, are
matched against the vocabulary with typo tolerance (rapidfuzz ratio, and prefixes for a word
still being typed); each match counts its similarity times the word's rarity (IDF) times the
weight of the best phrase it appears in for that entry. Compound words are matched both ways
("streetlight" ~ "street light"). A phrase-level bonus rewards entries one of whose phrases the
query contains nearly verbatim. Scores are 0-100. The catalog is small (a few thousand words),
so a suggestion costs well under a millisecond and does not depend on the database.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from csc_console.catalog.catalog import Catalog
from csc_console.catalog.schema import Category, Topic

_WORD = re.compile(r"[a-z0-9]+")

STOP_WORDS = frozenset(
    ["a", "an", "the", "my", "our", "your", "their", "his", "her", "its", "this", "that", "these", "those", "there", "here", "is", "are", "was", "were", "be", "been", "being", "am", "i", "me", "we", "you", "he", "she", "it", "they", "them", "on", "in", "at", "of", "to", "for", "from", "by", "with", "about", "into", "over", "under", "near", "next", "outside", "inside", "front", "back", "some", "someone", "somebody", "something", "anyone", "any", "just", "really", "very", "still", "again", "also", "and", "or", "but", "so", "not", "no", "yes", "hi", "hello", "please", "thanks", "thank", "call", "calling", "called", "want", "wanted", "would", "like", "need", "needs", "needed", "can", "could", "will", "just", "get", "got", "has", "have", "had", "do", "does", "did", "im", "ive", "its", "theres", "dont", "doesnt", "isnt", "wont", "cant"]
)

NAME_WEIGHT = 3.0
SYNONYM_WEIGHT = 2.0
EXAMPLE_WEIGHT = 1.0
TYPO_CUTOFF = 80.0
PREFIX_MIN = 3


def stem(word: str) -> str:
    """A deliberately light English stemmer: plurals and common verb endings."""
    w = word
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("sses", "ches", "shes", "xes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
        if len(w) > 2 and w[-1] == w[-2]:
            w = w[:-1]
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
        if len(w) > 2 and w[-1] == w[-2]:
            w = w[:-1]
    return w


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("'", ""))


def terms(text: str) -> list[str]:
    """Content words of ``text``, stemmed, in order."""
    return [stem(w) for w in words(text) if w not in STOP_WORDS]


def _with_compounds(tokens: Sequence[str]) -> list[str]:
    out = list(tokens)
    out.extend(a + b for a, b in zip(tokens, tokens[1:], strict=False))
    return out


@dataclass(frozen=True)
class Suggestion:
    code: str
    name: str
    kind: str
    score: float
    matched: str


class Suggester:
    def __init__(self, catalog: Catalog) -> None:
        self.entries: list[Category | Topic] = [*catalog.categories, *catalog.topics]
        # weight[entry][term] = best weight of a phrase of the entry containing term
        self._weights: list[dict[str, float]] = []
        self._phrases: list[list[tuple[str, float]]] = []
        document_frequency: dict[str, int] = defaultdict(int)
        for entry in self.entries:
            weights: dict[str, float] = {}
            phrases: list[tuple[str, float]] = []
            for text, weight in self._phrases_of(entry):
                phrases.append((" ".join(words(text)), weight))
                for term in _with_compounds(terms(text)):
                    weights[term] = max(weights.get(term, 0.0), weight)
            self._weights.append(weights)
            self._phrases.append(phrases)
            for term in weights:
                document_frequency[term] += 1
        n = len(self.entries)
        self._idf = {t: math.log(1 + n / df) for t, df in document_frequency.items()}
        self._vocabulary = sorted(self._idf)
        self._postings: dict[str, list[int]] = defaultdict(list)
        for i, weights in enumerate(self._weights):
            for term in weights:
                self._postings[term].append(i)

    @staticmethod
    def _phrases_of(entry: Category | Topic) -> Iterable[tuple[str, float]]:
        yield entry.name, NAME_WEIGHT
        for synonym in entry.synonyms:
            yield synonym, SYNONYM_WEIGHT
        for example in entry.examples:
            yield example, EXAMPLE_WEIGHT

    def _expand(self, term: str, *, last: bool) -> list[tuple[str, float]]:
        """Vocabulary terms similar to ``term`` with a similarity in 0..1."""
        found: dict[str, float] = {}
        if term in self._idf:
            found[term] = 1.0
        if len(term) >= 4:
            for match, score, _ in process.extract(
                term, self._vocabulary, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF, limit=5
            ):
                found[match] = max(found.get(match, 0.0), score / 100.0)
        if last and len(term) >= PREFIX_MIN:
            # the word being typed: "pothol" -> "pothole"
            for vocab in self._vocabulary:
                if vocab.startswith(term) and vocab != term:
                    found[vocab] = max(found.get(vocab, 0.0), 0.9 * len(term) / len(vocab) + 0.1)
        return sorted(found.items(), key=lambda kv: -kv[1])

    def suggest(self, text: str, *, limit: int = 5, kinds: Iterable[str] | None = None) -> list[Suggestion]:
        query_terms = terms(text)
        if not query_terms:
            return []
        ends_mid_word = bool(text) and not text[-1].isspace()
        # Single words plus adjacent pairs joined ("street light" -> "streetlight").
        candidates: list[tuple[str, bool]] = [
            (t, ends_mid_word and i == len(query_terms) - 1) for i, t in enumerate(query_terms)
        ]
        pairs = [a + b for a, b in zip(query_terms, query_terms[1:], strict=False)]
        scores: dict[int, float] = defaultdict(float)
        best_terms: dict[int, list[str]] = defaultdict(list)
        total = 0.0
        for term, last in candidates + [(p, False) for p in pairs]:
            expansions = self._expand(term, last=last)
            is_pair = term in pairs and term not in query_terms
            if not expansions:
                if not is_pair:
                    total += math.log(1 + len(self.entries))  # an unknown word dilutes the score
                continue
            top_idf = max(self._idf[v] for v, _ in expansions)
            if not is_pair:
                total += top_idf
            per_entry: dict[int, tuple[float, str]] = {}
            for vocab, similarity in expansions:
                idf = self._idf[vocab]
                for i in self._postings[vocab]:
                    value = similarity * idf * self._weights[i][vocab] / NAME_WEIGHT
                    if value > per_entry.get(i, (0.0, ""))[0]:
                        per_entry[i] = (value, vocab)
            for i, (value, vocab) in per_entry.items():
                scores[i] += value
                best_terms[i].append(vocab)
        if not scores or total <= 0:
            return []
        allowed = set(kinds) if kinds is not None else None
        query_phrase = " ".join(words(text))
        results: list[Suggestion] = []
        for i, raw in scores.items():
            entry = self.entries[i]
            if allowed is not None and entry.kind not in allowed:
                continue
            term_score = min(1.0, raw / total)
            phrase, bonus = self._phrase_bonus(i, query_phrase)
            score = round(100.0 * min(1.0, 0.8 * term_score + 0.2 * bonus), 1)
            results.append(
                Suggestion(
                    code=entry.code,
                    name=entry.name,
                    kind=entry.kind,
                    score=score,
                    matched=phrase or ", ".join(dict.fromkeys(best_terms[i])),
                )
            )
        results.sort(key=lambda s: (-s.score, s.name))
        return results[:limit]

    def _phrase_bonus(self, index: int, query: str) -> tuple[str, float]:
        best, best_phrase = 0.0, ""
        for phrase, weight in self._phrases[index]:
            if len(phrase) < 4:
                continue
            similarity = fuzz.partial_ratio(phrase, query) / 100.0 if len(phrase) <= len(query) else fuzz.ratio(phrase, query) / 100.0
            value = similarity * (0.85 + 0.05 * weight)
            if value > best:
                best, best_phrase = value, phrase
        return best_phrase if best >= 0.8 else "", max(0.0, (best - 0.6) / 0.4)
