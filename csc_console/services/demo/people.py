"""Demo people and places: the centre's staff, callers with local phone numbers, addresses.

Phone numbers are a fixed permutation of the caller's database id over Pasadena-area numbers
(626 mostly, then 818, 323, 213, 909, 562, 747, 310), so they are unique without reading the
table, valid for the phonenumbers library, and never 555 numbers. Email addresses use the
reserved example.com/.net/.org domains.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select

from csc_console.catalog.schema import Street
from csc_console.db.models import Operator
from csc_console.db.types import utcnow
from csc_console.services.context import Ctx
from csc_console.services.operators import sign_in
from csc_console.vocab import Role

# --------------------------------------------------------------------------- staff
DEMO_STAFF: tuple[tuple[str, str, Role], ...] = (
    ("agarcia", "Ana Garcia", Role.CSR),
    ("jchen", "James Chen", Role.CSR),
    ("dkim", "Diane Kim", Role.CSR),
    ("rjohnson", "Robert Johnson", Role.CSR),
    ("tnguyen", "Thanh Nguyen", Role.CSR),
    ("lwilliams", "Linda Williams", Role.SUPERVISOR),
    ("ehernandez", "Eddie Hernandez", Role.DISPATCHER),
)


@dataclass(frozen=True)
class Staff:
    csrs: tuple[int, ...]
    supervisor: int
    dispatcher: int
    created: tuple[str, ...]  # usernames added by this load


def ensure_staff(ctx: Ctx) -> Staff:
    """The demo CSRs, supervisor and dispatcher, added if missing (audited, ORM path).

    On a database without any operator the person running the load (``--operator``) or else an
    ``admin`` operator is created first, so somebody can still administer the console.
    """
    created: list[str] = []
    with ctx.db.session() as s:
        empty = not s.scalar(select(func.count()).select_from(Operator))
    if empty:
        first = ctx.settings.operator or "admin"
        sign_in(ctx, username=first, display_name="Administrator" if first == "admin" else None)
        created.append(first)
    ids: dict[str, int] = {}
    with ctx.db.session(write=True, operator_id=ctx.operator_id, note="demo staff") as s:
        known = {o.username: o for o in s.scalars(select(Operator))}
        now = utcnow()
        for username, name, role in DEMO_STAFF:
            row = known.get(username)
            if row is None:
                row = Operator(
                    username=username,
                    display_name=name,
                    role=role.value,
                    created_at=now,
                    updated_at=now,
                )
                s.add(row)
                created.append(username)
            known[username] = row
        s.flush()
        for username, _name, _role in DEMO_STAFF:
            op_id = known[username].id
            assert op_id is not None
            ids[username] = op_id
    return Staff(
        csrs=tuple(ids[u] for u, _n, r in DEMO_STAFF if r is Role.CSR),
        supervisor=ids["lwilliams"],
        dispatcher=ids["ehernandez"],
        created=tuple(created),
    )


# --------------------------------------------------------------------------- phone numbers
# fmt: off
_626 = (
    "229", "243", "256", "296", "304", "351", "356", "357", "372", "381", "395", "396", "397", "398",
    "403", "405", "432", "440", "449", "463", "486", "493", "564", "568", "577", "578", "584", "585",
    "616", "639", "657", "660", "676", "683", "685", "696", "744", "765", "768", "773", "775", "791",
    "792", "793", "794", "795", "796", "797", "798", "799", "844", "864", "993",
)
# fmt: on
_NEARBY = {
    "818": "241 246 500 507 790 952",
    "323": "254 255 257 258 259",
    "213": "250 382 680",
    "909": "394 592 599",
    "562": "694 697",
    "747": "238",
    "310": "247",
}
PHONE_PREFIXES: tuple[str, ...] = tuple(f"626{x}" for x in _626) + tuple(
    f"{area}{x}" for area, xs in _NEARBY.items() for x in xs.split()
)
_SPACE = len(PHONE_PREFIXES) * 10_000
_MULTIPLIER = 1_000_003  # a prime larger than the space: a bijection on it
_OFFSET = 424_242


def phone_for(caller_id: int) -> str:
    """A valid-looking local number in E.164, different for every id below the space size."""
    x = (caller_id * _MULTIPLIER + _OFFSET) % _SPACE
    prefix, line = divmod(x, 10_000)
    return f"+1{PHONE_PREFIXES[prefix]}{line:04d}"


# --------------------------------------------------------------------------- names
# fmt: off
FIRST_NAMES = (
    "Maria", "Jose", "Juan", "Ana", "Luis", "Carmen", "David", "Linda", "Michael",
    "Patricia", "James", "Jennifer", "Robert", "Elizabeth", "John", "Susan", "William", "Jessica",
    "Richard", "Sarah", "Thomas", "Karen", "Daniel", "Nancy", "Anthony", "Lisa", "Mark",
    "Betty", "Steven", "Sandra", "Kevin", "Ashley", "Brian", "Emily", "Armen", "Ani",
    "Narek", "Lusine", "Wei", "Mei", "Jian", "Li", "Min-jun", "Seo-yeon", "Hiroshi",
    "Yuki", "Aisha", "Omar", "Fatima", "Kwame", "Ebony", "Tyrone", "Keisha", "Guadalupe",
    "Alejandro", "Sofia", "Diego", "Valentina", "Rosa", "Miguel", "Elena", "Francisco", "Gabriela",
)
# fmt: on
# fmt: off
LAST_NAMES = (
    "Garcia", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Perez", "Sanchez",
    "Ramirez", "Torres", "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller",
    "Davis", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "White",
    "Harris", "Martin", "Thompson", "Young", "Allen", "King", "Wright", "Scott",
    "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts",
    "Petrosyan", "Sargsyan", "Hakobyan", "Grigoryan", "Chen", "Wang", "Li", "Zhang",
    "Liu", "Kim", "Lee", "Park", "Choi", "Nguyen", "Tran", "Tanaka",
    "Suzuki", "Patel", "Shah", "Okafor", "Mensah", "Washington",
)
# fmt: on
EMAIL_DOMAINS = ("example.com", "example.net", "example.org")
LANGUAGES = (
    ("English", 0.85),
    ("Spanish", 0.96),
    ("Armenian", 0.98),
    ("Chinese", 0.99),
    ("Korean", 1.0),
)
"""Languages callers prefer, with cumulative shares."""


class AddressBook:
    """House numbers on the streets of the city's street file."""

    def __init__(
        self,
        streets: Sequence[Street],
        rng: random.Random,
        *,
        checker: Callable[[str], str | None] | None = None,
    ) -> None:
        """``checker`` gives the duplicate-check key of an address as intake computes it
        (``catalog.street_index.check(text).address_key``), so demo requests are found by the
        same duplicate search as real ones."""
        if not streets:
            raise ValueError("the street file lists no streets")
        self._rng = rng
        self._street_keys: dict[str, str] = {}
        self._ranges: list[tuple[str, int, int, str]] = []
        self._by_name: dict[str, list[tuple[int, int, str]]] = {}
        weights = []
        for st in streets:
            low = max(1, st.low)
            high = st.high if st.high < 99_999 else low + 2_999
            high = max(low, high)
            self._ranges.append((st.name, low, high, st.electric_provider))
            self._by_name.setdefault(st.name, []).append((low, high, st.electric_provider))
            if checker is not None and st.name not in self._street_keys:
                key = checker(f"{low} {st.name}")
                if key and key.startswith(f"{low} "):
                    self._street_keys[st.name] = key.removeprefix(f"{low} ")
            weights.append(min(30.0, max(1.0, (high - low) / 100.0)))
        self._cum: list[float] = []
        acc = 0.0
        for w in weights:
            acc += w
            self._cum.append(acc)
        self._total = acc

    def pick(self, *, avoid: frozenset[str] = frozenset()) -> str:
        """An address, on a street not served by an electric provider in ``avoid``."""
        for _ in range(50):
            i = bisect_right(self._cum, self._rng.random() * self._total)
            name, low, high, provider = self._ranges[min(i, len(self._ranges) - 1)]
            if provider not in avoid:
                break
        number = self._rng.randint(low, high)
        if high - low > 200:  # real house numbers cluster on round-ish values
            number = max(low, min(high, (number // 2) * 2 + self._rng.randint(0, 1)))
        return f"{number} {name}"

    def keys(self, address: str) -> tuple[str, str | None, int | None]:
        """The duplicate-check keys of an address this book made: the whole address
        ("1200 N LAKE AVE"), the street ("N LAKE AVE") and the house number."""
        number, _, name = address.partition(" ")
        street = self._street_keys.get(name)
        house = int(number) if number.isdigit() else None
        if street is None:
            return address_key(address), None, house
        return f"{number} {street}", street, house

    def provider_of(self, address: str) -> str | None:
        number, _, name = address.partition(" ")
        for low, high, provider in self._by_name.get(name, ()):
            if number.isdigit() and low <= int(number) <= high:
                return provider
        return None


def address_key(address: str) -> str:
    """A fallback duplicate-check key: upper case, no dots, single spaces."""
    return " ".join(address.upper().replace(".", "").split())


# --------------------------------------------------------------------------- callers
@dataclass
class CallerDraft:
    first_seen: int  # epoch seconds
    name: str | None
    email: str | None
    address: str | None
    language: str | None
    year: int


class CallerPool:
    """Callers across the whole load: new ones, and repeat callers (a few call very often)."""

    def __init__(self, rng: random.Random, addresses: AddressBook) -> None:
        self._rng = rng
        self._addresses = addresses
        self.drafts: list[CallerDraft] = []
        self._frequent: list[int] = []
        self.db_ids: list[int] = []  # database id of each written draft, by local index

    def new(self, at: int, year: int) -> int:
        r = self._rng
        first, last = r.choice(FIRST_NAMES), r.choice(LAST_NAMES)
        email = None
        if r.random() < 0.35:
            email = f"{first.lower()}.{last.lower()}{r.randint(1, 999)}@{r.choice(EMAIL_DOMAINS)}"
        u = r.random()
        language = next((lang for lang, upto in LANGUAGES if u < upto), "English")
        draft = CallerDraft(
            first_seen=at,
            name=f"{first} {last}" if r.random() < 0.9 else None,
            email=email,
            address=self._addresses.pick() if r.random() < 0.8 else None,
            language=language,
            year=year,
        )
        self.drafts.append(draft)
        index = len(self.drafts) - 1
        if r.random() < 0.05:
            self._frequent.append(index)
        return index

    def pick(self, at: int, year: int, *, new_share: float = 0.55) -> int:
        """A caller for a contact at ``at``: new, a frequent caller, or anyone seen before."""
        r = self._rng
        if not self.drafts or r.random() < new_share:
            return self.new(at, year)
        if self._frequent and r.random() < 0.4:
            return r.choice(self._frequent)
        return r.randrange(len(self.drafts))

    def home(self, index: int) -> str | None:
        return self.drafts[index].address
