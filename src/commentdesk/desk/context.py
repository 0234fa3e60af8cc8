"""What a moderator sees beside a comment: the story, the thread around it, the commenter's
record. Reads only."""

from dataclasses import dataclass, field

from django.db.models import Count

from commentdesk.core.models import AuditEvent, Comment, Commenter, Report
from commentdesk.core.services.audit import action_label
from commentdesk.lib.diff import word_diff

RECENT = 5
THREAD_LIMIT = 50
COMMENTER_ACTIONS = (
    "comment.approved",
    "comment.rejected",
    "comment.spam",
    "comment.decision_undone",
    "commenter.premoderated",
    "commenter.suspended",
    "commenter.banned",
    "commenter.reinstated",
)


@dataclass
class CommenterRecord:
    commenter: Commenter
    counts: dict[str, int]
    recent_events: list[dict] = field(default_factory=list)
    recent_reports: list[Report] = field(default_factory=list)
    open_reports: int = 0


def commenter_record(commenter: Commenter) -> CommenterRecord:
    counts = dict(
        Comment.objects.filter(commenter=commenter)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    events = (
        AuditEvent.objects.filter(commenter=commenter, action__in=COMMENTER_ACTIONS)
        .select_related("actor", "rule")
        .order_by("-created_at", "-pk")[:RECENT]
    )
    reports = Report.objects.filter(comment__commenter=commenter).order_by("-created_at")
    return CommenterRecord(
        commenter=commenter,
        counts={status: counts.get(status, 0) for status in Comment.Status.values},
        recent_events=[describe(event) for event in events],
        recent_reports=list(reports.select_related("comment")[:RECENT]),
        open_reports=reports.filter(resolved_at__isnull=True).count(),
    )


def describe(event: AuditEvent) -> dict:
    return {
        "event": event,
        "label": action_label(event.action),
        "actor": event.actor.get_username() if event.actor else "reader",
    }


def ancestors(comment: Comment) -> list[Comment]:
    """The comments this one replies to, the thread's first comment first."""
    chain: list[Comment] = []
    parent = comment.parent
    seen = {comment.pk}
    while parent is not None and parent.pk not in seen and len(chain) < THREAD_LIMIT:
        chain.append(parent)
        seen.add(parent.pk)
        parent = parent.parent
    return list(reversed(chain))


def replies(comment: Comment):
    return comment.replies.select_related("commenter").order_by("submitted_at", "pk")[:THREAD_LIMIT]


def open_reports_by_reason(comment: Comment) -> list[dict]:
    rows = (
        Report.objects.filter(comment=comment, resolved_at__isnull=True)
        .order_by()
        .values("reason")
        .annotate(n=Count("pk"))
        .order_by("-n")
    )
    labels = dict(Report.Reason.choices)
    return [{"reason": labels.get(r["reason"], r["reason"]), "count": r["n"]} for r in rows]


def revisions_with_diff(comment: Comment) -> list[dict]:
    return [
        {"revision": revision, "diff": word_diff(revision.body_before, revision.body_after)}
        for revision in comment.revisions.select_related("editor", "rule")
    ]
