from django.urls import reverse

from commentdesk.core.models import Comment
from tests.conftest import post_comment


def test_the_comment_page_shows_its_history(story_a, alice_client, rule_a):
    comment = post_comment(story_a)
    alice_client.post(reverse("desk:approve", args=[comment.pk]), {"seen_status": "pending"})
    html = alice_client.get(reverse("desk:comment", args=[comment.pk])).content.decode()
    assert "Submitted by the reader by reader" in html
    assert "Approved by alice" in html
    assert "pending → approved" in html


def test_editing_under_a_rule_keeps_the_original(story_a, alice_client, rule_a):
    comment = post_comment(story_a, body="You fool, the date is wrong")
    response = alice_client.post(
        reverse("desk:edit", args=[comment.pk]),
        {"seen_status": "pending", "rule": rule_a.pk, "body": "The date is wrong"},
        follow=True,
    )
    html = response.content.decode()
    assert "Edited by a moderator by alice" in html
    assert "You fool, the date is wrong" in html  # the revision
    comment.refresh_from_db()
    assert comment.body == "The date is wrong"
    assert comment.status == Comment.Status.PENDING


def test_an_edit_without_a_rule_is_refused_and_keeps_the_text(story_a, alice_client):
    comment = post_comment(story_a, body="Original")
    response = alice_client.post(
        reverse("desk:edit", args=[comment.pk]), {"seen_status": "pending", "body": "Changed"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose a Terms-of-Use rule" in html
    assert "Changed" in html
    comment.refresh_from_db()
    assert comment.body == "Original"
