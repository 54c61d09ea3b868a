"""Drafts on local disk: an unfinished call survives a crash, a closed terminal or an outage.

Each front end saves its working state (what was typed, which step) as JSON under the user
data directory, one file per operator and draft name, written atomically (temporary file,
fsync, rename) so a kill at any moment leaves either the old draft or the new one, never half.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from csc_console import paths

_SAFE = re.compile(r"[^a-z0-9._-]+")


def _safe(name: str) -> str:
    cleaned = _SAFE.sub("_", name.lower()).strip("._")
    return cleaned or "_"


class DraftStore:
    def __init__(self, operator: str, base: Path | None = None) -> None:
        self.dir = (base or paths.data_dir() / "drafts") / _safe(operator)

    def _path(self, name: str) -> Path:
        return self.dir / f"{_safe(name)}.json"

    def save(self, name: str, data: dict[str, Any]) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        target = self._path(name)
        fd, tmp = tempfile.mkstemp(dir=self.dir, prefix=".draft-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, default=str)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
            dir_fd = os.open(self.dir, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def load(self, name: str) -> dict[str, Any] | None:
        try:
            with self._path(name).open(encoding="utf-8") as fh:
                data = json.load(fh)
        except FileNotFoundError:
            return None
        except (OSError, json.JSONDecodeError):
            # A damaged draft is kept aside for a human, not silently dropped.
            broken = self._path(name)
            if broken.exists():
                broken.rename(broken.with_suffix(".damaged"))
            return None
        return data if isinstance(data, dict) else None

    def delete(self, name: str) -> None:
        self._path(name).unlink(missing_ok=True)

    def names(self) -> list[str]:
        if not self.dir.is_dir():
            return []
        return sorted(p.stem for p in self.dir.glob("*.json"))
