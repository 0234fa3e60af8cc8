"""The embedded widget in real Chromium, on a publisher's page on another site."""

from urllib.parse import urlsplit

import pytest

from commentdesk.core.models import Comment, Report, Story
from commentdesk.core.services import moderation
from commentdesk.core.services.stories import register_story
from tests.conftest import make_moderator, make_site, post_comment
from tests.desk.browser import axe_violations
from tests.widget.host import publisher_server, write_host_page

pytestmark = pytest.mark.browser

STORY_URL = "https://a.example/2026/06/summit"
FRAME = "iframe[data-commentdesk-frame]"


@pytest.fixture
def host(transactional_db, live_server, tmp_path, settings):
    """Site A, whose allowed origin is a publisher on another site serving the snippet."""
    # Revalidate at once (a 304 when unchanged) so a reload shows a new approval at once.
    settings.READ_CACHE_MAX_AGE = settings.READ_CACHE_STALE = 0
    with publisher_server(tmp_path, app_url=live_server.url) as origin:
        site = make_site("a")
        site.allowed_origins = [origin]
        site.save()
        write_host_page(
            tmp_path, "summit.html", base_url=live_server.url, story_url=STORY_URL, title="Summit"
        )
        yield {
            "site": site,
            "origin": origin,
            "dir": tmp_path,
            "base": live_server.url,
            "alice": make_moderator("alice", site),
        }


def open_page(browser, host, name="summit.html", **context_options):
    """A page on the publisher's site, recording every request and every console problem."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.app_url = host["base"]
    page.requests = []
    page.problems = []
    context.on("request", lambda request: page.requests.append(request.url))
    page.on(
        "console",
        # A 422 is the API refusing a form with messages by the fields: expected, not a fault.
        lambda m: (
            m.type == "error" and "status of 422" not in m.text and page.problems.append(m.text)
        ),
    )
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    page.goto(f"{host['origin']}/{name}")
    return page


def widget(page):
    """The frame's Playwright Frame once its page, stylesheet included, has loaded."""
    page.frame_locator(FRAME).locator("#cd-form-title").wait_for()
    frame = next(frame for frame in page.frames if frame.url.startswith(page.app_url))
    frame.wait_for_load_state("load")  # its stylesheet applied: layout checks measure the real page
    return frame


def published(host, body, **extra):
    story = register_story(url=STORY_URL, origin=host["origin"], title="Summit")
    comment = post_comment(story, body=body, **extra)
    moderation.approve_comment(comment.pk, moderator=host["alice"])
    comment.refresh_from_db()
    return comment


def fill_and_send(frame, name, body):
    frame.get_by_label("Display name").fill(name)
    frame.get_by_label("Your comment (plain text)").fill(body)
    frame.locator("#id_consent").check()
    frame.get_by_role("button", name="Send for moderation").click()


def test_a_reader_posts_from_another_site_and_sees_it_once_approved(host, browser):
    page = open_page(browser, host)
    frame = widget(page)
    story = Story.objects.get()  # registered on first use, from the snippet's data
    assert (story.url, story.title) == (STORY_URL, "Summit")

    fill_and_send(frame, "Cross-site reader", "Hello from the publisher's page")
    frame.locator("#status", has_text="awaiting moderation").wait_for()
    frame.locator("#cd-mine", has_text="Awaiting moderation").wait_for()
    comment = Comment.objects.get()
    assert (comment.status, comment.body) == ("pending", "Hello from the publisher's page")
    assert frame.get_by_label("Your comment (plain text)").input_value() == ""

    moderation.approve_comment(comment.pk, moderator=host["alice"])
    page.reload()
    frame = widget(page)
    frame.locator(f"#c{comment.pk} .cd-body", has_text="Hello from the publisher's page").wait_for()
    frame.locator("#cd-mine", has_text="Published").wait_for()  # the browser kept the secret

    # The frame grew to its content: the height message went through, pinned both ways.
    height = page.eval_on_selector(FRAME, "frame => frame.getBoundingClientRect().height")
    content = frame.evaluate("document.documentElement.scrollHeight")
    assert abs(height - content) <= 2

    # Nothing but the publisher's page and our server was asked for anything.
    ours = {host["origin"], host["base"]}
    assert {f"{urlsplit(u).scheme}://{urlsplit(u).netloc}" for u in page.requests} <= ours
    assert not page.problems, page.problems


def test_a_reader_replies_in_place_and_the_reply_is_shown_under_its_comment(host, browser):
    parent = published(host, "The parent comment", display_name="Hannah")
    page = open_page(browser, host)
    frame = widget(page)
    frame.locator(f"#c{parent.pk} .cd-reply").click()
    frame.locator(f"#c{parent.pk} .cd-replying", has_text="Replying to Hannah").wait_for()
    fill_and_send(frame, "Replier", "I agree with Hannah")
    frame.locator("#status", has_text="awaiting moderation").wait_for()
    reply = Comment.objects.get(body="I agree with Hannah")
    assert reply.parent_id == parent.pk

    moderation.approve_comment(reply.pk, moderator=host["alice"])
    page.reload()
    frame = widget(page)
    frame.locator(f"#c{parent.pk} .cd-replies #c{reply.pk}").wait_for()
    assert not page.problems, page.problems


def test_a_reader_reports_a_comment_with_a_reason(host, browser):
    comment = published(host, "Buy cheap watches now")
    page = open_page(browser, host)
    frame = widget(page)
    frame.locator(f"#c{comment.pk} .cd-report").click()
    form = frame.locator(f"#report-{comment.pk}")
    form.get_by_role("button", name="Send report").click()
    form.locator(".cd-error", has_text="Choose one of the listed values.").wait_for()
    form.get_by_label("Why should a moderator look at it?").select_option("spam")
    form.get_by_label("Anything the moderators should know (optional)").fill("An advert")
    form.get_by_role("button", name="Send report").click()
    frame.locator(f"#c{comment.pk}", has_text="A moderator will look at this comment").wait_for()
    report = Report.objects.get()
    assert (report.comment_id, report.reason, report.note) == (comment.pk, "spam", "An advert")
    assert not page.problems, page.problems


def test_a_reader_edits_then_deletes_their_own_pending_comment(host, browser):
    page = open_page(browser, host)
    frame = widget(page)
    fill_and_send(frame, "Editor", "Frist draft")
    mine = frame.locator("#cd-mine")
    mine.get_by_role("button", name="Edit").click()
    mine.get_by_label("Your comment (plain text)").fill("First draft")
    mine.get_by_role("button", name="Save").click()
    mine.locator(".cd-body", has_text="First draft").wait_for()
    assert Comment.objects.get().body == "First draft"

    page.reload()  # the secret lives on in the frame's storage
    frame = widget(page)
    frame.locator("#cd-mine").get_by_role("button", name="Delete").click()
    frame.locator("#cd-mine", has_text="You deleted this comment.").wait_for()
    assert Comment.objects.get().status == "deleted"
    assert not page.problems, page.problems


def test_without_javascript_the_snippets_frame_reads_and_posts(host, browser):
    published(host, "Readable without scripts")
    page = open_page(browser, host, java_script_enabled=False)
    frame = page.frame_locator("iframe.commentdesk-noscript")
    frame.locator(".cd-body", has_text="Readable without scripts").wait_for()
    frame.get_by_label("Display name").fill("No-JS")
    frame.get_by_label("Your comment (plain text)").fill("Posted from a frame without scripts")
    frame.locator("#id_consent").check()
    frame.get_by_role("button", name="Send for moderation").click()
    frame.get_by_text("Your comment is awaiting moderation").wait_for()
    assert Comment.objects.get(display_name="No-JS").status == "pending"


def test_uyghur_is_laid_out_right_to_left(host, browser):
    write_host_page(
        host["dir"],
        "ug.html",
        base_url=host["base"],
        story_url=STORY_URL,
        title="Summit",
        lang="ug",
    )
    page = open_page(browser, host, "ug.html")
    frame = widget(page)
    assert frame.evaluate("document.documentElement.dir") == "rtl"
    assert frame.evaluate("getComputedStyle(document.querySelector('.cd-form')).direction") == "rtl"
    heading = frame.locator("#cd-form-title")
    assert heading.inner_text() == "باھا يېزىڭ"
    # Right to left: the heading starts at the right edge of the section.
    box, section = heading.bounding_box(), frame.locator("#cd-post").bounding_box()
    assert abs((box["x"] + box["width"]) - (section["x"] + section["width"])) < 2
    assert not page.problems, page.problems


def test_a_comment_with_a_script_cannot_reach_the_host_page(host, browser):
    payload = (
        '<img src=x onerror="top.stolen=document.cookie"><script>top.stolen=1</script>'
        '"><svg onload=top.stolen=2>'
    )
    comment = published(host, payload)
    context_cookie = {"name": "session", "value": "host-secret", "url": host["origin"]}
    page = open_page(browser, host)
    page.context.add_cookies([context_cookie])
    page.reload()
    frame = widget(page)
    body = frame.locator(f"#c{comment.pk} .cd-body")
    assert body.inner_text() == payload  # shown as typed, never as HTML
    assert page.evaluate("window.stolen") is None
    assert page.evaluate("document.cookie") == "session=host-secret"
    # Even script in the frame could not read the host page: it is another origin.
    reach = "() => { try { return parent.document.cookie } catch (e) { return 'blocked' } }"
    assert frame.evaluate(reach) == "blocked"
    assert not page.problems, page.problems


def test_axe_finds_no_serious_problem_in_the_widget(host, browser):
    parent = published(host, "A published comment", display_name="Hannah")
    published(host, "A reply", parent=parent)
    page = open_page(browser, host)
    frame = widget(page)
    assert axe_violations(frame) == []
    frame.get_by_role("button", name="Send for moderation").click()  # errors by the fields
    frame.locator("#id_body-error").wait_for()
    assert frame.evaluate("document.activeElement.id") == "id_display_name"
    assert axe_violations(frame) == []


# What overflows, and whether the stylesheet applied: said when the layout check fails.
WIDEST = """() => {
  const [widest] = [...document.querySelectorAll('body *')]
    .sort((a, b) => b.scrollWidth - a.scrollWidth);
  const body = document.querySelector('.cd-body');
  return {widest: widest.tagName + '.' + widest.className, width: widest.scrollWidth,
          sheets: document.styleSheets.length,
          wrap: body && getComputedStyle(body).overflowWrap};
}"""


def test_the_widget_fits_a_320_pixel_screen_and_200_percent_zoom(host, browser):
    published(host, "A comment with a long unbroken word " + "x" * 120)
    for width in (320, 640):  # 640 CSS pixels wide at 200% zoom is a 1280-pixel window
        page = open_page(browser, host, viewport={"width": width, "height": 800})
        frame = widget(page)
        overflow = frame.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, (width, frame.evaluate(WIDEST), page.problems)
        page.context.close()


def test_load_more_and_sorting_fetch_the_next_comments_in_place(host, browser):
    for n in range(23):
        published(host, f"Number {n:02}")
    page = open_page(browser, host)
    frame = widget(page)
    bodies = frame.locator("#cd-list > li .cd-body")
    assert bodies.count() == 20
    frame.get_by_role("link", name="Load more comments").click()
    frame.locator(".cd-body", has_text="Number 22").wait_for()
    assert bodies.count() == 23
    assert frame.locator(".cd-more").count() == 0
    assert frame.evaluate("document.activeElement.closest('li').id") == frame.locator(
        "#cd-list > li"
    ).nth(20).get_attribute("id")  # focus moved to the first new comment

    frame.get_by_role("link", name="Newest first").click()
    frame.locator("#cd-list > li:first-child .cd-body", has_text="Number 22").wait_for()
    assert frame.locator(".cd-sort [aria-current]").inner_text() == "Newest first"
    assert page.url.endswith("/summit.html")  # no navigation: the host page stayed put
    assert not page.problems, page.problems


def test_the_reader_later_sees_the_rule_their_comment_was_rejected_under(host, browser):
    page = open_page(browser, host)
    frame = widget(page)
    fill_and_send(frame, "Hothead", "You are all idiots")
    frame.locator("#cd-mine", has_text="Awaiting moderation").wait_for()
    comment = Comment.objects.get()
    rule = host["site"].rules.get(code="R1")
    moderation.reject_comment(comment.pk, moderator=host["alice"], rule=rule)
    page.reload()
    frame = widget(page)
    frame.locator("#cd-mine", has_text="Not published · Rule: R1: No personal attacks").wait_for()
    assert frame.locator("#cd-mine").get_by_role("button", name="Edit").count() == 0
