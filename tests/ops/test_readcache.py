"""Cached thread reads are answered before the session, auth and API layers (ops.readcache),
with every header the full path gives them."""

import pytest
from django.test import Client

from commentdesk.core.services import moderation
from tests.conftest import post_comment

ALLOWED = "https://a.example"
READS = {
    "page": "/comments/{}/",
    "items": "/comments/{}/thread/",
    "api": "/api/v1/stories/{}/thread",
}


@pytest.fixture
def story(story_a, alice):
    comment = post_comment(story_a, body="Cached words")
    moderation.approve_comment(comment.pk, moderator=alice)
    return story_a


def took_full_path(response) -> bool:
    return hasattr(response.wsgi_request, "session")


@pytest.mark.parametrize("read", READS)
def test_a_cached_read_is_answered_early_with_the_same_headers(story, read):
    path, reader = READS[read].format(story.pk), Client()
    first = reader.get(path, headers={"Origin": ALLOWED})
    hit = reader.get(path, headers={"Origin": ALLOWED})
    assert took_full_path(first) and not took_full_path(hit)
    assert "Cached words" in hit.content.decode()
    assert dict(hit.headers) == dict(first.headers)
    assert "default-src 'self'" in hit["Content-Security-Policy"]
    assert hit["Content-Length"] == str(len(hit.content))
    if read == "api":
        assert hit["Access-Control-Allow-Origin"] == ALLOWED
        assert hit["X-Frame-Options"] == "DENY"
    else:
        assert "X-Frame-Options" not in hit  # framed by the sites' pages, per frame-ancestors


@pytest.mark.parametrize("read", READS)
def test_an_early_304_carries_the_same_headers_as_the_full_path(story, read):
    path, reader = READS[read].format(story.pk), Client()
    etag = reader.get(path)["ETag"]
    early = reader.get(path, headers={"If-None-Match": etag})
    reader.cookies["sessionid"] = "not-a-session"  # any session cookie takes the full path
    full = reader.get(path, headers={"If-None-Match": etag})
    assert early.status_code == full.status_code == 304
    assert not took_full_path(early) and took_full_path(full)
    assert dict(early.headers) == dict(full.headers)


def test_a_foreign_origin_gets_no_cors_answer_from_the_cache_either(story):
    path, reader = READS["api"].format(story.pk), Client()
    reader.get(path)
    hit = reader.get(path, headers={"Origin": "https://evil.example"})
    assert not took_full_path(hit)
    assert "Access-Control-Allow-Origin" not in hit


def test_a_moderators_read_takes_the_full_path_and_no_cache_keeps_it(story, alice_client):
    path = READS["page"].format(story.pk)
    Client().get(path)
    response = alice_client.get(path)
    assert took_full_path(response)
    assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("limit=0", 422),
        ("limit=1001", 422),
        ("limit=many", 422),
        ("sort=random", 422),
        ("cursor=bad", 400),
    ],
)
def test_the_endpoint_still_judges_every_query_the_cache_does_not_know(story, query, status):
    path, reader = READS["api"].format(story.pk), Client()
    assert reader.get(path).status_code == 200
    assert reader.get(f"{path}?{query}").status_code == status


def test_a_personal_page_is_never_answered_from_the_cache(story):
    path, reader = READS["page"].format(story.pk), Client()
    reader.get(path)
    response = reader.get(f"{path}?posted=pending")
    assert took_full_path(response)
    assert response["Cache-Control"] == "private, no-store"


def test_cached_reads_are_counted_under_their_route(story, settings):
    settings.METRICS_TOKEN = token = "metrics-token-" + "m" * 30
    path, reader = READS["api"].format(story.pk), Client()
    reader.get(path)
    assert not took_full_path(reader.get(path))
    text = reader.get("/metrics", headers={"Authorization": f"Bearer {token}"}).content.decode()
    series = 'commentdesk_http_responses_total{method="GET",route="api-v1:thread",status="200"}'
    assert series in text
