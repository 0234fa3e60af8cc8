"""A moderator's short hold on a comment, so two people never work the same one."""

from django.conf import settings
from django.db import models

from commentdesk.core.models.comments import Comment


class Claim(models.Model):
    """Who is looking at a comment, until when. One row per claimed comment.

    Claims live in the database, not the cache: every deployment (SQLite with several
    gunicorn workers, or several app servers on PostgreSQL) shares them without Redis, and
    a decision checks the claim in the same transaction that locks the comment row.
    """

    comment = models.OneToOneField(
        Comment, primary_key=True, on_delete=models.CASCADE, related_name="claim"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="claims"
    )
    expires_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["user"], name="claim_by_user")]

    def __str__(self) -> str:
        return f"#{self.comment_id} held by {self.user_id} until {self.expires_at:%H:%M:%S}"
