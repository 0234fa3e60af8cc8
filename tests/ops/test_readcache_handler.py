"""Under WSGI, cached thread reads are answered before Django's request cycle starts
(ops.readcache.CachedReadHandler), byte for byte as Django's own handler answers them."""

import re

import pytest
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test import RequestFactory

from commentdesk.api.cors import ORIGINS_KEY
from commentdesk.core.services import moderation
from commentdesk.ops.readcache import CachedReadHandler
from tests.conftest import post_comment

ALLOWED = "https://a.example"
READS = {
    "page": "/comments/{}/",
    "items": "/comments/{}/thread/",
    "api": "/api/v1/stories/{}/thread?limit=1000",
}
# Put in per request on the comments page, so they differ between any two answers.
PER_REQUEST = re.compile(rb'name="(form_token|idempotency_key)" value="[^"]*"')


@pytest.fixture
def story(story_a, alice):
    comment = post_comment(story_a, body="Cached words")
    moderation.approve_comment(comment.pk, moderator=alice)
    return story_a


@pytest.fixture(autouse=True)
def _connection_kept():
    """As with Django's test client: the test's transaction keeps its database connection."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def cycles():
    """How many requests went through Django's request cycle."""
    started = []

    def count(**kwargs):
        started.append(1)

    request_started.connect(count)
    yield started
    request_started.disconnect(count)


def call(app, path, **headers):
    request = RequestFactory().get(path, headers=headers)
    # As a WSGI server sends it: the path's bytes read as Latin-1 (the request decoded them).
    environ = {**request.environ, "PATH_INFO": request.path_info.encode().decode("latin-1")}
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer.update(status=status, headers=response_headers)

    result = app(environ, start_response)
    body = b"".join(result)
    getattr(result, "close", lambda: None)()
    return answer["status"], answer["headers"], PER_REQUEST.sub(rb"\1", body)


@pytest.mark.parametrize("read", READS)
@pytest.mark.parametrize("origin", [None, ALLOWED, "https://evil.example"])
def test_a_cached_read_is_answered_as_djangos_handler_answers_it(story, cycles, read, origin):
    path, headers = READS[read].format(story.pk), {"Origin": origin} if origin else {}
    early = CachedReadHandler()
    full = call(WSGIHandler(), path, **headers)  # a miss: renders and fills the cache
    hit = call(early, path, **headers)
    assert len(cycles) == 1  # the hit never started Django's request cycle
    assert hit == full
    status, response_headers, body = hit
    assert status == "200 OK" and b"Cached words" in body
    cors = ("Access-Control-Allow-Origin", ALLOWED) in response_headers
    assert cors == (read == "api" and origin == ALLOWED)


@pytest.mark.parametrize("read", READS)
def test_an_early_304_is_djangos_304(story, cycles, read):
    path, early = READS[read].format(story.pk), CachedReadHandler()
    etag = dict(call(early, path)[1])["ETag"]
    hit = call(early, path, **{"If-None-Match": etag})
    full = call(WSGIHandler(), path, **{"If-None-Match": etag})
    assert len(cycles) == 2  # the first read and Django's own
    assert hit == full and hit[0] == "304 Not Modified"


def test_what_the_cache_cannot_answer_goes_through_django(story, cycles):
    path, early = READS["api"].format(story.pk), CachedReadHandler()
    assert call(early, path)[0] == "200 OK"  # a miss
    assert call(early, path, Cookie="sessionid=not-a-session")[0] == "200 OK"
    assert call(early, f"{path}&sort=random")[0].startswith("422")
    assert len(cycles) == 3


def test_a_path_beyond_ascii_reaches_django_as_the_server_sent_it(story):
    path = "/api/v1/stories/\u0100/thread"
    assert call(CachedReadHandler(), path) == call(WSGIHandler(), path)


def test_the_host_check_still_refuses_a_foreign_host(story, cycles):
    path, early = READS["api"].format(story.pk), CachedReadHandler()
    call(early, path)
    hit = call(early, path, Host="evil.example")
    assert hit == call(WSGIHandler(), path, Host="evil.example")
    assert hit[0].startswith("400")


def test_early_answers_are_counted_under_their_route(story, settings):
    settings.METRICS_TOKEN = token = "metrics-token-" + "m" * 30
    path, early = READS["api"].format(story.pk), CachedReadHandler()
    series = 'commentdesk_http_responses_total{method="GET",route="api-v1:thread",status="200"}'

    def count() -> float:
        text = call(early, "/metrics", Authorization=f"Bearer {token}")[2].decode()
        found = re.search(re.escape(series) + r" (\S+)", text)
        return float(found[1]) if found else 0.0

    call(early, path)
    before = count()
    call(early, path)
    assert count() == before + 1


@pytest.mark.django_db(transaction=True)
def test_a_hit_that_opened_a_database_connection_ends_as_django_ends_a_request(story):
    path, early = READS["api"].format(story.pk), CachedReadHandler()
    finished = []

    def count(**kwargs):
        finished.append(1)

    call(early, path, Origin=ALLOWED)
    request_finished.connect(count)
    try:
        call(early, path, Origin=ALLOWED)
        assert finished == []  # the sites' origins came from the cache
        cache.delete(ORIGINS_KEY)
        connection.close()
        call(early, path, Origin=ALLOWED)  # CORS reads them from the database
        assert finished == [1]
    finally:
        request_finished.disconnect(count)
