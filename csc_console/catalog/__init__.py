"""Reference data: categories, topics, departments, units, statuses, relay, calendar, streets."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from csc_console.catalog.catalog import Catalog
from csc_console.catalog.loader import load_catalog

__all__ = ["Catalog", "get_catalog", "load_catalog"]


@lru_cache(maxsize=4)
def get_catalog(data_dir: Path | None = None) -> Catalog:
    """The catalog for ``data_dir`` (None: the shipped data), loaded and validated once."""
    return load_catalog(data_dir)
