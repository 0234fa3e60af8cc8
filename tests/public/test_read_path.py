"""The comments page and its thread items as a newsroom's traffic reads them: cached."""

import re

import pytest
from django.test import Client

from commentdesk.core.services import moderation
from tests.conftest import post_comment


@pytest.fixture
def reader():
    return Client()


def publish(story, moderator, body):
    comment = post_comment(story, body=body)
    moderation.approve_comment(comment.pk, moderator=moderator)
    return comment


def test_the_page_is_public_for_a_short_time_with_an_etag(story_a, reader):
    response = reader.get(f"/comments/{story_a.pk}/")
    assert response["Cache-Control"] == "public, max-age=10, stale-while-revalidate=60"
    assert response["ETag"].startswith('"')
    again = reader.get(f"/comments/{story_a.pk}/", headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304
    assert again["Content-Security-Policy"].endswith("frame-ancestors 'self' https://a.example")


def test_a_cached_page_and_its_items_cost_no_database_query(
    story_a, alice, reader, django_assert_num_queries
):
    publish(story_a, alice, "Cached words")
    first = reader.get(f"/comments/{story_a.pk}/?lang=ko")
    items = reader.get(f"/comments/{story_a.pk}/thread/?lang=ko")
    with django_assert_num_queries(0):
        page = reader.get(f"/comments/{story_a.pk}/?lang=ko")
        again = reader.get(f"/comments/{story_a.pk}/thread/?lang=ko")
    assert "Cached words" in page.content.decode()
    assert again.content == items.content
    # The page differs only by its fresh form token and idempotency key.
    token = re.compile(rb'name="(form_token|idempotency_key)" value="[^"]+"')
    assert token.sub(b"", page.content) == token.sub(b"", first.content)
    key = re.compile(rb'name="idempotency_key" value="([^"]+)"')
    assert key.search(page.content)[1] != key.search(first.content)[1]
    assert b"slot" not in page.content


def test_personal_pages_are_never_cached(story_a, alice, reader):
    comment = publish(story_a, alice, "Reply to me")
    for query in (f"reply={comment.pk}", f"report={comment.pk}", "posted=pending"):
        response = reader.get(f"/comments/{story_a.pk}/?{query}")
        assert response["Cache-Control"] == "private, no-store"


def test_load_more_pages_through_top_level_comments(story_a, alice, reader):
    for n in range(23):
        publish(story_a, alice, f"Number {n:02}")
    html = reader.get(f"/comments/{story_a.pk}/").content.decode()
    assert "Number 19" in html and "Number 20" not in html
    more = re.search(r'class="cd-more" href="\?([^"#]+)#cd-list"', html).group(1)
    nxt = reader.get(f"/comments/{story_a.pk}/thread/?{more.replace('&amp;', '&')}")
    assert "Number 20" in nxt.content.decode() and "Number 19" not in nxt.content.decode()
    assert "cd-more" not in nxt.content.decode()
    newest = reader.get(f"/comments/{story_a.pk}/?sort=newest").content.decode()
    assert newest.index("Number 22") < newest.index("Number 21")


def test_a_bad_cursor_shows_the_first_page_and_the_items_say_why(story_a, reader):
    assert reader.get(f"/comments/{story_a.pk}/?cursor=bad").status_code == 200
    assert reader.get(f"/comments/{story_a.pk}/thread/?cursor=bad").status_code == 400


def test_a_story_closed_by_the_desk_shows_closed_at_once_despite_the_cache(
    story_a, reader, django_capture_on_commit_callbacks
):
    assert "Send for moderation" in reader.get(f"/comments/{story_a.pk}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        story_a.comments_open = False
        story_a.save(update_fields=["comments_open"])
    html = reader.get(f"/comments/{story_a.pk}/").content.decode()
    assert "Comments on this story are closed." in html
    assert "Send for moderation" not in html


def test_a_new_allowed_origin_may_frame_the_cached_page_at_once(
    story_a, reader, django_capture_on_commit_callbacks
):
    reader.get(f"/comments/{story_a.pk}/")
    with django_capture_on_commit_callbacks(execute=True):
        story_a.site.allowed_origins.append("https://partner.example")
        story_a.site.save()
    response = reader.get(f"/comments/{story_a.pk}/")
    assert "https://partner.example" in response["Content-Security-Policy"]
