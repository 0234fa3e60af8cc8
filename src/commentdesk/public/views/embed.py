"""The embed: ``/embed.js`` (the loader publishers paste) and ``/embed/`` (what it frames).

``/embed/`` finds the story for the article URL, registering it on first use when the URL is
one of a site's and the embedding page is on one of its allowed origins, then redirects to
the story's comments page, which is cached by story id.
"""

from functools import cache
from urllib.parse import urlencode, urlsplit

from django.contrib.staticfiles import finders
from django.core.cache import cache as django_cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from commentdesk.core.services import stories
from commentdesk.lib.httpcache import mark_private
from commentdesk.public.language import widget_language

LOADER_CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=3600"
URL_TTL = 3600


@cache
def _loader_source() -> bytes:
    with open(finders.find("public/embed.js"), "rb") as source:
        return source.read()


@require_GET
def embed_loader(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(_loader_source(), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = LOADER_CACHE_CONTROL
    response["Access-Control-Allow-Origin"] = "*"  # a public script; no credentials
    return response


def _embedding_origin(request: HttpRequest) -> str | None:
    """The embedding page's origin: the loader names it; a no-JS iframe has its Referer."""
    origin = request.GET.get("origin")
    if origin:
        return origin
    referer = urlsplit(request.headers.get("Referer", ""))
    return f"{referer.scheme}://{referer.netloc}" if referer.scheme and referer.netloc else None


def _story_id(request: HttpRequest, url: str) -> int:
    key = f"cd:embed-url:{stories.canonical_url(url)}"
    story_id = django_cache.get(key)
    if story_id is None:
        story = stories.register_story(
            url=url,
            origin=_embedding_origin(request),
            title=request.GET.get("title", ""),
            language=request.GET.get("lang", ""),
        )
        story_id = story.pk
        django_cache.set(key, story_id, URL_TTL)
    return story_id


@require_GET
@xframe_options_exempt
def embed_frame(request: HttpRequest) -> HttpResponse:
    with translation.override(widget_language(request.GET.get("lang"))):
        try:
            story_id = _story_id(request, request.GET.get("url", ""))
        except stories.StoryRefused as refusal:
            context = {"reason": refusal.message}
            response = render(request, "public/embed_refused.html", context, status=403)
            return mark_private(response)
    query = {}
    if request.GET.get("lang"):
        query["lang"] = widget_language(request.GET["lang"])
    url = reverse("public:comments", args=[story_id])
    response = redirect(f"{url}?{urlencode(query)}" if query else url)
    response["Cache-Control"] = "public, max-age=300"
    return response
