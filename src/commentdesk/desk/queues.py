"""The desk's queues: which comments each tab holds, filtered and ordered, and their counts.

Reads only; decisions go through core.services. Every query starts from
access.comments_for_moderator, so a moderator never sees another site's comments.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from commentdesk.core import access, search
from commentdesk.core.models import Comment, Report
from commentdesk.screening import ranking

Status = Comment.Status

# A pending comment is "flagged" when a screening stage flagged or held it, or when the
# assistant scored it at least this likely to be rejected.
FLAG_SCORE = 0.5
FLAG_VERDICTS = ["flag", "hold", "reject"]
# Counts above this show as "1000+": a tab badge needs no exact count of a huge tab (the
# statistics page has exact figures), and the pulse recounts every tab every few seconds.
COUNT_CAP = 1_000
PAGE_SIZE = 50
MAX_PAGE_SIZE = 500

TABS = [
    ("pending", "Pending"),
    ("flagged", "Flagged"),
    ("reported", "Reported"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("spam", "Spam"),
    ("all", "All"),
]
TAB_NAMES = dict(TABS)

ORDERS = [
    ("oldest", "Oldest first"),
    ("newest", "Newest first"),
    ("likely", "Most likely rejected first"),
    ("uncertain", "Least certain first"),
]


def _tab_filter(queryset: QuerySet, tab: str) -> QuerySet:
    if tab == "pending":
        return queryset.filter(status=Status.PENDING)
    if tab == "flagged":
        flagged = Q(reject_score__gte=FLAG_SCORE) | Q(screening__verdict__in=FLAG_VERDICTS)
        return queryset.filter(flagged, status=Status.PENDING)
    if tab == "reported":
        # Driven by the few open reports (index report_queue), not by every comment.
        open_ids = Report.objects.filter(resolved_at__isnull=True).values("comment_id")
        return queryset.filter(pk__in=open_ids)
    if tab in (Status.APPROVED, Status.REJECTED, Status.SPAM):
        return queryset.filter(status=tab)
    return queryset


@dataclass(frozen=True)
class Filters:
    site_id: int | None = None
    story_id: int | None = None
    language: str = ""
    commenter_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None
    text: str = ""

    def apply(self, queryset: QuerySet) -> QuerySet:
        if self.site_id:
            queryset = queryset.filter(story__site_id=self.site_id)
        if self.story_id:
            queryset = queryset.filter(story_id=self.story_id)
        if self.language:
            queryset = ranking.filter_language(queryset, self.language)
        if self.commenter_id:
            queryset = queryset.filter(commenter_id=self.commenter_id)
        if self.since:
            queryset = queryset.filter(submitted_at__gte=self.since)
        if self.until:
            queryset = queryset.filter(submitted_at__lt=self.until)
        if self.text:
            queryset = search.containing(queryset, self.text)
        return queryset


def day_start(day) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def _ordered(queryset: QuerySet, tab: str, order: str, languages=()) -> QuerySet:
    if order in ("likely", "uncertain") or (order == "oldest" and tab in ("pending", "flagged")):
        return ranking.order_queue(queryset, order, languages)
    if order == "newest":
        return queryset.order_by("-submitted_at", "-pk")
    if tab == "reported":
        return queryset.annotate(
            open_report_count=Count("reports", filter=Q(reports__resolved_at__isnull=True))
        ).order_by("-open_report_count", "submitted_at", "pk")
    if tab in (Status.APPROVED, Status.REJECTED, Status.SPAM):
        # Plain DESC, so PostgreSQL walks the (status, decided_at) index backwards; comments
        # published without a decision (post-moderation) have no decided_at and sort as NULLs.
        return queryset.order_by("-decided_at", "-pk")
    return queryset.order_by("submitted_at", "pk")


def queue_page(user, tab: str, filters: Filters, order: str, offset: int, size: int):
    """One page of a tab, plus whether there is more after it."""
    queryset = _ordered(
        _tab_filter(filters.apply(access.comments_for_moderator(user)), tab),
        tab,
        order,
        ranking.moderator_languages(user),
    )
    rows = list(queryset[offset : offset + size + 1])
    return rows[:size], len(rows) > size


def tab_counts(user, filters: Filters) -> dict[str, int]:
    """How many comments each tab holds under these filters, capped at COUNT_CAP."""
    base = filters.apply(Comment.objects.filter(story__site__in=access.moderated_sites(user)))
    return {
        tab: _tab_filter(base, tab).order_by().values("pk")[: COUNT_CAP + 1].count()
        for tab, _label in TABS
    }


def format_count(count: int) -> str:
    return f"{COUNT_CAP}+" if count > COUNT_CAP else str(count)


ONE_DAY = timedelta(days=1)
