import pytest

from commentdesk.core.models import AuditEvent, Comment, Revision
from commentdesk.core.services import moderation
from commentdesk.core.services.errors import DecisionConflict, NotAllowed, SubmissionRefused
from tests.conftest import make_moderator, post_comment


@pytest.fixture
def pending(story_a):
    return post_comment(story_a, body="Pending words")


def test_approving_publishes_the_comment_and_moves_the_thread_version(pending, alice):
    before = pending.story.thread_version
    comment = moderation.approve_comment(pending.pk, moderator=alice)
    assert comment.status == Comment.Status.APPROVED
    assert comment.published_at is not None
    pending.story.refresh_from_db()
    assert pending.story.thread_version == before + 1
    event = AuditEvent.objects.get(comment=pending, action="comment.approved")
    assert (event.actor, event.status_before, event.status_after) == (alice, "pending", "approved")


def test_rejecting_needs_a_rule_of_the_comments_site(pending, alice, site_b):
    with pytest.raises(SubmissionRefused):
        moderation.reject_comment(pending.pk, moderator=alice, rule=None)
    with pytest.raises(SubmissionRefused):
        moderation.reject_comment(pending.pk, moderator=alice, rule=site_b.rules.first())
    pending.refresh_from_db()
    assert pending.status == Comment.Status.PENDING


def test_rejecting_records_the_rule(pending, alice, rule_a):
    moderation.reject_comment(pending.pk, moderator=alice, rule=rule_a)
    event = AuditEvent.objects.get(comment=pending, action="comment.rejected")
    assert event.rule == rule_a
    assert event.status_after == "rejected"


def test_a_decision_on_a_comment_someone_else_decided_is_refused(pending, alice, rule_a, site_a):
    dana = make_moderator("dana", site_a)
    moderation.approve_comment(pending.pk, moderator=dana)
    with pytest.raises(DecisionConflict) as conflict:
        moderation.reject_comment(pending.pk, moderator=alice, rule=rule_a)
    assert "already approved by dana" in conflict.value.message
    pending.refresh_from_db()
    assert pending.status == Comment.Status.APPROVED
    assert AuditEvent.objects.filter(comment=pending, action="comment.rejected").count() == 0


def test_a_moderator_of_another_site_cannot_decide(pending, bob):
    with pytest.raises(NotAllowed):
        moderation.approve_comment(pending.pk, moderator=bob)


def test_editing_keeps_the_original_as_a_revision_and_marks_the_comment(pending, alice, rule_a):
    comment = moderation.edit_comment(
        pending.pk, moderator=alice, rule=rule_a, body="Cleaned\r\nwords"
    )
    assert comment.body == "Cleaned\nwords"
    assert comment.edited_by_moderator
    revision = Revision.objects.get(comment=pending)
    assert (revision.body_before, revision.body_after, revision.rule) == (
        "Pending words",
        "Cleaned\nwords",
        rule_a,
    )
    assert AuditEvent.objects.filter(comment=pending, action="comment.edited", rule=rule_a).exists()


def test_an_edit_that_changes_nothing_is_refused(pending, alice, rule_a):
    with pytest.raises(SubmissionRefused):
        moderation.edit_comment(pending.pk, moderator=alice, rule=rule_a, body="Pending words ")


def test_audit_events_are_append_only(pending):
    event = AuditEvent.objects.get(comment=pending)
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(pk=event.pk).update(note="x")
    with pytest.raises(TypeError):
        AuditEvent.objects.all().delete()
