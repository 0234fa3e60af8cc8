"""Moderators decide comments: approve, reject under a rule, mark as spam, edit under a rule,
undo their decision, feature an approved comment.

Each decision is one transaction that locks the comment row, checks the comment is still
in the state the moderator saw (else DecisionConflict: someone else decided it first) and
that no one else holds a claim on it (services.claims), changes it, and appends the audit
event.
"""

from datetime import timedelta

from django.db import models, transaction
from django.utils import timezone

from commentdesk.core import access
from commentdesk.core.models import AuditEvent, Claim, Comment, Report, Revision, TermsRule
from commentdesk.core.services import claims, notifications
from commentdesk.core.services.audit import action_label, record_event
from commentdesk.core.services.errors import DecisionConflict, NotAllowed, SubmissionRefused
from commentdesk.lib.text import grapheme_length, normalise_text
from commentdesk.screening import assistant

Status = Comment.Status


def lock_for_decision(comment_id: int, moderator, seen_status: str | None) -> Comment:
    comment = (
        Comment.objects.select_for_update(of=("self",))
        .select_related("story__site", "commenter")
        .get(pk=comment_id)
    )
    if not access.can_moderate(moderator, comment.story.site):
        raise NotAllowed("You do not moderate this site.")
    if seen_status is not None and comment.status != seen_status:
        raise DecisionConflict(_conflict_message(comment))
    hold = claims.held_by_other(comment.pk, moderator)
    if hold is not None:
        raise DecisionConflict(
            f"Comment #{comment.pk} is being reviewed by {hold.username} until "
            f"{hold.expires_at:%H:%M:%S} UTC. Your decision was not applied."
        )
    return comment


def _conflict_message(comment: Comment) -> str:
    last = (
        AuditEvent.objects.filter(comment=comment, status_after=comment.status)
        .select_related("actor")
        .order_by("-created_at", "-pk")
        .first()
    )
    who = f" by {last.actor.get_username()}" if last and last.actor else ""
    when = f" at {last.created_at:%H:%M:%S} UTC" if last else ""
    return (
        f"Comment #{comment.pk} is already {comment.get_status_display().lower()}{who}{when}. "
        "Your decision was not applied."
    )


def _require_rule(rule: TermsRule | None, comment: Comment) -> TermsRule:
    if rule is None or rule.site_id != comment.story.site_id or not rule.active:
        raise SubmissionRefused({"rule": ["Choose a Terms-of-Use rule of this site."]})
    return rule


def _set_status(comment: Comment, status: str, *, moderator, action: str, rule=None, note=""):
    before = comment.status
    now = timezone.now()
    comment.status = status
    comment.decided_at = now
    fields = ["status", "decided_at"]
    if status == Status.APPROVED and comment.published_at is None:
        comment.published_at = now
        fields.append("published_at")
    comment.save(update_fields=fields)
    if Status.APPROVED in (before, status):
        comment.story.bump_thread_version()
    Claim.objects.filter(pk=comment.pk, user=moderator).delete()  # done: let it go
    if status in (Status.REJECTED, Status.SPAM):
        Report.objects.filter(comment=comment, resolved_at__isnull=True).update(
            resolved_at=now, resolution=action
        )
    record_event(
        action,
        site=comment.story.site,
        actor=moderator,
        comment=comment,
        rule=rule,
        status_before=before,
        status_after=status,
        note=note,
    )
    notifications.decision_made(comment)
    assistant.decision_made(comment, status=status)  # the assistant learns once this commits
    return comment


@transaction.atomic
def approve_comment(comment_id: int, *, moderator, seen_status: str = Status.PENDING) -> Comment:
    comment = lock_for_decision(comment_id, moderator, seen_status)
    if comment.status == Status.APPROVED:
        raise DecisionConflict(f"Comment #{comment.pk} is already approved.")
    return _set_status(comment, Status.APPROVED, moderator=moderator, action="comment.approved")


@transaction.atomic
def reject_comment(
    comment_id: int,
    *,
    moderator,
    rule: TermsRule | None,
    seen_status: str = Status.PENDING,
    note: str = "",
) -> Comment:
    comment = lock_for_decision(comment_id, moderator, seen_status)
    rule = _require_rule(rule, comment)
    if comment.status == Status.REJECTED:
        raise DecisionConflict(f"Comment #{comment.pk} is already rejected.")
    return _set_status(
        comment,
        Status.REJECTED,
        moderator=moderator,
        action="comment.rejected",
        rule=rule,
        note=note,
    )


@transaction.atomic
def mark_spam(comment_id: int, *, moderator, seen_status: str = Status.PENDING) -> Comment:
    """Spam needs no rule: it is advertising or automated, not a reader breaking a rule."""
    comment = lock_for_decision(comment_id, moderator, seen_status)
    if comment.status == Status.SPAM:
        raise DecisionConflict(f"Comment #{comment.pk} is already marked as spam.")
    return _set_status(comment, Status.SPAM, moderator=moderator, action="comment.spam")


DECISION_ACTIONS = ("comment.approved", "comment.rejected", "comment.spam")
UNDO_WINDOW = timedelta(minutes=5)


@transaction.atomic
def undo_decision(comment_id: int, *, moderator) -> Comment:
    """Put the comment back as it was before its last decision, as a new audit event.

    Only the last status change of a comment can be undone, only if it was a decision,
    within UNDO_WINDOW, by the moderator who made it or a desk editor of the site.
    """
    comment = lock_for_decision(comment_id, moderator, seen_status=None)
    last = (
        comment.audit_events.exclude(status_before="")
        .exclude(status_before=models.F("status_after"))
        .select_related("actor")
        .order_by("-created_at", "-pk")
        .first()
    )
    if last is None or last.action not in DECISION_ACTIONS or last.status_after != comment.status:
        raise DecisionConflict(f"Comment #{comment.pk} has no decision to undo.")
    if last.actor_id != moderator.pk and not access.can_edit_desk(moderator, comment.story.site):
        who = last.actor.get_username() if last.actor else "someone else"
        raise NotAllowed(f"Only {who} or a desk editor can undo that decision.")
    if timezone.now() - last.created_at > UNDO_WINDOW:
        minutes = int(UNDO_WINDOW.total_seconds() // 60)
        raise DecisionConflict(
            f"The decision on comment #{comment.pk} is older than {minutes} minutes: "
            "decide the comment again instead."
        )
    before, restored = comment.status, last.status_before
    comment.status = restored
    fields = ["status"]
    if restored == Status.PENDING:
        comment.decided_at = None
        fields.append("decided_at")
    if before == Status.APPROVED:
        comment.published_at = None
        comment.featured = False
        fields += ["published_at", "featured"]
    comment.save(update_fields=fields)
    if Status.APPROVED in (before, restored):
        comment.story.bump_thread_version()
    record_event(
        "comment.decision_undone",
        site=comment.story.site,
        actor=moderator,
        comment=comment,
        status_before=before,
        status_after=restored,
        data={"undoes": last.pk, "undone_action": last.action},
    )
    return comment


@transaction.atomic
def feature_comment(comment_id: int, *, moderator, featured: bool = True) -> Comment:
    """Pin an approved comment as an editor's pick (shown first in its thread), or unpin it."""
    comment = lock_for_decision(comment_id, moderator, seen_status=Status.APPROVED)
    if comment.featured == featured:
        state = "already featured" if featured else "not featured"
        raise DecisionConflict(f"Comment #{comment.pk} is {state}.")
    comment.featured = featured
    comment.save(update_fields=["featured"])
    comment.story.bump_thread_version()
    record_event(
        "comment.featured" if featured else "comment.unfeatured",
        site=comment.story.site,
        actor=moderator,
        comment=comment,
        status_before=comment.status,
        status_after=comment.status,
    )
    return comment


@transaction.atomic
def edit_comment(
    comment_id: int,
    *,
    moderator,
    rule: TermsRule | None,
    body: str,
    seen_status: str | None = None,
) -> Comment:
    """Change a comment's body under a rule. The original stays as a revision."""
    comment = lock_for_decision(comment_id, moderator, seen_status)
    rule = _require_rule(rule, comment)
    new_body = normalise_text(body)
    if not new_body:
        raise SubmissionRefused({"body": ["The edited comment cannot be empty."]})
    if grapheme_length(new_body) > comment.story.site.max_comment_length:
        raise SubmissionRefused(
            {"body": [f"At most {comment.story.site.max_comment_length} characters."]}
        )
    if new_body == comment.body:
        raise SubmissionRefused({"body": ["The text is unchanged: nothing to edit."]})
    Revision.objects.create(
        comment=comment, body_before=comment.body, body_after=new_body, editor=moderator, rule=rule
    )
    assistant.decision_made(comment, body_before=comment.body)  # learns once this commits
    comment.body = new_body
    comment.edited_by_moderator = True
    comment.save(update_fields=["body", "edited_by_moderator"])
    if comment.status == Status.APPROVED:
        comment.story.bump_thread_version()
    record_event(
        "comment.edited",
        site=comment.story.site,
        actor=moderator,
        comment=comment,
        rule=rule,
        status_before=comment.status,
        status_after=comment.status,
    )
    return comment


def history(comment: Comment) -> list[dict]:
    """The comment's audit trail, oldest first, for display."""
    events = comment.audit_events.select_related("actor", "rule").order_by("created_at", "pk")
    return [
        {
            "event": event,
            "label": action_label(event.action),
            "actor": event.actor.get_username() if event.actor else "reader",
        }
        for event in events
    ]


BATCH_DECISIONS = ("approve", "reject", "spam")
MAX_BATCH = 500


def decide_many(comment_ids, *, moderator, decision: str, rule: TermsRule | None = None):
    """Apply one decision to several pending comments, each in its own transaction.

    Returns (decided comments, {comment id: why it was not decided}); one comment that
    someone else decided or holds never stops the rest.
    """
    if decision not in BATCH_DECISIONS:
        raise ValueError(f"Unknown batch decision {decision!r}.")
    ids = list(dict.fromkeys(comment_ids))[:MAX_BATCH]
    decided: list[Comment] = []
    refused: dict[int, str] = {}
    for comment_id in ids:
        try:
            if decision == "approve":
                decided.append(approve_comment(comment_id, moderator=moderator))
            elif decision == "reject":
                decided.append(reject_comment(comment_id, moderator=moderator, rule=rule))
            else:
                decided.append(mark_spam(comment_id, moderator=moderator))
        except (DecisionConflict, NotAllowed, SubmissionRefused) as error:
            refused[comment_id] = error.message
        except Comment.DoesNotExist:
            refused[comment_id] = f"Comment #{comment_id} does not exist."
    return decided, refused
