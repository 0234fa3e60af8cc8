from django.urls import path

from commentdesk.public import views

app_name = "public"

urlpatterns = [
    path("comments/<int:story_id>/", views.comments_section, name="comments"),
]
