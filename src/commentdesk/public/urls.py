from django.urls import path

from commentdesk.public.views import embed, page, reader

app_name = "public"

urlpatterns = [
    path("embed.js", embed.embed_loader, name="embed_loader"),
    path("embed/", embed.embed_frame, name="embed"),
    path("comments/<int:story_id>/", page.comments_section, name="comments"),
    path("comments/<int:story_id>/thread/", page.thread_items, name="thread"),
    path("comments/<int:story_id>/report/", reader.report_comment, name="report"),
    path(
        "comments/<int:story_id>/mine/<int:comment_id>/<str:secret>/",
        reader.own_comment,
        name="own",
    ),
]
