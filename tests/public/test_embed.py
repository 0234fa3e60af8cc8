"""/embed.js and /embed/: the loader publishers paste and the story it frames."""

import pytest
from django.test import Client

from commentdesk.core.models import Story
from commentdesk.public.snippet import embed_snippet


@pytest.fixture
def reader():
    return Client()


def test_the_loader_is_a_small_cacheable_script(db, reader):
    response = reader.get("/embed.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Cache-Control"].startswith("public")
    assert b"commentdesk:height" in response.content
    assert not response.cookies


def test_the_first_embed_registers_the_story_and_frames_its_comments(site_a, reader):
    response = reader.get(
        "/embed/",
        {
            "url": "https://a.example/2026/06/letter#top",
            "title": "  The   letter ",
            "lang": "ug",
            "origin": "https://a.example",
        },
    )
    story = Story.objects.get()
    assert (story.url, story.title, story.language) == (
        "https://a.example/2026/06/letter",
        "The letter",
        "ug",
    )
    assert response.status_code == 302
    assert response["Location"] == f"/comments/{story.pk}/?lang=ug"


def test_a_no_script_iframe_is_known_by_its_referer(site_a, reader):
    response = reader.get(
        "/embed/",
        {"url": "https://a.example/x", "title": "X"},
        headers={"Referer": "https://a.example/"},
    )
    assert response.status_code == 302
    assert Story.objects.get().url == "https://a.example/x"


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("https://a.example/x", "https://evil.example"),
        ("https://evil.example/x", "https://a.example"),
        ("https://a.example/x", "null"),
        ("https://a.example/x", ""),
    ],
)
def test_the_embed_is_refused_for_other_urls_and_origins(site_a, reader, url, origin):
    response = reader.get("/embed/", {"url": url, "origin": origin})
    assert response.status_code == 403
    assert "Comments are not available here" in response.content.decode()
    assert not Story.objects.exists()


def test_an_existing_story_is_framed_whoever_asks(story_a, reader):
    # Framing itself is limited by frame-ancestors; the lookup needs no origin.
    response = reader.get("/embed/", {"url": story_a.url})
    assert response["Location"] == f"/comments/{story_a.pk}/"


def test_the_snippet_has_the_loader_and_a_no_script_frame(db):
    html = embed_snippet(
        base_url="https://comments.example/",
        story_url="https://a.example/x?id=1&b=2",
        story_title='Say "hi" & <go>',
        lang="ko",
    )
    assert '<div data-commentdesk data-story-url="https://a.example/x?id=1&amp;b=2"' in html
    assert 'data-story-title="Say &quot;hi&quot; &amp; &lt;go&gt;"' in html
    assert '<script src="https://comments.example/embed.js" async></script>' in html
    assert (
        '<noscript><iframe src="https://comments.example/embed/?url=https%3A%2F%2Fa.example'
        '%2Fx%3Fid%3D1%26b%3D2&amp;title=Say%20%22hi%22%20%26%20%3Cgo%3E&amp;lang=ko"'
    ) in html


def test_the_refusal_is_in_the_snippets_language(site_a, reader):
    response = reader.get("/embed/", {"url": "https://evil.example/x", "lang": "ko"})
    html = response.content.decode()
    assert '<html lang="ko"' in html
    assert "이 기사 주소는 이 서버의 어떤 사이트에도 속하지 않습니다." in html
