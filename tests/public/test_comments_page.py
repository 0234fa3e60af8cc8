"""The comments section page, as a reader without JavaScript uses it."""

import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from commentdesk.core.models import Comment
from commentdesk.core.services import moderation
from commentdesk.ops.headers import parse_policy
from tests.conftest import post_comment


def url(story):
    return reverse("public:comments", args=[story.pk])


def form_token(client, story):
    html = client.get(url(story)).content.decode()
    return re.search(r'name="form_token" value="([^"]+)"', html).group(1)


def post(client, story, **fields):
    data = {
        "display_name": "Reader",
        "email": "",
        "body": "Hello there",
        "consent": "on",
        "form_token": form_token(client, story),
    }
    data.update(fields)
    return client.post(url(story), data)


@pytest.fixture
def reader():
    return Client()


def test_a_reader_sees_only_approved_comments_oldest_first(story_a, alice, reader):
    first = post_comment(story_a, body="First published")
    second = post_comment(story_a, body="Second published")
    post_comment(story_a, body="Still pending")
    rejected = post_comment(story_a, body="Rejected words")
    moderation.approve_comment(first.pk, moderator=alice)
    moderation.approve_comment(second.pk, moderator=alice)
    moderation.reject_comment(rejected.pk, moderator=alice, rule=story_a.site.rules.first())
    html = reader.get(url(story_a)).content.decode()
    assert html.index("First published") < html.index("Second published")
    assert "Still pending" not in html
    assert "Rejected words" not in html


def test_html_is_shown_as_typed_and_line_breaks_are_kept(story_a, alice, reader):
    comment = post_comment(story_a, body="<b>hi</b>\n<script>alert(1)</script>")
    moderation.approve_comment(comment.pk, moderator=alice)
    html = reader.get(url(story_a)).content.decode()
    assert "&lt;b&gt;hi&lt;/b&gt;<br>&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


def test_a_name_is_shown_as_typed_wherever_it_appears(story_a, alice, reader):
    name = '"><img src=x onerror=alert(1)>'
    comment = post_comment(story_a, display_name=name)
    moderation.approve_comment(comment.pk, moderator=alice)
    html = reader.get(url(story_a)).content.decode()
    escaped = "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
    assert html.count(escaped) == 3  # the name, and in the Reply and Report links' labels
    assert "<img src=x" not in html


def test_moderator_edits_are_marked(story_a, alice, rule_a, reader):
    comment = post_comment(story_a, body="You idiot, read the report")
    moderation.approve_comment(comment.pk, moderator=alice)
    moderation.edit_comment(
        comment.pk, moderator=alice, rule=rule_a, body="Read the report", seen_status="approved"
    )
    html = reader.get(url(story_a)).content.decode()
    assert "Read the report" in html and "idiot" not in html
    assert "edited by a moderator" in html


def test_replies_are_shown_under_their_comment(story_a, alice, reader):
    parent = post_comment(story_a, body="Parent words")
    moderation.approve_comment(parent.pk, moderator=alice)
    parent.refresh_from_db()
    reply = post_comment(story_a, body="Reply words", parent=parent)
    moderation.approve_comment(reply.pk, moderator=alice)
    html = reader.get(url(story_a)).content.decode()
    assert re.search(rf'id="c{parent.pk}".*class="cd-replies".*Reply words', html, re.S)


def test_the_form_shows_the_policy_and_the_terms_link(story_a, reader):
    html = reader.get(url(story_a)).content.decode()
    assert "plain text" in html
    assert "approves every comment" in html
    assert "do not appear in real time" in html
    assert "in line with the Terms of Use" in html
    assert "not responsible for what readers post" in html
    assert "respectful" in html and "stick to the facts" in html
    assert 'href="https://a.example/terms"' in html


def test_posting_stores_a_pending_comment_and_redirects_to_the_notice(story_a, reader):
    response = post(reader, story_a, body="Line one\r\nLine two")
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert (comment.status, comment.body) == ("pending", "Line one\nLine two")
    # The reader lands on their own comment's page: its address holds the comment's secret.
    assert re.fullmatch(
        rf"/comments/{story_a.pk}/mine/{comment.pk}/[\w-]{{20,}}/\?lang=en&posted=1#status",
        response["Location"],
    )
    own = reader.get(response["Location"]).content.decode()
    assert "Your comment is awaiting moderation" in own
    assert "Keep this page" in own
    page = reader.get(url(story_a)).content.decode()
    assert "Line one" not in page  # not published


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"body": ""}, "Please write a comment."),
        ({"consent": ""}, "Please accept the Terms of Use"),
        ({"display_name": "N" * 61}, "at most 60 characters"),
        ({"body": "x" * 3001}, "at most 3000 characters"),
    ],
)
def test_a_rejected_form_says_why_and_keeps_what_the_reader_typed(story_a, reader, fields, message):
    typed = {"display_name": "Søren <Ø>", "email": "s@example.org", "body": "Mine & yours"}
    typed.update(fields)
    response = post(reader, story_a, **typed)
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'aria-invalid="true"' in html
    for value in typed.values():
        if value and value != "x" * 3001:
            escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            assert escaped in html
    if fields.get("consent") is None:
        assert 'id="id_consent" value="on" checked' in html
    assert not Comment.objects.exists()


def test_a_post_without_a_valid_form_token_is_refused_and_keeps_the_text(story_a, reader):
    response = reader.post(
        url(story_a), {"display_name": "R", "body": "Keep me", "consent": "on", "form_token": "x"}
    )
    assert response.status_code == 403
    assert "Keep me" in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
        {"Origin": "https://evil.example"},  # a browser without Fetch Metadata
    ],
)
def test_a_cross_site_post_is_refused(story_a, reader, headers):
    fields = {"display_name": "R", "body": "Hi", "consent": "on"}
    response = reader.post(
        url(story_a), {**fields, "form_token": form_token(reader, story_a)}, headers=headers
    )
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_the_page_may_be_framed_only_by_the_sites_origins(story_a, reader):
    response = reader.get(url(story_a))
    policy = parse_policy(response["Content-Security-Policy"])
    assert policy["frame-ancestors"] == "'self' https://a.example"
    assert policy["script-src"] == "'self'"  # the rest of the site-wide policy stays
    assert "X-Frame-Options" not in response


def test_readers_get_no_cookie(story_a, reader):
    response = reader.get(url(story_a))
    assert not response.cookies
    assert not post(reader, story_a).cookies


def test_an_unknown_story_is_not_found(db, reader):
    assert reader.get("/comments/999999/").status_code == 404


@override_settings(TIME_ZONE="Asia/Tokyo")
def test_times_are_labelled_with_the_time_zone_they_are_shown_in(story_a, alice, reader):
    comment = post_comment(story_a, body="Late-night words")
    moderation.approve_comment(comment.pk, moderator=alice)
    html = reader.get(url(story_a)).content.decode()
    assert " JST</time>" in html and " UTC</time>" not in html
