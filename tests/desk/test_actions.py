"""Decisions from the queue answer in place (htmx) and by redirect (no JavaScript)."""

import pytest
from django.urls import reverse

from commentdesk.core.models import AuditEvent, Comment
from commentdesk.core.services import claims, moderation
from tests.conftest import make_moderator, post_comment

HTMX = {"HX-Request": "true"}


@pytest.fixture
def pending(story_a):
    return post_comment(story_a, body="You fool, the date is wrong")


def act(client, name, comment, **data):
    data.setdefault("seen_status", "pending")
    return client.post(reverse(f"desk:{name}", args=[comment.pk]), data, headers=HTMX)


def test_approving_answers_with_the_item_and_an_announcement(pending, alice_client):
    html = act(alice_client, "approve", pending).content.decode()
    assert f'id="q{pending.pk}"' in html and 'data-status="approved"' in html
    assert 'hx-swap-oob="innerHTML:#desk-announce"' in html
    assert f"Comment #{pending.pk} approved. Press z to undo." in html
    assert "Undo decision" in html


def test_rejecting_names_the_rule_and_undo_brings_it_back(pending, alice_client, rule_a):
    html = act(alice_client, "reject", pending, rule=rule_a.pk).content.decode()
    assert f"rejected under {rule_a.code}" in html
    html = act(alice_client, "undo", pending, seen_status="rejected").content.decode()
    assert "undone: it is pending again" in html
    pending.refresh_from_db()
    assert pending.status == "pending"
    assert AuditEvent.objects.filter(comment=pending).count() == 3


def test_rejecting_without_a_rule_says_so_and_changes_nothing(pending, alice_client):
    html = act(alice_client, "reject", pending).content.decode()
    assert "Choose a Terms-of-Use rule" in html and "desk-msg-error" in html
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_a_decision_that_loses_the_race_gets_a_clear_message(pending, alice_client, site_a):
    dana = make_moderator("dana", site_a)
    claims.claim_comment(pending.pk, moderator=dana)
    html = act(alice_client, "approve", pending).content.decode()
    assert "is being reviewed by dana until" in html
    assert "Held by dana" in html
    claims.release_claims(moderator=dana)
    moderation.approve_comment(pending.pk, moderator=dana)
    html = act(alice_client, "spam", pending).content.decode()
    assert "is already approved by dana" in html
    pending.refresh_from_db()
    assert pending.status == "approved"


def test_spam_from_the_queue(pending, alice_client):
    assert "marked as spam" in act(alice_client, "spam", pending).content.decode()
    pending.refresh_from_db()
    assert pending.status == Comment.Status.SPAM


def test_editing_in_place_shows_the_diff_against_the_original(pending, alice_client, rule_a):
    form = alice_client.get(reverse("desk:edit", args=[pending.pk]), headers=HTMX).content.decode()
    assert "Edited text of comment" in form and "You fool, the date is wrong" in form
    html = act(
        alice_client, "edit", pending, rule=rule_a.pk, body="The date is wrong"
    ).content.decode()
    assert "<del>You fool, the</del><ins>The</ins> date is wrong" in html
    assert "edited by a moderator" in html


def test_an_edit_refused_in_place_keeps_the_moderators_text(pending, alice_client):
    html = act(alice_client, "edit", pending, body="My careful rewrite").content.decode()
    assert "Choose a Terms-of-Use rule" in html
    assert "My careful rewrite" in html
    pending.refresh_from_db()
    assert pending.body == "You fool, the date is wrong"


def test_claiming_shows_the_context_beside_the_comment(story_a, alice, alice_client, rule_a):
    parent = post_comment(story_a, body="The parent words", display_name="Pat")
    parent = moderation.approve_comment(parent.pk, moderator=alice)
    reply = post_comment(story_a, body="A reply", display_name="Ray", parent=parent)
    earlier = post_comment(story_a, body="Earlier", display_name="Ray")
    moderation.reject_comment(earlier.pk, moderator=alice, rule=rule_a)
    html = alice_client.post(reverse("desk:claim", args=[reply.pk])).content.decode()
    assert "You hold this comment until" in html
    assert story_a.title in html and story_a.url in html
    assert "The parent words" in html
    assert "Rejected by alice (R1)" in html  # the commenter's recent decisions
    assert "<dt>Rejected</dt><dd>1</dd>" in html
    thread = alice_client.get(reverse("desk:thread", args=[reply.pk])).content.decode()
    assert "the comment it replies to" in thread


def test_a_batch_approves_several_and_answers_for_each(story_a, alice_client, rule_a):
    first, second = post_comment(story_a), post_comment(story_a)
    response = alice_client.post(
        reverse("desk:batch"),
        {"ids": f"{first.pk},{second.pk}", "decision": "approve"},
        headers=HTMX,
    )
    html = response.content.decode()
    assert "2 comment(s) approved." in html
    assert html.count('hx-swap-oob="outerHTML"') == 2


def test_a_batch_rejection_needs_a_rule(story_a, alice_client, rule_a):
    first = post_comment(story_a)
    html = alice_client.post(
        reverse("desk:batch"), {"ids": str(first.pk), "decision": "reject"}, headers=HTMX
    ).content.decode()
    assert "Choose a Terms-of-Use rule" in html
    alice_client.post(
        reverse("desk:batch"), {"ids": str(first.pk), "decision": "reject", "rule": rule_a.pk}
    )
    first.refresh_from_db()
    assert first.status == "rejected"


def test_without_javascript_a_decision_redirects_back_with_a_message(pending, alice_client):
    response = alice_client.post(
        reverse("desk:approve", args=[pending.pk]), {"seen_status": "pending"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("desk:queue")
    assert "approved" in response.content.decode()


def test_a_redirect_never_leaves_the_desk(pending, alice_client):
    response = alice_client.post(
        reverse("desk:batch"),
        {"ids": str(pending.pk), "decision": "approve", "back": "https://evil.example/"},
    )
    assert response["Location"] == reverse("desk:queue")
