"""Personas and factories shared by every test.

Alice moderates site A, Bob moderates site B, Carol is an admin; readers are anonymous.
"""

import itertools
import json
import os
import sys
import time

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client

from commentdesk.core.models import Role, Site, SiteMembership, Story, TermsRule
from commentdesk.core.services.submission import submit_comment

_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counts and lockouts live in the cache: no test inherits another's."""
    cache.clear()


def make_site(slug: str, **extra) -> Site:
    site = Site.objects.create(
        name=f"Site {slug.upper()}",
        slug=slug,
        domains=[f"{slug}.example"],
        allowed_origins=[f"https://{slug}.example"],
        terms_url=f"https://{slug}.example/terms",
        **extra,
    )
    TermsRule.objects.create(site=site, code="R1", title="No personal attacks", position=1)
    TermsRule.objects.create(site=site, code="R3", title="No spam", position=3)
    return site


def make_story(site: Site, **extra) -> Story:
    n = next(_counter)
    defaults = {"url": f"https://{site.domains[0]}/story-{n}", "title": f"Story {n}"}
    defaults.update(extra)
    return Story.objects.create(site=site, **defaults)


def make_moderator(username: str, site: Site | None, role: str = Role.MODERATOR):
    user = get_user_model().objects.create_user(username=username, password="pw-" + username)
    if site is not None:
        SiteMembership.objects.create(user=user, site=site, role=role)
    return user


def post_comment(story: Story, body: str = "A thoughtful comment.", **extra):
    fields = {"display_name": "Reader", "consent": True, "network_hash": "nh-test"}
    fields.update(extra)
    return submit_comment(story, body=body, **fields).comment


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: ids repeat between tests, cached pages must not."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_a(db) -> Site:
    return make_site("a")


@pytest.fixture
def site_b(db) -> Site:
    return make_site("b")


@pytest.fixture
def story_a(site_a) -> Story:
    return make_story(site_a)


@pytest.fixture
def story_b(site_b) -> Story:
    return make_story(site_b)


@pytest.fixture
def alice(site_a):
    """Moderator of site A."""
    return make_moderator("alice", site_a)


@pytest.fixture
def bob(site_b):
    """Moderator of site B."""
    return make_moderator("bob", site_b)


@pytest.fixture
def carol(db):
    """An admin of every site."""
    return get_user_model().objects.create_superuser("carol", password="pw-carol")


@pytest.fixture
def alice_client(alice) -> Client:
    client = Client()
    client.force_login(alice)
    return client


@pytest.fixture
def bob_client(bob) -> Client:
    client = Client()
    client.force_login(bob)
    return client


@pytest.fixture
def rule_a(site_a) -> TermsRule:
    return site_a.rules.get(code="R1")


def redis_url_for_tests() -> str:
    """A Redis database number for tests that need the real shared cache (CI sets it)."""
    url = os.environ.get("REDIS_URL_FOR_TESTS")
    if not url:
        pytest.fail("REDIS_URL_FOR_TESTS is not set: .ci/run starts Redis and sets it.")
    return url


def flush_redis(url: str) -> None:
    """Empty this test Redis database number (never the whole server)."""
    import redis

    redis.Redis.from_url(url).flushdb()


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium():
    """Debian's real headless Chromium, driven by Playwright. Missing Chromium fails loudly."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@pytest.fixture
def browser(chromium):
    """The shared Chromium, with every page a test opened closed before its database is reset.

    Closing a page can send requests (the desk releases its claim with a beacon); the pause
    lets the live server finish them, so they never race the test database's flush.
    """
    yield chromium
    if chromium.contexts:
        for context in chromium.contexts:
            context.close()
        time.sleep(0.5)


@pytest.fixture
def figures(request):
    """Record what a test measured: shown with -s, appended to $COMMENTDESK_TEST_FIGURES."""

    def record(**values) -> None:
        line = json.dumps({"test": request.node.name, **values})
        sys.stdout.write(f"\nFIGURES {line}\n")
        path = os.environ.get("COMMENTDESK_TEST_FIGURES")
        if path:
            with open(path, "a", encoding="utf-8") as out:
                out.write(line + "\n")

    return record
