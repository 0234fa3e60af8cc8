from datetime import timedelta

import pytest
from django.utils import timezone

from commentdesk.core.models import AuditEvent, Comment, Commenter, ModerationMode
from commentdesk.core.services import commenters
from commentdesk.core.services.errors import NotAllowed, SubmissionRefused
from tests.conftest import post_comment


@pytest.fixture
def reader(story_a) -> Commenter:
    return post_comment(story_a, display_name="Troll", email="troll@example.org").commenter


def _post_again(story):
    return post_comment(story, display_name="Troll", email="troll@example.org", body="Again")


def test_a_banned_reader_is_refused_with_a_clear_message(story_a, reader, alice, rule_a):
    commenters.ban_commenter(reader.pk, moderator=alice, rule=rule_a, note="repeated abuse")
    with pytest.raises(SubmissionRefused) as refusal:
        _post_again(story_a)
    assert refusal.value.code == "commenter_blocked"
    assert "can no longer comment" in refusal.value.message
    event = AuditEvent.objects.get(action="commenter.banned")
    assert (event.commenter, event.rule, event.note) == (reader, rule_a, "repeated abuse")


def test_a_suspended_reader_is_refused_until_the_date(story_a, reader, alice, rule_a):
    until = timezone.now() + timedelta(days=3)
    commenters.suspend_commenter(reader.pk, moderator=alice, until=until, rule=rule_a)
    with pytest.raises(SubmissionRefused, match="suspended until"):
        _post_again(story_a)
    Commenter.objects.filter(pk=reader.pk).update(suspended_until=timezone.now())
    assert _post_again(story_a).status == Comment.Status.PENDING


def test_suspending_or_banning_needs_a_rule_and_a_future_date(reader, alice, rule_a):
    with pytest.raises(SubmissionRefused):
        commenters.ban_commenter(reader.pk, moderator=alice, rule=None)
    with pytest.raises(SubmissionRefused, match="future"):
        commenters.suspend_commenter(
            reader.pk, moderator=alice, until=timezone.now() - timedelta(hours=1), rule=rule_a
        )
    reader.refresh_from_db()
    assert reader.state == Commenter.State.ACTIVE


def test_an_always_premoderated_reader_waits_even_on_a_post_moderated_story(story_a, reader, alice):
    story_a.moderation_mode = ModerationMode.POST
    story_a.save()
    commenters.premoderate_commenter(reader.pk, moderator=alice)
    assert _post_again(story_a).status == Comment.Status.PENDING


def test_lifting_restores_the_reader_and_is_audited(story_a, reader, alice, rule_a):
    commenters.ban_commenter(reader.pk, moderator=alice, rule=rule_a)
    commenters.lift_restrictions(reader.pk, moderator=alice, note="appeal accepted")
    assert _post_again(story_a).status == Comment.Status.PENDING
    event = AuditEvent.objects.get(action="commenter.reinstated")
    assert (event.status_before, event.status_after) == ("banned", "active")
    with pytest.raises(SubmissionRefused, match="no restriction"):
        commenters.lift_restrictions(reader.pk, moderator=alice)


def test_a_moderator_of_another_site_cannot_act_on_the_reader(reader, bob, site_b):
    with pytest.raises(NotAllowed):
        commenters.ban_commenter(reader.pk, moderator=bob, rule=site_b.rules.first())
    reader.refresh_from_db()
    assert reader.state == Commenter.State.ACTIVE
