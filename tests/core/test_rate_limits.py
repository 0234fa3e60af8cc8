"""Submissions are limited per hashed address, per commenter and per story, with a wait time.

Each test runs on both kinds of shared cache: files (one machine, here the test's memory
cache, counted the same way) and Redis (several nodes, counted by one script).
"""

import pytest

from commentdesk.core.models import Comment
from commentdesk.core.services.errors import RateLimited
from commentdesk.lib.ratelimit import Limit, Rate, exceeded
from tests.conftest import flush_redis, make_story, post_comment, redis_url_for_tests


@pytest.fixture(autouse=True, params=["memory", "redis"])
def counting_cache(request, settings):
    if request.param == "redis":
        url = redis_url_for_tests()
        flush_redis(url)
        settings.CACHES = {
            "default": {"BACKEND": "commentdesk.lib.rediscache.RedisCache", "LOCATION": url}
        }
    return request.param


@pytest.fixture
def limits(settings):
    settings.RATE_LIMITS = {
        "address": Rate(3, 600),
        "commenter": Rate(2, 600),
        "story": Rate(4, 60),
    }
    return settings.RATE_LIMITS


def test_a_commenter_over_the_limit_is_refused_with_the_wait(story_a, limits):
    post_comment(story_a, "one", display_name="Ann")
    post_comment(story_a, "two", display_name="Ann")
    with pytest.raises(RateLimited) as refused:
        post_comment(story_a, "three", display_name="Ann")
    assert refused.value.scope == "commenter"
    assert 0 < refused.value.retry_after <= 600
    assert "You have sent several comments in a short time" in refused.value.message
    assert refused.value.code == "rate_limited"
    assert Comment.objects.count() == 2


def test_an_address_is_limited_across_display_names(story_a, limits):
    for name in ("A", "B", "C"):
        post_comment(story_a, "hello", display_name=name, network_hash="shared")
    with pytest.raises(RateLimited) as refused:
        post_comment(story_a, "hello", display_name="D", network_hash="shared")
    assert refused.value.scope == "address"
    post_comment(story_a, "hello", display_name="D", network_hash="elsewhere")


def test_a_story_is_limited_across_readers(site_a, limits):
    story = make_story(site_a)
    for n in range(4):
        post_comment(story, "hi", display_name=f"R{n}", network_hash=f"nh{n}")
    with pytest.raises(RateLimited) as refused:
        post_comment(story, "hi", display_name="R9", network_hash="nh9")
    assert refused.value.scope == "story"
    post_comment(make_story(site_a), "hi", display_name="R9", network_hash="nh9")


def test_a_refused_submission_does_not_count(story_a, limits):
    from commentdesk.core.services.errors import SubmissionRefused

    for _ in range(5):
        with pytest.raises(SubmissionRefused):
            post_comment(story_a, "", display_name="Ann")
    post_comment(story_a, "now valid", display_name="Ann")


def test_a_submission_refused_for_its_address_does_not_use_up_the_story(site_a, limits):
    story = make_story(site_a)
    for n in range(3):
        post_comment(story, "flood", display_name=f"F{n}", network_hash="flooder")
    for n in range(5):
        with pytest.raises(RateLimited):
            post_comment(story, "flood", display_name=f"G{n}", network_hash="flooder")
    post_comment(story, "a reader's own words", display_name="Reader", network_hash="reader")


def test_the_window_resets():
    limit = Limit("t", "k", Rate(1, 60))
    assert exceeded([limit], now=120.0) is None
    assert exceeded([limit], now=150.0) == (limit, 30)
    assert exceeded([limit], now=180.0) is None


def test_the_form_answers_429_with_retry_after_and_keeps_the_text(client, story_a, limits):
    from tests.public.test_comments_page import form_token

    url = f"/comments/{story_a.pk}/"
    fields = {"display_name": "Ann", "body": "My words", "consent": "on"}
    for _ in range(2):
        client.post(url, {**fields, "form_token": form_token(client, story_a)})
    response = client.post(url, {**fields, "form_token": form_token(client, story_a)})
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 600
    page = response.content.decode()
    assert "You have sent several comments in a short time. Please wait" in page
    assert "My words" in page


def test_the_api_answers_429_problem_json_with_retry_after(client, story_a, limits):
    payload = {"story_id": story_a.pk, "display_name": "Ann", "body": "Hi", "consent": True}
    for _ in range(2):
        assert (
            client.post("/api/v1/comments", payload, content_type="application/json").status_code
            == 201
        )
    response = client.post("/api/v1/comments", payload, content_type="application/json")
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert 0 < int(response["Retry-After"]) <= 600
    assert response.json()["code"] == "rate_limited"
    assert "Please wait" in response.json()["errors"]["body"][0]
