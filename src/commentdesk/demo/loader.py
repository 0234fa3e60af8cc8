"""Load the demo newsroom: a site, its rules, two stories, moderators and comments."""

from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from commentdesk.core.models import ModeratorProfile, Role, Site, SiteMembership, Story, TermsRule
from commentdesk.core.services import moderation
from commentdesk.core.services.submission import submit_comment
from commentdesk.demo.articles import ARTICLES
from commentdesk.demo.comments import DEMO_COMMENTS, DEMO_EDITS
from commentdesk.lib.nethash import hash_address

SITE_SLUG = "demo"
MODERATOR = ("moderator", "commentdesk-demo")
ADMIN = ("admin", "commentdesk-admin")

RULES = (
    ("R1", "No personal attacks or harassment"),
    ("R2", "No hate speech or slurs"),
    ("R3", "No spam, advertising or link farming"),
    ("R4", "Stay on the topic of the story"),
    ("R5", "No knowingly false or misleading claims"),
    ("R6", "No private information about anyone"),
    ("R7", "No threats or incitement to violence"),
    ("R8", "Nothing illegal"),
)
LANGUAGES = ["en", "ko", "zh-hans", "zh-hant", "yue", "bo", "ug", "my", "km", "lo", "vi"]


def _user(username: str, password: str, **extra):
    user, created = get_user_model().objects.get_or_create(username=username, defaults=extra)
    if created:
        user.set_password(password)
        user.save()
    return user


@transaction.atomic
def load_demo(*, base_url: str = "http://127.0.0.1:8000", publisher_port: int = 8001) -> Site:
    existing = Site.objects.filter(slug=SITE_SLUG).first()
    if existing:
        return existing
    site = Site.objects.create(
        name="Demo Newsroom",
        slug=SITE_SLUG,
        domains=["news.example", "127.0.0.1", "localhost"],
        allowed_origins=[
            base_url,
            f"http://127.0.0.1:{publisher_port}",
            f"http://localhost:{publisher_port}",
        ],
        languages=LANGUAGES,
        terms_url=f"{base_url}/terms/",
    )
    rules = {
        code: TermsRule.objects.create(site=site, code=code, title=title, position=i)
        for i, (code, title) in enumerate(RULES)
    }
    stories = {
        a.slug: Story.objects.create(
            site=site,
            url=a.url,
            title=a.title,
            byline=a.byline,
            language=a.language,
            published_at=datetime.fromisoformat(a.published),
        )
        for a in ARTICLES
    }
    moderator = _user(*MODERATOR, is_staff=False)
    ModeratorProfile.objects.get_or_create(user=moderator, defaults={"languages": ["en", "ko"]})
    SiteMembership.objects.get_or_create(
        user=moderator, site=site, defaults={"role": Role.MODERATOR}
    )
    _user(*ADMIN, is_staff=True, is_superuser=True)
    _load_comments(stories, rules, moderator)
    return site


def _load_comments(stories, rules, moderator) -> None:
    by_key = {}
    for n, (key, slug, language, name, body, fate, parent_key) in enumerate(DEMO_COMMENTS):
        submitted = submit_comment(
            stories[slug],
            display_name=name,
            body=body,
            consent=True,
            parent=by_key.get(parent_key),
            network_hash=hash_address(f"192.0.2.{n % 250}"),
        )
        comment = submitted.comment
        comment.language = language
        comment.save(update_fields=["language"])
        if fate in {"approved", "edited"}:
            moderation.approve_comment(comment.pk, moderator=moderator)
            comment.refresh_from_db()
        if fate == "edited":
            new_body, rule_code = DEMO_EDITS[key]
            moderation.edit_comment(
                comment.pk, moderator=moderator, rule=rules[rule_code], body=new_body
            )
        by_key[key] = comment
