"""Sites (tenants), their Terms-of-Use rules, and who moderates them."""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import models


class Site(models.Model):
    """A publication: its domains, policy and Terms of Use. Every story belongs to one."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    domains = models.JSONField(
        default=list, blank=True, help_text="Host names whose article URLs belong to this site."
    )
    allowed_origins = models.JSONField(
        default=list,
        blank=True,
        help_text="Origins (scheme://host[:port]) allowed to embed the comments and call the API.",
    )
    languages = models.JSONField(default=list, blank=True, help_text="Language codes published.")
    default_language = models.CharField(max_length=16, default="en")
    terms_url = models.URLField(blank=True, help_text="The site's Terms of Use page.")
    terms_version = models.CharField(max_length=40, default="1")
    max_comment_length = models.PositiveIntegerField(
        default=3000, help_text="Characters as readers see them (grapheme clusters)."
    )
    max_name_length = models.PositiveIntegerField(default=60)
    edit_window_minutes = models.PositiveIntegerField(
        default=15, help_text="How long a reader may edit or delete their own pending comment."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def owns_url(self, url: str) -> bool:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        return parts.scheme in {"http", "https"} and any(
            host == domain.lower() or host.endswith("." + domain.lower()) for domain in self.domains
        )


class TermsRule(models.Model):
    """One rule of a site's Terms of Use: the reason given for every rejection or edit."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="rules")
    code = models.CharField(max_length=20, help_text="Short reference such as R3.")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["site", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["site", "code"], name="unique_rule_code_per_site")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"


class Role(models.TextChoices):
    ADMIN = "admin", "Admin"
    DESK_EDITOR = "desk_editor", "Desk editor"
    MODERATOR = "moderator", "Moderator"


class SiteMembership(models.Model):
    """A staff user's role on one site. Moderators act only on sites they belong to."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MODERATOR)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "site"], name="unique_membership")]

    def __str__(self) -> str:
        return f"{self.user} – {self.site} ({self.get_role_display()})"


class ModeratorProfile(models.Model):
    """What the desk knows of a moderator beyond Django's user: the languages they read."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderator_profile"
    )
    languages = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return str(self.user)
