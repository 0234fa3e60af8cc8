"""On SQLite, a statement's placeholders are converted once per text, as Django converts them."""

import pytest
from django.db import connection

from commentdesk.core.models import Story
from commentdesk.lib.sqlite.base import _qmark_style

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's placeholders only"),
]


def test_a_statement_run_again_is_not_converted_again(story_a):
    Story.objects.filter(pk=story_a.pk).first()
    before = _qmark_style.cache_info()
    assert Story.objects.filter(pk=story_a.pk + 1).first() is None
    assert Story.objects.filter(pk=story_a.pk).first() == story_a
    after = _qmark_style.cache_info()
    assert (after.hits - before.hits, after.misses - before.misses) == (2, 0)


def test_placeholders_and_escaped_percent_signs_mean_what_they_mean_to_django():
    with connection.cursor() as cursor:
        cursor.execute("SELECT '%%s', '100%%', %s, %s", ["one", 2])
        assert cursor.fetchone() == ("%s", "100%", "one", 2)
        cursor.execute("SELECT %(name)s", {"name": "named"})  # the "pyformat" style too
        assert cursor.fetchone() == ("named",)
