from django.contrib.auth import views as auth_views
from django.urls import path

from commentdesk.desk.views import actions, comment, commenters, queue, stats, stories

app_name = "desk"

DECISIONS = ["approve", "reject", "spam", "undo", "feature", "unfeature", "dismiss"]

urlpatterns = [
    path("", queue.queue, name="queue"),
    path("pulse", queue.pulse, name="pulse"),
    path("batch", actions.batch, name="batch"),
    path("release", comment.release, name="release"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="desk/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("comments/<int:comment_id>/", comment.comment_detail, name="comment"),
    path("comments/<int:comment_id>/claim", comment.claim, name="claim"),
    path("comments/<int:comment_id>/thread", comment.thread, name="thread"),
    path("comments/<int:comment_id>/edit", comment.edit, name="edit"),
    *[
        path(f"comments/<int:comment_id>/{name}", actions.decide, {"decision": name}, name=name)
        for name in DECISIONS
    ],
    path("commenters/<int:commenter_id>/", commenters.commenter, name="commenter"),
    path("stories/", stories.story_list, name="stories"),
    path("stories/<int:story_id>/", stories.story, name="story"),
    path("stats/", stats.statistics_page, name="stats"),
]
