"""The append-only audit trail: who did what to which comment, under which rule, when."""

from django.conf import settings
from django.db import models

from commentdesk.core.models.comments import Comment, Commenter
from commentdesk.core.models.sites import Site, TermsRule


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("Audit events are append-only.")

    def delete(self):
        raise TypeError("Audit events are append-only.")


class AuditEvent(models.Model):
    site = models.ForeignKey(  # indexed by audit_site_time and audit_decisions, which lead with it
        Site, on_delete=models.CASCADE, related_name="audit_events", db_index=False
    )
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_events"
    )
    commenter = models.ForeignKey(
        Commenter, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    action = models.CharField(max_length=60, db_index=True)
    rule = models.ForeignKey(TermsRule, null=True, blank=True, on_delete=models.SET_NULL)
    status_before = models.CharField(max_length=20, blank=True)
    status_after = models.CharField(max_length=20, blank=True)
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(db_index=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["site", "created_at"], name="audit_site_time"),
            # Statistics: decisions of one kind per site over a period, by moderator and by
            # rule (covering).
            models.Index(
                fields=["site", "action", "created_at", "actor", "rule"], name="audit_decisions"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action} on #{self.comment_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Audit events are append-only.")
