"""Where the console keeps its files. Nothing here touches the disk at import time."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "csc-console"


def data_dir() -> Path:
    """The per-user data directory (database, drafts, logs)."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    return platformdirs.user_config_path(APP_NAME, appauthor=False)


def config_file() -> Path:
    return config_dir() / "config.toml"


def default_database_path() -> Path:
    return data_dir() / "csc.db"


def default_database_url() -> str:
    return f"sqlite:///{default_database_path()}"


def packaged_data_dir() -> Path:
    """The reference data shipped with the program.

    In a wheel it sits inside the package (``csc_console/data``); in a source checkout or an
    editable install it is the top-level ``data/`` folder beside the package.
    """
    here = Path(__file__).resolve().parent
    inside = here / "data"
    if inside.is_dir():
        return inside
    return here.parent / "data"
