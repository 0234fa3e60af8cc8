from datetime import timedelta
from functools import partial

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from commentdesk.core.models.sites import Site


class ModerationMode(models.TextChoices):
    PRE = "pre", "Pre-moderation: approved before anyone sees it"
    POST = "post", "Post-moderation: shown at once, reviewed after"


class Story(models.Model):
    """An article that readers comment on."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="stories")
    url = models.URLField(max_length=500, help_text="The article's canonical URL.")
    title = models.CharField(max_length=300)
    byline = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=16, blank=True)
    published_at = models.DateTimeField(default=timezone.now)
    comments_open = models.BooleanField(default=True)
    moderation_mode = models.CharField(
        max_length=10, choices=ModerationMode.choices, default=ModerationMode.PRE
    )
    close_after_days = models.PositiveIntegerField(
        null=True, blank=True, help_text="Close comments this many days after publication."
    )
    # Moves only when the public thread changes (approval, edit, removal): the ETag and
    # cache key of the rendered thread.
    thread_version = models.PositiveBigIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "stories"
        ordering = ["-published_at"]
        constraints = [models.UniqueConstraint(fields=["site", "url"], name="unique_story_url")]

    def __str__(self) -> str:
        return self.title

    @property
    def accepts_comments(self) -> bool:
        if not self.comments_open:
            return False
        if self.close_after_days is None:
            return True
        return timezone.now() < self.published_at + timedelta(days=self.close_after_days)

    @property
    def effective_language(self) -> str:
        return self.language or self.site.default_language

    def bump_thread_version(self) -> None:
        Story.objects.filter(pk=self.pk).update(thread_version=F("thread_version") + 1)
        # The read path caches a snapshot holding the version: refresh it once committed.
        from commentdesk.core.services.threads import refresh_story_snapshot

        transaction.on_commit(partial(refresh_story_snapshot, self.pk))
