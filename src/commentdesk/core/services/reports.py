"""A reader reports a published comment, with a reason, for the desk to look at."""

from django.db import transaction
from django.utils.translation import gettext as _

from commentdesk.core.models import Comment, Report
from commentdesk.core.services.audit import record_event
from commentdesk.core.services.errors import SubmissionRefused
from commentdesk.lib.text import grapheme_length, normalise_text

MAX_NOTE_LENGTH = 1000


def clean_report(*, reason: str, note: str) -> tuple[str, str]:
    note = normalise_text(note or "")
    errors: dict[str, list[str]] = {}
    if reason not in Report.Reason.values:
        errors["reason"] = [_("Please choose a reason.")]
    if grapheme_length(note) > MAX_NOTE_LENGTH:
        errors["note"] = [_("At most %(limit)d characters.") % {"limit": MAX_NOTE_LENGTH}]
    if errors:
        raise SubmissionRefused(errors)
    return reason, note


@transaction.atomic
def report_comment(
    comment_id: int,
    *,
    story_id: int | None = None,
    reason: str,
    note: str = "",
    network_hash: str = "",
) -> Report:
    """Store the report once: the same reader reporting the same comment again changes nothing."""
    reason, note = clean_report(reason=reason, note=note)
    comment = (
        Comment.objects.select_related("story__site")
        .filter(pk=comment_id, status=Comment.Status.APPROVED)
        .first()
    )
    if comment is None or (story_id is not None and comment.story_id != story_id):
        raise SubmissionRefused(
            {"comment": [_("Only published comments can be reported.")]}, code="not_found"
        )
    if network_hash:
        earlier = comment.reports.filter(network_hash=network_hash, resolved_at__isnull=True)
        if earlier.exists():
            return earlier.first()
    report = Report.objects.create(
        comment=comment, reason=reason, note=note, network_hash=network_hash
    )
    record_event(
        "comment.reported",
        site=comment.story.site,
        comment=comment,
        status_before=comment.status,
        status_after=comment.status,
        data={"reason": reason, "report": report.pk},
    )
    return report
