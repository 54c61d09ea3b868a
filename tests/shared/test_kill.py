"""A console killed (SIGKILL) in the middle of saving loses nothing that was saved, leaves
nothing half-written, and its draft comes back and saves exactly once."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from csc_console.db.models import ServiceRequest, WorkOrder
from csc_console.services.callers import CallerInput
from csc_console.services.drafts import DraftStore
from csc_console.services.requests import NewRequest, create_request

ROOT = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("CSC_KILL_ROUNDS", "3"))  # bench/bench_shared.py does 100
POTHOLE = {"location_in_street": "2", "size": "medium", "hazard": "no"}


def test_sigkill_while_saving(admin_ctx: Any, db_url: str, tmp_path: Path) -> None:
    rng = random.Random(7311)
    drafts = DraftStore("admin", tmp_path / "drafts")
    resumed = 0
    for _ in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "shared" / "kill_worker.py"), db_url, str(tmp_path / "drafts")],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == b"ready", child.stderr.read() if child.stderr else b""
        time.sleep(rng.uniform(0.05, 0.6))
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        # The draft on disk is whole (atomic rename) or absent; it never holds half a write.
        draft = drafts.load("current-call")
        assert not list((tmp_path / "drafts").rglob("*.damaged"))
        if draft is not None:
            resumed += 1
            again = create_request(admin_ctx, NewRequest(category="potholes", address=draft["address"], answers=POTHOLE,
                                                         caller=CallerInput(phone="626-555-0101"), client_key=draft["key"]))
            assert again.work_orders
            drafts.delete("current-call")
    with admin_ctx.db.session() as s:
        requests = s.scalar(select(func.count()).select_from(ServiceRequest))
        keys = s.scalar(select(func.count(func.distinct(ServiceRequest.client_key))))
        numbers = s.scalar(select(func.count(func.distinct(ServiceRequest.number))))
        orders = s.scalar(select(func.count()).select_from(WorkOrder))
        orphans = s.scalar(select(func.count()).select_from(ServiceRequest).where(~ServiceRequest.id.in_(select(WorkOrder.request_id))))
    assert requests and requests == keys == numbers  # nothing duplicated
    assert orders == requests and orphans == 0  # nothing half-written: every request has its order
    print(f"{KILLS} kills, {requests} requests saved, {resumed} drafts resumed")
