"""Without JavaScript: a reader's own comment by its secret link, and reporting a comment."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from commentdesk.core.models import Comment, Report
from commentdesk.core.services import moderation
from tests.conftest import post_comment


@pytest.fixture
def reader():
    return Client()


def token(client, path):
    return re.search(r'name="form_token" value="([^"]+)"', client.get(path).content.decode())[1]


def posted(client, story, body="My first words"):
    data = {"display_name": "R", "body": body, "consent": "on"}
    data["form_token"] = token(client, f"/comments/{story.pk}/")
    response = client.post(f"/comments/{story.pk}/", data)
    return response["Location"].split("?")[0]


def test_the_secret_link_shows_edits_and_deletes_the_pending_comment(story_a, reader):
    mine = posted(reader, story_a)
    page = reader.get(mine)
    assert page["Cache-Control"] == "private, no-store"
    assert "My first words" in page.content.decode()
    assert "Awaiting moderation" in page.content.decode()
    edit = {"body": "Better words", "action": "edit", "form_token": token(reader, mine)}
    response = reader.post(mine, edit)
    assert response.status_code == 302
    assert Comment.objects.get().body == "Better words"
    assert "Your change is saved." in reader.get(response["Location"]).content.decode()
    reader.post(mine, {"action": "delete", "form_token": token(reader, mine)})
    assert Comment.objects.get().status == "deleted"
    assert "You deleted this comment." in reader.get(mine).content.decode()


def test_a_guessed_secret_shows_nothing(story_a, reader):
    mine = posted(reader, story_a)
    guessed = re.sub(r"/[\w-]+/$", "/guess/", mine)
    response = reader.get(guessed)
    assert response.status_code == 404
    assert "My first words" not in response.content.decode()


def test_an_edit_needs_the_form_token_and_the_window(story_a, reader):
    mine = posted(reader, story_a)
    assert reader.post(mine, {"body": "Sneaky", "action": "edit"}).status_code == 403
    Comment.objects.update(submitted_at=timezone.now() - timedelta(hours=1))
    page = reader.get(mine).content.decode()
    assert "Save" not in page
    late = {
        "body": "Late",
        "action": "edit",
        "form_token": token(reader, f"/comments/{story_a.pk}/"),
    }
    response = reader.post(mine, late)
    assert response.status_code == 409
    assert Comment.objects.get().body == "My first words"


def test_a_decided_comment_shows_its_status_and_rule(story_a, alice, rule_a, reader):
    mine = posted(reader, story_a)
    moderation.reject_comment(Comment.objects.get().pk, moderator=alice, rule=rule_a)
    page = reader.get(mine).content.decode()
    assert "Not published" in page
    assert "Rule: R1: No personal attacks" in page


def test_a_reader_without_javascript_reports_a_comment(story_a, alice, reader):
    comment = post_comment(story_a, body="Rude words")
    moderation.approve_comment(comment.pk, moderator=alice)
    form_page = reader.get(f"/comments/{story_a.pk}/?report={comment.pk}").content.decode()
    assert "Report the comment by Reader" in form_page
    data = {
        "comment": comment.pk,
        "reason": "",
        "form_token": token(reader, f"/comments/{story_a.pk}/"),
    }
    refused = reader.post(f"/comments/{story_a.pk}/report/", data)
    assert refused.status_code == 400
    assert "Please choose a reason." in refused.content.decode()
    data["reason"] = "abuse"
    response = reader.post(f"/comments/{story_a.pk}/report/", data)
    assert response.status_code == 302
    assert (
        "A moderator will look at this comment" in reader.get(response["Location"]).content.decode()
    )
    assert Report.objects.get().reason == "abuse"


def test_a_reply_without_javascript_names_the_comment_answered(story_a, alice, reader):
    comment = post_comment(story_a, display_name="Hannah")
    moderation.approve_comment(comment.pk, moderator=alice)
    page = reader.get(f"/comments/{story_a.pk}/?reply={comment.pk}").content.decode()
    assert "Replying to Hannah" in page
    assert f'name="parent" value="{comment.pk}"' in page
    data = {"display_name": "R", "body": "A reply", "consent": "on", "parent": comment.pk}
    data["form_token"] = token(reader, f"/comments/{story_a.pk}/")
    reader.post(f"/comments/{story_a.pk}/", data)
    assert Comment.objects.get(body="A reply").parent == comment
