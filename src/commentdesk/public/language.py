"""Which language the widget speaks: the snippet's ``lang``, else the story's, else English."""

from django.conf import settings
from django.utils import translation


def widget_language(requested: str | None, story_language: str = "") -> str:
    for code in (requested, story_language):
        code = (code or "").strip().lower().replace("_", "-")
        if not code:
            continue
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE
