"""Settings: one pydantic-settings object.

Sources, highest priority first: command-line values (passed as keyword arguments), the
environment (``CSC_*``), the config file at ``platformdirs.user_config_path("csc-console")
/config.toml`` (or ``CSC_CONFIG``), then the defaults below.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from csc_console import paths
from csc_console.errors import ConfigError

ThemeName = Literal["csc-dark", "csc-light", "csc-high-contrast", "csc-ansi"]


def config_path() -> Path:
    override = os.environ.get("CSC_CONFIG")
    return Path(override).expanduser() if override else paths.config_file()


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="CSC_",
        extra="forbid",
        validate_default=True,
    )

    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL; empty means the local SQLite file in the user data directory.",
    )
    operator: str | None = Field(default=None, description="Sign in directly as this operator.")
    screen_reader: bool = Field(default=False, description="Start the line-oriented screen-reader mode.")
    plain: bool = Field(default=False, description="Plain look: no borders or decoration.")
    theme: ThemeName = "csc-dark"
    timezone: str = "America/Los_Angeles"
    data_dir: Path | None = Field(
        default=None,
        description="A folder whose files replace the shipped reference data (e.g. the city's street file).",
    )
    service_level_seconds: int = Field(default=30, ge=1, le=3600)
    short_abandon_seconds: int = Field(default=5, ge=0, le=600)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (
            init_settings,
            env_settings,
            _CheckedTomlSource(settings_cls, toml_file=config_path()),
        )

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def resolved_database_url(self) -> str:
        return self.database_url or paths.default_database_url()


class _CheckedTomlSource(TomlConfigSettingsSource):
    """The config file, refusing a database password written into it in plain text."""

    def __call__(self) -> dict[str, Any]:
        data = super().__call__()
        url = data.get("database_url")
        if isinstance(url, str) and url:
            # Imported here: SQLAlchemy is heavy and the full-screen console must paint its
            # first screen before loading it.
            from sqlalchemy.engine import make_url

            try:
                has_password = make_url(url).password is not None
            except Exception:  # an unparsable URL is reported later, with the others
                has_password = False
            if has_password:
                raise ConfigError(
                    f"The config file {config_path()} holds a database password in plain text.",
                    hint="Remove it from database_url and use a ~/.pgpass file, a PostgreSQL "
                    "service file (PGSERVICE) or the PGPASSWORD environment variable.",
                )
        return data


def load_settings(**overrides: Any) -> Settings:
    """Build the settings, turning every problem into one readable ``ConfigError``."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**clean)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "settings"
        raise ConfigError(
            f"Setting {where} is invalid: {first['msg']}.",
            hint=f"Check CSC_{where.upper()} in the environment and {config_path()}.",
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"The config file {config_path()} is not valid TOML: {exc}.") from None
