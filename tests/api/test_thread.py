"""GET /api/v1/stories/{id}/thread: the cacheable read path of the JSON API."""

import pytest
from django.core.cache import cache
from django.test import Client

from commentdesk.api.schemas import ThreadOut
from commentdesk.core.models import Comment
from commentdesk.core.services import moderation
from tests.conftest import post_comment


def thread_url(story, **query):
    params = "&".join(f"{key}={value}" for key, value in query.items())
    return f"/api/v1/stories/{story.pk}/thread" + (f"?{params}" if params else "")


def publish(story, moderator, body, parent=None):
    comment = post_comment(story, body=body, parent=parent)
    moderation.approve_comment(comment.pk, moderator=moderator)
    comment.refresh_from_db()
    return comment


@pytest.fixture
def reader():
    return Client()


def test_the_thread_lists_published_comments_with_their_replies(story_a, alice, reader):
    parent = publish(story_a, alice, "Parent words")
    publish(story_a, alice, "Reply words", parent=parent)
    post_comment(story_a, body="Still pending")
    response = reader.get(thread_url(story_a))
    assert response.status_code == 200
    document = response.json()
    ThreadOut.model_validate(document)  # the answer is what the OpenAPI document says
    assert document["count"] == 2
    [top] = document["items"]
    assert top["body"] == "Parent words"
    assert [reply["body"] for reply in top["replies"]] == ["Reply words"]
    assert document["story"]["thread_version"] >= 3
    assert "Still pending" not in response.content.decode()


def test_the_thread_is_paged_with_a_cursor_in_either_order(story_a, alice, reader):
    bodies = [f"Comment {n}" for n in range(5)]
    for body in bodies:
        publish(story_a, alice, body)
    first = reader.get(thread_url(story_a, limit=2)).json()
    second = reader.get(thread_url(story_a, limit=2, cursor=first["next_cursor"])).json()
    third = reader.get(thread_url(story_a, limit=2, cursor=second["next_cursor"])).json()
    seen = [item["body"] for page in (first, second, third) for item in page["items"]]
    assert seen == bodies
    assert third["next_cursor"] is None
    newest = reader.get(thread_url(story_a, sort="newest", limit=3)).json()
    assert [item["body"] for item in newest["items"]] == bodies[::-1][:3]


def test_a_bad_cursor_or_sort_is_a_problem_with_a_code(story_a, reader):
    response = reader.get(thread_url(story_a, cursor="not-a-cursor"))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "invalid_cursor"
    response = reader.get(thread_url(story_a, sort="random"))
    assert response.status_code == 422
    assert response.json()["errors"]["sort"] == ["Choose one of the listed values."]


def test_an_unknown_story_is_a_404_problem(db, reader):
    response = reader.get("/api/v1/stories/999999/thread")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_the_thread_carries_an_etag_and_answers_if_none_match_with_304(story_a, reader):
    response = reader.get(thread_url(story_a))
    assert response["Cache-Control"] == "public, max-age=10, stale-while-revalidate=60"
    etag = response["ETag"]
    again = reader.get(thread_url(story_a), headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert not again.content
    other = reader.get(thread_url(story_a, sort="newest"), headers={"If-None-Match": etag})
    assert other.status_code == 200


def test_a_cache_hit_costs_no_database_query(story_a, alice, reader, django_assert_num_queries):
    publish(story_a, alice, "Cached words")
    first = reader.get(thread_url(story_a))
    with django_assert_num_queries(0):
        hit = reader.get(thread_url(story_a))
    assert hit.content == first.content
    with django_assert_num_queries(0):
        assert (
            reader.get(thread_url(story_a), headers={"If-None-Match": first["ETag"]}).status_code
            == 304
        )


def test_an_approval_changes_the_version_and_so_the_cached_thread(
    story_a, alice, reader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(story_a, alice, "First")
    before = reader.get(thread_url(story_a))
    comment = post_comment(story_a, body="Second")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve_comment(comment.pk, moderator=alice)
    after = reader.get(thread_url(story_a), headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert [item["body"] for item in after.json()["items"]] == ["First", "Second"]


def test_a_whole_thread_of_up_to_a_thousand_top_level_comments_comes_in_one_answer(
    story_a, alice, reader
):
    for body in ("One", "Two", "Three"):
        publish(story_a, alice, body)
    whole = reader.get(thread_url(story_a, limit=1000)).json()
    assert [item["body"] for item in whole["items"]] == ["One", "Two", "Three"]
    assert whole["next_cursor"] is None
    assert reader.get(thread_url(story_a, limit=1001)).status_code == 422


def test_an_emptied_cache_is_read_afresh_by_every_process(story_a, alice, reader):
    comment = publish(story_a, alice, "Before")
    reader.get(thread_url(story_a))
    # A change that moves no thread version shows only once the cache is emptied.
    Comment.objects.filter(pk=comment.pk).update(body="After")
    assert "Before" in reader.get(thread_url(story_a)).content.decode()
    cache.clear()
    assert "After" in reader.get(thread_url(story_a)).content.decode()
