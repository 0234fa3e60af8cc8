"""The whole corpus rendered in real Chromium: the public thread and the moderator's pages.

Every naughty string and XSS payload is shown as a published reply (one page holds them all)
and as a pending comment in the desk's queue; twenty payloads with markup also on their own
desk pages. No dialog opens, no element carries an event handler or inline script, the
browser reports no CSP violation (an injected inline script would be one), and no request
leaves our origin.
"""

import random

import pytest
from django.utils import timezone

from commentdesk.core.models import Comment
from commentdesk.core.services import moderation
from commentdesk.lib.text import grapheme_length, normalise_line, normalise_text
from tests.conftest import make_moderator, make_site, make_story, post_comment
from tests.fuzz import corpus

pytestmark = [pytest.mark.browser, pytest.mark.corpus]

WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI);
});
"""
INJECTED = (
    "script:not([src]):not([type='application/json']), [onerror], [onload], [onclick], "
    "[onmouseover], [onfocus], [onanimationstart], [ontoggle], iframe, object, embed, base, "
    "meta[http-equiv], a[href^='javascript' i], form[action^='javascript' i], svg script, math"
)


def _storable(site):
    for n, text in enumerate(corpus.everything()):
        body = normalise_text(text)
        if body and grapheme_length(body) <= site.max_comment_length:
            name = normalise_line(text)
            if not name or grapheme_length(name) > site.max_name_length:
                name = f"Fuzz {n}"
            yield name, body


def _bulk(story, parent, status, site):
    now = timezone.now()
    Comment.objects.bulk_create(
        Comment(
            story=story,
            parent=parent,
            commenter=parent.commenter,
            display_name=name,
            body=body,
            status=status,
            submitted_at=now,
            published_at=now if status == Comment.Status.APPROVED else None,
            terms_version="1",
        )
        for name, body in _storable(site)
    )


class Watched:
    """A page whose dialogs, foreign requests and CSP violations are recorded."""

    def __init__(self, context, origin):
        self.dialogs, self.foreign = [], []
        context.add_init_script(WATCH)

        def route(r):
            if r.request.url.startswith(origin):
                r.continue_()
            else:
                self.foreign.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        self.page = context.new_page()
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def visit(self, url: str) -> dict:
        self.page.goto(url, wait_until="load", timeout=120_000)
        self.page.wait_for_timeout(300)  # let late handlers (onfocus, animations) fire
        return {
            "injected": self.page.eval_on_selector_all(
                INJECTED, "els => els.map(e => e.outerHTML.slice(0, 200))"
            ),
            "violations": self.page.evaluate("window.__violations"),
        }

    def assert_clean(self, seen: dict, where: str):
        assert self.dialogs == [], f"{where}: dialogs opened: {self.dialogs[:5]}"
        assert seen["violations"] == [], f"{where}: CSP violations: {seen['violations'][:5]}"
        assert seen["injected"] == [], f"{where}: injected elements: {seen['injected'][:5]}"
        assert self.foreign == [], f"{where}: requests to other origins: {self.foreign[:5]}"


def test_the_corpus_renders_inert_on_the_thread_and_the_desk(
    transactional_db, live_server, browser, figures
):
    site = make_site("fz")
    site.allowed_origins = [live_server.url]
    site.save(update_fields=["allowed_origins"])
    moderator = make_moderator("fuzzmod", site)
    moderator.set_password("pw-fuzzmod-long")
    moderator.save()

    public = make_story(site)
    root = post_comment(public, "The thread's first comment")
    moderation.approve_comment(root.pk, moderator=moderator)
    root.refresh_from_db()
    _bulk(public, root, Comment.Status.APPROVED, site)
    public.bump_thread_version()
    desk_story = make_story(site)
    _bulk(desk_story, post_comment(desk_story, "Pending root"), Comment.Status.PENDING, site)
    shown = Comment.objects.filter(story=public, parent=root).count()

    context = browser.new_context()
    watched = Watched(context, live_server.url)
    seen = watched.visit(f"{live_server.url}/comments/{public.pk}/")
    watched.assert_clean(seen, "comments page")
    assert watched.page.locator(".cd-comment").count() == shown + 1
    for comment in random.Random(6).sample(list(public.comments.filter(parent=root)), 40):
        text = watched.page.locator(f"#c{comment.pk} .cd-body").first.text_content()
        assert text == comment.body.replace("\n", ""), comment.pk

    watched.page.goto(f"{live_server.url}/desk/login/")
    watched.page.fill("#id_username", "fuzzmod")
    watched.page.fill("#id_password", "pw-fuzzmod-long")
    watched.page.click("button[type=submit]")
    watched.page.wait_for_url(f"{live_server.url}/desk/**")
    pending = Comment.objects.filter(story=desk_story, status="pending").count()
    listed = 0
    for offset in range(0, pending, 500):
        seen = watched.visit(f"{live_server.url}/desk/?tab=pending&size=500&offset={offset}")
        watched.assert_clean(seen, f"desk queue from {offset}")
        listed += watched.page.locator("li.desk-item").count()
    assert listed == pending
    markup = [c for c in Comment.objects.filter(story=desk_story) if "<" in c.body]
    detail = random.Random(7).sample(markup, 20)
    for comment in detail:
        seen = watched.visit(f"{live_server.url}/desk/comments/{comment.pk}/")
        watched.assert_clean(seen, f"desk comment {comment.pk}")
    context.close()
    figures(thread_comments=shown, desk_comments=pending, desk_pages=len(detail))
