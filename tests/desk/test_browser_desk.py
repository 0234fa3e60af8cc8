"""The desk by keyboard in real Chromium: approve, reject with a rule, undo, edit with a diff,
batch, a claim conflict between two moderators, and axe-core scans of the desk's pages."""

import pytest
from django.urls import reverse

from commentdesk.core.models import AuditEvent, Comment, Report, Role
from commentdesk.core.services import claims, moderation
from tests.conftest import make_moderator, make_site, make_story, post_comment
from tests.desk.browser import axe_violations, signed_in_page

RENDERING_PASSES = ("RecalcStyleCount", "LayoutCount")

pytestmark = pytest.mark.browser


@pytest.fixture
def desk(transactional_db):
    site = make_site("a")
    story = make_story(site, title="Summit story")
    comments = [post_comment(story, body=f"Comment number {n}") for n in range(4)]
    return {
        "site": site,
        "story": story,
        "comments": comments,
        "alice": make_moderator("alice", site),
        "dana": make_moderator("dana", site),
        "rule": site.rules.get(code="R1"),
    }


def announced(page, text):
    page.locator("#desk-announce", has_text=text).wait_for()


def status_of(comment) -> str:
    comment.refresh_from_db()
    return comment.status


def test_a_moderator_works_the_queue_by_keyboard(desk, live_server, browser):
    first, second, third, fourth = desk["comments"]
    page = signed_in_page(browser, live_server, desk["alice"])
    page.goto(live_server.url + reverse("desk:queue"))

    page.keyboard.press("j")  # focus and claim the first comment
    page.locator("#desk-context", has_text="You hold this comment").wait_for()
    assert page.evaluate("document.activeElement.id") == f"q{first.pk}"
    page.keyboard.press("a")
    announced(page, f"Comment #{first.pk} approved")
    assert status_of(first) == "approved"
    page.locator(f"#q{second.pk}.desk-current").wait_for()  # the focus moved on

    page.keyboard.press("r")
    page.get_by_role("dialog", name=f"Reject comment #{second.pk} under which rule?").wait_for()
    page.keyboard.press("1")
    announced(page, f"Comment #{second.pk} rejected under R1")
    assert status_of(second) == "rejected"

    page.keyboard.press("z")
    announced(page, f"Decision on comment #{second.pk} undone")
    assert status_of(second) == "pending"
    assert AuditEvent.objects.filter(comment=second, action="comment.decision_undone").exists()

    page.locator(f"#q{third.pk}").focus()
    page.keyboard.press("e")
    editor = page.get_by_label(f"Edited text of comment #{third.pk}")
    editor.wait_for()
    assert page.evaluate("document.activeElement.tagName") == "TEXTAREA"
    editor.fill("Comment number 2, edited")
    page.get_by_label("Rule the edit enforces").select_option(label="R1 – No personal attacks")
    editor.press("Control+Enter")
    announced(page, f"Comment #{third.pk} edited under R1")
    diff = page.locator(f"#q{third.pk} .desk-diff-text")
    assert diff.locator("ins").all_inner_texts() == [", edited"]
    third.refresh_from_db()
    assert third.body == "Comment number 2, edited"
    assert page.csp_violations == []
    page.context.close()


def test_a_batch_decision_by_keyboard_and_mouse(desk, live_server, browser):
    first, second, third, _ = desk["comments"]
    page = signed_in_page(browser, live_server, desk["alice"])
    page.goto(live_server.url + reverse("desk:queue"))
    page.keyboard.press("j")
    page.keyboard.press("x")
    page.keyboard.press("j")
    page.keyboard.press("x")
    page.locator("[data-selected-count]", has_text="2").wait_for()
    page.get_by_label("Rule", exact=True).select_option(label="R1 – No personal attacks")
    page.get_by_role("button", name="Reject selected").click()
    announced(page, "2 comment(s) rejected.")
    assert [status_of(c) for c in (first, second, third)] == ["rejected", "rejected", "pending"]
    assert page.locator(f"#q{first.pk}[data-status=rejected]").count() == 1
    assert page.csp_violations == []
    page.context.close()


def test_two_moderators_never_decide_the_same_comment(desk, live_server, browser):
    first = desk["comments"][0]
    dana_page = signed_in_page(browser, live_server, desk["dana"])
    dana_page.goto(live_server.url + reverse("desk:queue"))
    dana_page.keyboard.press("j")
    dana_page.locator("#desk-context", has_text="You hold this comment").wait_for()

    alice_page = signed_in_page(browser, live_server, desk["alice"])
    alice_page.goto(live_server.url + reverse("desk:queue"))
    alice_page.locator(f"#q{first.pk} .desk-claim", has_text="Held by dana").wait_for()
    alice_page.keyboard.press("j")
    alice_page.locator("#desk-context", has_text="Held by dana").wait_for()
    alice_page.keyboard.press("a")
    announced(alice_page, "is being reviewed by dana")
    assert status_of(first) == "pending"

    dana_page.keyboard.press("a")  # the holder decides
    announced(dana_page, f"Comment #{first.pk} approved")
    alice_page.evaluate("window.dispatchEvent(new Event('focus'))")  # alice comes back
    alice_page.locator(f"#q{first.pk} .desk-note", has_text="now approved").wait_for()
    assert status_of(first) == "approved"
    assert alice_page.csp_violations == [] and dana_page.csp_violations == []
    alice_page.context.close()
    dana_page.context.close()


def test_the_desk_pages_have_no_accessibility_violations(desk, live_server, browser):
    editor = make_moderator("erin", desk["site"], role=Role.DESK_EDITOR)
    first, second = desk["comments"][:2]
    moderation.approve_comment(first.pk, moderator=desk["alice"])
    moderation.reject_comment(second.pk, moderator=desk["alice"], rule=desk["rule"])
    Report.objects.create(comment=first, reason="abuse")
    moderation.edit_comment(
        desk["comments"][2].pk, moderator=desk["alice"], rule=desk["rule"], body="Edited words"
    )
    page = signed_in_page(browser, live_server, editor)
    pages = {
        "queue": reverse("desk:queue"),
        "reported queue": reverse("desk:queue") + "?tab=reported",
        "comment": reverse("desk:comment", args=[desk["comments"][2].pk]),
        "commenter": reverse("desk:commenter", args=[first.commenter_id]),
        "statistics": reverse("desk:stats"),
        "story settings": reverse("desk:story", args=[desk["story"].pk]),
    }
    found = {}
    for name, url in pages.items():
        page.goto(live_server.url + url)
        if name == "queue":
            page.keyboard.press("j")  # with the context panel and a claim shown
            page.locator("#desk-context", has_text="You hold this comment").wait_for()
        found[name] = axe_violations(page, strict=True)
    assert found == {name: [] for name in pages}
    assert page.csp_violations == []
    page.context.close()


def test_five_hundred_items_stay_responsive(desk, live_server, browser, figures):
    """Each key is handled at once and touches only the item it leaves and the one it enters,
    with a fixed number of style passes and at most one layout, however long the list.

    Counted by Chromium itself (a mutation observer, DevTools performance metrics), not timed:
    a timing would measure the machine. The time taken is recorded as a figure.
    """
    story, alice = desk["story"], desk["alice"]
    commenter = desk["comments"][0].commenter
    from django.utils import timezone

    Comment.objects.bulk_create(
        Comment(
            story=story,
            commenter=commenter,
            display_name="Bulk",
            body=f"Bulk comment {n}",
            submitted_at=timezone.now(),
            terms_version="1",
        )
        for n in range(500)
    )
    page = signed_in_page(browser, live_server, alice)
    page.goto(live_server.url + reverse("desk:queue") + "?size=500")
    assert page.locator(".desk-item").count() == 500
    devtools = page.context.new_cdp_session(page)
    devtools.send("Performance.enable")

    def rendering_passes() -> dict[str, float]:
        metrics = devtools.send("Performance.getMetrics")["metrics"]
        return {m["name"]: m["value"] for m in metrics if m["name"] in RENDERING_PASSES}

    before = rendering_passes()
    moved = page.evaluate(
        """() => {
        const changes = new MutationObserver(() => {});
        changes.observe(document.body, {subtree: true, childList: true, attributes: true});
        const start = performance.now();
        for (let i = 0; i < 200; i++) {
          document.dispatchEvent(new KeyboardEvent('keydown', {key: 'j', bubbles: true}));
        }
        const elapsed = performance.now() - start;
        const mutations = changes.takeRecords().length;
        changes.disconnect();
        const focused = [...document.querySelectorAll('.desk-item')]
          .indexOf(document.activeElement);
        return {elapsed, mutations, focused};
    }"""
    )
    passes = {name: rendering_passes()[name] - before[name] for name in RENDERING_PASSES}
    figures(moves=200, items=500, elapsed_ms=round(moved["elapsed"]), **passes)
    assert moved["focused"] == 199  # every move was handled, in order
    assert moved["mutations"] <= 2 * 200  # one item loses the mark, the next one gains it
    assert passes["RecalcStyleCount"] <= 3 * 200 + 5  # focus, scroll, focus styles
    assert passes["LayoutCount"] <= 200 + 5
    claims.release_claims(moderator=alice)
    page.context.close()
