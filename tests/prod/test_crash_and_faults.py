"""Faults under load against real servers: a SIGKILL, dropped database connections.

Nothing a server acknowledged (302 after the form) may be missing afterwards.
"""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.prod import harness

WAVES = 6


def _burst(server_url, story, tag, readers, stop, limit, outcomes=None):
    """Readers post until stopped or ``limit`` each; returns {body: status or 'transport'}."""
    outcomes = {} if outcomes is None else outcomes
    lock = threading.Lock()

    def reader(n: int) -> None:
        for i in range(limit):
            if stop.is_set():
                return
            body = f"{tag} reader {n} comment {i}"
            try:
                status = harness.submit(server_url, story, body, timeout=15).status
            except harness.TRANSPORT_ERRORS:
                status = "transport"
            with lock:
                outcomes[body] = status

    with ThreadPoolExecutor(readers) as pool:
        list(pool.map(reader, range(readers)))
    return outcomes


def _stored_bodies(db) -> dict[str, int]:
    return dict(db.rows("SELECT body, COUNT(*) FROM core_comment GROUP BY body"))


def test_a_server_killed_mid_burst_loses_no_acknowledged_comment(
    server_db, data_dir, servers, figures
):
    env = harness.base_env(data_dir, server_db.url, None)
    ids = harness.seed(env)
    server = servers.start(env, workers=2)
    stop = threading.Event()
    outcomes: dict[str, object] = {}

    def killer():
        # Once the burst is well under way, crash the server in the middle of writes.
        deadline = time.monotonic() + 60
        while list(outcomes.values()).count(302) < 30 and time.monotonic() < deadline:
            time.sleep(0.05)
        server.kill()
        stop.set()

    threading.Thread(target=killer).start()
    _burst(server.url, ids["story"], "crash", 6, stop, limit=400, outcomes=outcomes)
    server.start()  # the same data directory and database
    acked = [body for body, status in outcomes.items() if status == 302]
    stored = _stored_bodies(server_db)
    assert len(acked) >= 30
    assert "transport" in outcomes.values()  # the kill really cut requests off
    assert {body: stored.get(body) for body in acked} == dict.fromkeys(acked, 1)
    assert set(outcomes.values()) <= {302, "transport"}
    figures(
        database=server_db.kind,
        acknowledged=len(acked),
        cut_off=list(outcomes.values()).count("transport"),
        stored=sum(stored.values()),
    )
    # And the restarted server takes comments at once.
    assert harness.acknowledged(harness.submit(server.url, ids["story"], "after restart"))


@pytest.mark.postgres
def test_terminated_database_connections_fail_cleanly_and_the_app_recovers(
    server_db, data_dir, servers, figures
):
    assert server_db.kind == "postgresql", "needs DATABASE_URL=postgres://… (see scripts/test)"
    env = harness.base_env(data_dir, server_db.url, None)
    ids = harness.seed(env)
    server = servers.start(env, workers=2)
    stop = threading.Event()
    terminated = []
    name = server_db.url.rsplit("/", 1)[1]

    outcomes: dict[str, object] = {}
    acked_after_waves = []

    def acked_count() -> int:
        return list(outcomes.values()).count(302)

    def terminator():
        # Waves of terminations, as a failover or a restarted connection pooler would cause.
        for _ in range(WAVES):
            time.sleep(0.5)
            rows = server_db.rows(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = ? AND pid <> pg_backend_pid()",
                (name,),
            )
            terminated.append(len(rows))
        # Keep the load on until the app has taken ten more comments (it recovered), or 60 s.
        before, deadline = acked_count(), time.monotonic() + 60
        while acked_count() < before + 10 and time.monotonic() < deadline:
            time.sleep(0.1)
        acked_after_waves.append(acked_count() - before)
        stop.set()

    thread = threading.Thread(target=terminator)
    thread.start()
    _burst(server.url, ids["story"], "pgterm", 6, stop, limit=400, outcomes=outcomes)
    thread.join()
    statuses = list(outcomes.values())
    acked = [body for body, status in outcomes.items() if status == 302]
    stored = _stored_bodies(server_db)
    assert sum(terminated) >= WAVES, "the terminator never hit a server connection"
    assert set(statuses) <= {302, 503}, f"unexpected answers: {set(statuses)}"
    assert 503 in statuses
    assert acked_after_waves[0] >= 10, "the app did not recover under load"
    assert {body: stored.get(body) for body in acked} == dict.fromkeys(acked, 1)
    # Recovery without restart: ready again, and comments are taken.
    started = time.monotonic()
    server.wait_ready(timeout=20)
    figures(
        backends_terminated=sum(terminated),
        acknowledged=len(acked),
        acknowledged_after_last_wave=acked_after_waves[0],
        unavailable_503=statuses.count(503),
        stored_of_503=sum(1 for b, s in outcomes.items() if s == 503 and b in stored),
        ready_again_after_s=round(time.monotonic() - started, 2),
    )
    for n in range(5):
        assert harness.acknowledged(harness.submit(server.url, ids["story"], f"after {n}"))
    assert "Traceback" not in server.log_text()
