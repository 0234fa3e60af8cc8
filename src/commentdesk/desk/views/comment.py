"""One comment: its page, its context panel (claiming it), its thread, and editing it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from commentdesk.core import access
from commentdesk.core.models import Comment
from commentdesk.core.services import claims, moderation
from commentdesk.core.services.errors import CommentdeskError
from commentdesk.desk import context as desk_context
from commentdesk.desk.forms import EditForm
from commentdesk.desk.items import build_items
from commentdesk.desk.views.respond import add_errors, is_htmx, item_response


def _context(request: HttpRequest, comment: Comment, hold) -> dict:
    return {
        "comment": comment,
        "hold": hold,
        "mine": hold.is_mine(request.user),
        "record": desk_context.commenter_record(comment.commenter),
        "ancestors": desk_context.ancestors(comment),
        "replies": desk_context.replies(comment),
        "reports": desk_context.open_reports_by_reason(comment),
        "can_edit_story": access.can_edit_desk(request.user, comment.story.site),
    }


@login_required
def comment_detail(request: HttpRequest, comment_id: int) -> HttpResponse:
    """Opening a comment claims it."""
    comment = access.get_comment_for_moderator(request.user, comment_id)
    form = EditForm(
        initial={"body": comment.body, "seen_status": comment.status}, site=comment.story.site
    )
    return _render_detail(request, comment, form)


def _render_detail(request, comment: Comment, edit_form: EditForm, status: int = 200):
    hold = claims.claim_comment(comment.pk, moderator=request.user)
    context = _context(request, comment, hold) | {
        "item": build_items([comment])[0],
        "edit_form": edit_form,
        "history": moderation.history(comment),
        "revisions": desk_context.revisions_with_diff(comment),
    }
    return render(request, "desk/comment.html", context, status=status)


@login_required
@require_POST
def claim(request: HttpRequest, comment_id: int) -> HttpResponse:
    """Focusing a comment in the queue claims it and shows its context beside it."""
    comment = access.get_comment_for_moderator(request.user, comment_id)
    hold = claims.claim_comment(comment.pk, moderator=request.user)
    return render(request, "desk/_context.html", _context(request, comment, hold))


@login_required
@require_POST
def release(request: HttpRequest) -> HttpResponse:
    claims.release_claims(moderator=request.user)
    return HttpResponse(status=204)


@login_required
def thread(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = access.get_comment_for_moderator(request.user, comment_id)
    others = (
        Comment.objects.filter(story=comment.story, status=Comment.Status.APPROVED)
        .exclude(pk=comment.pk)
        .order_by("-featured", "published_at", "pk")[: desk_context.THREAD_LIMIT]
    )
    return render(request, "desk/_thread.html", {"comment": comment, "others": others})


@login_required
def edit(request: HttpRequest, comment_id: int) -> HttpResponse:
    comment = access.get_comment_for_moderator(request.user, comment_id)
    site = comment.story.site
    if request.method != "POST":
        if not is_htmx(request):
            return redirect("desk:comment", comment_id=comment.pk)
        form = EditForm(initial={"body": comment.body, "seen_status": comment.status}, site=site)
        return render(request, "desk/_edit_form.html", {"comment": comment, "form": form})
    form = EditForm(request.POST, site=site)
    if form.is_valid():
        try:
            moderation.edit_comment(
                comment.pk,
                moderator=request.user,
                rule=form.cleaned_data["rule"],
                body=form.cleaned_data["body"],
                seen_status=form.cleaned_data["seen_status"],
            )
        except CommentdeskError as error:
            add_errors(form, error)
    if form.errors:
        if is_htmx(request):
            return render(request, "desk/_edit_form.html", {"comment": comment, "form": form})
        return _render_detail(request, comment, form, status=400)
    message = f"Comment #{comment.pk} edited under {form.cleaned_data['rule'].code}."
    if is_htmx(request):
        diff = desk_context.revisions_with_diff(comment)[-1]["diff"]
        return item_response(request, comment.pk, message, ok=True, extra={"diff": diff})
    messages.success(request, message)
    return redirect("desk:comment", comment_id=comment.pk)
