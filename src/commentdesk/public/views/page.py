"""The comments section: its own page, framed by article pages, usable without JavaScript.

GET is the cacheable read path: with the story snapshot and the rendered thread in the cache
it costs no database query, and it answers If-None-Match with 304.
"""

import secrets
import time

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from commentdesk.core.models import Comment, Story
from commentdesk.core.services import reader, threads
from commentdesk.core.services.errors import RateLimited, SubmissionRefused
from commentdesk.core.services.submission import story_for_submission, submit_comment
from commentdesk.core.services.threads import BadCursor, StorySnapshot
from commentdesk.lib.httpcache import is_fresh, make_etag, mark_private, mark_public, not_modified
from commentdesk.lib.nethash import network_hash
from commentdesk.public.comment_html import comments_html
from commentdesk.public.formguard import cross_site_problem, form_token_problem, issue_form_token
from commentdesk.public.forms import CommentForm
from commentdesk.public.framing import allow_framing_by
from commentdesk.public.language import widget_language
from commentdesk.public.strings import REPORT_REASONS, widget_strings

# Query parameters that make a page personal (a notice, a reply or report form): not cached.
PERSONAL = ("posted", "reply", "report")


def snapshot_or_404(story_id: int) -> StorySnapshot:
    snapshot = threads.story_snapshot(story_id)
    if snapshot is None:
        raise Http404("No such story.")
    return snapshot


def page_language(request: HttpRequest, snapshot: StorySnapshot) -> str:
    return widget_language(request.GET.get("lang"), snapshot.language)


def _sort(request: HttpRequest) -> str:
    sort = request.GET.get("sort", "oldest")
    return sort if sort in threads.SORTS else "oldest"


def rendered_thread(snapshot: StorySnapshot, *, lang: str, sort: str, cursor: str, render=True):
    """(count, HTML of the comment items and the load-more link), cached per version.

    With ``render=False``, only from the cache: None when it holds nothing.
    """

    def render_items():
        page = threads.thread_page(snapshot, sort=sort, cursor=cursor)
        comments = comments_html(page.nodes, lang)
        context = {"page": page, "comments": comments, "sort": sort, "lang": lang}
        return page.count, render_to_string("public/_thread_items.html", context)

    variant = f"html:{lang}:{sort}:{cursor}"
    return threads.cached_rendering(snapshot, variant, render_items if render else None)


def _published(story_id: int, comment_id: str | None) -> Comment | None:
    if not comment_id or not comment_id.isdigit():
        return None
    return Comment.objects.filter(
        pk=int(comment_id), story_id=story_id, status=Comment.Status.APPROVED
    ).first()


def _section_context(request: HttpRequest, snapshot: StorySnapshot, form, extra) -> dict:
    lang = translation.get_language()
    sort = _sort(request)
    cursor = request.GET.get("cursor", "")
    try:
        count, items = rendered_thread(snapshot, lang=lang, sort=sort, cursor=cursor)
    except BadCursor:
        count, items = rendered_thread(snapshot, lang=lang, sort=sort, cursor="")
    form = form or CommentForm(initial={"parent": request.GET.get("reply")})
    return {
        "story": snapshot,
        "lang": lang,
        "sort": sort,
        "page": {"count": count},
        "thread_html": mark_safe(items),  # noqa: S308 (our own template's output, cached)
        "form": form,
        "form_token": issue_form_token(snapshot.id),
        "idempotency_key": secrets.token_urlsafe(24),
        "strings": widget_strings(),
        "report_reasons": REPORT_REASONS,
        "posted": request.GET.get("posted"),
        "reply_to": _published(snapshot.id, request.GET.get("reply") or form["parent"].value()),
        "report_target": _published(snapshot.id, request.GET.get("report")),
        **extra,
    }


def render_section(
    request: HttpRequest, snapshot: StorySnapshot, *, form=None, status=200, **extra
) -> HttpResponse:
    """The page for one reader: with their form's errors, a reply or report form, a notice."""
    context = _section_context(request, snapshot, form, extra)
    response = render(request, "public/comments_page.html", context, status=status)
    return allow_framing_by(response, snapshot.allowed_origins)


# The page everyone gets is rendered once per thread version with these in place of the
# per-request form token and idempotency key, which are put in on the way out.
TOKEN_SLOT = "cd-form-token-slot"  # noqa: S105 (a placeholder, not a secret)
KEY_SLOT = "cd-idempotency-key-slot"


def public_section(
    request: HttpRequest, snapshot: StorySnapshot, lang: str, *, render=True
) -> HttpResponse | None:
    """The page everyone gets, or 304; with ``render=False`` only from the cache, else None.

    Rendering needs ``lang`` active (the view activates it).
    """

    def render_page() -> str:
        context = _section_context(request, snapshot, None, {})
        context.update(form_token=TOKEN_SLOT, idempotency_key=KEY_SLOT)
        return render_to_string("public/comments_page.html", context)

    sort, cursor = _sort(request), request.GET.get("cursor", "")
    # The form token inside is renewed hourly, well within its six-hour life.
    hour = int(time.time() // 3600)
    etag = make_etag("page", snapshot.id, snapshot.thread_version, lang, sort, cursor, hour)
    if is_fresh(request, etag):
        return allow_framing_by(not_modified(etag), snapshot.allowed_origins)
    variant = f"page:{lang}:{sort}:{cursor}:{snapshot.accepts_comments}"
    html = threads.cached_rendering(snapshot, variant, render_page if render else None)
    if html is None:
        return None
    html = html.replace(TOKEN_SLOT, issue_form_token(snapshot.id))
    html = html.replace(KEY_SLOT, secrets.token_urlsafe(24))
    return mark_public(allow_framing_by(HttpResponse(html), snapshot.allowed_origins), etag)


@csrf_exempt  # protected by formguard: a signed form token plus Origin/Sec-Fetch-Site
@xframe_options_exempt  # framing is limited by CSP frame-ancestors to the site's origins
def comments_section(request: HttpRequest, story_id: int) -> HttpResponse:
    if request.method == "POST":
        return _post_comment(request, story_id)
    snapshot = snapshot_or_404(story_id)
    lang = page_language(request, snapshot)
    with translation.override(lang):
        if any(name in request.GET for name in PERSONAL):
            return mark_private(render_section(request, snapshot))
        return public_section(request, snapshot, lang)


def cached_section(request: HttpRequest, story_id: int) -> HttpResponse | None:
    """What comments_section answers a reader's GET, from the cache alone (ops.readcache).

    None when the cache lacks the story or its page, or the page would be personal.
    """
    snapshot = threads.cached_snapshot(story_id)
    if snapshot is None or any(name in request.GET for name in PERSONAL):
        return None
    response = public_section(request, snapshot, page_language(request, snapshot), render=False)
    return _frameable(response)


def _post_comment(request: HttpRequest, story_id: int) -> HttpResponse:
    """Store the reader's comment and show it to them; or show the form again with the
    refusal beside their text. The story is read once, with what the submission needs; the
    page's snapshot only for a refusal."""
    form = CommentForm(request.POST)
    form.is_valid()  # collects; the service validates
    address_hash = network_hash(request)
    idempotency_key = form.submission_key(address_hash)
    story = story_for_submission(story_id, idempotency_key)
    if story is None:
        raise Http404("No such story.")
    with translation.override(widget_language(request.GET.get("lang"), story.effective_language)):
        return _submit(request, story, form, address_hash, idempotency_key)


def _submit(
    request: HttpRequest, story: Story, form: CommentForm, address_hash: str, idempotency_key: str
) -> HttpResponse:
    def refusal(status: int) -> HttpResponse:
        snapshot = snapshot_or_404(story.pk)
        return mark_private(render_section(request, snapshot, form=form, status=status))

    problem = cross_site_problem(request) or form_token_problem(
        form.cleaned_data.get("form_token", ""), story.pk
    )
    if problem:
        form.add_error(None, problem)
        return refusal(403)
    try:
        submitted = submit_comment(
            story,
            display_name=form.cleaned_data.get("display_name") or "",
            email=form.cleaned_data.get("email") or "",
            body=form.cleaned_data.get("body") or "",
            consent=bool(form.cleaned_data.get("consent")),
            parent=reader.reply_target(story.pk, form.cleaned_data.get("parent")),
            network_hash=address_hash,
            idempotency_key=idempotency_key,
        )
    except RateLimited as refused:
        form.add_refusal(refused.errors)
        response = refusal(429)
        response["Retry-After"] = str(refused.retry_after)
        return response
    except SubmissionRefused as refused:
        form.add_refusal(refused.errors)
        return refusal(400)
    url = reverse("public:own", args=[story.pk, submitted.comment.pk, submitted.secret])
    return redirect(f"{url}?lang={translation.get_language()}&posted=1#status")


@require_GET
@xframe_options_exempt
def thread_items(request: HttpRequest, story_id: int) -> HttpResponse:
    """The comment items alone (for "load more" and sorting without reloading the page)."""
    snapshot = snapshot_or_404(story_id)
    try:
        return _items(request, snapshot)
    except BadCursor as error:
        return mark_private(HttpResponse(str(error), status=400, content_type="text/plain"))


def _items(request: HttpRequest, snapshot: StorySnapshot, *, render=True) -> HttpResponse | None:
    lang = page_language(request, snapshot)
    sort, cursor = _sort(request), request.GET.get("cursor", "")
    etag = make_etag("items", snapshot.id, snapshot.thread_version, lang, sort, cursor)
    if is_fresh(request, etag):
        return not_modified(etag)
    with translation.override(lang):
        rendered = rendered_thread(snapshot, lang=lang, sort=sort, cursor=cursor, render=render)
    if rendered is None:
        return None
    return mark_public(HttpResponse(rendered[1]), etag)


def cached_items(request: HttpRequest, story_id: int) -> HttpResponse | None:
    """What thread_items answers, from the cache alone (ops.readcache); None on a miss."""
    snapshot = threads.cached_snapshot(story_id)
    if snapshot is None:
        return None
    return _frameable(_items(request, snapshot, render=False))


def _frameable(response: HttpResponse | None) -> HttpResponse | None:
    """Exempt from X-Frame-Options, as xframe_options_exempt marks the views' answers."""
    if response is not None:
        response.xframe_options_exempt = True
    return response
