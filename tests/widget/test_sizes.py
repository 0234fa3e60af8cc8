"""The widget stays small: the loader under 2 KB and the frame's JS + CSS under 15 KB, gzipped.

The sizes are printed in the test run's summary (tests/widget/conftest.py).
"""

import re

from django.test import Client

from tests.widget.sizes import FRAME, FRAME_BUDGET, LOADER, LOADER_BUDGET, gzipped


def test_the_loader_is_under_its_budget():
    assert gzipped(*LOADER) < LOADER_BUDGET


def test_the_frames_scripts_and_styles_are_under_their_budget():
    assert gzipped(*FRAME) < FRAME_BUDGET


def test_the_comments_page_loads_only_the_measured_files(story_a):
    html = Client().get(f"/comments/{story_a.pk}/").content.decode()
    loaded = re.findall(r'(?:src|href)="/static/public/([^"]+)"', html)
    assert sorted(loaded) == sorted(FRAME)
    assert "<style" not in html and " style=" not in html
    for tag in re.findall(r"<script[^>]*>", html):  # files, or data that never runs
        assert " src=" in tag or 'type="application/json"' in tag, tag
    assert not re.search(r"\son[a-z]+=", html)  # no inline event handlers
