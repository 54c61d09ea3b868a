"""Load and validate the reference data.

The shipped files live in ``csc_console/data`` (``data/`` in a checkout). A city can replace
any of them by putting a file with the same relative path in its own folder and pointing
``data_dir`` (``CSC_DATA_DIR``) at it; files it does not provide come from the shipped set.

Every problem becomes a ``DataFileError`` naming the file, the entry and the field.
"""

from __future__ import annotations

import csv
import tomllib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from csc_console.catalog.catalog import Catalog
from csc_console.catalog.schema import (
    CalendarDef,
    Category,
    Department,
    DispatchStatus,
    RelayReference,
    Street,
    Topic,
    UnitDef,
)
from csc_console.errors import DataFileError
from csc_console.paths import packaged_data_dir

M = TypeVar("M", bound=BaseModel)

FILES = {
    "departments": "catalog/departments.toml",
    "categories": "catalog/categories.toml",
    "topics": "catalog/topics.toml",
    "units": "catalog/units.toml",
    "dispatch": "catalog/dispatch.toml",
    "relay": "catalog/relay.toml",
    "calendar": "calendar.toml",
    "streets": "streets.csv",
}


STREET_COLUMNS = ("name", "low", "high", "zip", "electric_provider")


class _Files:
    def __init__(self, override: Path | None) -> None:
        self.shipped = packaged_data_dir()
        self.override = override
        if override is not None and not override.is_dir():
            raise DataFileError(
                f"The reference data folder {override} (data_dir / CSC_DATA_DIR) does not exist "
                "or is not a folder."
            )

    def sources(self) -> dict[str, Path]:
        return {key: self.path(key) for key in FILES}

    def path(self, key: str) -> Path:
        rel = FILES[key]
        if self.override is not None and (self.override / rel).is_file():
            return self.override / rel
        return self.shipped / rel


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise DataFileError(f"Reference data file {path} is missing.") from None
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(f"Reference data file {path} is not valid TOML: {exc}.") from None
    except OSError as exc:
        raise DataFileError(f"Cannot read reference data file {path}: {exc.strerror}.") from None


def _field(loc: Iterable[Any]) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"[{part + 1}]")
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts) or "(whole entry)"


def _entry_label(kind: str, index: int, raw: Any) -> str:
    ident = None
    if isinstance(raw, Mapping):
        ident = raw.get("code") or raw.get("call_sign") or raw.get("name") or raw.get("abbreviation")
    return f"{kind} {ident!r} (#{index + 1})" if ident else f"{kind} #{index + 1}"


def _fail(path: Path, entry: str, exc: PydanticValidationError) -> DataFileError:
    err = exc.errors()[0]
    more = len(exc.errors()) - 1
    extra = f" (and {more} more problem{'s' if more != 1 else ''})" if more else ""
    return DataFileError(
        f"Reference data error in {path}: {entry}, field '{_field(err['loc'])}': {err['msg']}{extra}."
    )


def _entries(path: Path, data: dict[str, Any], table: str, model: type[M]) -> list[M]:
    raw_list = data.get(table)
    if not isinstance(raw_list, list) or not raw_list:
        raise DataFileError(f"Reference data error in {path}: no [[{table}]] entries found.")
    out: list[M] = []
    for i, raw in enumerate(raw_list):
        try:
            out.append(model.model_validate(raw))
        except PydanticValidationError as exc:
            raise _fail(path, _entry_label(table, i, raw), exc) from None
    return out


def _unique(path: Path, table: str, items: Iterable[Any], key: Callable[[Any], str]) -> None:
    seen: set[str] = set()
    for item in items:
        k = key(item).lower()
        if k in seen:
            raise DataFileError(f"Reference data error in {path}: {table} {key(item)!r} appears twice.")
        seen.add(k)


def _read_streets(path: Path) -> list[Street]:
    try:
        fh = path.open(newline="", encoding="utf-8")
    except OSError as exc:
        raise DataFileError(f"Cannot read the street file {path}: {exc.strerror}.") from None
    with fh:
        lines = (line for line in fh if line.strip() and not line.lstrip().startswith("#"))
        reader = csv.DictReader(lines)
        if reader.fieldnames is None or "name" not in reader.fieldnames:
            raise DataFileError(
                f"Reference data error in {path}: the first line must be a header with at least "
                "a 'name' column (name,low,high,zip,electric_provider)."
            )
        unknown = [c for c in reader.fieldnames if c and c.strip() not in STREET_COLUMNS]
        if unknown:
            raise DataFileError(
                f"Reference data error in {path}: unknown column {unknown[0]!r} in the header; "
                f"the columns are {','.join(STREET_COLUMNS)}."
            )
        streets: list[Street] = []
        for i, row in enumerate(reader):
            clean = {k: v.strip() for k, v in row.items() if k and v and v.strip()}
            try:
                streets.append(Street.model_validate(clean))
            except PydanticValidationError as exc:
                raise _fail(path, _entry_label("street", i, clean), exc) from None
    if not streets:
        raise DataFileError(f"Reference data error in {path}: the street file lists no streets.")
    return streets


def load_catalog(data_dir: Path | None = None) -> Catalog:
    files = _Files(data_dir)

    p = files.path("departments")
    departments = _entries(p, _read_toml(p), "department", Department)
    _unique(p, "department", departments, lambda d: d.code)

    p = files.path("categories")
    categories = _entries(p, _read_toml(p), "category", Category)
    _unique(p, "category", categories, lambda c: c.code)
    _unique(p, "category", categories, lambda c: c.name)

    p = files.path("topics")
    topics = _entries(p, _read_toml(p), "topic", Topic)
    _unique(p, "topic", topics, lambda t: t.code)
    _unique(p, "topic", topics, lambda t: t.name)

    p = files.path("units")
    units = _entries(p, _read_toml(p), "unit", UnitDef)
    _unique(p, "unit", units, lambda u: u.call_sign)

    p = files.path("dispatch")
    statuses = _entries(p, _read_toml(p), "status", DispatchStatus)
    _unique(p, "status", statuses, lambda s: s.code)
    _unique(p, "status key", [k for s in statuses for k in s.keys], lambda k: k)

    p = files.path("relay")
    raw_relay = _read_toml(p)
    try:
        relay = RelayReference.model_validate(
            {
                "types": raw_relay.get("type", []),
                "shorthand": raw_relay.get("shorthand", []),
                "etiquette": raw_relay.get("etiquette", []),
                "providers": raw_relay.get("providers", []),
            }
        )
    except PydanticValidationError as exc:
        raise _fail(p, "relay reference", exc) from None

    p = files.path("calendar")
    try:
        calendar = CalendarDef.model_validate(_read_toml(p))
    except PydanticValidationError as exc:
        raise _fail(p, "calendar", exc) from None

    streets = _read_streets(files.path("streets"))

    catalog = Catalog(
        departments=departments,
        categories=categories,
        topics=topics,
        units=units,
        dispatch_statuses=statuses,
        relay=relay,
        calendar=calendar,
        streets=streets,
        sources=files.sources(),
    )
    _cross_check(files, catalog)
    return catalog


def _cross_check(files: _Files, catalog: Catalog) -> None:
    """References between files: departments, divisions, crews, redirect targets, holidays."""
    _check_categories(files, catalog)
    _check_topics(files, catalog)
    p = files.path("units")
    for unit in catalog.units:
        where = f"Reference data error in {p}: unit {unit.call_sign!r}"
        if unit.department not in {d.code for d in catalog.departments}:
            raise DataFileError(
                f"{where}, field 'department': unknown department {unit.department!r}."
            )
        dept = catalog.department(unit.department)
        if unit.division and dept.division(unit.division) is None:
            raise DataFileError(
                f"{where}, field 'division': {unit.division!r} is not a division of {dept.code!r}."
            )
    p = files.path("calendar")
    holidays = catalog.calendar.holidays
    _unique(p, "holiday", holidays, lambda h: h.name)
    names = {h.name for h in holidays}
    for h in holidays:
        if h.after is not None and h.after not in names:
            raise DataFileError(
                f"Reference data error in {p}: holiday {h.name!r}, field 'after': no holiday "
                f"named {h.after!r}."
            )
    p = files.path("relay")
    _unique(p, "relay type", catalog.relay.types, lambda t: t.code)
    _unique(p, "shorthand", catalog.relay.shorthand, lambda t: t.abbreviation)
    if not any(s.base == "available" for s in catalog.dispatch_statuses):
        raise DataFileError(
            f"Reference data error in {files.path('dispatch')}: no status has base 'available'."
        )


def _check_answers(
    where: str, field: str, cat: Category, when: Mapping[str, Iterable[str]]
) -> None:
    """Every question code named exists, and every value is one of that question's keys."""
    for qcode, values in when.items():
        question = cat.question(qcode)
        if question is None:
            raise DataFileError(f"{where}, field '{field}': no question {qcode!r}.")
        keys = question.value_keys()
        if not keys:
            continue
        for value in values:
            if value not in keys:
                raise DataFileError(
                    f"{where}, field '{field}.{qcode}': {value!r} is not one of the answers "
                    f"of question {qcode!r} ({', '.join(keys)})."
                )


def _check_routing(
    where: str,
    field: str,
    catalog: Catalog,
    department: str,
    division: str | None,
    crew: str | None,
) -> None:
    if department not in {d.code for d in catalog.departments}:
        raise DataFileError(
            f"{where}, field '{field}department': unknown department {department!r}."
        )
    dept = catalog.department(department)
    if division and dept.division(division) is None:
        raise DataFileError(
            f"{where}, field '{field}division': {division!r} is not a division of {dept.code!r}."
        )
    if crew and crew not in {u.call_sign for u in catalog.units}:
        raise DataFileError(f"{where}, field '{field}default_crew': unknown unit {crew!r}.")


def _check_categories(files: _Files, catalog: Catalog) -> None:
    dept_codes = {d.code for d in catalog.departments}
    p = files.path("categories")
    for cat in catalog.categories:
        where = f"Reference data error in {p}: category {cat.code!r}"
        _check_routing(where, "", catalog, cat.department, cat.division, cat.default_crew)
        for r in cat.redirects:
            if r.target not in dept_codes:
                raise DataFileError(
                    f"{where}, field 'redirects.{r.code}.target': unknown department {r.target!r}."
                )
            _check_answers(where, f"redirects.{r.code}.when.answer", cat, r.when.answer)
        seen: set[str] = set()
        for r in cat.redirects:
            if r.code in seen:
                raise DataFileError(
                    f"{where}, field 'redirects': redirect {r.code!r} appears twice."
                )
            seen.add(r.code)
        for i, route in enumerate(cat.routes, start=1):
            field = f"routes[{i}]."
            _check_answers(where, f"{field}when", cat, route.when)
            department = route.department or cat.department
            division = route.division
            if division is None and department == cat.department:
                division = cat.division
            _check_routing(where, field, catalog, department, division, route.default_crew)
            routing = cat.routing({k: list(v) for k, v in route.when.items()})
            if route.default_crew and not routing.work_order:
                raise DataFileError(
                    f"{where}, field '{field}default_crew': a crew is only meaningful when the "
                    "route creates a work order."
                )


def _check_topics(files: _Files, catalog: Catalog) -> None:
    dept_codes = {d.code for d in catalog.departments}
    cat_codes = {c.code for c in catalog.categories}
    p = files.path("topics")
    for topic in catalog.topics:
        where = f"Reference data error in {p}: topic {topic.code!r}"
        if topic.department not in dept_codes:
            raise DataFileError(
                f"{where}, field 'department': unknown department {topic.department!r}."
            )
        if topic.related_category and topic.related_category not in cat_codes:
            raise DataFileError(
                f"{where}, field 'related_category': unknown category {topic.related_category!r}."
            )
        if topic.code in cat_codes:
            raise DataFileError(
                f"{where}, field 'code': {topic.code!r} is already the code of a category."
            )
    cat_names = {_norm_name(c.name): c.code for c in catalog.categories}
    for topic in catalog.topics:
        clash = cat_names.get(_norm_name(topic.name))
        if clash:
            raise DataFileError(
                f"Reference data error in {p}: topic {topic.code!r}, field 'name': "
                f"{topic.name!r} is already the name of category {clash!r}."
            )


def _norm_name(name: str) -> str:
    return " ".join(name.lower().replace("-", " ").split())
