"""Submission rate limits: per hashed network address, per commenter and per story.

Checked once, inside ``submit_comment``, so the form and the API share them. The rates are
operator settings (``COMMENTDESK_RATE_LIMIT_*``); counts live in the shared cache.
"""

from django.conf import settings

from commentdesk.core.models import Commenter, Story
from commentdesk.core.services.errors import RateLimited
from commentdesk.lib.ratelimit import Limit, exceeded

MESSAGES = {
    "address": "Many comments were sent from your network in a short time.",
    "commenter": "You have sent several comments in a short time.",
    "story": "This story is receiving very many comments right now.",
}


def _wait(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} seconds"
    return f"{round(seconds / 60)} minutes"


def check_submission_limits(story: Story, commenter: Commenter, network_hash: str) -> None:
    """Count this submission against each limit; raise RateLimited on the first one exceeded."""
    limits = [
        Limit(scope, str(key), settings.RATE_LIMITS[scope])
        for scope, key in (
            ("address", network_hash),
            ("commenter", commenter.pk),
            ("story", story.pk),
        )
        if settings.RATE_LIMITS.get(scope) is not None and key
    ]
    found = exceeded(limits)
    if found is not None:
        limit, wait = found
        raise RateLimited(
            f"{MESSAGES[limit.scope]} Please wait {_wait(wait)}, then send it again.",
            scope=limit.scope,
            retry_after=wait,
        )
