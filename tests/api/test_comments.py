"""POST/GET/PATCH/DELETE /api/v1/comments: a reader's comments through the JSON API."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from commentdesk.core.models import AuditEvent, Comment, Report, Story
from commentdesk.core.services import moderation
from tests.conftest import post_comment


@pytest.fixture
def reader():
    return Client()


def send(client, method, path, data=None, **headers):
    if method == "GET":
        return client.get(f"/api/v1/{path}", headers=headers)
    body = json.dumps(data) if data is not None else ""
    call = getattr(client, method.lower())
    return call(f"/api/v1/{path}", body, content_type="application/json", headers=headers)


def submit(client, story, **fields):
    data = {"story_id": story.pk, "display_name": "Reader", "body": "Hello", "consent": True}
    data.update(fields)
    return send(client, "POST", "comments", data)


def test_a_comment_is_stored_pending_and_the_secret_is_given_once(story_a, reader):
    response = submit(reader, story_a, body="Line one\r\nLine two")
    assert response.status_code == 201
    answer = response.json()
    comment = Comment.objects.get()
    assert (answer["id"], answer["status"], answer["can_edit"]) == (comment.pk, "pending", True)
    assert comment.body == "Line one\nLine two"
    assert answer["secret"] and answer["secret"] not in comment.secret_hash
    assert not response.cookies
    assert response["Cache-Control"] == "private, no-store"


def test_a_refused_comment_has_the_forms_messages_per_field(story_a, reader):
    response = submit(reader, story_a, display_name="", body="", consent=False)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["code"] == "invalid"
    assert problem["errors"] == {
        "display_name": ["Please give a display name."],
        "body": ["Please write a comment."],
        "consent": ["Please accept the Terms of Use to post a comment."],
    }
    assert not Comment.objects.exists()


def test_wrong_types_are_field_errors_in_plain_words(story_a, reader):
    response = submit(reader, story_a, consent="maybe", parent_id="x")
    assert response.status_code == 422
    assert response.json()["errors"] == {
        "consent": ["Give true or false."],
        "parent_id": ["Give a whole number."],
    }


def test_messages_follow_the_readers_language(story_a, reader):
    data = {"story_id": story_a.pk, "display_name": "R", "body": "", "consent": True}
    response = reader.post(
        "/api/v1/comments",
        json.dumps(data),
        content_type="application/json",
        headers={"Accept-Language": "ko"},
    )
    assert response.json()["errors"]["body"] == ["댓글을 써 주세요."]


def test_a_body_that_is_not_declared_json_is_refused(story_a, reader):
    data = json.dumps({"story_id": story_a.pk, "display_name": "R", "body": "x", "consent": True})
    response = reader.post("/api/v1/comments", data, content_type="text/plain")
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"
    broken = reader.post("/api/v1/comments", "{", content_type="application/json")
    assert (broken.status_code, broken.json()["code"]) == (400, "invalid_json")
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}, 403),
        ({"Origin": "https://evil.example"}, 403),
        ({"Origin": "null", "Sec-Fetch-Site": "cross-site"}, 403),
        ({"Origin": "https://a.example", "Sec-Fetch-Site": "cross-site"}, 201),
        ({"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}, 201),
        ({}, 201),  # not a browser: judged by validation alone
    ],
)
def test_browsers_may_write_only_from_our_pages_or_the_sites_origins(
    story_a, reader, headers, status
):
    data = {"story_id": story_a.pk, "display_name": "R", "body": "Hi", "consent": True}
    response = send(reader, "POST", "comments", data, **headers)
    assert response.status_code == status
    assert Comment.objects.count() == (1 if status == 201 else 0)
    if status == 403:
        assert response.json()["code"] == "cross_site"


def test_a_reply_needs_a_published_parent_of_the_same_story(story_a, story_b, alice, reader):
    pending = post_comment(story_a, body="Pending parent")
    other = post_comment(story_b, body="Other story")
    for parent in (pending, other):
        response = submit(reader, story_a, parent_id=parent.pk)
        assert response.status_code == 422
        assert response.json()["errors"]["parent"] == ["You can only reply to a published comment."]
    moderation.approve_comment(pending.pk, moderator=alice)
    assert submit(reader, story_a, parent_id=pending.pk).json()["parent_id"] == pending.pk


def test_a_story_is_registered_on_first_use_from_an_allowed_origin(site_a, reader):
    data = {
        "story_url": "https://a.example/2026/new-story#comments",
        "story_title": "A new story",
        "story_language": "ko",
        "display_name": "R",
        "body": "First!",
        "consent": True,
    }
    response = send(reader, "POST", "comments", data, Origin="https://a.example")
    assert response.status_code == 201
    story = Story.objects.get()
    assert (story.url, story.title, story.language) == (
        "https://a.example/2026/new-story",
        "A new story",
        "ko",
    )
    again = send(reader, "POST", "comments", data, Origin="https://a.example")
    assert again.json()["story_id"] == story.pk


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("https://elsewhere.example/story", "https://a.example"),  # not the site's domain
        ("https://a.example/story", "https://evil.example"),  # not the site's origin
        ("https://a.example/story", None),  # no origin said
        ("javascript:alert(1)", "https://a.example"),
    ],
)
def test_unknown_stories_are_not_registered_for_others(site_a, reader, url, origin):
    data = {"story_url": url, "display_name": "R", "body": "x", "consent": True}
    headers = {"Origin": origin} if origin else {}
    response = send(reader, "POST", "comments", data, **headers)
    assert response.status_code == 403
    assert response.json()["code"] == "story_refused"
    assert not Story.objects.exists()


def own(client, answer, method="GET", data=None, secret=None):
    path = f"comments/{answer['id']}"
    return send(client, method, path, data, **{"X-Comment-Secret": secret or answer["secret"]})


def test_the_reader_reads_edits_and_deletes_their_pending_comment(story_a, reader):
    answer = submit(reader, story_a, body="First draft").json()
    assert own(reader, answer).json()["body"] == "First draft"
    edited = own(reader, answer, "PATCH", {"body": "Second draft"})
    assert edited.status_code == 200
    assert edited.json()["body"] == "Second draft"
    assert Comment.objects.get().revisions.get().body_before == "First draft"
    deleted = own(reader, answer, "DELETE")
    assert deleted.json()["status"] == "deleted"
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert actions == ["comment.submitted", "comment.author_edited", "comment.author_deleted"]


def test_an_edit_is_validated_like_a_new_comment(story_a, reader):
    answer = submit(reader, story_a).json()
    response = own(reader, answer, "PATCH", {"body": "x" * 3001})
    assert response.status_code == 422
    assert "at most 3000 characters" in response.json()["errors"]["body"][0]


def test_a_wrong_secret_finds_nothing(story_a, reader):
    answer = submit(reader, story_a).json()
    for method in ("GET", "PATCH", "DELETE"):
        response = own(reader, answer, method, {"body": "x"}, secret="guess")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    assert Comment.objects.get().status == "pending"


def test_after_the_edit_window_or_a_decision_the_comment_is_read_only(story_a, alice, reader):
    answer = submit(reader, story_a).json()
    Comment.objects.update(submitted_at=timezone.now() - timedelta(minutes=16))
    response = own(reader, answer, "PATCH", {"body": "Too late"})
    assert (response.status_code, response.json()["code"]) == (409, "edit_window_closed")
    assert own(reader, answer).json()["can_edit"] is False

    second = submit(reader, story_a, body="Second").json()
    moderation.approve_comment(second["id"], moderator=alice)
    response = own(reader, second, "DELETE")
    assert response.status_code == 409
    assert own(reader, second).json()["status"] == "approved"


def test_a_rejected_comment_shows_the_rule(story_a, alice, rule_a, reader):
    answer = submit(reader, story_a).json()
    moderation.reject_comment(answer["id"], moderator=alice, rule=rule_a)
    status = own(reader, answer).json()
    assert status["status"] == "rejected"
    assert status["rule"] == {"code": "R1", "title": "No personal attacks"}


def test_a_reader_reports_a_published_comment_once(story_a, alice, reader):
    comment = post_comment(story_a)
    path = f"comments/{comment.pk}/reports"
    assert send(reader, "POST", path, {"reason": "spam"}).status_code == 404  # not published
    moderation.approve_comment(comment.pk, moderator=alice)
    response = send(reader, "POST", path, {"reason": "abuse", "note": "Insults J."})
    assert response.status_code == 201
    assert send(reader, "POST", path, {"reason": "abuse"}).status_code == 201
    report = Report.objects.get()
    assert (report.reason, report.note) == ("abuse", "Insults J.")
    assert AuditEvent.objects.filter(action="comment.reported").count() == 1


def test_a_report_needs_a_known_reason(story_a, alice, reader):
    comment = post_comment(story_a)
    moderation.approve_comment(comment.pk, moderator=alice)
    response = send(reader, "POST", f"comments/{comment.pk}/reports", {"reason": "boring"})
    assert response.status_code == 422
    assert response.json()["errors"] == {"reason": ["Choose one of the listed values."]}


def test_a_repeated_submission_with_the_same_key_stores_one_comment(story_a, reader):
    data = {"story_id": story_a.pk, "display_name": "R", "body": "Once", "consent": True}
    key = {"Idempotency-Key": "3f1c9a1e-5d2b-4b8e-9a57-0c1d2e3f4a5b"}
    first = send(reader, "POST", "comments", data, **key).json()
    again = send(reader, "POST", "comments", data, **key).json()
    assert (again["id"], again["secret"]) == (first["id"], first["secret"])
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("story_id", [0, -1, 2**63, 2**70])
def test_a_story_id_no_story_can_have_answers_404(reader, story_id):
    data = {"story_id": story_id, "display_name": "R", "body": "Hello", "consent": True}
    assert send(reader, "POST", "comments", data).status_code == 404


def test_a_retry_gets_its_comment_back_even_once_the_limit_is_reached(story_a, reader, settings):
    from commentdesk.lib.ratelimit import Rate

    settings.RATE_LIMITS = {"address": None, "commenter": Rate(1, 600), "story": None}
    data = {"story_id": story_a.pk, "display_name": "R", "body": "Once", "consent": True}
    key = {"Idempotency-Key": "5b7e0c2a-1f3d-4c8e-b9a6-2d4f6a8c0e1b"}
    first = send(reader, "POST", "comments", data, **key)
    again = send(reader, "POST", "comments", data, **key)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json()["id"] == first.json()["id"]


def test_too_many_submissions_answer_429_with_the_wait(story_a, reader, settings):
    from commentdesk.lib.ratelimit import Rate

    settings.RATE_LIMITS = {"address": None, "commenter": Rate(1, 600), "story": None}
    assert submit(reader, story_a).status_code == 201
    response = submit(reader, story_a, body="Again")
    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"
    assert 0 < int(response["Retry-After"]) <= 600
    assert response.json()["errors"]["body"]
