"""Spam, undo, featuring, batches, and reports resolved by a decision."""

from datetime import timedelta

import pytest

from commentdesk.core.models import AuditEvent, Comment, Report
from commentdesk.core.services import moderation, report_review
from commentdesk.core.services.errors import DecisionConflict, NotAllowed
from tests.conftest import make_moderator, post_comment

Status = Comment.Status


@pytest.fixture
def pending(story_a):
    return post_comment(story_a, body="Pending words")


def test_marking_spam_needs_no_rule_and_is_audited(pending, alice):
    comment = moderation.mark_spam(pending.pk, moderator=alice)
    assert comment.status == Status.SPAM
    event = AuditEvent.objects.get(comment=pending, action="comment.spam")
    assert (event.actor, event.status_before) == (alice, "pending")


def test_undo_puts_the_comment_back_as_a_new_audit_event(pending, alice):
    before = pending.story.thread_version
    moderation.approve_comment(pending.pk, moderator=alice)
    comment = moderation.undo_decision(pending.pk, moderator=alice)
    assert comment.status == Status.PENDING
    assert comment.published_at is None and comment.decided_at is None
    actions = list(AuditEvent.objects.filter(comment=pending).values_list("action", flat=True))
    assert actions == ["comment.submitted", "comment.approved", "comment.decision_undone"]
    undo = AuditEvent.objects.get(action="comment.decision_undone")
    assert undo.data["undone_action"] == "comment.approved"
    assert (undo.status_before, undo.status_after) == ("approved", "pending")
    pending.story.refresh_from_db()
    assert pending.story.thread_version == before + 2  # published, then withdrawn


def test_undoing_a_rejection_of_a_published_comment_publishes_it_again(pending, alice, rule_a):
    moderation.approve_comment(pending.pk, moderator=alice)
    moderation.reject_comment(pending.pk, moderator=alice, rule=rule_a, seen_status="approved")
    assert moderation.undo_decision(pending.pk, moderator=alice).status == Status.APPROVED


def test_an_undo_cannot_itself_be_undone(pending, alice):
    moderation.mark_spam(pending.pk, moderator=alice)
    moderation.undo_decision(pending.pk, moderator=alice)
    with pytest.raises(DecisionConflict, match="no decision to undo"):
        moderation.undo_decision(pending.pk, moderator=alice)


def test_undo_is_refused_after_the_window(pending, alice):
    moderation.approve_comment(pending.pk, moderator=alice)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(moderation, "UNDO_WINDOW", timedelta(seconds=-1))
        with pytest.raises(DecisionConflict, match="older than"):
            moderation.undo_decision(pending.pk, moderator=alice)
    pending.refresh_from_db()
    assert pending.status == Status.APPROVED


def test_only_the_decider_or_a_desk_editor_may_undo(pending, alice, site_a):
    dana = make_moderator("dana", site_a)
    erin = make_moderator("erin", site_a, role="desk_editor")
    moderation.approve_comment(pending.pk, moderator=alice)
    with pytest.raises(NotAllowed, match="Only alice or a desk editor"):
        moderation.undo_decision(pending.pk, moderator=dana)
    assert moderation.undo_decision(pending.pk, moderator=erin).status == Status.PENDING


def test_featuring_needs_an_approved_comment_and_moves_the_thread(pending, alice):
    with pytest.raises(DecisionConflict):
        moderation.feature_comment(pending.pk, moderator=alice)
    moderation.approve_comment(pending.pk, moderator=alice)
    pending.story.refresh_from_db()
    version = pending.story.thread_version
    assert moderation.feature_comment(pending.pk, moderator=alice).featured
    pending.story.refresh_from_db()
    assert pending.story.thread_version == version + 1
    assert not moderation.feature_comment(pending.pk, moderator=alice, featured=False).featured
    actions = AuditEvent.objects.filter(comment=pending).values_list("action", flat=True)
    assert {"comment.featured", "comment.unfeatured"} <= set(actions)


def test_undoing_an_approval_unfeatures_the_comment(pending, alice):
    moderation.approve_comment(pending.pk, moderator=alice)
    moderation.feature_comment(pending.pk, moderator=alice)
    assert not moderation.undo_decision(pending.pk, moderator=alice).featured


def test_a_batch_decides_what_it_can_and_says_why_not_for_the_rest(story_a, alice, rule_a):
    first, second, third = (post_comment(story_a, body=f"Batch {n}") for n in range(3))
    moderation.approve_comment(second.pk, moderator=alice)
    decided, refused = moderation.decide_many(
        [first.pk, second.pk, third.pk, 999_999], moderator=alice, decision="reject", rule=rule_a
    )
    assert [c.pk for c in decided] == [first.pk, third.pk]
    assert "already approved by alice" in refused[second.pk]
    assert "does not exist" in refused[999_999]
    assert AuditEvent.objects.filter(action="comment.rejected", rule=rule_a).count() == 2


def test_a_batch_across_sites_is_refused_for_the_other_site(story_a, story_b, alice):
    mine, theirs = post_comment(story_a), post_comment(story_b)
    decided, refused = moderation.decide_many(
        [mine.pk, theirs.pk], moderator=alice, decision="approve"
    )
    assert [c.pk for c in decided] == [mine.pk]
    assert "do not moderate" in refused[theirs.pk]


def _report(comment, reason="abuse"):
    return Report.objects.create(comment=comment, reason=reason)


def test_rejecting_a_reported_comment_resolves_its_reports(pending, alice, rule_a):
    moderation.approve_comment(pending.pk, moderator=alice)
    _report(pending), _report(pending, "spam")
    moderation.reject_comment(pending.pk, moderator=alice, rule=rule_a, seen_status="approved")
    assert set(Report.objects.values_list("resolution", flat=True)) == {"comment.rejected"}


def test_dismissing_reports_keeps_the_comment_and_is_audited(pending, alice):
    moderation.approve_comment(pending.pk, moderator=alice)
    _report(pending), _report(pending)
    assert report_review.dismiss_reports(pending.pk, moderator=alice, note="fair comment") == 2
    pending.refresh_from_db()
    assert pending.status == Status.APPROVED
    assert not Report.objects.filter(resolved_at__isnull=True).exists()
    event = AuditEvent.objects.get(action="reports.dismissed")
    assert (event.data, event.note) == ({"reports": 2}, "fair comment")
    with pytest.raises(DecisionConflict, match="no open reports"):
        report_review.dismiss_reports(pending.pk, moderator=alice)


def test_a_moderator_of_another_site_cannot_dismiss_reports(pending, bob):
    _report(pending)
    with pytest.raises(NotAllowed):
        report_review.dismiss_reports(pending.pk, moderator=bob)
