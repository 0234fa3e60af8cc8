from django.core.management import call_command
from django.test import Client

from commentdesk.core.models import AuditEvent, Comment, Story
from commentdesk.demo.comments import DEMO_COMMENTS


def test_the_demo_command_sets_up_a_newsroom_with_a_pending_queue(db, capsys):
    call_command("demo", no_serve=True)
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8000/news/ngo-letter/" in out
    assert "'moderator'" in out
    assert Comment.objects.count() == len(DEMO_COMMENTS) >= 30
    pending = Comment.objects.filter(status="pending")
    assert pending.count() >= 25
    assert {"en", "ko", "zh-hans", "vi"} <= set(pending.values_list("language", flat=True))
    assert pending.exclude(parent=None).exists()
    assert AuditEvent.objects.filter(action="comment.edited").exists()
    call_command("demo", no_serve=True)  # idempotent
    assert Comment.objects.count() == len(DEMO_COMMENTS)


def test_the_story_page_shows_the_article_and_frames_its_comments(db):
    call_command("demo", no_serve=True)
    story = Story.objects.get(url="https://news.example/2018/06/ngo-letter")
    html = Client().get("/news/ngo-letter/").content.decode()
    assert "Singapore" in html
    assert 'data-story-url="https://news.example/2018/06/ngo-letter"' in html
    assert '<script src="http://testserver/embed.js" async></script>' in html
    assert '<noscript><iframe src="http://testserver/embed/?url=https%3A%2F%2Fnews.example' in html
    comments = Client().get(f"/comments/{story.pk}/").content.decode()
    assert "Hannah from Leeds" in comments
    assert "edited by a moderator" in comments


def test_the_moderator_can_sign_in_and_sees_the_queue(db):
    call_command("demo", no_serve=True)
    client = Client()
    assert client.login(username="moderator", password="commentdesk-demo")
    html = client.get("/desk/").content.decode()
    assert "FreeCryptoNow" in html
