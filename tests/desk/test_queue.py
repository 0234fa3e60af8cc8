import pytest
from django.test import Client
from django.urls import reverse

from commentdesk.core.models import AuditEvent, Comment
from tests.conftest import post_comment


def test_the_desk_needs_a_signed_in_moderator(db):
    response = Client().get(reverse("desk:queue"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("desk:login"))


def test_a_moderator_signs_in_with_a_password(alice):
    client = Client()
    response = client.post(reverse("desk:login"), {"username": "alice", "password": "pw-alice"})
    assert response.status_code == 302
    assert client.get(reverse("desk:queue")).status_code == 200


def test_the_queue_lists_pending_comments_of_my_sites_oldest_first(story_a, story_b, alice_client):
    post_comment(story_a, body="Older words", display_name="Ann")
    post_comment(story_a, body="Newer words")
    post_comment(story_b, body="Other site words")
    html = alice_client.get(reverse("desk:queue")).content.decode()
    assert html.index("Older words") < html.index("Newer words")
    assert "Other site words" not in html
    assert story_a.title in html and "Ann" in html


def test_the_queue_costs_a_fixed_number_of_queries(story_a, alice_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for_queue():
        with CaptureQueriesContext(connection) as captured:
            alice_client.get(reverse("desk:queue"))
        return len(captured)

    post_comment(story_a, body="Only one")
    few = queries_for_queue()
    for n in range(40):
        post_comment(story_a, body=f"Comment {n}")
    # 7 of them are the capped tab counts; 2 are the screening evidence (moderator's
    # languages, commenters' records).
    assert queries_for_queue() == few <= 18


def test_approving_from_the_queue(story_a, alice_client):
    comment = post_comment(story_a)
    response = alice_client.post(
        reverse("desk:approve", args=[comment.pk]), {"seen_status": "pending"}, follow=True
    )
    assert "approved" in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


def test_rejecting_from_the_queue_needs_a_rule(story_a, alice_client, rule_a):
    comment = post_comment(story_a)
    response = alice_client.post(
        reverse("desk:reject", args=[comment.pk]), {"seen_status": "pending"}, follow=True
    )
    assert "Choose a Terms-of-Use rule" in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    alice_client.post(
        reverse("desk:reject", args=[comment.pk]), {"seen_status": "pending", "rule": rule_a.pk}
    )
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED


def test_a_late_decision_gets_a_clear_message(story_a, alice_client, rule_a):
    comment = post_comment(story_a)
    alice_client.post(reverse("desk:approve", args=[comment.pk]), {"seen_status": "pending"})
    response = alice_client.post(
        reverse("desk:reject", args=[comment.pk]),
        {"seen_status": "pending", "rule": rule_a.pk},
        follow=True,
    )
    assert "is already approved by alice" in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED


@pytest.mark.parametrize("action", ["approve", "reject", "edit"])
def test_a_moderator_of_another_site_gets_404_for_every_action(story_a, bob_client, action):
    comment = post_comment(story_a)
    response = bob_client.post(
        reverse(f"desk:{action}", args=[comment.pk]), {"seen_status": "pending", "body": "x"}
    )
    assert response.status_code == 404
    assert bob_client.get(reverse("desk:comment", args=[comment.pk])).status_code == 404
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert AuditEvent.objects.filter(comment=comment).count() == 1  # only the submission


def test_decisions_need_csrf(story_a, alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    comment = post_comment(story_a)
    response = client.post(reverse("desk:approve", args=[comment.pk]), {"seen_status": "pending"})
    assert response.status_code == 403
