from django.contrib.auth import views as auth_views
from django.urls import path

from commentdesk.desk import views

app_name = "desk"

urlpatterns = [
    path("", views.queue, name="queue"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="desk/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("comments/<int:comment_id>/", views.comment_detail, name="comment"),
    path(
        "comments/<int:comment_id>/approve", views.decide, {"decision": "approve"}, name="approve"
    ),
    path("comments/<int:comment_id>/reject", views.decide, {"decision": "reject"}, name="reject"),
    path("comments/<int:comment_id>/edit", views.edit, name="edit"),
]
