"""A reader's network address (or comment secret) appears in no log line or row of a server."""

from tests.prod import harness

ADDRESS = "203.0.113.77"
SECRET = "Sz3cretCapabilityToken42"


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
    # The no-JS reader's own-comment page is a capability URL: its secret is never logged.
    harness.get(f"{server.url}/comments/{story}/mine/1/{SECRET}/", headers=via_proxy)
    for _ in range(6):  # failed moderator sign-ins, up to a lockout
        harness.sign_in(server.url, "mod1", "wrong", headers=via_proxy)

    assert ADDRESS not in server.log_text()
    assert SECRET not in server.log_text()
    assert f"/comments/{story}/mine/1/[secret]/" in server.log_text()
    assert "/comments/999999/" in server.log_text()  # the log was really written
    rows = server_db.rows("SELECT * FROM core_comment") + server_db.rows(
        "SELECT * FROM core_commenter"
    )
    assert rows and ADDRESS not in repr(rows)
    network_hash = server_db.rows(
        "SELECT network_hash FROM core_comment WHERE story_id = ?", (story,)
    )[0][0]
    assert len(network_hash) == 32
