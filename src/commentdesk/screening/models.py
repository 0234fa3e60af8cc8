"""Per-site screening settings and term lists, what screening remembers of each comment
(for duplicate and velocity signals), and each site's assistant model."""

import uuid

from django.db import models

from commentdesk.core.models import Comment, Site


class LinkPolicy(models.TextChoices):
    ALLOW = "allow", "Allow links"
    HOLD = "hold", "Hold comments with links for review"
    REJECT = "reject", "Reject comments with links"


class Action(models.TextChoices):
    FLAG = "flag", "Suspect: flag for the moderator"
    HOLD = "hold", "Banned: hold for review"
    REJECT = "reject", "Banned: reject (automatically only when automatic actions are on)"


class ScreeningSettings(models.Model):
    """What a desk editor sets for one site. Automatic actions are off by default."""

    site = models.OneToOneField(Site, on_delete=models.CASCADE, related_name="screening_settings")
    link_policy = models.CharField(max_length=10, choices=LinkPolicy.choices, default="allow")
    allowed_domains = models.TextField(
        blank=True,
        help_text="One domain per line; links there are always allowed (and "
        "their subdomains). The site's own domains are always allowed.",
    )
    blocked_domains = models.TextField(
        blank=True, help_text="One domain per line; a link there rejects the comment."
    )
    hold_longer_than = models.PositiveIntegerField(
        null=True, blank=True, help_text="Hold comments longer than this many characters."
    )
    spam_window_minutes = models.PositiveIntegerField(
        default=60, help_text="The window for duplicate and velocity signals."
    )
    duplicate_flag_count = models.PositiveIntegerField(
        default=3, help_text="Flag a text seen this many times (or more) in the window."
    )
    velocity_flag_count = models.PositiveIntegerField(
        default=6,
        help_text="Flag a commenter or network address that posted this many comments in the "
        "window.",
    )
    automatic_actions = models.BooleanField(
        default=False,
        help_text="Off: a moderator decides every comment. On: comments whose screening verdict "
        "is 'reject', or whose assistant estimate reaches the threshold, are rejected "
        "automatically (and audited as such).",
    )
    auto_reject_threshold = models.FloatField(
        default=0.99,
        help_text="Assistant estimate at or above which a comment is rejected automatically, "
        "when automatic actions are on. Choose it for the precision you accept.",
    )
    # Changed whenever the settings or a term list change, so each process reloads the
    # settings and rebuilds its matcher once. A random token, not a counter: a rolled-back
    # change must not leave stale settings behind under a number that is used again.
    revision = models.CharField(max_length=32, default="", editable=False)

    class Meta:
        verbose_name = "screening settings"
        verbose_name_plural = "screening settings"

    def __str__(self) -> str:
        return f"Screening of {self.site}"

    def save(self, *args, **kwargs):
        self.revision = uuid.uuid4().hex
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "revision"}
        super().save(*args, **kwargs)

    @staticmethod
    def domains(text: str) -> list[str]:
        return [line.strip().lower().lstrip(".") for line in text.splitlines() if line.strip()]


class TermList(models.Model):
    """Terms of one kind for one language (or every language), one per line."""

    settings = models.ForeignKey(ScreeningSettings, on_delete=models.CASCADE, related_name="lists")
    language = models.CharField(
        max_length=16,
        blank=True,
        help_text="Language code (en, zh-Hans, bo, ...); empty for every language.",
    )
    action = models.CharField(max_length=10, choices=Action.choices, default="flag")
    terms = models.TextField(help_text="One term or phrase per line.")

    class Meta:
        ordering = ["language", "action"]
        constraints = [
            models.UniqueConstraint(
                fields=["settings", "language", "action"], name="unique_term_list"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} ({self.language or 'all languages'})"

    def term_lines(self) -> list[str]:
        return [line.strip() for line in self.terms.splitlines() if line.strip()]


class ScreeningRecord(models.Model):
    """What the spam signals need to know of an earlier comment, indexed for counting."""

    comment = models.OneToOneField(
        Comment, primary_key=True, on_delete=models.CASCADE, related_name="screening_record"
    )
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+", db_index=False)
    commenter_id = models.BigIntegerField()
    network_hash = models.CharField(max_length=64, blank=True)
    content_hash = models.CharField(max_length=16)
    simhash = models.BigIntegerField()
    created_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["site", "content_hash", "created_at"], name="screen_dup"),
            models.Index(fields=["site", "created_at"], name="screen_recent"),
            models.Index(fields=["commenter_id", "created_at"], name="screen_commenter"),
            models.Index(fields=["site", "network_hash", "created_at"], name="screen_network"),
        ]

    def __str__(self) -> str:
        return f"Screening record of #{self.comment_id}"


class AssistantModel(models.Model):
    """One site's assistant: an online logistic regression over hashed character n-grams.

    This row holds the counters; the model is stored as a checkpoint (``AssistantCheckpoint``,
    the whole model as of ``checkpoint_decisions`` decisions) and the steps learned since
    (``AssistantStep``, a few kilobytes each), so a decision writes one small row instead of
    the 3 MB model; every ``CHECKPOINT_EVERY`` steps the learner folds them into a new
    checkpoint (see ``screening.store``)."""

    site = models.OneToOneField(Site, on_delete=models.CASCADE, related_name="assistant_model")
    decisions = models.PositiveIntegerField(default=0)
    rejections = models.PositiveIntegerField(default=0)
    # A new random token on every change: processes cache the model until it changes.
    version = models.CharField(max_length=32, default="")
    # A new random token whenever the checkpoint is rewritten (a checkpoint or a refit): a process
    # that cached the model on an older checkpoint reloads it instead of applying steps.
    checkpoint = models.CharField(max_length=32, default="")
    checkpoint_decisions = models.PositiveIntegerField(default=0)
    retrained_at_decisions = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Assistant of {self.site} ({self.decisions} decisions)"


class AssistantCheckpoint(models.Model):
    """A site's whole model as of its row's ``checkpoint``: in a table of its own, because
    SQLite rewrites a whole row, large value and all, when one counter of it changes."""

    model = models.OneToOneField(
        AssistantModel, on_delete=models.CASCADE, primary_key=True, related_name="stored"
    )
    state = models.BinaryField(help_text="The model's arrays.")

    def __str__(self) -> str:
        return f"Checkpoint of {self.model}"


class AssistantStep(models.Model):
    """What learning from one decision changed in a site's model since its checkpoint."""

    model = models.ForeignKey(AssistantModel, on_delete=models.CASCADE, related_name="steps")
    decision = models.PositiveIntegerField(help_text="The model's decision count after this step.")
    change = models.BinaryField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["model", "decision"], name="unique_assistant_step")
        ]

    def __str__(self) -> str:
        return f"Step {self.decision} of {self.model}"
