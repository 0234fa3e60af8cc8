"""Story policy for desk editors: open or close comments, pre- or post-moderation,
close automatically after some days."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from commentdesk.core import access
from commentdesk.core.models import Comment, Story
from commentdesk.core.services import story_settings
from commentdesk.core.services.errors import CommentdeskError
from commentdesk.desk.forms import StorySettingsForm
from commentdesk.desk.views.respond import add_errors

STORY_LIST_SIZE = 100


@login_required
def story_list(request: HttpRequest) -> HttpResponse:
    sites = access.edited_sites(request.user)
    if not sites.exists():
        raise PermissionDenied("Only desk editors and admins change story settings.")
    stories = (
        Story.objects.filter(site__in=sites)
        .select_related("site")
        .annotate(pending=Count("comments", filter=Q(comments__status=Comment.Status.PENDING)))
        .order_by("-published_at", "-pk")[:STORY_LIST_SIZE]
    )
    return render(request, "desk/stories.html", {"stories": stories})


@login_required
def story(request: HttpRequest, story_id: int) -> HttpResponse:
    target = access.get_story_for_editor(request.user, story_id)
    initial = {
        "comments_open": target.comments_open,
        "moderation_mode": target.moderation_mode,
        "close_after_days": target.close_after_days,
    }
    form = StorySettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            story_settings.update_story_settings(
                target.pk, editor=request.user, **form.cleaned_data
            )
        except CommentdeskError as error:
            add_errors(form, error)
        else:
            messages.success(request, f"Settings of “{target.title}” saved.")
            return redirect("desk:story", story_id=target.pk)
    status = 400 if form.errors else 200
    return render(request, "desk/story.html", {"story": target, "form": form}, status=status)
