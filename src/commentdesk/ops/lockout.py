"""What a moderator sees when django-axes has locked their login: a 429 with Retry-After."""

from django.conf import settings
from django.shortcuts import render


def locked_out(request, response, credentials):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    page = render(request, "ops/locked_out.html", {"minutes": minutes}, status=429)
    page["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return page
