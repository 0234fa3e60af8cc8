"""A reader's own comment, found by the per-comment secret their browser keeps.

No login and no cookie: ``submit_comment`` hands the browser a secret once and stores only
its hash. With it the reader sees the comment's status (and, once decided, the rule), and
edits or deletes it while it is still pending and the site's edit window is open.
"""

import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commentdesk.core.models import AuditEvent, Comment, Revision, TermsRule
from commentdesk.core.services.audit import record_event
from commentdesk.core.services.errors import CommentdeskError, SubmissionRefused
from commentdesk.core.services.submission import clean_draft, hash_secret

Status = Comment.Status


class OwnCommentNotFound(CommentdeskError):
    """No comment with this id and secret (a wrong secret must not reveal that it exists)."""

    code = "not_found"


class EditWindowClosed(CommentdeskError):
    code = "edit_window_closed"


@dataclass(frozen=True)
class OwnComment:
    comment: Comment
    editable_until: datetime
    rule: TermsRule | None  # the rule cited when a moderator rejected or edited it

    @property
    def public_status(self) -> str:
        """What the reader is told: spam is reported as rejected."""
        status = self.comment.status
        return Status.REJECTED if status == Status.SPAM else status

    @property
    def can_edit(self) -> bool:
        return self.comment.status == Status.PENDING and timezone.now() < self.editable_until


def _find(comment_id: int, secret: str, *, lock: bool = False) -> Comment:
    queryset = Comment.objects.select_related("story__site")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    comment = queryset.filter(pk=comment_id).first()
    if (
        comment is None
        or not comment.secret_hash
        or not hmac.compare_digest(comment.secret_hash, hash_secret(secret or ""))
    ):
        raise OwnCommentNotFound(_("No comment of yours was found with this link."))
    return comment


def _decision_rule(comment: Comment) -> TermsRule | None:
    event = (
        AuditEvent.objects.filter(comment=comment, rule__isnull=False)
        .select_related("rule")
        .order_by("-created_at", "-pk")
        .first()
    )
    return event.rule if event else None


def as_own_comment(comment: Comment) -> OwnComment:
    """A comment as its author sees it (``own_comment`` finds it first by its secret)."""
    window = timedelta(minutes=comment.story.site.edit_window_minutes)
    rule = _decision_rule(comment) if comment.status != Status.PENDING else None
    return OwnComment(comment=comment, editable_until=comment.submitted_at + window, rule=rule)


def own_comment(comment_id: int, secret: str) -> OwnComment:
    return as_own_comment(_find(comment_id, secret))


def _editable(comment_id: int, secret: str) -> OwnComment:
    own = as_own_comment(_find(comment_id, secret, lock=True))
    if own.comment.status != Status.PENDING:
        raise EditWindowClosed(_("A moderator has already looked at this comment."))
    if not own.can_edit:
        raise EditWindowClosed(_("The time for changing this comment is over."))
    return own


@transaction.atomic
def edit_own_comment(comment_id: int, secret: str, *, body: str) -> OwnComment:
    """Change the body of one's own pending comment; the same rules as a new comment."""
    own = _editable(comment_id, secret)
    comment = own.comment
    draft = clean_draft(
        comment.story.site, display_name=comment.display_name, email="", body=body, consent=True
    )
    if draft.body != comment.body:
        Revision.objects.create(comment=comment, body_before=comment.body, body_after=draft.body)
        comment.body = draft.body
        comment.save(update_fields=["body"])
        record_event(
            "comment.author_edited",
            site=comment.story.site,
            comment=comment,
            status_before=comment.status,
            status_after=comment.status,
        )
    return own


@transaction.atomic
def delete_own_comment(comment_id: int, secret: str) -> OwnComment:
    """Withdraw one's own pending comment: it leaves the queue; the audit trail keeps it."""
    own = _editable(comment_id, secret)
    comment = own.comment
    comment.status = Status.DELETED
    comment.decided_at = timezone.now()
    comment.save(update_fields=["status", "decided_at"])
    record_event(
        "comment.author_deleted",
        site=comment.story.site,
        comment=comment,
        status_before=Status.PENDING,
        status_after=Status.DELETED,
    )
    return own


def reply_target(story_id: int, parent_id: int | None) -> Comment | None:
    """The comment a reply answers, or None for a top-level comment.

    A missing or foreign parent is refused here; ``submit_comment`` refuses unpublished ones.
    """
    if not parent_id:
        return None
    parent = Comment.objects.filter(pk=parent_id, story_id=story_id).first()
    if parent is None:
        raise SubmissionRefused({"parent": [_("You can only reply to a published comment.")]})
    return parent
