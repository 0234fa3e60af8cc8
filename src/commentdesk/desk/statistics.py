"""The desk's statistics over a period, for desk editors: queue, throughput, speed, reasons.

Every query is bounded by the editor's sites and the period, and reads a covering index:
audit_decisions (site, action, created_at, actor, rule) for decisions, comment_decided_stats
(status, decided_at, story, language, submitted_at) for decided and pending comments.
"""

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from django.db.models import Count, Min, QuerySet
from django.utils import timezone

from commentdesk.core.models import AuditEvent, Comment, Site, TermsRule
from commentdesk.core.services.moderation import DECISION_ACTIONS
from commentdesk.lib.sqltime import SecondsBetween

Status = Comment.Status
DECIDED = (Status.APPROVED, Status.REJECTED, Status.SPAM)


@dataclass(frozen=True)
class Scope:
    sites: QuerySet
    start: datetime
    end: datetime
    language: str = ""

    def comments(self) -> QuerySet:
        comments = Comment.objects.filter(story__site__in=self.sites)
        return comments.filter(language=self.language) if self.language else comments

    def decisions(self, actions: tuple[str, ...] = DECISION_ACTIONS) -> QuerySet:
        events = AuditEvent.objects.filter(
            site__in=self.sites,
            action__in=actions,
            created_at__gte=self.start,
            created_at__lt=self.end,
        )
        return events.filter(comment__language=self.language) if self.language else events


def pending_summary(scope: Scope) -> dict:
    row = (
        scope.comments()
        .filter(status=Status.PENDING)
        .aggregate(n=Count("pk"), oldest=Min("submitted_at"))
    )
    age = timezone.now() - row["oldest"] if row["oldest"] else None
    return {"count": row["n"], "oldest": row["oldest"], "age": age}


def decisions_over_time(scope: Scope) -> list[dict]:
    """Decisions per hour (per day when the period is longer than three days), UTC buckets.

    One count per bucket: each is a range of the covering index audit_decisions, so the
    database never sorts the period's events to group them (SQLite's GROUP BY would).
    """
    hourly = scope.end - scope.start <= timedelta(days=3)
    step = timedelta(hours=1) if hourly else timedelta(days=1)
    bucket = scope.start.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    if not hourly:
        bucket = bucket.replace(hour=0)
    rows = []
    while bucket < scope.end:
        within = replace(scope, start=max(bucket, scope.start), end=min(bucket + step, scope.end))
        count = within.decisions().count()
        if count:
            rows.append({"bucket": bucket, "count": count, "hourly": hourly})
        bucket += step
    return rows


def decisions_by_moderator(scope: Scope) -> list[dict]:
    rows = scope.decisions().order_by().values("actor__username", "action").annotate(n=Count("pk"))
    table: dict[str, dict] = {}
    for row in rows:
        name = row["actor__username"] or "(removed user)"
        entry = table.setdefault(name, {"moderator": name, "total": 0})
        entry[row["action"].split(".")[1]] = row["n"]
        entry["total"] += row["n"]
    return sorted(table.values(), key=lambda e: -e["total"])


def time_to_decision(scope: Scope) -> dict:
    """Median and 90th percentile of submission-to-decision, for comments decided in the period.

    The database computes each wait natively (covering index comment_decided_stats) and
    Python sorts the floats: one pass, portable to SQLite, which has no percentile function.
    """
    waits = sorted(
        _decided_in_period(scope)
        .order_by()
        .values_list(SecondsBetween("decided_at", "submitted_at"), flat=True)
    )
    count = len(waits)
    if not count:
        return {"count": 0, "median": None, "p90": None}
    return {
        "count": count,
        "median": timedelta(seconds=waits[(count - 1) // 2]),
        "p90": timedelta(seconds=waits[min(count - 1, int(count * 0.9))]),
    }


def _decided_in_period(scope: Scope) -> QuerySet:
    return scope.comments().filter(
        decided_at__gte=scope.start, decided_at__lt=scope.end, status__in=DECIDED
    )


def rejections_by_rule(scope: Scope) -> list[dict]:
    """Grouped by the ids in the covering index audit_decisions; names are looked up after."""
    rows = (
        scope.decisions(actions=("comment.rejected",))
        .order_by()
        .values("site_id", "rule_id")
        .annotate(n=Count("pk"))
    )
    site_names = dict(Site.objects.values_list("pk", "name"))
    rules = {r.pk: r for r in TermsRule.objects.filter(pk__in={r["rule_id"] for r in rows})}
    table = [
        {
            "site": site_names[r["site_id"]],
            "code": rules[r["rule_id"]].code if r["rule_id"] else "–",
            "title": rules[r["rule_id"]].title if r["rule_id"] else "",
            "count": r["n"],
        }
        for r in rows
    ]
    return sorted(table, key=lambda r: -r["count"])


def by_site_and_language(scope: Scope) -> list[dict]:
    pending = (
        scope.comments()
        .filter(status=Status.PENDING)
        .order_by()
        .values("story__site__name", "language")
        .annotate(n=Count("pk"), oldest=Min("submitted_at"))
    )
    decided = (
        _decided_in_period(scope)
        .order_by()
        .values("story__site_id", "language", "status")
        .annotate(n=Count("pk"))
    )
    site_names = dict(Site.objects.values_list("pk", "name"))
    table: dict[tuple, dict] = {}

    def row(site, language):
        return table.setdefault(
            (site, language or ""),
            {
                "site": site,
                "language": language or "unknown",
                "pending": 0,
                "oldest": None,
                "approved": 0,
                "rejected": 0,
                "spam": 0,
            },
        )

    for r in pending:
        entry = row(r["story__site__name"], r["language"])
        entry["pending"], entry["oldest"] = r["n"], r["oldest"]
    for r in decided:
        row(site_names[r["story__site_id"]], r["language"])[r["status"]] += r["n"]
    return sorted(table.values(), key=lambda e: (e["site"], e["language"]))


def bar_chart(points: list[tuple[str, int]], width: int = 640, height: int = 160) -> dict:
    """Geometry for a server-rendered SVG bar chart (no script, no inline style)."""
    top = max((value for _label, value in points), default=0) or 1
    step = width / max(len(points), 1)
    bars = []
    for index, (label, value) in enumerate(points):
        bar_height = round(value / top * (height - 20), 1)
        bars.append(
            {
                "x": round(index * step + 1, 1),
                "y": round(height - bar_height, 1),
                "width": round(max(step - 2, 1), 1),
                "height": bar_height,
                "label": label,
                "value": value,
            }
        )
    return {"width": width, "height": height, "bars": bars, "top": top}
