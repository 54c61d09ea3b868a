"""Shared-mode load test on the local PostgreSQL: many consoles at once, then proof that
nothing was lost, duplicated or overwritten, and how fast a change reaches another console.

- N console processes (``CSC_BENCH_CONSOLES``, default 20) for T seconds
  (``CSC_BENCH_SECONDS``, default 60) create requests, add notes to shared work orders with
  optimistic locking (retrying stale edits), and log radio entries, all through the services.
  Afterwards: every successful create is there once, numbers are unique, every note any
  console was told it saved is in the history (no lost updates), every radio entry is logged.
- Write throughput: the ORM path (``dispatch.log_entry``: entry, unit status, audit, notify)
  against raw psycopg doing the same statements in one transaction, same N, same run, in
  alternating rounds (``CSC_BENCH_TP_ROUNDS``, default 4, of 5 s each) after a warm-up.
  Target: ORM throughput at least half the raw one (ratio raw/ORM <= 2).
- Notification latency: commit on one console -> ``ChangeFeed`` callback on another, against
  a bare psycopg LISTEN/NOTIFY round trip in the same run. Target: median within 3x.
- ``CSC_BENCH_KILLS`` (default 100): SIGKILL a console in the middle of saving that many times
  (tests/shared/kill_worker.py); nothing saved is lost, nothing half-written, drafts resume.

    python bench/run.py --only shared
"""

from __future__ import annotations

import multiprocessing as mp
import os
import random
import statistics
import time
import uuid
from typing import Any

from bench.common import Result

CONSOLES = int(os.environ.get("CSC_BENCH_CONSOLES", "20"))
SECONDS = float(os.environ.get("CSC_BENCH_SECONDS", "60"))
KILLS = int(os.environ.get("CSC_BENCH_KILLS", "100"))
TP_ROUNDS = int(os.environ.get("CSC_BENCH_TP_ROUNDS", "4"))
ADMIN_URL = os.environ.get("CSC_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
POTHOLE = {"location_in_street": "2", "size": "medium", "hazard": "no"}


# --------------------------------------------------------------------------- setup
def _fresh_database() -> tuple[Any, str, str]:
    from tests.helpers.dbs import PostgresServer, set_app_setting

    server = PostgresServer.connect(ADMIN_URL)
    if server is None:
        raise SystemExit(f"PostgreSQL is not reachable at {ADMIN_URL}")
    name = f"csc_bench_{uuid.uuid4().hex[:8]}"
    url = server.create_database(name)
    from csc_console.config import load_settings
    from csc_console.services.bootstrap import open_context

    ctx = open_context(load_settings(database_url=url))
    ctx.db.dispose()
    set_app_setting(url, "require_passwords", "off")
    return server, name, url


def _ctx(url: str, username: str) -> Any:
    from csc_console.config import load_settings
    from csc_console.services.bootstrap import open_context
    from csc_console.services.operators import sign_in

    ctx = open_context(load_settings(database_url=url), migrate=False)
    return ctx.as_operator(sign_in(ctx, username=username))


def _seed(url: str, consoles: int) -> list[str]:
    from csc_console.services.operators import create_operator
    from csc_console.services.requests import NewRequest, create_request

    admin = _ctx(url, "admin")
    for i in range(consoles):
        create_operator(admin, username=f"c{i}", display_name=f"Console {i}", role="dispatcher")
    orders = []
    for i in range(10):
        r = create_request(admin, NewRequest(category="potholes", address=f"{100 + i * 100} N Lake Ave", answers=POTHOLE))
        orders.append(r.work_orders[0])
    admin.db.dispose()
    return orders


# --------------------------------------------------------------------------- the consoles
def _console(args: tuple[str, int, float, list[str], Any]) -> dict[str, Any]:
    url, index, seconds, orders, start_at = args
    from csc_console.errors import StaleEditError
    from csc_console.services import dispatch
    from csc_console.services.requests import NewRequest, create_request
    from csc_console.services.workorders import Change, get_work_order, update_work_order

    ctx = _ctx(url, f"c{index}")
    rng = random.Random(index)
    units = [u.call_sign for u in ctx.catalog.units]
    made: list[str] = []
    notes: list[str] = []
    radio: list[tuple[int, float]] = []
    stale = 0
    while time.time() < start_at:
        time.sleep(0.01)
    end = time.time() + seconds
    while time.time() < end:
        roll = rng.random()
        if roll < 0.3:
            r = create_request(ctx, NewRequest(category="potholes", address=f"{100 + rng.randrange(200) * 10} N Lake Ave",
                                               answers=POTHOLE, client_key=uuid.uuid4().hex))
            made.append(r.number)
        elif roll < 0.6:
            number = rng.choice(orders)
            text = f"note {index}-{len(notes)}"
            for _ in range(50):
                version = get_work_order(ctx, number=number).version
                try:
                    update_work_order(ctx, number=number, change=Change(note=text), expected_version=version)
                    notes.append(text)
                    break
                except StaleEditError:
                    stale += 1
        else:
            saving = time.time()  # from the start of the save: the notification can arrive
            result = dispatch.log_command(ctx, f"{rng.choice(units)} copy {index}", client_key=uuid.uuid4().hex)
            radio.append((result.entry.id, saving))  # before the call has returned
    ctx.db.dispose()
    return {"made": made, "notes": notes, "radio": radio, "stale": stale}


def _listener(url: str, ready: Any, stop: Any, out: Any) -> None:
    from csc_console.services.live import ChangeFeed

    received: dict[str, float] = {}

    def on_changes(changes: list[Any]) -> None:
        now = time.time()
        for c in changes:
            if c.entity == "dispatch_entry" and c.action == "create":
                received.setdefault(c.entity_id, now)

    feed = ChangeFeed(url, on_changes, lambda ok, _m: ready.set() if ok else None).start()
    stop.wait()
    time.sleep(1.0)
    feed.stop()
    out.put(received)


# --------------------------------------------------------------------------- baselines
def _raw_worker(args: tuple[str, int, float, Any]) -> int:
    import psycopg
    from sqlalchemy.engine import make_url

    url, index, seconds, start_at = args
    unit_id = index + 1
    u = make_url(url)
    n = 0
    with psycopg.connect(host=u.host, port=u.port, user=u.username, dbname=u.database) as conn:
        while time.time() < start_at:
            time.sleep(0.01)
        end = time.time() + seconds
        while time.time() < end:
            with conn.transaction():
                conn.execute("SELECT id FROM unit WHERE id = %s FOR UPDATE", (unit_id,))
                row = conn.execute(
                    "INSERT INTO dispatch_entry (at, unit_id, direction, message) VALUES (now(), %s, 'from_unit', 'raw') RETURNING id",
                    (unit_id,),
                ).fetchone()
                conn.execute("UPDATE unit SET updated_at = now(), version = version + 1 WHERE id = %s", (unit_id,))
                conn.execute(
                    "INSERT INTO audit_event (at, entity, entity_id, action, changes) VALUES (now(), 'dispatch_entry', %s, 'create', '{}')",
                    (str(row[0]) if row else "?",),
                )
            n += 1
    return n


def _orm_radio_worker(args: tuple[str, int, float, Any]) -> int:
    url, index, seconds, start_at = args
    from csc_console.services import dispatch

    ctx = _ctx(url, f"c{index}")
    unit = ctx.catalog.units[index % len(ctx.catalog.units)].call_sign
    n = 0
    while time.time() < start_at:
        time.sleep(0.01)
    end = time.time() + seconds
    while time.time() < end:
        dispatch.log_command(ctx, f"{unit} copy")
        n += 1
    ctx.db.dispose()
    return n


def _notify_round_trips(url: str, samples: int = 200) -> list[float]:
    import psycopg
    from sqlalchemy.engine import make_url

    u = make_url(url)
    kw = {"host": u.host, "port": u.port, "user": u.username, "dbname": u.database, "autocommit": True}
    out = []
    with psycopg.connect(**kw) as listener, psycopg.connect(**kw) as sender:
        listener.execute("LISTEN bench")
        for _ in range(samples):
            t = time.perf_counter()
            sender.execute("NOTIFY bench, 'x'")
            for _n in listener.notifies(timeout=5, stop_after=1):
                pass
            out.append((time.perf_counter() - t) * 1000)
    return out


def _insert_notify_round_trips(url: str, samples: int = 200) -> list[float]:
    """Like-for-like: bare psycopg commits the same audited write as the feed case below (an
    ``audit_event`` row, whose trigger sends the NOTIFY) and a bare listener hears it. The same
    durable commit (a WAL flush) as a real save, without our code on either side."""
    import psycopg
    from sqlalchemy.engine import make_url

    from csc_console.db.audit import NOTIFY_CHANNEL

    u = make_url(url)
    kw = {"host": u.host, "port": u.port, "user": u.username, "dbname": u.database}
    out = []
    with psycopg.connect(**kw, autocommit=True) as listener, psycopg.connect(**kw) as sender:
        listener.execute(f"LISTEN {NOTIFY_CHANNEL}")
        for _ in range(samples):
            sender.execute("INSERT INTO audit_event (at, entity, entity_id, action, changes) "
                           "VALUES (now(), 'bench', '1', 'ping', '{}')")
            t = time.perf_counter()
            sender.commit()
            for _n in listener.notifies(timeout=5, stop_after=1):
                pass
            out.append((time.perf_counter() - t) * 1000)
    return out


def _feed_writer(url: str, go: Any, stamps: Any, samples: int) -> None:
    """The other console: commits an audited change whenever told to, and reports the moment
    (``time.perf_counter``, the machine's monotonic clock) just before its COMMIT went out."""
    from sqlalchemy import text

    ctx = _ctx(url, "admin")
    statement = text("INSERT INTO audit_event (at, entity, entity_id, action, changes) "
                     "VALUES (now(), 'bench', '1', 'ping', '{}')")
    try:
        for _ in range(samples):
            if not go.recv():
                break
            with ctx.db.engine.connect() as conn:
                transaction = conn.begin()
                conn.execute(statement)
                committing = time.perf_counter()
                transaction.commit()
                returned = time.perf_counter()
            stamps.send((committing, returned))
    finally:
        ctx.db.dispose()


def _feed_round_trips(url: str, samples: int = 200) -> tuple[list[float], list[float]]:
    """Commit on one console (another process, as in real use) -> ``ChangeFeed`` callback on
    this one, through the audit trigger's NOTIFY. Timed like the bare round trip, which starts
    before its NOTIFY (itself a commit) is sent: from just before the COMMIT is sent to the
    moment the callback runs. (Timed from the moment the commit returned, the callback often
    ran first: the server delivers the notification as it commits, before the commit's answer
    is read.)"""
    import threading

    got = threading.Event()
    arrived: list[float] = []
    ready = threading.Event()

    def on_changes(changes: list[Any]) -> None:
        if any(c.entity == "bench" for c in changes):
            arrived.append(time.perf_counter())
            got.set()

    feed = ChangeFeed(url, on_changes, lambda ok, _m: ready.set() if ok else None).start()
    ready.wait(10)
    spawn = mp.get_context("spawn")
    go_recv, go_send = spawn.Pipe(duplex=False)
    stamps_recv, stamps_send = spawn.Pipe(duplex=False)
    writer = spawn.Process(target=_feed_writer, args=(url, go_recv, stamps_send, samples))
    writer.start()
    out, after_return = [], []
    try:
        for _ in range(samples):
            got.clear()
            go_send.send(True)
            committing, returned = stamps_recv.recv()
            got.wait(5)
            out.append((arrived[-1] - committing) * 1000)
            after_return.append((arrived[-1] - returned) * 1000)
            time.sleep(0.002)  # let both sides settle, as the bare loop does between samples
    finally:
        go_send.send(False)
        writer.join(10)
        feed.stop()
    return out, after_return


from csc_console.services.live import ChangeFeed  # noqa: E402  (spawned workers import it too)


def _p99(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.99) - 1)]


def _pool(n: int) -> Any:
    return mp.get_context("spawn").Pool(n)


# --------------------------------------------------------------------------- run
def run(repeat: int = 7) -> list[Result]:
    server, name, url = _fresh_database()
    try:
        orders = _seed(url, CONSOLES)
        results: list[Result] = []

        # Write throughput: ORM radio path vs raw psycopg, same N. A short warm-up of each (the
        # pool's workers import and connect, statements get prepared) is not counted; then
        # alternating rounds, so that a machine slowing down or speeding up mid-run hits both.
        round_seconds = min(5.0, SECONDS)
        counts = {"raw": 0, "orm": 0}
        with _pool(CONSOLES) as pool:
            for label, seconds in [("warm", 1.0)] + [("count", round_seconds)] * TP_ROUNDS:
                for kind, worker in (("raw", _raw_worker), ("orm", _orm_radio_worker)):
                    start = time.time() + 2
                    n = sum(pool.map(worker, [(url, i, seconds, start) for i in range(CONSOLES)]))
                    if label == "count":
                        counts[kind] += n
        spent = round_seconds * TP_ROUNDS
        raw, orm = counts["raw"] / spent, counts["orm"] / spent
        results.append(Result(
            f"shared: write throughput ({CONSOLES} consoles)", 1000 / orm, 1000 / raw, 2.0,
            CONSOLES, note=f"ORM {orm:.0f}/s vs raw psycopg {raw:.0f}/s over {TP_ROUNDS} alternating rounds (ms per write shown)",
        ))

        # Notification latency: bare LISTEN/NOTIFY vs commit -> ChangeFeed callback on another
        # console; and, for reference, bare psycopg doing the same durable commit.
        bare = _notify_round_trips(url)
        feed, after_return = _feed_round_trips(url)
        same = _insert_notify_round_trips(url)
        results.append(Result(
            "shared: commit -> notification", statistics.median(feed), statistics.median(bare), 3.0, len(feed),
            note=(f"median {statistics.median(feed):.2f} ms vs bare NOTIFY {statistics.median(bare):.2f} ms; "
                  f"p99 {_p99(feed):.2f} ms vs bare {_p99(bare):.2f} ms; the notification arrived "
                  f"{statistics.median(after_return):+.2f} ms (median) after the writer's commit returned"),
        ))
        # The same, against bare psycopg making the same kind of durable commit (an INSERT and
        # its NOTIFY): a bare NOTIFY writes nothing, so it waits for no WAL flush; every real
        # save does, and on a slow disk the flush is most of the time above.
        results.append(Result(
            "shared: commit -> notification (same commit)", statistics.median(feed), statistics.median(same), 3.0,
            len(feed), note=f"bare psycopg committing the same audited INSERT (its trigger's NOTIFY) -> LISTEN: "
                            f"median {statistics.median(same):.2f} ms, p99 {_p99(same):.2f} ms",
        ))

        # The load test proper.
        ctxm = mp.get_context("spawn")
        ready, stop, out = ctxm.Event(), ctxm.Event(), ctxm.Queue()
        listener = ctxm.Process(target=_listener, args=(url, ready, stop, out))
        listener.start()
        ready.wait(20)
        with _pool(CONSOLES) as pool:
            start = time.time() + 5
            done = pool.map(_console, [(url, i, SECONDS, orders, start) for i in range(CONSOLES)])
        stop.set()
        received = out.get(timeout=60)
        listener.join(30)
        results.append(_verify(url, done, received))
        if KILLS:
            results.append(_kills(url))
        return results
    finally:
        server.drop_database(name)


def _verify(url: str, done: list[dict[str, Any]], received: dict[str, float]) -> Result:
    from sqlalchemy import func, select
    from sqlmodel import col

    from csc_console.db.models import DispatchEntry, ServiceRequest, WorkOrderEvent

    ctx = _ctx(url, "admin")
    made = [n for d in done for n in d["made"]]
    notes = [n for d in done for n in d["notes"]]
    radio = [r for d in done for r in d["radio"]]
    with ctx.db.session() as s:
        numbers = set(s.scalars(select(col(ServiceRequest.number))))
        texts = list(s.scalars(select(col(WorkOrderEvent.text)).where(col(WorkOrderEvent.kind) == "note")))
        entries = s.scalar(select(func.count()).select_from(DispatchEntry).where(col(DispatchEntry.message).like("copy %"))) or 0
    ctx.db.dispose()
    lost = [n for n in made if n not in numbers]
    dup_made = len(made) - len(set(made))
    missing_notes = len(set(notes) - set(texts))
    dup_notes = len(texts) - len(set(texts))
    radio_missing = len(radio) - entries
    latencies = [(received[str(i)] - t) * 1000 for i, t in radio if str(i) in received]
    ok = not (lost or dup_made or missing_notes or dup_notes or radio_missing)
    lat = statistics.median(latencies) if latencies else float("nan")
    p99 = sorted(latencies)[max(0, int(len(latencies) * 0.99) - 1)] if latencies else float("nan")
    return Result(
        f"shared: {CONSOLES} consoles x {SECONDS:.0f} s integrity", 0.0 if ok else 1.0, 1.0, 0.5, len(done),
        note=(f"{len(made)} requests, {len(notes)} notes ({sum(d['stale'] for d in done)} stale retries), "
              f"{len(radio)} radio entries; lost {len(lost)}, duplicated {dup_made + dup_notes}, lost updates "
              f"{missing_notes}, missing radio {radio_missing}; save start -> notification under load median {lat:.1f} ms, p99 {p99:.1f} ms "
              f"({len(latencies)} matched)"),
    )


def _kills(url: str) -> Result:
    import signal
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    from csc_console.services.drafts import DraftStore
    from csc_console.services.requests import NewRequest, create_request

    root = Path(__file__).resolve().parents[1]
    ctx = _ctx(url, "admin")
    rng = random.Random(9)
    resumed = 0
    with tempfile.TemporaryDirectory() as folder:
        drafts = DraftStore("admin", Path(folder))
        for _ in range(KILLS):
            child = subprocess.Popen([sys.executable, str(root / "tests/shared/kill_worker.py"), url, folder],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=root,
                                     env={**os.environ, "PYTHONPATH": str(root)})
            assert child.stdout is not None
            child.stdout.readline()
            time.sleep(rng.uniform(0.02, 0.5))
            child.send_signal(signal.SIGKILL)
            child.wait(10)
            draft = drafts.load("current-call")
            if draft is not None:
                create_request(ctx, NewRequest(category="potholes", address=draft["address"], answers=POTHOLE,
                                               client_key=draft["key"]))
                drafts.delete("current-call")
                resumed += 1
    from sqlalchemy import func, select
    from sqlmodel import col

    from csc_console.db.models import ServiceRequest, WorkOrder

    with ctx.db.session() as s:
        keyed = select(col(ServiceRequest.id)).where(col(ServiceRequest.client_key).is_not(None))
        n = s.scalar(select(func.count()).select_from(keyed.subquery())) or 0
        keys = s.scalar(select(func.count(func.distinct(col(ServiceRequest.client_key))))) or 0
        orphans = s.scalar(select(func.count()).select_from(ServiceRequest).where(
            ~col(ServiceRequest.id).in_(select(col(WorkOrder.request_id)).where(col(WorkOrder.request_id).is_not(None))))) or 0
    ctx.db.dispose()
    ok = n == keys and orphans == 0
    return Result(f"shared: {KILLS} SIGKILLs while saving", 0.0 if ok else 1.0, 1.0, 0.5, KILLS,
                  note=f"{n} keyed requests, {keys} distinct keys, {orphans} without their work order, {resumed} drafts resumed")
