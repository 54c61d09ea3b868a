"""A database outage against the real PostgreSQL (through a proxy we cut): the console says so,
keeps the saves locally, and writes them when the database returns, without duplicates."""

from __future__ import annotations

import time
import uuid
from dataclasses import asdict
from typing import Any

import pytest

from csc_console.config import load_settings
from csc_console.errors import DatabaseUnavailable
from csc_console.services import requests
from csc_console.services.bootstrap import open_context
from csc_console.services.callers import CallerInput
from csc_console.services.live import ChangeFeed
from csc_console.services.operators import sign_in
from csc_console.services.outbox import Outbox
from csc_console.services.requests import NewRequest
from tests.helpers.proxy import CuttableProxy

POTHOLE = {"location_in_street": "2", "size": "medium", "hazard": "no"}


def _payload(key: str, address: str) -> dict[str, Any]:
    new = NewRequest(category="potholes", address=address, answers=POTHOLE,
                     caller=CallerInput(phone="626-555-0101"), client_key=key)
    data = asdict(new)
    data["answers"] = dict(POTHOLE)
    return data


@pytest.fixture
def cut_ctx(postgres_template: str | None, admin_ctx: Any) -> Any:
    if admin_ctx.db.is_sqlite:
        pytest.skip("SQLite is a local file: there is no server connection to cut")
    if postgres_template is None:
        pytest.skip("PostgreSQL not reachable (CI=true makes this a failure)")
    proxy = CuttableProxy().start()
    ctx = open_context(load_settings(database_url=proxy.url_for(postgres_template)))
    ctx = ctx.as_operator(sign_in(ctx, username="admin"))
    yield ctx, proxy
    proxy.cut()
    ctx.db.dispose()


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_saves_queue_locally_and_replay_once(cut_ctx: Any, admin_ctx: Any, tmp_path: Any) -> None:
    ctx, proxy = cut_ctx
    statuses: list[tuple[bool, str]] = []
    feed = ChangeFeed(ctx.db.url, lambda _c: None, lambda ok, msg: statuses.append((ok, msg))).start()
    outbox = Outbox("admin", tmp_path)
    try:
        first_key = uuid.uuid4().hex
        saved = requests.create_request(ctx, NewRequest(**{**_payload(first_key, "100 N Lake Ave"), "caller": CallerInput(phone="626-555-0101")}))
        proxy.cut()
        keys = [uuid.uuid4().hex for _ in range(3)]
        for i, key in enumerate(keys):
            with pytest.raises(DatabaseUnavailable):
                requests.create_request(ctx, NewRequest(**{**_payload(key, f"{300 + i * 100} N Lake Ave"), "caller": CallerInput(phone="626-555-0101")}))
            outbox.add("create_request", _payload(key, f"{300 + i * 100} N Lake Ave"))
        # the first request is queued again too (as if its answer never arrived): no duplicate
        outbox.add("create_request", _payload(first_key, "100 N Lake Ave"))
        deadline = time.monotonic() + 10
        while not any(not ok for ok, _ in statuses) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert any(not ok and "unreachable" in msg for ok, msg in statuses)
        still_down = outbox.flush(ctx)
        assert still_down.unreachable and len(outbox) == 4
        proxy.restore()
        deadline = time.monotonic() + 15
        result = outbox.flush(ctx)
        while result.unreachable and time.monotonic() < deadline:
            time.sleep(0.2)
            result = outbox.flush(ctx)
        assert not result.unreachable and not result.failed
        assert len(outbox) == 0
        numbers = [r.number for r in requests.list_requests(admin_ctx, category="potholes")]
        assert len(numbers) == 4 and len(set(numbers)) == 4
        assert saved.number in numbers
        again = outbox.flush(ctx)
        assert again.written == []
    finally:
        feed.stop()
