"""Addresses checked against the city's street file, with suggestions for near misses.

A typed address ("1200 north lake avenue", "1200 N. Lake Av", "lake and colorado") is parsed into
house number, direction, street name and suffix, normalised the USPS way (NORTH -> N,
AVENUE -> AVE), and matched against ``data/streets.csv``. The result says whether the address
is verified, which street and block it is on, who supplies its electricity (for the Edison
redirect), and, when it is not verified, the closest streets to offer.

Street keys (``N LAKE AVE``) and house numbers are what duplicate detection searches on.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz, process

from csc_console.catalog.schema import Street

DIRECTIONS = {
    "n": "N", "north": "N", "s": "S", "south": "S", "e": "E", "east": "E", "w": "W", "west": "W",
}
SUFFIXES = {
    "alley": "ALY", "aly": "ALY", "avenue": "AVE", "ave": "AVE", "av": "AVE", "avn": "AVE",
    "boulevard": "BLVD", "blvd": "BLVD", "blv": "BLVD", "bl": "BLVD", "circle": "CIR", "cir": "CIR",
    "court": "CT", "ct": "CT", "crescent": "CRES", "cres": "CRES", "drive": "DR", "dr": "DR",
    "drv": "DR", "highway": "HWY", "hwy": "HWY", "lane": "LN", "ln": "LN", "parkway": "PKWY",
    "pkwy": "PKWY", "pky": "PKWY", "place": "PL", "pl": "PL", "plaza": "PLZ", "plz": "PLZ",
    "road": "RD", "rd": "RD", "square": "SQ", "sq": "SQ", "street": "ST", "st": "ST", "str": "ST",
    "terrace": "TER", "ter": "TER", "terr": "TER", "trail": "TRL", "trl": "TRL", "walk": "WALK",
    "way": "WAY", "wy": "WAY", "row": "ROW", "mall": "MALL", "path": "PATH", "loop": "LOOP",
    "point": "PT", "pt": "PT", "glen": "GLN", "gln": "GLN", "knoll": "KNL", "knl": "KNL",
    "canyon": "CYN", "cyn": "CYN", "vista": "VIS", "vis": "VIS", "view": "VW", "vw": "VW",
    "ridge": "RDG", "rdg": "RDG", "heights": "HTS", "hts": "HTS", "oval": "OVAL", "crest": "CRST",
    "crst": "CRST",
}
_UNIT = re.compile(r"\s*(?:#|\b(?:apt|apartment|unit|ste|suite|spc|space)\b\.?)\s*([a-z0-9-]+)\s*$", re.I)
_NUMBER = re.compile(r"^\s*(\d{1,6})(?:(?:\s+|-)?1/2|-\d+)?([a-z])?(?=[\s,]|$)[\s,]*", re.I)
_INTERSECTION = re.compile(r"\s+(?:and|&|at|@|/|x)\s+", re.I)
_CLEAN = re.compile(r"[^a-z0-9 ]+")
_CITY_TAIL = re.compile(r",?\s*(pasadena)?\s*,?\s*(ca|california)?\s*,?\s*(9\d{4})?\s*$", re.I)

Status = Literal["verified", "intersection", "ambiguous", "out_of_range", "no_number", "unknown_street", "empty"]


@dataclass(frozen=True)
class ParsedAddress:
    number: int | None
    direction: str | None
    name: str
    suffix: str | None
    unit: str | None


@dataclass(frozen=True)
class StreetName:
    """One street of the file, normalised."""

    key: str  # "N LAKE AVE"
    display: str  # "N Lake Ave" (as the file writes it)
    direction: str | None
    name: str  # "LAKE"
    suffix: str | None
    blocks: tuple[Street, ...]

    def block_for(self, number: int) -> Street | None:
        return next((b for b in self.blocks if b.low <= number <= b.high), None)


@dataclass(frozen=True)
class AddressCheck:
    status: Status
    typed: str
    address: str | None = None  # canonical display, e.g. "1200 N Lake Ave"
    street_key: str | None = None
    house_number: int | None = None
    zip: str | None = None
    electric_provider: str | None = None
    cross_street_key: str | None = None
    suggestions: tuple[str, ...] = field(default_factory=tuple)
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.status in ("verified", "intersection")

    @property
    def address_key(self) -> str | None:
        if self.street_key is None:
            return None
        if self.house_number is not None:
            return f"{self.house_number} {self.street_key}"
        if self.cross_street_key:
            return " & ".join(sorted((self.street_key, self.cross_street_key)))
        return self.street_key


def _tokens(text: str) -> list[str]:
    return _CLEAN.sub(" ", text.lower().replace(".", "")).split()


def parse_street(text: str) -> tuple[str | None, str, str | None]:
    """(direction, NAME, suffix) of a street name such as "north lake avenue"."""
    toks = _tokens(text)
    direction = None
    # "North St" is a street called North, not a northern street called St.
    if toks and toks[0] in DIRECTIONS and (len(toks) > 2 or (len(toks) == 2 and toks[1] not in SUFFIXES)):
        direction = DIRECTIONS[toks.pop(0)]
    suffix = None
    if len(toks) > 1 and toks[-1] in SUFFIXES:
        suffix = SUFFIXES[toks.pop()]
    if direction is None and len(toks) > 1 and toks[-1] in DIRECTIONS and toks[-1] not in ("e", "w", "n", "s"):
        direction = DIRECTIONS[toks.pop()]
    return direction, " ".join(toks).upper(), suffix


def parse_address(text: str) -> ParsedAddress:
    raw = _CITY_TAIL.sub("", text.strip())
    unit = None
    m = _UNIT.search(raw)
    if m:
        unit = m.group(1).upper()
        raw = raw[: m.start()]
    number = None
    m = _NUMBER.match(raw)
    if m:
        number = int(m.group(1))
        raw = raw[m.end():]
    direction, name, suffix = parse_street(raw)
    return ParsedAddress(number=number, direction=direction, name=name, suffix=suffix, unit=unit)


def _key(direction: str | None, name: str, suffix: str | None) -> str:
    return " ".join(p for p in (direction, name, suffix) if p)


class StreetIndex:
    """The street file, indexed for exact and fuzzy lookups."""

    def __init__(self, streets: Sequence[Street]) -> None:
        grouped: dict[str, list[Street]] = defaultdict(list)
        display: dict[str, str] = {}
        parts: dict[str, tuple[str | None, str, str | None]] = {}
        for block in streets:
            d, n, s = parse_street(block.name)
            key = _key(d, n, s)
            grouped[key].append(block)
            display.setdefault(key, block.name)
            parts[key] = (d, n, s)
        self.streets: dict[str, StreetName] = {
            key: StreetName(key, display[key], *parts[key], blocks=tuple(sorted(blocks, key=lambda b: b.low)))
            for key, blocks in grouped.items()
        }
        self._by_name: dict[str, list[StreetName]] = defaultdict(list)
        for street in self.streets.values():
            self._by_name[street.name].append(street)
        self._names = sorted(self._by_name)

    def __len__(self) -> int:
        return len(self.streets)

    def candidates(self, direction: str | None, name: str, suffix: str | None) -> list[StreetName]:
        """Streets with this name, narrowed by direction and suffix when given."""
        found = self._by_name.get(name, [])
        if direction:
            found = [s for s in found if s.direction in (direction, None)] or []
        if suffix:
            found = [s for s in found if s.suffix in (suffix, None)] or []
        return found

    def similar(self, name: str, *, limit: int = 5) -> list[StreetName]:
        if not name:
            return []
        matches = process.extract(name, self._names, scorer=fuzz.WRatio, limit=limit, score_cutoff=70)
        out: list[StreetName] = []
        for match, _score, _ in matches:
            out.extend(sorted(self._by_name[match], key=lambda s: s.key))
        return out[:limit]

    def _one_street(self, text: str) -> tuple[list[StreetName], ParsedAddress]:
        parsed = parse_address(text)
        return self.candidates(parsed.direction, parsed.name, parsed.suffix), parsed

    def check(self, text: str) -> AddressCheck:
        typed = (text or "").strip()
        if not typed:
            return AddressCheck("empty", typed, message="The address is empty.")
        parts = _INTERSECTION.split(typed, maxsplit=1)
        if len(parts) == 2 and not _NUMBER.match(parts[0]):
            return self._intersection(typed, parts[0], parts[1])
        found, parsed = self._one_street(typed)
        if not found:
            near = self.similar(parsed.name)
            return AddressCheck(
                "unknown_street",
                typed,
                house_number=parsed.number,
                suggestions=tuple(self._with_number(parsed.number, s) for s in near),
                message=f"No street called {_key(parsed.direction, parsed.name.title(), parsed.suffix) or typed!r} in the city's street file."
                + (" Did you mean " + _or_list([self._with_number(parsed.number, s) for s in near]) + "?" if near else ""),
            )
        if parsed.number is not None:
            in_range = [s for s in found if s.block_for(parsed.number)]
            if len(in_range) == 1:
                return self._verified(typed, in_range[0], parsed)
            if not in_range:
                ranges = "; ".join(f"{s.display} {s.blocks[0].low}-{s.blocks[-1].high}" for s in found)
                return AddressCheck(
                    "out_of_range",
                    typed,
                    street_key=found[0].key if len(found) == 1 else None,
                    house_number=parsed.number,
                    suggestions=tuple(s.display for s in found),
                    message=f"{parsed.number} is outside the house numbers of {ranges}.",
                )
            found = in_range
        if len(found) > 1:
            options = [self._with_number(parsed.number, s) for s in found]
            return AddressCheck(
                "ambiguous",
                typed,
                house_number=parsed.number,
                suggestions=tuple(options),
                message="Which one: " + _or_list(options) + "?",
            )
        street = found[0]
        if parsed.number is None:
            return AddressCheck(
                "no_number",
                typed,
                address=street.display,
                street_key=street.key,
                suggestions=(street.display,),
                message=f"{street.display} needs a house number (or give a cross street: {street.display} and ...).",
            )
        return self._verified(typed, street, parsed)

    @staticmethod
    def _with_number(number: int | None, street: StreetName) -> str:
        return f"{number} {street.display}" if number is not None else street.display

    def _verified(self, typed: str, street: StreetName, parsed: ParsedAddress) -> AddressCheck:
        assert parsed.number is not None
        block = street.block_for(parsed.number)
        address = f"{parsed.number} {street.display}"
        if parsed.unit:
            address += f" #{parsed.unit}"
        return AddressCheck(
            "verified",
            typed,
            address=address,
            street_key=street.key,
            house_number=parsed.number,
            zip=block.zip if block else None,
            electric_provider=block.electric_provider if block else None,
            message=f"Verified: {address}" + (f", {block.zip}" if block and block.zip else "") + ".",
        )

    @staticmethod
    def _one_name(found: list[StreetName]) -> tuple[str, str] | None:
        """(key, display) for a cross street: "N Lake Ave" and "S Lake Ave" meet Colorado at
        the same corner, so a name that only differs by direction is one street here."""
        if len(found) == 1:
            return found[0].key, found[0].display
        if found and len({(s.name, s.suffix) for s in found}) == 1:
            name = found[0].name.title() + (f" {found[0].suffix.title()}" if found[0].suffix else "")
            return _key(None, found[0].name, found[0].suffix), name
        return None

    def _intersection(self, typed: str, first: str, second: str) -> AddressCheck:
        a, pa = self._one_street(first)
        b, pb = self._one_street(second)
        one_a, one_b = self._one_name(a), self._one_name(b)
        if one_a and one_b:
            address = f"{one_a[1]} & {one_b[1]}"
            block = a[0].blocks[0]
            return AddressCheck(
                "intersection",
                typed,
                address=address,
                street_key=one_a[0],
                cross_street_key=one_b[0],
                zip=block.zip,
                electric_provider=block.electric_provider,
                message=f"Verified intersection: {address}.",
            )
        problems = []
        suggestions: list[str] = []
        for found, parsed, part in ((a, pa, first), (b, pb, second)):
            if self._one_name(found):
                continue
            options = found or self.similar(parsed.name)
            suggestions.extend(s.display for s in options)
            label = part.strip()
            if found:
                problems.append(f"which {label!r}: " + _or_list([s.display for s in found]))
            else:
                problems.append(f"no street called {label!r}" + (" (did you mean " + _or_list([s.display for s in options]) + "?)" if options else ""))
        return AddressCheck(
            "ambiguous" if (a and b) else "unknown_street",
            typed,
            suggestions=tuple(dict.fromkeys(suggestions)),
            message="Intersection not verified: " + "; ".join(problems) + ".",
        )


def _or_list(items: Sequence[str]) -> str:
    items = list(dict.fromkeys(items))
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]
