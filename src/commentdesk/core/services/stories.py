"""Stories registered on first use: an embed or API call names an article URL of a site.

A story is created only when its URL belongs to one of the site's domains and the request
comes from one of the site's allowed origins. Two first posts on a new story at the same
instant both succeed: the unique (site, url) constraint decides, and the loser reads the row.
"""

import re
from urllib.parse import urlsplit, urlunsplit

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from commentdesk.core.models import Site, Story
from commentdesk.core.services.errors import NotAllowed
from commentdesk.lib.text import normalise_line

MAX_URL_LENGTH = 500
MAX_TITLE_LENGTH = 300
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")


class StoryRefused(NotAllowed):
    """The URL is not an article of a site, or the request is not from the site's origins."""

    code = "story_refused"


def canonical_url(url: str) -> str:
    """The article URL without its fragment, with a lower-case scheme and host."""
    parts = urlsplit((url or "").strip())
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, "")
    )


def clean_language(code: str) -> str:
    code = (code or "").strip().lower().replace("_", "-")
    return code if _LANGUAGE.match(code) else ""


def site_for_url(url: str) -> Site | None:
    """The site whose domains hold this article URL (the most specific domain wins)."""
    best, best_length = None, -1
    for site in Site.objects.all():
        for domain in site.domains:
            if len(domain) > best_length and _host_in(url, domain):
                best, best_length = site, len(domain)
    return best


def _host_in(url: str, domain: str) -> bool:
    if urlsplit(url).scheme not in {"http", "https"}:
        return False
    host = (urlsplit(url).hostname or "").lower()
    domain = domain.lower()
    return host == domain or host.endswith("." + domain)


def origin_allowed(site: Site, origin: str | None) -> bool:
    """True for an exact match in the site's allowed origins; never for "null"."""
    return bool(origin) and origin != "null" and origin in site.allowed_origins


def find_story(url: str) -> Story | None:
    url = canonical_url(url)
    site = site_for_url(url)
    if site is None:
        return None
    return Story.objects.select_related("site").filter(site=site, url=url).first()


def register_story(*, url: str, origin: str | None, title: str = "", language: str = "") -> Story:
    """The story for this article URL, created on first use. Raises StoryRefused."""
    url = canonical_url(url)
    if len(url) > MAX_URL_LENGTH or urlsplit(url).scheme not in {"http", "https"}:
        raise StoryRefused(_("This is not an article address Commentdesk can accept."))
    site = site_for_url(url)
    if site is None:
        raise StoryRefused(_("This article address does not belong to any site on this server."))
    story = Story.objects.select_related("site").filter(site=site, url=url).first()
    if story is not None:
        return story
    if not origin_allowed(site, origin):
        raise StoryRefused(_("Comments for this site can only be embedded from its own pages."))
    fields = {
        "title": normalise_line(title)[:MAX_TITLE_LENGTH] or url[:MAX_TITLE_LENGTH],
        "language": clean_language(language),
    }
    try:
        with transaction.atomic():
            story = Story.objects.create(site=site, url=url, **fields)
    except IntegrityError:  # another request registered it at the same instant
        story = Story.objects.get(site=site, url=url)
    story.site = site
    return story
