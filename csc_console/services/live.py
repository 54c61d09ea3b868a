"""Live changes from other consoles: what someone else saved reaches this console at once.

PostgreSQL: every committed change sends a NOTIFY on ``csc_changes`` (``db.audit`` adds it to
the writing transaction, so nothing is announced that was rolled back); ``ChangeFeed`` LISTENs
on its own autocommit connection and hands each change to a callback within milliseconds.

SQLite (several consoles on one machine): ``PRAGMA data_version`` on a dedicated connection
changes when another connection commits; the feed checks it a few times a second (a cheap
read of one integer) and then reads the new ``audit_event`` rows to learn what changed.

The callback runs in the feed's thread: front ends hand it over to their own thread (Textual:
``call_from_thread``). ``on_status`` reports the connection going away and coming back, so a
console can say "Database unreachable; your work is kept" in one line.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import make_url

from csc_console.db.audit import NOTIFY_CHANNEL

POLL_SECONDS = 0.2
PING_SECONDS = 5.0
RETRY_SECONDS = (0.5, 1, 2, 5, 10)


@dataclass(frozen=True)
class Change:
    entity: str  # table name: service_request, work_order, dispatch_entry, unit, ...
    entity_id: str
    action: str  # create | update | delete


Callback = Callable[[list[Change]], None]
StatusCallback = Callable[[bool, str], None]


class ChangeFeed:
    def __init__(self, url: str, on_changes: Callback, on_status: StatusCallback | None = None) -> None:
        self.url = make_url(url)
        self.on_changes = on_changes
        self.on_status = on_status or (lambda _ok, _msg: None)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._connected: bool | None = None

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> ChangeFeed:
        target = self._run_postgres if self.url.get_backend_name() == "postgresql" else self._run_sqlite
        self._thread = threading.Thread(target=target, name="csc-change-feed", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _status(self, ok: bool, message: str) -> None:
        if ok != self._connected:
            self._connected = ok
            self.on_status(ok, message)

    def _sleep_retry(self, attempt: int) -> None:
        self._stop.wait(RETRY_SECONDS[min(attempt, len(RETRY_SECONDS) - 1)])

    # ------------------------------------------------------------------ PostgreSQL
    def _conninfo(self) -> dict[str, Any]:
        u = self.url
        info: dict[str, Any] = {"dbname": u.database, "user": u.username, "host": u.host, "port": u.port,
                                "application_name": "csc-console-feed", "connect_timeout": 5}
        if u.password:
            info["password"] = u.password
        info.update({k: v for k, v in u.query.items() if isinstance(v, str)})
        return {k: v for k, v in info.items() if v is not None}

    def _run_postgres(self) -> None:
        import psycopg

        attempt = 0
        while not self._stop.is_set():
            try:
                with psycopg.connect(autocommit=True, **self._conninfo()) as conn:
                    conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
                    self._status(True, "Live updates on.")
                    attempt = 0
                    pinged = time.monotonic()
                    while not self._stop.is_set():
                        batch: list[Change] = []
                        for note in conn.notifies(timeout=0.5, stop_after=1):
                            batch.extend(_parse_payload(note.payload))
                        if batch:
                            self.on_changes(batch)
                        elif time.monotonic() - pinged > PING_SECONDS:
                            conn.execute("SELECT 1")  # notice a dead connection promptly
                            pinged = time.monotonic()
            except Exception as exc:  # noqa: BLE001 - any failure means: reconnect
                if self._stop.is_set():
                    return
                self._status(False, f"Database unreachable ({type(exc).__name__}); your work is kept and saved when it returns.")
                self._sleep_retry(attempt)
                attempt += 1

    # ------------------------------------------------------------------ SQLite
    def _run_sqlite(self) -> None:
        path = self.url.database
        if not path or path == ":memory:":
            return
        attempt = 0
        while not self._stop.is_set():
            try:
                conn = sqlite3.connect(path, timeout=5, check_same_thread=False)
                try:
                    last_version = conn.execute("PRAGMA data_version").fetchone()[0]
                    last_id = conn.execute("SELECT COALESCE(MAX(id), 0) FROM audit_event").fetchone()[0]
                    self._status(True, "Live updates on.")
                    attempt = 0
                    while not self._stop.wait(POLL_SECONDS):
                        version = conn.execute("PRAGMA data_version").fetchone()[0]
                        if version == last_version:
                            continue
                        last_version = version
                        rows = conn.execute(
                            "SELECT id, entity, entity_id, action FROM audit_event WHERE id > ? ORDER BY id LIMIT 500",
                            (last_id,),
                        ).fetchall()
                        if rows:
                            last_id = rows[-1][0]
                            self.on_changes([Change(e, i, a) for _id, e, i, a in rows])
                finally:
                    conn.close()
            except sqlite3.Error as exc:
                if self._stop.is_set():
                    return
                self._status(False, f"Database unavailable ({exc}); your work is kept and saved when it returns.")
                self._sleep_retry(attempt)
                attempt += 1


def _parse_payload(payload: str) -> list[Change]:
    try:
        items = json.loads(payload)
    except json.JSONDecodeError:
        return []
    out = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, list) and len(item) == 3:
            out.append(Change(str(item[0]), str(item[1]), str(item[2])))
    return out

