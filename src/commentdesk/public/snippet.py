"""The embed snippet publishers paste under an article (docs/integrators/embedding.md)."""

from django.template.loader import render_to_string


def embed_snippet(*, base_url: str, story_url: str, story_title: str, lang: str = "") -> str:
    context = {
        "base_url": base_url.rstrip("/"),
        "story_url": story_url,
        "story_title": story_title,
        "lang": lang,
    }
    return render_to_string("public/snippet.html", context)
