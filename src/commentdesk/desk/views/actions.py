"""Decisions on one comment or several: each calls one service and answers in place."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from commentdesk.core import access
from commentdesk.core.models import TermsRule
from commentdesk.core.services import moderation, report_review
from commentdesk.core.services.errors import CommentdeskError
from commentdesk.desk.forms import BatchForm, DecisionForm
from commentdesk.desk.items import build_items
from commentdesk.desk.views.respond import back_url, is_htmx, item_response


def _approve(comment, user, data):
    moderation.approve_comment(comment.pk, moderator=user, seen_status=data["seen_status"])
    return f"Comment #{comment.pk} approved. Press z to undo."


def _reject(comment, user, data):
    rule = data["rule"]
    moderation.reject_comment(
        comment.pk, moderator=user, rule=rule, seen_status=data["seen_status"]
    )
    return f"Comment #{comment.pk} rejected under {rule.code}. Press z to undo."


def _spam(comment, user, data):
    moderation.mark_spam(comment.pk, moderator=user, seen_status=data["seen_status"])
    return f"Comment #{comment.pk} marked as spam. Press z to undo."


def _undo(comment, user, data):
    restored = moderation.undo_decision(comment.pk, moderator=user)
    return f"Decision on comment #{comment.pk} undone: it is {restored.status} again."


def _feature(comment, user, data):
    moderation.feature_comment(comment.pk, moderator=user, featured=True)
    return f"Comment #{comment.pk} is now featured first in its thread."


def _unfeature(comment, user, data):
    moderation.feature_comment(comment.pk, moderator=user, featured=False)
    return f"Comment #{comment.pk} is no longer featured."


def _dismiss(comment, user, data):
    count = report_review.dismiss_reports(comment.pk, moderator=user)
    return f"{count} report(s) on comment #{comment.pk} dismissed; the comment stays as it is."


DECISIONS = {
    "approve": _approve,
    "reject": _reject,
    "spam": _spam,
    "undo": _undo,
    "feature": _feature,
    "unfeature": _unfeature,
    "dismiss": _dismiss,
}


@login_required
@require_POST
def decide(request: HttpRequest, comment_id: int, decision: str) -> HttpResponse:
    comment = access.get_comment_for_moderator(request.user, comment_id)
    form = DecisionForm(request.POST, site=comment.story.site)
    if not form.is_valid() or (decision == "reject" and form.cleaned_data["rule"] is None):
        message = f"Choose a Terms-of-Use rule to reject comment #{comment.pk}."
        return item_response(request, comment.pk, message, ok=False)
    try:
        message = DECISIONS[decision](comment, request.user, form.cleaned_data)
    except CommentdeskError as error:
        return item_response(request, comment.pk, error.message, ok=False)
    return item_response(request, comment.pk, message, ok=True, extra={"decided": decision})


@login_required
@require_POST
def batch(request: HttpRequest) -> HttpResponse:
    rules = TermsRule.objects.filter(site__in=access.moderated_sites(request.user), active=True)
    form = BatchForm(request.POST, rules=rules)
    if not form.is_valid() or (
        form.cleaned_data["decision"] == "reject" and form.cleaned_data["rule"] is None
    ):
        errors = "; ".join(e for errs in form.errors.values() for e in errs)
        message = errors or "Choose a Terms-of-Use rule to reject the selected comments."
        return _batch_response(request, [], message, ok=False)
    mine = access.comments_for_moderator(request.user).filter(pk__in=form.cleaned_data["ids"])
    ids = [pk for pk in form.cleaned_data["ids"] if pk in set(mine.values_list("pk", flat=True))]
    decided, refused = moderation.decide_many(
        ids,
        moderator=request.user,
        decision=form.cleaned_data["decision"],
        rule=form.cleaned_data["rule"],
    )
    verb = {"approve": "approved", "reject": "rejected", "spam": "marked as spam"}
    message = f"{len(decided)} comment(s) {verb[form.cleaned_data['decision']]}."
    if refused:
        message += " Not decided: " + " ".join(refused.values())
    return _batch_response(request, ids, message, ok=not refused)


def _batch_response(request, ids, message: str, *, ok: bool) -> HttpResponse:
    if not is_htmx(request):
        (messages.success if ok else messages.error)(request, message)
        return redirect(back_url(request))
    comments = list(access.comments_for_moderator(request.user).filter(pk__in=ids))
    context = {"items": build_items(comments), "announce": message, "announce_ok": ok}
    return render(request, "desk/_batch_response.html", context)
