"""Two app servers on one PostgreSQL and one Redis behave as one service.

What one node counts or changes (rate limits, login lockouts, the published thread, form
tokens) holds on the other, as it must behind a load balancer.
"""

import re
import uuid

import pytest

from tests.conftest import flush_redis, redis_url_for_tests
from tests.prod import harness
from tests.prod.conftest import _data_dir, fresh_database

pytestmark = pytest.mark.postgres
METRICS_TOKEN = "two-nodes-metrics-token-" + "t" * 20


@pytest.fixture(scope="module")
def nodes(tmp_path_factory, static_root, migrated_template, module_servers):
    """Two servers for the whole module (starting them is the slow part)."""
    data_dir = _data_dir(tmp_path_factory.mktemp("two-nodes") / "a", static_root)
    with fresh_database(data_dir, migrated_template) as database:
        assert database.kind == "postgresql", "needs DATABASE_URL=postgres://… (see scripts/test)"
        env = harness.base_env(
            data_dir,
            database.url,
            redis_url_for_tests(),
            COMMENTDESK_RATE_LIMIT_ADDRESS="3/10m",
            COMMENTDESK_METRICS_TOKEN=METRICS_TOKEN,
        )
        ids = harness.seed(env)
        a = module_servers.start(env, workers=2)
        node_b = _data_dir(data_dir.parent / "b", static_root)
        b = module_servers.start({**env, "COMMENTDESK_DATA_DIR": str(node_b)}, workers=2)
        yield a, b, ids, database
        for server in (a, b):
            server.stop()


@pytest.fixture
def two_nodes(nodes):
    """Each test starts with empty counters (rate limits, lockouts) and its own story."""
    flush_redis(redis_url_for_tests())
    a, b, ids, database = nodes
    story = database.rows(
        "INSERT INTO core_story (site_id, url, title, byline, language, published_at, "
        "comments_open, moderation_mode, thread_version, created_at) VALUES "
        "(?, ?, 'Two nodes', '', '', now(), true, 'pre', 1, now()) RETURNING id",
        (ids["site"], f"https://load.example/{uuid.uuid4().hex}"),
    )[0][0]
    return a, b, {**ids, "story": story}


def test_a_rate_limit_counted_on_one_node_holds_on_the_other(two_nodes):
    a, b, ids = two_nodes
    assert harness.acknowledged(harness.submit(a.url, ids["story"], "one"))
    assert harness.acknowledged(harness.submit(a.url, ids["story"], "two"))
    assert harness.acknowledged(harness.submit(b.url, ids["story"], "three"))
    refused = harness.submit(b.url, ids["story"], "four")
    assert refused.status == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 600
    assert "Many comments were sent from your network" in refused.body
    assert harness.submit(a.url, ids["story"], "five").status == 429


def test_an_approval_on_one_node_shows_on_the_others_thread(two_nodes, nodes):
    a, b, ids = two_nodes
    server_db = nodes[3]
    thread = f"/comments/{ids['story']}/"
    # A form served by node A is accepted by node B (shared SECRET_KEY).
    fields = harness.form_fields(harness.get(a.url + thread).body)
    assert harness.acknowledged(
        harness.submit(b.url, ids["story"], "Seen everywhere", fields=fields)
    )
    assert "Seen everywhere" not in harness.get(a.url + thread).body  # pending: not shown
    assert "Seen everywhere" not in harness.get(b.url + thread).body
    (comment_id,) = server_db.rows(
        "SELECT id FROM core_comment WHERE story_id = ?", (ids["story"],)
    )[0]
    assert harness.Moderator(b.url, "mod1").decide(comment_id, "approve").status == 302
    assert "Seen everywhere" in harness.get(a.url + thread).body
    assert "Seen everywhere" in harness.get(b.url + thread).body


def test_a_login_lockout_on_one_node_holds_on_the_other(two_nodes):
    a, b, _ = two_nodes
    for _ in range(4):
        assert harness.sign_in(a.url, "mod1", "wrong").status == 200  # the form, with an error
    assert harness.sign_in(b.url, "mod1", "wrong").status == 429  # the fifth, on the other node
    locked = harness.sign_in(a.url, "mod1", "pw-mod1-long-enough")
    assert locked.status == 429
    assert locked.headers["Retry-After"] == str(15 * 60)


def test_each_node_reports_metrics_from_all_its_workers(two_nodes):
    a, _, ids = two_nodes
    for _ in range(6):
        harness.get(f"{a.url}/comments/{ids['story']}/")
    metrics = harness.get(
        f"{a.url}/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"}
    ).body
    served = re.search(
        r'commentdesk_http_responses_total\{method="GET",route="public:comments",'
        r'status="200"\} (\S+)',
        metrics,
    )
    assert served and float(served.group(1)) >= 6
    assert re.search(r"^commentdesk_pending_comments \d+\.0$", metrics, re.MULTILINE)


def test_a_claim_taken_on_one_node_holds_on_the_other(two_nodes, nodes):
    a, b, ids = two_nodes
    assert harness.acknowledged(harness.submit(a.url, ids["story"], "Claim me"))
    (comment_id,) = nodes[3].rows(
        "SELECT id FROM core_comment WHERE story_id = ?", (ids["story"],)
    )[0]
    first, second = harness.Moderator(a.url, "mod1"), harness.Moderator(b.url, "mod2")
    assert first.open(comment_id).status == 200  # opening a comment claims it
    page = second.open(comment_id)
    assert "Held by mod1" in page.body
    refused = second.decide(comment_id, "approve")
    assert refused.status == 302
    assert nodes[3].rows("SELECT status FROM core_comment WHERE id = ?", (comment_id,)) == [
        ("pending",)
    ]
    assert first.decide(comment_id, "approve").status == 302
    assert nodes[3].rows("SELECT status FROM core_comment WHERE id = ?", (comment_id,)) == [
        ("approved",)
    ]


def test_a_screening_settings_change_holds_on_a_node_that_cached_the_old_ones(two_nodes, nodes):
    _, b, ids = two_nodes
    database = nodes[3]

    def post_three(body):  # as many as the address limit lets through
        for _ in range(3):
            assert harness.acknowledged(harness.submit(b.url, ids["story"], body))
        flush_redis(redis_url_for_tests())

    post_three("Before the change")  # node B's workers screen, and keep the site's settings
    # What a desk editor's save in the admin of any node writes: the settings, a new revision.
    change = (
        "UPDATE screening_screeningsettings SET hold_longer_than = ?, revision = ? "
        "WHERE site_id = ? RETURNING id"
    )
    database.rows(change, (10, uuid.uuid4().hex, ids["site"]))
    try:
        post_three("After the change")
    finally:
        database.rows(change, (None, uuid.uuid4().hex, ids["site"]))
    verdicts = database.rows(
        "SELECT body, screening->'stages'->'length'->>'verdict' FROM core_comment "
        "WHERE story_id = ? ORDER BY id",
        (ids["story"],),
    )
    assert verdicts == [("Before the change", "pass")] * 3 + [("After the change", "hold")] * 3
