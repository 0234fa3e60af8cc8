from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from commentdesk.api.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("desk/", include("commentdesk.desk.urls")),
    path("api/v1/", api.urls),
    path("", include("commentdesk.public.urls")),
]

if settings.DEMO:
    urlpatterns.append(path("", include("commentdesk.demo.urls")))
else:
    urlpatterns.append(path("", RedirectView.as_view(pattern_name="desk:queue")))
