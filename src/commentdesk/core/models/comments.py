"""Commenters, their comments, the revisions of a comment's body, and readers' reports."""

from django.conf import settings
from django.db import models
from django.db.models import F

from commentdesk.core.models.sites import Site, TermsRule
from commentdesk.core.models.stories import Story
from commentdesk.screening.ranking import likelihood, uncertainty


class CommenterState(models.TextChoices):
    ACTIVE = "active", "Active"
    PREMODERATE = "premoderate", "Always pre-moderate"
    SUSPENDED = "suspended", "Suspended"
    BANNED = "banned", "Banned"


class Commenter(models.Model):
    """A reader as the desk knows them on one site, with their record.

    A guest is recognised by a keyed hash of their e-mail address when they give one,
    otherwise of their display name and hashed network address (see services.submission).
    """

    State = CommenterState

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="commenters")
    identity_key = models.CharField(max_length=64)
    display_name = models.CharField(max_length=200)
    email = models.EmailField(blank=True, help_text="Only when the reader gave one; never public.")
    state = models.CharField(max_length=20, choices=CommenterState.choices, default="active")
    suspended_until = models.DateTimeField(null=True, blank=True)
    state_rule = models.ForeignKey(TermsRule, null=True, blank=True, on_delete=models.SET_NULL)
    state_note = models.TextField(blank=True)
    first_seen_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "identity_key"], name="unique_commenter")
        ]

    def __str__(self) -> str:
        return self.display_name


class CommentStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"
    SPAM = "spam", "Spam"
    DELETED = "deleted", "Deleted by author"


class Comment(models.Model):
    Status = CommentStatus

    # No index of their own on story and commenter: comment_thread and comment_by_commenter
    # lead with them, and each index more is one more page written by every submission.
    story = models.ForeignKey(
        Story, on_delete=models.CASCADE, related_name="comments", db_index=False
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    commenter = models.ForeignKey(
        Commenter, on_delete=models.PROTECT, related_name="comments", db_index=False
    )
    display_name = models.CharField(max_length=200)
    body = models.TextField()
    language = models.CharField(max_length=16, blank=True)
    status = models.CharField(
        max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    submitted_at = models.DateTimeField(db_index=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    edited_by_moderator = models.BooleanField(default=False)
    featured = models.BooleanField(default=False)
    terms_version = models.CharField(max_length=40, help_text="Terms of Use version accepted.")
    # Hash of the per-comment secret the reader's browser keeps to see/edit its own comment.
    secret_hash = models.CharField(max_length=64, blank=True)
    # Keyed, rotating hash of the network address; purged after the retention period.
    network_hash = models.CharField(max_length=64, blank=True)
    # Keyed hash of the submitter's Idempotency-Key (or the form's hidden key): a retried or
    # double-clicked submission finds this comment instead of storing a second one.
    idempotency_key = models.CharField(max_length=64, blank=True)
    # What each screening stage found (issue: pre-screening); empty until screened.
    screening = models.JSONField(default=dict, blank=True)
    # The assistant's estimate that the desk would reject this comment (0..1).
    reject_score = models.FloatField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["status", "submitted_at"], name="comment_queue"),
            models.Index(fields=["story", "status", "published_at"], name="comment_thread"),
            models.Index(fields=["commenter", "status"], name="comment_by_commenter"),
            # The desk's approved/rejected/spam tabs (newest decision first) and the statistics:
            # decided in a period, and pending now (decided_at NULL), without row lookups.
            models.Index(
                fields=["status", "decided_at", "story", "language", "submitted_at"],
                name="comment_decided_stats",
            ),
            # The flagged tab.
            models.Index(fields=["status", "reject_score"], name="comment_score"),
            # The queue's other orders and language filter (screening.ranking uses the same
            # expressions; unscored comments, NULL, sort last on SQLite and PostgreSQL alike).
            models.Index(
                F("status"),
                likelihood().desc(),
                F("submitted_at"),
                name="comment_queue_likely",
            ),
            models.Index(
                F("status"),
                uncertainty().asc(),
                F("submitted_at"),
                name="comment_queue_uncertain",
            ),
            models.Index(fields=["status", "language", "submitted_at"], name="comment_queue_lang"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["story", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="unique_comment_idempotency_key",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} by {self.display_name}"

    @property
    def site(self) -> Site:
        return self.story.site


class Revision(models.Model):
    """A change to a comment's body: the original is never lost."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="revisions")
    body_before = models.TextField()
    body_after = models.TextField()
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    rule = models.ForeignKey(TermsRule, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Revision of #{self.comment_id} at {self.created_at:%Y-%m-%d %H:%M}"


class ReportReason(models.TextChoices):
    ABUSE = "abuse", "Abusive or hateful"
    SPAM = "spam", "Spam or advertising"
    OFF_TOPIC = "off_topic", "Off topic"
    FALSE = "false", "False or misleading"
    PRIVACY = "privacy", "Reveals private information"
    OTHER = "other", "Something else"


class Report(models.Model):
    """A reader flags a published comment."""

    Reason = ReportReason

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(max_length=20, choices=ReportReason.choices)
    note = models.TextField(blank=True)
    network_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.CharField(max_length=40, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["comment", "resolved_at"], name="report_open"),
            # The reported tab: open reports, oldest first.
            models.Index(fields=["resolved_at", "created_at"], name="report_queue"),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} on #{self.comment_id}"
