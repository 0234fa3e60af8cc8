"""The same form sent twice at the same instant (a double click) stores one comment."""

import threading
from concurrent.futures import ThreadPoolExecutor

from tests.prod import harness

PAIRS = 30


def test_simultaneous_posts_of_one_form_store_one_comment(shared, figures):
    server, story = shared.server, shared.story()
    form = f"{server.url}/comments/{story}/"

    def double_click(n: int) -> list[int]:
        fields = harness.form_fields(harness.get(form).body)
        together = threading.Barrier(2)

        def send(_):
            together.wait()
            return harness.submit(server.url, story, f"double {n}", fields=fields).status

        with ThreadPoolExecutor(2) as pool:
            return list(pool.map(send, range(2)))

    with ThreadPoolExecutor(4) as pool:
        statuses = [s for pair in pool.map(double_click, range(PAIRS)) for s in pair]

    counts = dict(
        shared.db.rows(
            "SELECT body, COUNT(*) FROM core_comment WHERE story_id = ? GROUP BY body", (story,)
        )
    )
    assert statuses == [302] * (2 * PAIRS)  # both clicks are answered as a success
    assert counts == {f"double {n}": 1 for n in range(PAIRS)}
    figures(database=shared.db.kind, double_posts=PAIRS, stored=sum(counts.values()))
