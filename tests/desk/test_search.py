"""The desk's text search finds comments by any part of their text or name, in every script."""

import unicodedata

import pytest
from django.db import connection
from django.urls import reverse

from commentdesk.core import search
from commentdesk.core.models import Comment
from commentdesk.core.services import moderation
from commentdesk.core.services.privacy import erase_commenter, purge_expired
from commentdesk.desk import queues
from commentdesk.lib.text import normalise_text
from tests.conftest import post_comment
from tests.fuzz import corpus


def found(user, text: str) -> set[int]:
    """The comments the desk's "All" tab lists for this search."""
    comments, _more = queues.queue_page(
        user, "all", queues.Filters(text=text), "oldest", 0, queues.MAX_PAGE_SIZE
    )
    return {comment.pk for comment in comments}


@pytest.mark.parametrize(
    ("body", "text"),
    [
        ("About the Summit in Geneva", "SUMMIT IN"),
        ("오늘 회의에서 예산안이 결정되었습니다", "예산안이"),
        ("今天的会议决定了明年的预算", "决定了明年"),
        ("ဒီနေ့ အစည်းအဝေးမှာ ဘတ်ဂျက်ကို ဆုံးဖြတ်ခဲ့တယ်", "ဘတ်ဂျက်"),
        ("Hội đồng đã quyết định ngân sách", "quyết định"),
    ],
)
def test_search_finds_a_comment_by_any_part_of_its_text(story_a, alice, body, text):
    comment = post_comment(story_a, body=body)
    post_comment(story_a, body="Something else entirely")
    assert found(alice, text) == {comment.pk}


def test_case_is_ignored_for_a_to_z_and_on_postgresql_in_every_script(story_a, alice):
    comment = post_comment(story_a, body="Hội đồng đã quyết định ngân sách")
    assert found(alice, "NGâN SáCH") == {comment.pk}  # upper-case A-Z
    every_script = connection.vendor == "postgresql"  # SQLite's LIKE: A-Z only
    assert found(alice, "HỘI ĐỒNG") == ({comment.pk} if every_script else set())


def test_diacritics_count_a_search_without_them_finds_nothing(story_a, alice):
    post_comment(story_a, body="Hội đồng đã quyết định ngân sách")
    assert found(alice, "quyet dinh") == set()


def test_search_finds_a_comment_by_its_name(story_a, alice):
    comment = post_comment(story_a, body="Plain words", display_name="Nguyễn Thị Hương")
    assert found(alice, "thị hương") == {comment.pk}


@pytest.mark.parametrize("text", ["预算", "u", "%", "_"])
def test_a_search_shorter_than_three_characters_still_finds_every_match(story_a, alice, text):
    comment = post_comment(story_a, body="明年的预算 up 5% (net_)")
    post_comment(story_a, body="Nothing here")
    assert found(alice, text) == {comment.pk}


def test_a_text_in_very_many_comments_is_found_in_each(story_a, alice, monkeypatch):
    monkeypatch.setattr(search, "COMMON", 1)
    comments = {post_comment(story_a, body=f"Common words, take {n}").pk for n in range(3)}
    assert found(alice, "common words") == comments


def test_search_text_is_taken_literally(story_a, alice):
    comment = post_comment(story_a, body='She said "no" AND left; 100% sure_')
    post_comment(story_a, body="She said no and left")
    for text in ['"no" AND', "100% sure_", 'no" AND left']:
        assert found(alice, text) == {comment.pk}


def test_an_edited_comment_is_found_by_its_new_text_not_its_old(story_a, alice, rule_a):
    comment = post_comment(story_a, body="The mayor is a crook")
    moderation.edit_comment(comment.pk, moderator=alice, rule=rule_a, body="The mayor is [edited]")
    assert found(alice, "crook") == set()
    assert found(alice, "[edited]") == {comment.pk}


def test_an_erased_commenters_text_and_name_are_not_found(story_a, alice, carol):
    comment = post_comment(story_a, body="My private story", display_name="Jolanta")
    erase_commenter(comment.commenter, actor=carol)
    assert found(alice, "private story") == set()
    assert found(alice, "Jolanta") == set()


def test_purged_rejected_texts_are_not_found(story_a, alice, rule_a, settings):
    settings.RETAIN_REJECTED_DAYS = 1
    comment = post_comment(story_a, body="Rejected words here")
    moderation.reject_comment(comment.pk, moderator=alice, rule=rule_a)
    Comment.objects.filter(pk=comment.pk).update(decided_at=comment.submitted_at.replace(year=2000))
    purge_expired()
    assert found(alice, "Rejected words") == set()


def test_search_narrows_the_queue_page_and_its_counts(story_a, alice_client):
    post_comment(story_a, body="Über den Haushalt", display_name="Jörg")
    post_comment(story_a, body="About the summit")
    html = alice_client.get(reverse("desk:queue"), {"q": "haushalt"}).content.decode()
    assert "Über den Haushalt" in html and "summit" not in html
    assert 'data-count-for="pending">1</span>' in html


def test_a_search_typed_in_decomposed_unicode_finds_the_stored_text(story_a, alice_client):
    post_comment(story_a, body="Hội đồng đã quyết định")
    decomposed = unicodedata.normalize("NFD", "quyết định")
    html = alice_client.get(reverse("desk:queue"), {"q": decomposed}).content.decode()
    assert "Hội đồng đã quyết định" in html


def test_search_stays_within_the_moderators_sites(story_a, story_b, alice):
    post_comment(story_b, body="Budget talks on site B")
    assert found(alice, "Budget talks") == set()


@pytest.mark.corpus
def test_every_naughty_string_is_found_by_any_middle_part_of_it(story_a, alice):
    comment = post_comment(story_a)
    missed = []
    for text in filter(None, map(normalise_text, corpus.naughty_strings())):
        Comment.objects.filter(pk=comment.pk).update(body=text)
        part = text[len(text) // 3 : max(len(text) * 2 // 3, len(text) // 3 + 3)]
        shouted = "".join(c.upper() if c.isascii() else c for c in part)
        if comment.pk not in found(alice, part) or comment.pk not in found(alice, shouted):
            missed.append((text, part))
    assert missed == []
