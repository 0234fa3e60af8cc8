"""A commenter's personal data: export and erasure on request, and scheduled purges.

Export and erasure are admin actions on one commenter (a reader as known on one site) and
leave an audit row. Erasure keeps the rows that others' data hangs on (replies, reports,
the audit trail) but empties everything that came from the reader: names, e-mail, texts,
revisions, hashes. Scheduled purges (``purge_expired``) apply the retention settings.
"""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from commentdesk.core.models import Comment, Commenter, Report, Revision, Story
from commentdesk.core.services.audit import record_event
from commentdesk.screening.models import ScreeningRecord

EXPORT_FORMAT = "commentdesk-commenter-export/1"
ERASED_NAME = "Erased commenter"


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def _comment_record(comment: Comment) -> dict:
    return {
        "id": comment.pk,
        "story": {"url": comment.story.url, "title": comment.story.title},
        "parent_id": comment.parent_id,
        "display_name": comment.display_name,
        "body": comment.body,
        "status": comment.status,
        "submitted_at": _iso(comment.submitted_at),
        "decided_at": _iso(comment.decided_at),
        "published_at": _iso(comment.published_at),
        "edited_by_moderator": comment.edited_by_moderator,
        "terms_version": comment.terms_version,
        "revisions": [
            {"before": r.body_before, "after": r.body_after, "at": _iso(r.created_at)}
            for r in comment.revisions.all()
        ],
    }


@transaction.atomic
def export_commenter(commenter: Commenter, *, actor) -> dict:
    """Everything stored about this commenter, as JSON-ready data. Audited.

    Keyed hashes (identity, network) are left out: they identify nobody, even to us.
    """
    comments = (
        commenter.comments.select_related("story").prefetch_related("revisions").order_by("pk")
    )
    record_event("commenter.exported", site=commenter.site, actor=actor, commenter=commenter)
    return {
        "format": EXPORT_FORMAT,
        "exported_at": _iso(timezone.now()),
        "site": {"slug": commenter.site.slug, "name": commenter.site.name},
        "commenter": {
            "id": commenter.pk,
            "display_name": commenter.display_name,
            "email": commenter.email,
            "state": commenter.state,
            "first_seen_at": _iso(commenter.first_seen_at),
            "last_seen_at": _iso(commenter.last_seen_at),
        },
        "comments": [_comment_record(c) for c in comments],
    }


def _blank_comments(comments: QuerySet[Comment], **also) -> int:
    """Empty what readers wrote in these comments and drop their earlier versions."""
    ids = list(comments.values_list("pk", flat=True))
    if not ids:
        return 0
    stories = Story.objects.filter(
        pk__in=Comment.objects.filter(pk__in=ids, status=Comment.Status.APPROVED).values("story_id")
    )
    for story in stories:  # the public thread changes: move its version (and cache key)
        story.bump_thread_version()
    Revision.objects.filter(comment_id__in=ids).delete()
    # Screening kept fingerprints of these texts (and the network hash) for spam signals.
    ScreeningRecord.objects.filter(comment_id__in=ids).delete()
    return Comment.objects.filter(pk__in=ids).update(
        body="",
        display_name="",
        network_hash="",
        secret_hash="",
        screening={},
        reject_score=None,
        **also,
    )


@dataclass(frozen=True)
class Erasure:
    commenter_id: int
    comments: int


@transaction.atomic
def erase_commenter(commenter: Commenter, *, actor, note: str = "") -> Erasure:
    """Erase a commenter's data on their request. The audit row records who, when and why."""
    commenter = Commenter.objects.select_for_update().get(pk=commenter.pk)
    count = _blank_comments(commenter.comments.all(), status=Comment.Status.DELETED)
    commenter.display_name = ERASED_NAME
    commenter.email = ""
    commenter.identity_key = f"erased:{secrets.token_hex(16)}"
    commenter.state_note = ""
    commenter.save(update_fields=["display_name", "email", "identity_key", "state_note"])
    record_event(
        "commenter.erased",
        site=commenter.site,
        actor=actor,
        commenter=commenter,
        note=note,
        data={"comments": count},
    )
    return Erasure(commenter_id=commenter.pk, comments=count)


@dataclass(frozen=True)
class Purge:
    network_hashes: int
    deleted_comments: int
    rejected_comments: int


def _before(hours: int, now) -> object:
    return now - timedelta(hours=hours)


@transaction.atomic
def purge_expired(now=None) -> Purge:
    """Apply the retention settings (docs/operators/privacy.md). Safe to run any time."""
    now = now or timezone.now()
    hash_cutoff = _before(settings.RETAIN_NETWORK_HASH_HOURS, now)
    hashes = Comment.objects.filter(submitted_at__lt=hash_cutoff).exclude(network_hash="")
    hashes = hashes.update(network_hash="")
    for model in (Report, ScreeningRecord):
        old = model.objects.filter(created_at__lt=hash_cutoff).exclude(network_hash="")
        hashes += old.update(network_hash="")
    deleted = Comment.objects.filter(
        status=Comment.Status.DELETED,
        submitted_at__lt=_before(settings.RETAIN_DELETED_DAYS * 24, now),
    ).exclude(body="", display_name="", secret_hash="")
    rejected = 0
    if settings.RETAIN_REJECTED_DAYS:
        rejected = _blank_comments(
            Comment.objects.filter(
                status__in=[Comment.Status.REJECTED, Comment.Status.SPAM],
                decided_at__lt=_before(settings.RETAIN_REJECTED_DAYS * 24, now),
            ).exclude(body="", display_name="")
        )
    return Purge(
        network_hashes=hashes, deleted_comments=_blank_comments(deleted), rejected_comments=rejected
    )
