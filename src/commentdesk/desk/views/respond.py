"""How a desk action answers: in place for htmx, by redirect with a message otherwise."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from commentdesk.core import access
from commentdesk.core.services.errors import CommentdeskError, SubmissionRefused
from commentdesk.desk.items import build_items


def back_url(request: HttpRequest) -> str:
    """Where a no-JS form returns to: the page it came from, if it is one of ours."""
    back = request.POST.get("back", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return back
    return reverse("desk:queue")


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def item_response(
    request: HttpRequest, comment_id: int, message: str, *, ok: bool, extra: dict | None = None
) -> HttpResponse:
    """Re-render the comment's queue item as it is now, and announce what happened."""
    if not is_htmx(request):
        (messages.success if ok else messages.error)(request, message)
        if request.POST.get("next") == "comment":
            return redirect("desk:comment", comment_id=comment_id)
        return redirect(back_url(request))
    comment = access.get_comment_for_moderator(request.user, comment_id)
    context = {
        "item": build_items([comment])[0],
        "announce": message,
        "announce_ok": ok,
        "user": request.user,
        **(extra or {}),
    }
    return render(request, "desk/_item_response.html", context)


def add_errors(form, error: CommentdeskError) -> None:
    """Show a service's refusal on the form: by each field when it names fields."""
    if isinstance(error, SubmissionRefused):
        for field, messages_ in error.errors.items():
            for message in messages_:
                form.add_error(field if field in form.fields else None, message)
    else:
        form.add_error(None, error.message)
