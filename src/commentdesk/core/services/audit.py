"""Writing the audit trail, and the one registry of audit actions and their labels."""

from django.utils import timezone

from commentdesk.core.models import AuditEvent, Comment, Commenter, Site, TermsRule
from commentdesk.lib.prepared import insert

ACTIONS: dict[str, str] = {
    "comment.submitted": "Submitted by the reader",
    "comment.approved": "Approved",
    "comment.rejected": "Rejected",
    "comment.spam": "Marked as spam",
    "comment.edited": "Edited by a moderator",
    "comment.author_edited": "Edited by the author",
    "comment.author_deleted": "Deleted by the author",
    "comment.reported": "Reported by a reader",
    "commenter.exported": "Commenter's data exported on request",
    "commenter.erased": "Commenter's data erased on request",
    "comment.decision_undone": "Decision undone",
    "comment.featured": "Featured as an editor's pick",
    "comment.unfeatured": "No longer featured",
    "reports.dismissed": "Reports dismissed",
    "commenter.premoderated": "Commenter set to always pre-moderate",
    "commenter.suspended": "Commenter suspended",
    "commenter.banned": "Commenter banned",
    "commenter.reinstated": "Commenter restrictions lifted",
    "story.settings_changed": "Story settings changed",
    "comment.auto_rejected": "Rejected automatically by screening",
}


def action_label(action: str) -> str:
    return ACTIONS.get(action, action)


def record_event(action: str, **details) -> AuditEvent:
    """Append one audit row (``audit_event``'s). Call it inside the transaction that makes
    the change."""
    event = audit_event(action, **details)
    insert(event)
    return event


def audit_event(
    action: str,
    *,
    site: Site,
    actor=None,
    comment: Comment | None = None,
    commenter: Commenter | None = None,
    rule: TermsRule | None = None,
    status_before: str = "",
    status_after: str = "",
    note: str = "",
    data: dict | None = None,
) -> AuditEvent:
    """One audit row, not stored yet."""
    if action not in ACTIONS:
        raise ValueError(f"Unknown audit action {action!r}: add it to ACTIONS.")
    return AuditEvent(
        site=site,
        actor=actor,
        comment=comment,
        commenter=commenter or (comment.commenter if comment else None),
        action=action,
        rule=rule,
        status_before=status_before,
        status_after=status_after,
        note=note,
        data=data or {},
        created_at=timezone.now(),
    )
