"""The shape of the reference data in data/, as pydantic models.

Every file is validated at start-up; a mistake is reported with the file, the entry and the
field (see ``catalog.loader``). Codes are lower-case slugs (``potholes``, ``pw-streets``); names
are the centre's own wording ("Potholes", "Animal Care/Control").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date, time
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Code = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000, strip_whitespace=True)]
Phone = Annotated[str, StringConstraints(min_length=3, max_length=40)]

Priority = Literal["low", "normal", "high", "urgent"]
Answers = Mapping[str, str | Sequence[str]]
"""Answers to a category's questions: question code -> value key (lists: several keys)."""

Weekday = Literal["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"]
WEEKDAYS: tuple[Weekday, ...] = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------------- organisations
class Division(_Strict):
    code: Code
    name: Text
    phone: Phone | None = None
    note: str | None = None


class Department(_Strict):
    """A city department or an outside organisation the centre routes to or refers callers to."""

    code: Code
    name: Text
    kind: Literal["city", "outside", "emergency"] = "city"
    phone: Phone | None = None
    email: str | None = None
    url: str | None = None
    hours: str | None = None
    note: str | None = None
    divisions: tuple[Division, ...] = ()

    def division(self, code: str | None) -> Division | None:
        return next((d for d in self.divisions if d.code == code), None)


# --------------------------------------------------------------------------- time spans
class Sla(_Strict):
    business_days: int | None = Field(default=None, ge=1, le=365)
    business_hours: int | None = Field(default=None, ge=1, le=2000)
    calendar_hours: int | None = Field(default=None, ge=1, le=8760)
    note: str | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Sla:
        given = [v for v in (self.business_days, self.business_hours, self.calendar_hours) if v]
        if len(given) != 1:
            raise ValueError("give exactly one of business_days, business_hours, calendar_hours")
        return self

    def describe(self) -> str:
        if self.business_days:
            return f"{self.business_days} business day{'s' if self.business_days != 1 else ''}"
        if self.business_hours:
            return f"{self.business_hours} business hours"
        return f"{self.calendar_hours} hours"


# --------------------------------------------------------------------------- questions
class Choice(_Strict):
    key: Code
    name: Text


class Question(_Strict):
    """An Open311-style attribute: what the CSR asks for this category."""

    code: Code
    prompt: Text
    datatype: Literal["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"]
    required: bool = False
    description: str | None = None
    values: tuple[Choice, ...] = ()
    min_notice: Sla | None = None
    """For a datetime question: how far ahead the date must be (warn when it is closer)."""

    @model_validator(mode="after")
    def _lists_have_values(self) -> Question:
        is_list = self.datatype in ("singlevaluelist", "multivaluelist")
        if is_list and not self.values:
            raise ValueError(f"a {self.datatype} question needs values")
        if not is_list and self.values:
            raise ValueError(f"a {self.datatype} question cannot have values")
        keys = [v.key for v in self.values]
        if len(keys) != len(set(keys)):
            raise ValueError("value keys must be unique")
        if self.min_notice is not None and self.datatype != "datetime":
            raise ValueError("min_notice is only meaningful on a datetime question")
        return self

    def value_keys(self) -> tuple[str, ...]:
        return tuple(v.key for v in self.values)


# --------------------------------------------------------------------------- redirects
def phrase_key(text: str) -> str:
    """Lower-case words separated by single spaces: how keywords are compared with text."""
    return " ".join(_NON_WORD.sub(" ", text.lower().replace("'", "")).split())


_NON_WORD = re.compile(r"[^a-z0-9]+")


class RedirectWhen(_Strict):
    """What triggers a redirect.

    Three kinds of condition: ``keywords`` (a phrase found, as whole words and ignoring case and
    punctuation, in what the caller said), ``answer`` (question code -> answer keys; any listed
    answer counts) and ``electric_provider`` (of the verified address, from the street file).
    With ``match = "any"`` (the default) one satisfied condition is enough; with ``"all"`` every
    kind of condition that is given must hold (e.g. an SCE address *and* a power problem).
    """

    keywords: tuple[Text, ...] = ()
    answer: dict[Code, tuple[str, ...]] = Field(default_factory=dict)
    electric_provider: tuple[Text, ...] = ()
    match: Literal["any", "all"] = "any"

    @model_validator(mode="after")
    def _not_empty(self) -> RedirectWhen:
        if not (self.keywords or self.answer or self.electric_provider):
            raise ValueError("a redirect needs keywords, an answer or an electric_provider")
        return self

    def matches(
        self,
        *,
        text: str = "",
        answers: Answers | None = None,
        electric_provider: str | None = None,
    ) -> bool:
        """Whether the caller's words, the answers so far and the address trigger this."""
        results: list[bool] = []
        if self.keywords:
            said = f" {phrase_key(text)} "
            results.append(any(f" {phrase_key(k)} " in said for k in self.keywords))
        if self.answer:
            given = answers or {}
            checks = []
            for code, accepted in self.answer.items():
                value = given.get(code)
                if value is None:
                    chosen: set[str] = set()
                else:
                    chosen = {value} if isinstance(value, str) else set(value)
                checks.append(bool(chosen & set(accepted)))
            results.append(any(checks) if self.match == "any" else all(checks))
        if self.electric_provider:
            provider = (electric_provider or "").upper()
            results.append(provider in {p.upper() for p in self.electric_provider})
        return any(results) if self.match == "any" else all(results)


class Redirect(_Strict):
    """Stop the normal intake and read a script: an emergency (911) or another agency."""

    code: Code
    kind: Literal["emergency", "wrong_agency", "referral"]
    target: Code
    when: RedirectWhen
    script: Text


# --------------------------------------------------------------------------- routing


class Route(_Strict):
    """Routing that depends on the caller's answers, e.g. traffic signals (not street lights) go
    to Transportation, a pothole that is a hazard is high priority. Every condition in ``when``
    must hold (question code -> accepted value keys); the first matching route wins, and the
    fields it gives replace the category's own."""

    when: dict[Code, tuple[Code, ...]]
    department: Code | None = None
    division: Code | None = None
    work_order: bool | None = None
    default_crew: str | None = None
    priority: Priority | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _useful(self) -> Route:
        if not self.when or not all(self.when.values()):
            raise ValueError("a route needs at least one question code with accepted values")
        if all(
            v is None
            for v in (
                self.department,
                self.division,
                self.work_order,
                self.default_crew,
                self.priority,
            )
        ):
            raise ValueError(
                "a route must change department, division, work_order, crew or priority"
            )
        return self

    def matches(self, answers: Answers) -> bool:
        for code, accepted in self.when.items():
            given = answers.get(code)
            if given is None:
                return False
            chosen = {given} if isinstance(given, str) else set(given)
            if not chosen & set(accepted):
                return False
        return True


class Routing(_Strict):
    """Where a request goes once the answers are known."""

    department: Code
    division: Code | None
    work_order: bool
    default_crew: str | None
    priority: Priority


# --------------------------------------------------------------------------- categories & topics
class Referral(_Strict):
    name: Text
    phone: Phone | None = None
    url: str | None = None
    note: str | None = None


class _Entry(_Strict):
    code: Code
    name: Text
    description: Text
    department: Code
    synonyms: tuple[Text, ...] = ()
    examples: tuple[Text, ...] = ()
    group: str | None = None
    note: str | None = None
    """For staff and maintainers, not read aloud: which facts are assumptions or unconfirmed."""


class Category(_Entry):
    """Something a caller reports: becomes a service request (and maybe a work order)."""

    kind: Literal["report", "service"] = "report"
    division: Code | None = None
    work_order: bool = False
    default_crew: str | None = None
    priority: Priority = "normal"
    sla: Sla
    questions: tuple[Question, ...] = ()
    redirects: tuple[Redirect, ...] = ()
    routes: tuple[Route, ...] = ()
    script: str | None = None
    accessibility: bool = False

    @model_validator(mode="after")
    def _unique_question_codes(self) -> Category:
        codes = [q.code for q in self.questions]
        dupes = {c for c in codes if codes.count(c) > 1}
        if dupes:
            raise ValueError(f"question codes repeated: {', '.join(sorted(dupes))}")
        if self.default_crew and not self.work_order:
            raise ValueError("default_crew is only meaningful when work_order = true")
        return self

    def question(self, code: str) -> Question | None:
        return next((q for q in self.questions if q.code == code), None)

    def routing(self, answers: Answers | None = None) -> Routing:
        """Department, division, work order, crew and priority for these answers."""
        route = next((r for r in self.routes if r.matches(answers or {})), None)
        if route is None:
            return Routing(
                department=self.department,
                division=self.division,
                work_order=self.work_order,
                default_crew=self.default_crew,
                priority=self.priority,
            )
        department = route.department or self.department
        if route.division is not None:
            division: str | None = route.division
        elif route.department is not None and route.department != self.department:
            division = None
        else:
            division = self.division
        work_order = self.work_order if route.work_order is None else route.work_order
        crew = route.default_crew if route.default_crew is not None else self.default_crew
        return Routing(
            department=department,
            division=division,
            work_order=work_order,
            default_crew=crew if work_order else None,
            priority=route.priority or self.priority,
        )


class Topic(_Entry):
    """Information a caller asks for: the CSR reads the script and gives the referrals."""

    kind: Literal["information"] = "information"
    script: Text
    hours: str | None = None
    referrals: tuple[Referral, ...] = ()
    related_category: Code | None = None


# --------------------------------------------------------------------------- dispatch & relay
class DispatchStatus(_Strict):
    code: Code
    name: Text
    base: Literal["available", "dispatched", "en_route", "on_scene", "returning", "out_of_service"]
    keys: tuple[Annotated[str, StringConstraints(pattern=r"^[a-z0-9]{1,8}$")], ...] = ()
    stale_after_minutes: int | None = Field(default=None, ge=1, le=24 * 60)


class UnitDef(_Strict):
    call_sign: Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9-]{1,15}$")]
    name: Text
    department: Code
    division: Code | None = None
    kind: str = "crew"


class RelayType(_Strict):
    code: Code
    name: Text
    description: Text


class RelayShorthand(_Strict):
    abbreviation: Annotated[str, StringConstraints(pattern=r"^[A-Z]{1,6}$")]
    meaning: Text
    key: str | None = None


class RelayReference(_Strict):
    types: tuple[RelayType, ...]
    shorthand: tuple[RelayShorthand, ...]
    etiquette: tuple[Text, ...]
    providers: tuple[Text, ...] = ()


# --------------------------------------------------------------------------- calendar
class HolidayRule(_Strict):
    """A holiday: a fixed date, the nth weekday of a month (n = -1 for the last), or a number of
    days after another holiday. ``observed`` moves a Saturday holiday to Friday and a Sunday one
    to Monday."""

    name: Text
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)
    weekday: Weekday | None = None
    nth: int | None = Field(default=None, ge=-1, le=5)
    after: str | None = None
    days: int | None = Field(default=None, ge=1, le=30)
    observed: bool = True
    since: int | None = None
    until: int | None = None

    @model_validator(mode="after")
    def _one_rule(self) -> HolidayRule:
        fixed = self.month is not None and self.day is not None and self.weekday is None
        nth = self.month is not None and self.weekday is not None and self.nth not in (None, 0)
        relative = self.after is not None and self.days is not None
        if [fixed, nth, relative].count(True) != 1:
            raise ValueError(
                "give either month+day, month+weekday+nth, or after+days (exactly one rule)"
            )
        return self


class Hours(_Strict):
    days: tuple[Weekday, ...]
    open: time
    close: time

    @model_validator(mode="after")
    def _ordered(self) -> Hours:
        if self.close <= self.open:
            raise ValueError("close must be after open")
        return self


class AlternateFridays(_Strict):
    """The 9/80 schedule: offices closed every other Friday, counted from ``first_closed``."""

    first_closed: date
    closes_phone_line: bool = False
    counts_for_sla: bool = True
    note: str | None = None

    @model_validator(mode="after")
    def _is_friday(self) -> AlternateFridays:
        if self.first_closed.weekday() != 4:
            raise ValueError(f"{self.first_closed} is not a Friday")
        return self


class Closure(_Strict):
    date: date
    name: Text


class CalendarDef(_Strict):
    timezone: str = "America/Los_Angeles"
    phone_hours: Hours
    business_hours: Hours
    holidays: tuple[HolidayRule, ...]
    alternate_fridays: AlternateFridays | None = None
    closures: tuple[Closure, ...] = ()


# --------------------------------------------------------------------------- streets
_STREET_WORD = re.compile(r"^[A-Za-z0-9 .'-]+$")
_ZIP = re.compile(r"^[0-9]{5}(-[0-9]{4})?$")


class Street(_Strict):
    """One street (or one block range of it) from the city's street file."""

    name: str
    low: int = 0
    high: int = 99999
    zip: str | None = None
    electric_provider: str = "PWP"

    @model_validator(mode="after")
    def _check(self) -> Street:
        if not _STREET_WORD.match(self.name):
            raise ValueError(f"street name {self.name!r} has unexpected characters")
        if self.high < self.low:
            raise ValueError("high must not be below low")
        if self.low < 0:
            raise ValueError("low must not be negative")
        if self.zip is not None and not _ZIP.match(self.zip):
            raise ValueError(f"zip {self.zip!r} is not a 5-digit ZIP code")
        return self
