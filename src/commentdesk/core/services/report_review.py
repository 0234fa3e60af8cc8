"""The desk's side of readers' reports: dismiss them, or act on the comment.

Rejecting a reported comment or marking it as spam resolves its open reports too (see
moderation._set_status). Readers file reports elsewhere (the public side).
"""

from django.db import transaction
from django.utils import timezone

from commentdesk.core.models import Report
from commentdesk.core.services.audit import record_event
from commentdesk.core.services.errors import DecisionConflict
from commentdesk.core.services.moderation import lock_for_decision


@transaction.atomic
def dismiss_reports(comment_id: int, *, moderator, note: str = "") -> int:
    """The comment stays as it is; its open reports are closed as dismissed."""
    comment = lock_for_decision(comment_id, moderator, seen_status=None)
    count = Report.objects.filter(comment=comment, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolution="dismissed"
    )
    if not count:
        raise DecisionConflict(f"Comment #{comment.pk} has no open reports.")
    record_event(
        "reports.dismissed",
        site=comment.story.site,
        actor=moderator,
        comment=comment,
        status_before=comment.status,
        status_after=comment.status,
        note=note.strip(),
        data={"reports": count},
    )
    return count
