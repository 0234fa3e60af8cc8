"""Without JavaScript: a reader's own comment by its secret link, and reporting a comment."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from commentdesk.core.services import reader, reports
from commentdesk.core.services.errors import CommentdeskError, SubmissionRefused
from commentdesk.lib.httpcache import mark_private
from commentdesk.lib.nethash import network_hash
from commentdesk.public.formguard import cross_site_problem, form_token_problem, issue_form_token
from commentdesk.public.forms import OwnEditForm
from commentdesk.public.framing import allow_framing_by
from commentdesk.public.views.page import page_language, render_section, snapshot_or_404


def _guard_problem(request: HttpRequest, story_id: int) -> str | None:
    return cross_site_problem(request) or form_token_problem(
        request.POST.get("form_token", ""), story_id
    )


@csrf_exempt  # protected by formguard, like the comment form
@xframe_options_exempt
def own_comment(request: HttpRequest, story_id: int, comment_id: int, secret: str):
    """The reader's own comment: its status, and while pending, edit and delete."""
    snapshot = snapshot_or_404(story_id)
    with translation.override(page_language(request, snapshot)):
        try:
            own = reader.own_comment(comment_id, secret)
        except reader.OwnCommentNotFound as error:
            return _own_page(request, snapshot, None, error=error.message, status=404)
        if own.comment.story_id != snapshot.id:
            return _own_page(request, snapshot, None, status=404)
        if request.method != "POST":
            return _own_page(
                request, snapshot, own, form=OwnEditForm(initial={"body": own.comment.body})
            )
        return _change_own(request, snapshot, own, secret)


def _change_own(request, snapshot, own, secret) -> HttpResponse:
    form = OwnEditForm(request.POST)
    form.is_valid()
    problem = _guard_problem(request, snapshot.id)
    if problem:
        form.add_error(None, problem)
        return _own_page(request, snapshot, own, form=form, status=403)
    try:
        if request.POST.get("action") == "delete":
            reader.delete_own_comment(own.comment.pk, secret)
        else:
            reader.edit_own_comment(own.comment.pk, secret, body=form.cleaned_data.get("body", ""))
    except SubmissionRefused as refusal:
        form.add_refusal(refusal.errors)
        return _own_page(request, snapshot, own, form=form, status=400)
    except CommentdeskError as error:
        form.add_error(None, error.message)
        return _own_page(request, snapshot, own, form=form, status=409)
    url = reverse("public:own", args=[snapshot.id, own.comment.pk, secret])
    return redirect(f"{url}?lang={translation.get_language()}&changed=1#status")


def own_rule_text(own) -> str:
    if own is None or own.rule is None:
        return ""
    return _("Rule: {rule}").format(rule=f"{own.rule.code}: {own.rule.title}")


def own_until_text(own) -> str:
    if own is None:
        return ""
    until = date_format(own.editable_until, "Y-m-d H:i") + " UTC"
    return _("You can change or delete it until {time}.").format(time=until)


def _own_page(request, snapshot, own, *, form=None, error="", status=200) -> HttpResponse:
    context = {
        "story": snapshot,
        "own": own,
        "form": form,
        "form_token": issue_form_token(snapshot.id),
        "error": error,
        "posted": request.GET.get("posted"),
        "changed": request.GET.get("changed"),
        "lang": translation.get_language(),
        "rule_text": own_rule_text(own),
        "until_text": own_until_text(own),
    }
    response = render(request, "public/own_comment.html", context, status=status)
    return mark_private(allow_framing_by(response, snapshot.allowed_origins))


@require_POST
@csrf_exempt  # protected by formguard, like the comment form
@xframe_options_exempt
def report_comment(request: HttpRequest, story_id: int) -> HttpResponse:
    snapshot = snapshot_or_404(story_id)
    with translation.override(page_language(request, snapshot)):
        comment_id = request.POST.get("comment", "")
        problem = _guard_problem(request, snapshot.id)
        errors = {"comment": [problem]} if problem else {}
        if not errors:
            try:
                reports.report_comment(
                    int(comment_id) if comment_id.isdigit() else 0,
                    story_id=snapshot.id,
                    reason=request.POST.get("reason", ""),
                    note=request.POST.get("note", ""),
                    network_hash=network_hash(request),
                )
            except SubmissionRefused as refusal:
                errors = refusal.errors
        if errors:
            request.GET = request.GET.copy()
            request.GET["report"] = comment_id
            response = render_section(request, snapshot, status=400, report_errors=errors)
            return mark_private(response)
        url = reverse("public:comments", args=[snapshot.id])
        return redirect(f"{url}?lang={translation.get_language()}&posted=reported#status")
