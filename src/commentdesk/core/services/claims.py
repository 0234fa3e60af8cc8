"""Short holds on comments so two moderators never work the same one.

Opening or focusing a comment claims it for CLAIM_SECONDS; a moderator holds at most one
claim at a time (claiming another releases the previous one). While someone else's claim
runs, decisions on the comment are refused (see moderation._lock_for_decision).

Why the database and not the cache: the default deployment is SQLite with several gunicorn
workers and a per-process memory cache, where cache-based claims would silently not be
shared; a table is shared by every worker and every app server on every supported database,
and the decision checks it inside the same transaction that locks the comment row, so a
claim cannot lapse or be taken between the check and the write. Claims are not audited:
they change nothing a reader sees; the decisions they guard are.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from commentdesk.core.models import Claim

CLAIM_SECONDS = 90


@dataclass(frozen=True)
class Hold:
    comment_id: int
    user_id: int
    username: str
    expires_at: datetime

    def is_mine(self, user) -> bool:
        return self.user_id == user.pk


def _hold(claim: Claim) -> Hold:
    return Hold(claim.comment_id, claim.user_id, claim.user.get_username(), claim.expires_at)


def claim_comment(comment_id: int, *, moderator) -> Hold:
    """Claim (or renew) a comment. Returns the hold in force: someone else's if they have it.

    The caller has checked access to the comment.
    """
    now = timezone.now()
    expires = now + timedelta(seconds=CLAIM_SECONDS)
    with transaction.atomic():
        Claim.objects.filter(user=moderator).exclude(comment_id=comment_id).delete()
        current = (
            Claim.objects.select_for_update().select_related("user").filter(pk=comment_id).first()
        )
        if current and current.user_id != moderator.pk and current.expires_at > now:
            return _hold(current)
        if current:
            current.user = moderator
            current.expires_at = expires
            current.save(update_fields=["user", "expires_at"])
            return _hold(current)
        try:
            with transaction.atomic():
                claim = Claim.objects.create(
                    comment_id=comment_id, user=moderator, expires_at=expires
                )
        except IntegrityError:  # another moderator's request created it a moment ago
            return _hold(Claim.objects.select_related("user").get(pk=comment_id))
        return _hold(claim)


def release_claims(*, moderator, comment_id: int | None = None) -> None:
    """Give up the moderator's claim (on one comment, or whatever they hold)."""
    claims = Claim.objects.filter(user=moderator)
    if comment_id is not None:
        claims = claims.filter(pk=comment_id)
    claims.delete()


def holds(comment_ids) -> dict[int, Hold]:
    """The claims in force on these comments, by comment id (lapsed ones left out)."""
    claims = Claim.objects.filter(
        pk__in=list(comment_ids), expires_at__gt=timezone.now()
    ).select_related("user")
    return {claim.comment_id: _hold(claim) for claim in claims}


def held_by_other(comment_id: int, moderator) -> Hold | None:
    """Someone else's claim in force on this comment, or None. Call inside the decision."""
    hold = holds([comment_id]).get(comment_id)
    return None if hold is None or hold.is_mine(moderator) else hold
