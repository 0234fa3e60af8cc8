"""A commenter's record, and what a moderator can do about them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from commentdesk.core import access
from commentdesk.core.services import commenters as commenter_services
from commentdesk.core.services.errors import CommentdeskError, SubmissionRefused
from commentdesk.desk import context as desk_context
from commentdesk.desk.forms import CommenterActionForm
from commentdesk.desk.views.respond import add_errors


def _apply(form: CommenterActionForm, commenter, user) -> str:
    data = form.cleaned_data
    action = data["action"]
    if action == "premoderate":
        commenter_services.premoderate_commenter(commenter.pk, moderator=user, note=data["note"])
        return "Their comments now always wait for the desk."
    if action == "suspend":
        until = data["until"]
        if until is None:
            raise SubmissionRefused({"until": ["Say until when the suspension runs."]})
        commenter_services.suspend_commenter(
            commenter.pk, moderator=user, until=until, rule=data["rule"], note=data["note"]
        )
        return f"Suspended until {until:%Y-%m-%d %H:%M} UTC."
    if action == "ban":
        commenter_services.ban_commenter(
            commenter.pk, moderator=user, rule=data["rule"], note=data["note"]
        )
        return "Banned: their new comments are refused."
    commenter_services.lift_restrictions(commenter.pk, moderator=user, note=data["note"])
    return "Restrictions lifted."


@login_required
def commenter(request: HttpRequest, commenter_id: int) -> HttpResponse:
    target = access.get_commenter_for_moderator(request.user, commenter_id)
    form = CommenterActionForm(request.POST or None, site=target.site)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            message = _apply(form, target, request.user)
        except CommentdeskError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"{target.display_name}: {message}")
            return redirect("desk:commenter", commenter_id=target.pk)
    if form.errors:
        status = 400
    comments = target.comments.select_related("story").order_by("-submitted_at", "-pk")[:20]
    context = {
        "record": desk_context.commenter_record(target),
        "form": form,
        "comments": comments,
        "now": timezone.now(),
    }
    return render(request, "desk/commenter.html", context, status=status)
