"""The commenter, story and statistics pages."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from commentdesk.core.models import AuditEvent, Comment, Role
from commentdesk.core.services import moderation
from tests.conftest import make_moderator, post_comment


@pytest.fixture
def erin_client(site_a):
    client = Client()
    client.force_login(make_moderator("erin", site_a, role=Role.DESK_EDITOR))
    return client


def test_the_commenter_page_shows_the_record(story_a, alice, alice_client, rule_a):
    comment = post_comment(story_a, display_name="Quinn")
    moderation.reject_comment(comment.pk, moderator=alice, rule=rule_a)
    html = alice_client.get(reverse("desk:commenter", args=[comment.commenter_id])).content.decode()
    assert "Commenter: Quinn" in html
    assert "<dt>Rejected</dt><dd>1</dd>" in html
    assert "First seen" in html


def test_a_moderator_bans_a_commenter_from_the_page(story_a, alice_client, rule_a):
    commenter = post_comment(story_a).commenter
    url = reverse("desk:commenter", args=[commenter.pk])
    response = alice_client.post(url, {"action": "ban", "note": "threats"})
    assert response.status_code == 400
    assert "Choose a Terms-of-Use rule" in response.content.decode()
    response = alice_client.post(
        url, {"action": "ban", "rule": rule_a.pk, "note": "threats"}, follow=True
    )
    assert "Banned: their new comments are refused." in response.content.decode()
    commenter.refresh_from_db()
    assert commenter.state == "banned"


def test_a_suspension_needs_a_date(story_a, alice_client, rule_a):
    commenter = post_comment(story_a).commenter
    url = reverse("desk:commenter", args=[commenter.pk])
    response = alice_client.post(url, {"action": "suspend", "rule": rule_a.pk})
    assert "Say until when" in response.content.decode()
    until = (timezone.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    alice_client.post(url, {"action": "suspend", "rule": rule_a.pk, "until": until})
    commenter.refresh_from_db()
    assert commenter.state == "suspended" and commenter.suspended_until > timezone.now()


def test_a_desk_editor_sets_a_story_to_close_after_some_days(story_a, erin_client):
    url = reverse("desk:story", args=[story_a.pk])
    assert "Comments are open" in erin_client.get(url).content.decode()
    response = erin_client.post(
        url,
        {"comments_open": "on", "moderation_mode": "post", "close_after_days": "2"},
        follow=True,
    )
    assert "saved" in response.content.decode()
    story_a.refresh_from_db()
    assert (story_a.moderation_mode, story_a.close_after_days) == ("post", 2)
    response = erin_client.post(url, {"moderation_mode": "pre", "close_after_days": "0"})
    assert response.status_code == 400
    listing = erin_client.get(reverse("desk:stories")).content.decode()
    assert story_a.title in listing


def test_the_statistics_show_queue_speed_moderators_and_rules(story_a, alice, erin_client, rule_a):
    waiting = post_comment(story_a)
    Comment.objects.filter(pk=waiting.pk).update(submitted_at=timezone.now() - timedelta(hours=2))
    for minutes, decide in [(10, "approve"), (30, "approve"), (90, "reject")]:
        comment = post_comment(story_a)
        Comment.objects.filter(pk=comment.pk).update(
            submitted_at=timezone.now() - timedelta(minutes=minutes)
        )
        if decide == "approve":
            moderation.approve_comment(comment.pk, moderator=alice)
        else:
            moderation.reject_comment(comment.pk, moderator=alice, rule=rule_a)
    html = erin_client.get(reverse("desk:stats")).content.decode()
    assert '<dd data-stat="pending">1</dd>' in html
    assert '<dd data-stat="oldest">2 h 0 min</dd>' in html
    assert '<dd data-stat="median">30 min</dd>' in html
    assert '<dd data-stat="p90">1 h 30 min</dd>' in html
    assert '<th scope="row">alice</th><td>2</td><td>1</td><td>0</td><td>3</td>' in html
    assert "R1 No personal attacks" in html
    assert "<svg" in html and 'class="desk-chart-bar"' in html
    assert "Decisions per moderator (highest: 3)" in html


def test_the_statistics_filter_by_language_and_period(story_a, alice, erin_client):
    comment = post_comment(story_a)
    Comment.objects.filter(pk=comment.pk).update(language="de")
    moderation.approve_comment(comment.pk, moderator=alice)
    url = reverse("desk:stats")
    assert '<th scope="row">alice</th>' in erin_client.get(url, {"language": "de"}).content.decode()
    html = erin_client.get(url, {"language": "fr"}).content.decode()
    assert "No decisions in this period." in html
    old = (timezone.now() - timedelta(days=30)).date().isoformat()
    html = erin_client.get(url, {"since": old, "until": old}).content.decode()
    assert "No decisions in this period." in html
    html = erin_client.get(url, {"since": "2026-01-02", "until": "2026-01-01"}).content.decode()
    assert "The period must start before it ends." in html


def test_history_shows_undo_as_its_own_event(story_a, alice, alice_client):
    comment = post_comment(story_a)
    moderation.approve_comment(comment.pk, moderator=alice)
    moderation.undo_decision(comment.pk, moderator=alice)
    html = alice_client.get(reverse("desk:comment", args=[comment.pk])).content.decode()
    assert "Decision undone by alice · approved → pending" in html
    assert AuditEvent.objects.filter(comment=comment).count() == 3
