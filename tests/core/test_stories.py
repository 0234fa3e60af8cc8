"""Stories registered on first use."""

import threading

import pytest
from django.db import connection

from commentdesk.core.models import Comment, Story
from commentdesk.core.services.stories import StoryRefused, canonical_url, register_story
from commentdesk.core.services.submission import submit_comment
from tests.conftest import make_site


def test_the_canonical_url_drops_the_fragment_and_lowercases_the_host():
    assert canonical_url(" HTTPS://A.Example/Path?q=1#c ") == "https://a.example/Path?q=1"


def test_a_subdomain_belongs_to_its_site_and_the_most_specific_site_wins(db):
    make_site("a")
    site = make_site("n")
    site.domains = ["blog.a.example"]
    site.allowed_origins = ["https://blog.a.example"]
    site.save()
    story = register_story(url="https://blog.a.example/x", origin="https://blog.a.example")
    assert story.site == site
    other = register_story(url="https://www.a.example/x", origin="https://a.example")
    assert other.site.slug == "a"


def test_refusals_say_why(db):
    make_site("a")
    with pytest.raises(StoryRefused, match="does not belong"):
        register_story(url="https://b.example/x", origin="https://a.example")
    with pytest.raises(StoryRefused, match="only be embedded from its own pages"):
        register_story(url="https://a.example/x", origin="https://b.example")
    with pytest.raises(StoryRefused, match="not an article address"):
        register_story(url="ftp://a.example/x", origin="https://a.example")
    assert not Story.objects.exists()


def test_an_unknown_language_code_is_dropped(db):
    make_site("a")
    story = register_story(
        url="https://a.example/x", origin="https://a.example", language="<script>"
    )
    assert story.language == ""


@pytest.mark.serial
def test_two_first_posts_at_the_same_instant_both_succeed(transactional_db):
    if connection.vendor == "sqlite":
        # The test database is SQLite's shared-cache memory database, whose table locks
        # fail at once instead of waiting; a real SQLite file serialises writers (IMMEDIATE
        # transactions + busy_timeout), so the race exists only on PostgreSQL: tested there.
        pytest.skip("concurrent writers need PostgreSQL (the second pass of make test)")
    make_site("a")
    barrier = threading.Barrier(2)
    errors, results = [], []

    def first_post(n):
        try:
            barrier.wait()
            story = register_story(url="https://a.example/breaking", origin="https://a.example")
            submitted = submit_comment(
                story, display_name=f"R{n}", body=f"First {n}", consent=True, network_hash=str(n)
            )
            results.append(submitted.comment.pk)
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=first_post, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(results) == 2
    assert Story.objects.count() == 1
    assert Comment.objects.filter(story=Story.objects.get()).count() == 2
