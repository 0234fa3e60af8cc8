"""Moderators decide comments: approve, reject under a rule, edit under a rule.

Each decision is one transaction that locks the comment row, checks the comment is still
in the state the moderator saw (else DecisionConflict: someone else decided it first),
changes it, and appends the audit event.
"""

from django.db import transaction
from django.utils import timezone

from commentdesk.core import access
from commentdesk.core.models import AuditEvent, Comment, Revision, TermsRule
from commentdesk.core.services import notifications
from commentdesk.core.services.audit import action_label, record_event
from commentdesk.core.services.errors import DecisionConflict, NotAllowed, SubmissionRefused
from commentdesk.lib.text import grapheme_length, normalise_text

Status = Comment.Status


def _lock_for_decision(comment_id: int, moderator, seen_status: str | None) -> Comment:
    comment = (
        Comment.objects.select_for_update(of=("self",))
        .select_related("story__site", "commenter")
        .get(pk=comment_id)
    )
    if not access.can_moderate(moderator, comment.story.site):
        raise NotAllowed("You do not moderate this site.")
    if seen_status is not None and comment.status != seen_status:
        raise DecisionConflict(_conflict_message(comment))
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
    return comment


@transaction.atomic
def approve_comment(comment_id: int, *, moderator, seen_status: str = Status.PENDING) -> Comment:
    comment = _lock_for_decision(comment_id, moderator, seen_status)
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
    comment = _lock_for_decision(comment_id, moderator, seen_status)
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
def edit_comment(
    comment_id: int,
    *,
    moderator,
    rule: TermsRule | None,
    body: str,
    seen_status: str | None = None,
) -> Comment:
    """Change a comment's body under a rule. The original stays as a revision."""
    comment = _lock_for_decision(comment_id, moderator, seen_status)
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
