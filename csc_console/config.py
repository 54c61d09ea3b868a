"""Settings: one validated, immutable object built from three sources.

Highest priority first: command-line values (keyword arguments to ``load_settings``), the
environment (``CSC_*``), the config file at ``platformdirs.user_config_path("csc-console")
/config.toml`` (or ``CSC_CONFIG``), then the defaults below.

Settings are read before the first screen paints, so this module is deliberately light: a
frozen dataclass with explicit checks instead of pydantic-settings, whose import alone costs
about 0.3 s (measured by bench/bench_startup.py; the start-up budget is 1.5x a bare Textual
app). Every problem becomes one ``ConfigError`` naming the setting and where it came from.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Literal, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from csc_console import paths
from csc_console.errors import ConfigError

ThemeName = Literal["csc-dark", "csc-light", "csc-high-contrast", "csc-ansi"]
THEMES: tuple[str, ...] = get_args(ThemeName)
ENV_PREFIX = "CSC_"


def config_path() -> Path:
    override = os.environ.get("CSC_CONFIG")
    return Path(override).expanduser() if override else paths.config_file()


@dataclass(frozen=True)
class Settings:
    #: SQLAlchemy URL; None means the local SQLite file in the user data directory.
    database_url: str | None = None
    #: Sign in directly as this operator.
    operator: str | None = None
    #: Start the line-oriented screen-reader mode.
    screen_reader: bool = False
    #: Plain look: no borders or decoration.
    plain: bool = False
    theme: ThemeName = "csc-dark"
    timezone: str = "America/Los_Angeles"
    #: A folder whose files replace the shipped reference data (e.g. the city's street file).
    data_dir: Path | None = None
    service_level_seconds: int = 30
    short_abandon_seconds: int = 5

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def resolved_database_url(self) -> str:
        return self.database_url or paths.default_database_url()


FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Settings))


# --------------------------------------------------------------------------- value checks
def _text(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("must be text")
    return value.strip() or None


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        low = value.strip().lower()
        if low in ("1", "true", "yes", "on"):
            return True
        if low in ("0", "false", "no", "off", ""):
            return False
    raise ValueError("must be true or false (1/0, yes/no, on/off)")


def _int_between(low: int, high: int) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        if isinstance(value, bool):
            raise ValueError("must be a whole number")
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ValueError("must be a whole number") from None
        if not low <= number <= high:
            raise ValueError(f"must be between {low} and {high}")
        return number

    return check


def _theme(value: Any) -> str:
    if value not in THEMES:
        raise ValueError(f"must be one of {', '.join(THEMES)}")
    return str(value)


def _zone(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("must be a time zone name such as America/Los_Angeles")
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {value!r}") from None
    return value


def _path(value: Any) -> Path | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str | Path):
        raise ValueError("must be a folder path")
    return Path(value).expanduser()


CHECKS: dict[str, Callable[[Any], Any]] = {
    "database_url": _text,
    "operator": _text,
    "screen_reader": _bool,
    "plain": _bool,
    "theme": _theme,
    "timezone": _zone,
    "data_dir": _path,
    "service_level_seconds": _int_between(1, 3600),
    "short_abandon_seconds": _int_between(0, 600),
}


# --------------------------------------------------------------------------- sources
def _from_file(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"The config file {path} is not valid TOML: {exc}.") from None
    except OSError as exc:
        raise ConfigError(f"Cannot read the config file {path}: {exc.strerror}.") from None
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise ConfigError(
            f"The config file {path} has an unknown setting {unknown[0]!r}.",
            hint=f"Known settings: {', '.join(FIELDS)}.",
        )
    url = data.get("database_url")
    if isinstance(url, str) and url:
        # Imported here: SQLAlchemy is heavy and the first screen must paint before it loads.
        from sqlalchemy.engine import make_url

        try:
            has_password = make_url(url).password is not None
        except Exception:  # an unparsable URL is reported when it is used
            has_password = False
        if has_password:
            raise ConfigError(
                f"The config file {path} holds a database password in plain text.",
                hint="Remove it from database_url and use a ~/.pgpass file, a PostgreSQL "
                "service file (PGSERVICE) or the PGPASSWORD environment variable.",
            )
    return data


def _from_environment() -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in FIELDS:
        raw = os.environ.get(ENV_PREFIX + name.upper())
        if raw is not None and raw != "":
            values[name] = raw
    return values


def load_settings(**overrides: Any) -> Settings:
    """Merge file, environment and overrides, checking every value."""
    path = config_path()
    merged: dict[str, tuple[Any, str]] = {}
    for origin, values in (
        (f"the config file {path}", _from_file(path)),
        ("the environment", _from_environment()),
        ("the command line", {k: v for k, v in overrides.items() if v is not None}),
    ):
        for key, value in values.items():
            merged[key] = (value, origin)
    checked: dict[str, Any] = {}
    for key, (value, origin) in merged.items():
        if key not in CHECKS:
            raise ConfigError(f"Unknown setting {key!r} from {origin}.")
        try:
            checked[key] = CHECKS[key](value)
        except ValueError as exc:
            where = f"CSC_{key.upper()}" if origin == "the environment" else key
            raise ConfigError(f"Setting {where} from {origin} is invalid: {exc}.") from None
    return Settings(**checked)
