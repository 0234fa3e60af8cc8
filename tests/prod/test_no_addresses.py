"""A reader's network address appears in no log line and no database row of a real server."""

from tests.prod import harness

ADDRESS = "203.0.113.77"


def test_the_readers_address_is_neither_logged_nor_stored(shared):
    # The shared server trusts one proxy: X-Forwarded-For carries the reader's address.
    server, story, server_db = shared.server, shared.story(), shared.db
    via_proxy = {"X-Forwarded-For": ADDRESS}
    page = harness.get(f"{server.url}/comments/{story}/", headers=via_proxy)
    assert page.status == 200
    reply = harness.submit(
        server.url, story, "hello", fields=harness.form_fields(page.body), headers=via_proxy
    )
    assert harness.acknowledged(reply)
    harness.get(f"{server.url}/comments/999999/", headers=via_proxy)  # a 404 is logged too
    for _ in range(6):  # failed moderator sign-ins, up to a lockout
        harness.sign_in(server.url, "mod1", "wrong", headers=via_proxy)

    assert ADDRESS not in server.log_text()
    assert "/comments/999999/" in server.log_text()  # the log was really written
    rows = server_db.rows("SELECT * FROM core_comment") + server_db.rows(
        "SELECT * FROM core_commenter"
    )
    assert rows and ADDRESS not in repr(rows)
    network_hash = server_db.rows(
        "SELECT network_hash FROM core_comment WHERE story_id = ?", (story,)
    )[0][0]
    assert len(network_hash) == 32
