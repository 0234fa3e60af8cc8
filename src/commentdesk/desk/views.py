"""The moderator's desk: the pending queue, a comment's page, and decisions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from commentdesk.core import access
from commentdesk.core.models import Comment
from commentdesk.core.services import moderation
from commentdesk.core.services.errors import CommentdeskError, SubmissionRefused
from commentdesk.desk.forms import DecisionForm, EditForm

QUEUE_PAGE_SIZE = 50


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    comments = list(
        access.comments_for_moderator(request.user)
        .filter(status=Comment.Status.PENDING)
        .order_by("submitted_at", "pk")[:QUEUE_PAGE_SIZE]
    )
    rules_by_site = {
        site.pk: list(site.rules.filter(active=True))
        for site in access.moderated_sites(request.user).prefetch_related("rules")
    }
    items = [{"comment": c, "rules": rules_by_site.get(c.story.site_id, [])} for c in comments]
    return render(request, "desk/queue.html", {"items": items})


@login_required
def comment_detail(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = access.get_comment_for_moderator(request.user, comment_id)
    return _render_detail(
        request,
        comment,
        EditForm(
            initial={
                "body": comment.body,
                "seen_status": comment.status,
            },
            site=comment.story.site,
        ),
    )


def _render_detail(request, comment: Comment, edit_form: EditForm, status: int = 200):
    context = {
        "comment": comment,
        "rules": comment.story.site.rules.filter(active=True),
        "edit_form": edit_form,
        "history": moderation.history(comment),
        "revisions": comment.revisions.select_related("editor", "rule"),
    }
    return render(request, "desk/comment.html", context, status=status)


def _after_decision(request: HttpRequest, comment: Comment) -> HttpResponse:
    if request.POST.get("next") == "comment":
        return redirect("desk:comment", comment_id=comment.pk)
    return redirect("desk:queue")


@login_required
@require_POST
def decide(request: HttpRequest, comment_id: int, decision: str) -> HttpResponse:
    comment = access.get_comment_for_moderator(request.user, comment_id)
    form = DecisionForm(request.POST, site=comment.story.site)
    if not form.is_valid():
        messages.error(request, "The decision was incomplete: choose a rule and try again.")
        return _after_decision(request, comment)
    try:
        if decision == "approve":
            moderation.approve_comment(
                comment.pk, moderator=request.user, seen_status=form.cleaned_data["seen_status"]
            )
            messages.success(request, f"Comment #{comment.pk} approved.")
        else:
            moderation.reject_comment(
                comment.pk,
                moderator=request.user,
                rule=form.cleaned_data["rule"],
                seen_status=form.cleaned_data["seen_status"],
            )
            messages.success(request, f"Comment #{comment.pk} rejected.")
    except CommentdeskError as error:
        messages.error(request, error.message)
    return _after_decision(request, comment)


@login_required
@require_POST
def edit(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = access.get_comment_for_moderator(request.user, comment_id)
    form = EditForm(request.POST, site=comment.story.site)
    if not form.is_valid():
        return _render_detail(request, comment, form, status=400)
    try:
        moderation.edit_comment(
            comment.pk,
            moderator=request.user,
            rule=form.cleaned_data["rule"],
            body=form.cleaned_data["body"],
            seen_status=form.cleaned_data["seen_status"],
        )
    except SubmissionRefused as refusal:
        for field, errors in refusal.errors.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
        return _render_detail(request, comment, form, status=400)
    except CommentdeskError as error:
        form.add_error(None, error.message)
        return _render_detail(request, comment, form, status=409)
    messages.success(request, f"Comment #{comment.pk} edited.")
    return redirect("desk:comment", comment_id=comment.pk)
