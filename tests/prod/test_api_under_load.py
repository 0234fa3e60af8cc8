"""The JSON API of a real server under concurrent readers.

Every answer describes the submitter's own comment and its secret opens only that comment
(the peer Isso returned another reader's comment, with edit rights, in 9 of 2,000); two first
comments on a new story at the same instant both succeed; a retried submission stores one.
"""

import json
import threading
from concurrent.futures import ThreadPoolExecutor

from tests.prod import harness

READERS = 8
EACH = 25


def _post(server, payload, **headers):
    reply = harness.api(server.url, "POST", "/comments", payload, **headers)
    return reply.status, (json.loads(reply.body) if reply.body else {})


def test_every_answer_is_the_submitters_own_comment_and_its_secret_opens_only_it(shared, figures):
    server, story, server_db = shared.server, shared.story(), shared.db

    def reader(n):
        answers = []
        for i in range(EACH):
            sent = {"display_name": f"R{n}", "body": f"reader {n} says {i}", "consent": True}
            status, answer = _post(server, {"story_id": story, **sent})
            assert status == 201, answer
            assert (answer["display_name"], answer["body"]) == (sent["display_name"], sent["body"])
            answers.append(answer)
        return answers

    with ThreadPoolExecutor(READERS) as pool:
        answers = [a for batch in pool.map(reader, range(READERS)) for a in batch]

    by_id = {a["id"]: a for a in answers}
    assert len(by_id) == READERS * EACH  # no two answers name the same comment
    stored = dict(server_db.rows("SELECT id, body FROM core_comment"))
    assert {i: stored[i] for i in by_id} == {i: a["body"] for i, a in by_id.items()}
    ordered = sorted(by_id)
    for position, comment_id in enumerate(ordered[::10]):  # a sample of 20: own and others'
        secret = by_id[comment_id]["secret"]
        own = harness.api(
            server.url, "GET", f"/comments/{comment_id}", **{"X-Comment-Secret": secret}
        )
        assert own.status == 200 and json.loads(own.body)["id"] == comment_id
        other = ordered[(position * 10 + 1) % len(ordered)]
        theirs = harness.api(
            server.url, "GET", f"/comments/{other}", **{"X-Comment-Secret": secret}
        )
        assert theirs.status == 404
    figures(database=server_db.kind, api_submissions=len(answers), distinct_comments=len(by_id))


def test_two_first_comments_on_a_new_story_at_the_same_instant_both_succeed(shared, figures):
    server, server_db = shared.server, shared.db
    rounds = 15

    def first_two(n):
        together = threading.Barrier(2)
        url = f"https://load.example/breaking-{n}"

        def send(who):
            together.wait()
            return _post(
                server,
                {
                    "story_url": url,
                    "story_title": f"Breaking {n}",
                    "display_name": who,
                    "body": f"first! from {who}",
                    "consent": True,
                },
            )

        with ThreadPoolExecutor(2) as pool:
            return list(pool.map(send, ["Ann", "Bo"]))

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(first_two, range(rounds)))
    for (status_a, a), (status_b, b) in results:
        assert (status_a, status_b) == (201, 201), (a, b)
        assert a["story_id"] == b["story_id"]
    stories = server_db.rows("SELECT url, COUNT(*) FROM core_story GROUP BY url")
    assert sum(1 for url, count in stories if "breaking" in url and count == 1) == rounds
    figures(database=server_db.kind, simultaneous_first_posts=rounds * 2, failures=0)


def test_a_retried_api_submission_with_its_key_stores_one_comment(shared):
    server, story = shared.server, shared.story()
    payload = {"story_id": story, "display_name": "Ann", "body": "Once", "consent": True}
    together = threading.Barrier(3)

    def send(_):
        together.wait()
        return _post(server, payload, **{"Idempotency-Key": "retry-key-0123456789abcdef"})

    with ThreadPoolExecutor(3) as pool:
        answers = list(pool.map(send, range(3)))
    assert [status for status, _ in answers] == [201, 201, 201]
    assert len({answer["id"] for _, answer in answers}) == 1
    assert len({answer["secret"] for _, answer in answers}) == 1
    assert shared.db.rows("SELECT COUNT(*) FROM core_comment WHERE story_id = ?", (story,)) == [
        (1,)
    ]
