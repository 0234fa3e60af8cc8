"""A reader who gave an e-mail address is told once their comment is decided."""

import pytest
from django.core import mail

from commentdesk.core.services import moderation, threads
from commentdesk.core.services.errors import DecisionConflict
from commentdesk.screening import assistant
from tests.conftest import post_comment


def test_an_approved_reader_with_an_email_gets_one_notice(
    story_a, alice, django_capture_on_commit_callbacks
):
    comment = post_comment(story_a, "Hi", display_name="Maria", email="maria@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve_comment(comment.pk, moderator=alice)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["maria@example.org"]
    assert mail.outbox[0].subject == f"Your comment is published: {story_a.title}"
    assert story_a.url in mail.outbox[0].body


def test_a_rejected_reader_is_told_the_rule(
    story_a, alice, rule_a, django_capture_on_commit_callbacks
):
    comment = post_comment(story_a, "Hi", display_name="Maria", email="maria@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.reject_comment(comment.pk, moderator=alice, rule=rule_a)
    assert "under rule R1 of the Terms of Use: No personal attacks" in mail.outbox[0].body


def test_a_reader_without_an_email_gets_nothing(story_a, alice, django_capture_on_commit_callbacks):
    comment = post_comment(story_a, "Hi")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        moderation.approve_comment(comment.pk, moderator=alice)
    assert mail.outbox == []
    # The only work after the commit: the assistant learns, the thread cache is refreshed.
    assert {getattr(c, "func", c) for c in callbacks} == {
        assistant.learn_from_decision,
        threads.refresh_story_snapshot,
    }


def test_a_failed_decision_queues_no_notice(story_a, alice, django_capture_on_commit_callbacks):
    comment = post_comment(story_a, "Hi", display_name="M", email="m@example.org")
    moderation.approve_comment(comment.pk, moderator=alice)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(DecisionConflict):
            moderation.approve_comment(comment.pk, moderator=alice)
    assert callbacks == []
