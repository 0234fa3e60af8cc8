"""The desk works under a strict Content-Security-Policy: nothing inline in its templates."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests.conftest import post_comment

TEMPLATES = Path(__file__).resolve().parents[2] / "src/commentdesk/desk/templates/desk"
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"\sstyle\s*=", re.I), "style= attribute"),
    (re.compile(r"<style", re.I), "<style> element"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "inline event handler"),
    (re.compile(r"hx-on", re.I), "hx-on (evaluated code)"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


@pytest.mark.parametrize("template", sorted(TEMPLATES.glob("*.html")), ids=lambda p: p.name)
def test_no_desk_template_has_anything_inline(template):
    text = template.read_text()
    found = [name for pattern, name in INLINE if pattern.search(text)]
    assert not found, f"{template.name}: {found}"


def test_htmx_is_configured_not_to_inject_styles_or_evaluate_code(story_a, alice_client):
    post_comment(story_a)
    response = alice_client.get(reverse("desk:queue"))
    html = response.content.decode()
    assert '"includeIndicatorStyles": false' in html and '"allowEval": false' in html
    assert "htmx-2.0.11.min.js" in html
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
