"""The demo newsroom's pages: an index, article pages with comments, the Terms of Use."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe

from commentdesk.core.models import Story, TermsRule
from commentdesk.demo.articles import ARTICLES, ARTICLES_BY_SLUG
from commentdesk.demo.loader import SITE_SLUG
from commentdesk.public.snippet import embed_snippet


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "demo/index.html", {"articles": ARTICLES})


def article(request: HttpRequest, slug: str) -> HttpResponse:
    found = ARTICLES_BY_SLUG.get(slug)
    story = Story.objects.filter(site__slug=SITE_SLUG, url=found.url).first() if found else None
    if story is None:
        raise Http404("No such article in the demo newsroom.")
    snippet = embed_snippet(
        base_url=f"{request.scheme}://{request.get_host()}",
        story_url=found.url,
        story_title=found.title,
        lang=found.language,
    )
    context = {"article": found, "story": story, "snippet": mark_safe(snippet)}  # noqa: S308
    return render(request, "demo/article.html", context)


def terms(request: HttpRequest) -> HttpResponse:
    rules = TermsRule.objects.filter(site__slug=SITE_SLUG, active=True)
    return render(request, "demo/terms.html", {"rules": rules})
