"""Mail to readers: their comment was decided. Only when they gave an e-mail address.

The decision's transaction calls ``decision_made``; the mail is queued as a background task
once that transaction commits, so a slow or failing mail server never holds up the desk.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

from commentdesk.core.models import AuditEvent, Comment

logger = logging.getLogger(__name__)

NOTIFIED_STATUSES = (Comment.Status.APPROVED, Comment.Status.REJECTED)


def decision_made(comment: Comment) -> None:
    """Call inside the decision's transaction: queue the reader's notice after commit."""
    if comment.commenter.email and comment.status in NOTIFIED_STATUSES:
        transaction.on_commit(lambda: _enqueue(comment.pk))


def _enqueue(comment_id: int) -> None:
    from commentdesk.core.tasks import notify_decision

    try:
        notify_decision.enqueue(comment_id)
    except Exception:  # the decision is saved; a lost notice must not turn it into an error
        logger.exception("could not queue the decision notice for comment %s", comment_id)


def send_decision_notice(comment_id: int) -> bool:
    """Send the notice now. False when there is nothing to send (no e-mail, not decided)."""
    comment = (
        Comment.objects.select_related("story__site", "commenter").filter(pk=comment_id).first()
    )
    if comment is None or not comment.commenter.email or comment.status not in NOTIFIED_STATUSES:
        return False
    decision = (
        AuditEvent.objects.filter(comment=comment, status_after=comment.status)
        .select_related("rule")
        .order_by("-created_at", "-pk")
        .first()
    )
    context = {
        "comment": comment,
        "story": comment.story,
        "site": comment.story.site,
        "rule": decision.rule if decision else None,
        "approved": comment.status == Comment.Status.APPROVED,
    }
    subject = " ".join(render_to_string("core/mail/decision_subject.txt", context).split())
    body = render_to_string("core/mail/decision_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [comment.commenter.email])
    return True
