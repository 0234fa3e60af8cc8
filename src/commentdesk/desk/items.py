"""Everything the queue needs to show a page of comments, in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from commentdesk.core.models import Comment, Report, TermsRule
from commentdesk.core.services import claims
from commentdesk.screening import evidence

REASONS = dict(Report.Reason.choices)


@dataclass
class Item:
    comment: Comment
    rules: list[TermsRule]
    hold: claims.Hold | None = None
    reports: list[dict] = field(default_factory=list)
    evidence: dict | None = None  # screening.evidence.evidence_for

    @property
    def open_reports(self) -> int:
        return sum(row["count"] for row in self.reports)


def build_items(comments: list[Comment]) -> list[Item]:
    ids = [comment.pk for comment in comments]
    site_ids = {comment.story.site_id for comment in comments}
    rules: dict[int, list[TermsRule]] = defaultdict(list)
    for rule in TermsRule.objects.filter(site_id__in=site_ids, active=True):
        rules[rule.site_id].append(rule)
    reports: dict[int, list[dict]] = defaultdict(list)
    rows = (
        Report.objects.filter(comment_id__in=ids, resolved_at__isnull=True)
        .order_by()
        .values("comment_id", "reason")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        reports[row["comment_id"]].append(
            {"reason": REASONS.get(row["reason"], row["reason"]), "count": row["n"]}
        )
    holds = claims.holds(ids) if ids else {}
    records = evidence.records(comment.commenter_id for comment in comments) if ids else {}
    return [
        Item(
            comment=comment,
            rules=rules[comment.story.site_id],
            hold=holds.get(comment.pk),
            reports=sorted(reports[comment.pk], key=lambda r: -r["count"]),
            evidence=evidence.evidence_for(comment, records.get(comment.commenter_id, {})),
        )
        for comment in comments
    ]
