"""The comments section: its own page, framed by article pages, usable without JavaScript."""

import secrets

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt

from commentdesk.core.models import Comment, Story
from commentdesk.core.services.errors import RateLimited, SubmissionRefused
from commentdesk.core.services.submission import submit_comment
from commentdesk.core.services.threads import build_thread
from commentdesk.lib.nethash import network_hash
from commentdesk.public.formguard import cross_site_problem, form_token_problem, issue_form_token
from commentdesk.public.forms import CommentForm


def _frame_ancestors(story: Story) -> str:
    return " ".join(["'self'", *story.site.allowed_origins])


def _render_section(request: HttpRequest, story: Story, form: CommentForm, status: int = 200):
    context = {
        "story": story,
        "site": story.site,
        "thread": build_thread(story),
        "form": form,
        "form_token": issue_form_token(story.pk),
        "idempotency_key": secrets.token_urlsafe(24),
        "posted": request.GET.get("posted"),
    }
    response = render(request, "public/comments_page.html", context, status=status)
    response["Content-Security-Policy"] = f"frame-ancestors {_frame_ancestors(story)}"
    return response


def _parent(story: Story, form: CommentForm) -> Comment | None:
    parent_id = form.cleaned_data.get("parent")
    if not parent_id:
        return None
    return Comment.objects.filter(pk=parent_id, story=story).first()


@csrf_exempt  # protected by formguard: a signed form token plus Origin/Sec-Fetch-Site
@xframe_options_exempt  # framing is limited by CSP frame-ancestors to the site's origins
def comments_section(request: HttpRequest, story_id: int) -> HttpResponse:
    story = get_object_or_404(Story.objects.select_related("site"), pk=story_id)
    if request.method != "POST":
        return _render_section(request, story, CommentForm())
    form = CommentForm(request.POST)
    form.is_valid()  # collects; the service validates
    problem = cross_site_problem(request) or form_token_problem(
        form.cleaned_data.get("form_token", ""), story.pk
    )
    if problem:
        form.add_error(None, problem)
        return _render_section(request, story, form, status=403)
    try:
        submitted = submit_comment(
            story,
            display_name=form.cleaned_data.get("display_name") or "",
            email=form.cleaned_data.get("email") or "",
            body=form.cleaned_data.get("body") or "",
            consent=bool(form.cleaned_data.get("consent")),
            parent=_parent(story, form),
            network_hash=network_hash(request),
            idempotency_key=form.cleaned_data.get("idempotency_key") or "",
        )
    except RateLimited as refusal:
        form.add_refusal(refusal.errors)
        response = _render_section(request, story, form, status=429)
        response["Retry-After"] = str(refusal.retry_after)
        return response
    except SubmissionRefused as refusal:
        form.add_refusal(refusal.errors)
        return _render_section(request, story, form, status=400)
    url = reverse("public:comments", args=[story.pk])
    return redirect(f"{url}?posted={submitted.comment.status}#status")
