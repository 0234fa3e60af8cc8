"""Two moderators decide the same comments at the same time on a real server."""

import threading

from tests.prod import harness

COMMENTS = 40


def test_each_comment_gets_exactly_one_decision_and_one_audit_row(shared, figures):
    server, story, server_db, ids = shared.server, shared.story(), shared.db, shared.ids
    for n in range(COMMENTS):
        assert harness.acknowledged(harness.submit(server.url, story, f"to decide {n}"))
    comment_ids = [
        row[0]
        for row in server_db.rows(
            "SELECT id FROM core_comment WHERE story_id = ? ORDER BY id", (story,)
        )
    ]
    approver = harness.Moderator(server.url, "mod1")
    rejecter = harness.Moderator(server.url, "mod2")
    start = threading.Barrier(2)

    def decide_all(moderator, decision, rule):
        start.wait()
        for comment_id in comment_ids:
            reply = moderator.decide(comment_id, decision, rule)
            assert reply.status == 302, reply.status

    threads = [
        threading.Thread(target=decide_all, args=(approver, "approve", None)),
        threading.Thread(target=decide_all, args=(rejecter, "reject", ids["rule"])),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    decisions = server_db.rows(
        "SELECT comment_id, action, status_after FROM core_auditevent "
        "WHERE action IN ('comment.approved', 'comment.rejected') "
        f"AND comment_id IN ({', '.join(map(str, comment_ids))}) ORDER BY comment_id"
    )
    statuses = dict(server_db.rows("SELECT id, status FROM core_comment"))
    assert [row[0] for row in decisions] == comment_ids  # exactly one decision each
    for comment_id, _action, status_after in decisions:
        assert statuses[comment_id] == status_after  # the audit says what the comment is
    approved = sum(1 for row in decisions if row[1] == "comment.approved")
    figures(
        database=server_db.kind,
        comments=COMMENTS,
        approved=approved,
        rejected=COMMENTS - approved,
    )
