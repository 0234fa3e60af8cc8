"""Concurrent readers post through the form of a real server: nothing acknowledged is lost.

Runs against SQLite in the SQLite pass and PostgreSQL in the PostgreSQL pass.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

from tests.prod import harness

READERS = 8
EACH = 25


def test_every_acknowledged_comment_is_stored_exactly_once_and_no_refused_one(shared, figures):
    server, story = shared.server, shared.story()
    outcomes: dict[str, int] = {}
    lock = threading.Lock()

    def reader(n: int) -> None:
        for i in range(EACH):
            # Every fifth comment is invalid (no consent... an empty body): it must be refused.
            body = "" if i % 5 == 4 else f"reader {n} comment {i} ✓ ü 𝕏"
            reply = harness.submit(server.url, story, body or " ", name=f"R{n}-{i}")
            with lock:
                outcomes[f"R{n}-{i}"] = reply.status

    with ThreadPoolExecutor(READERS) as pool:
        list(pool.map(reader, range(READERS)))

    stored = dict(
        shared.db.rows(
            "SELECT display_name, COUNT(*) FROM core_comment WHERE story_id = ? "
            "GROUP BY display_name",
            (story,),
        )
    )
    acked = {name for name, status in outcomes.items() if status == 302}
    refused = {name for name, status in outcomes.items() if status == 400}
    assert len(acked) == READERS * EACH * 4 // 5
    assert len(refused) == READERS * EACH // 5
    assert set(outcomes.values()) == {302, 400}  # no 500, no 503
    assert {name: stored.get(name) for name in acked} == dict.fromkeys(acked, 1)
    assert not refused & set(stored)
    figures(database=shared.db.kind, acknowledged=len(acked), refused=len(refused))
