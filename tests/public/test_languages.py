"""The widget speaks the reader's language, chosen from the snippet or the story."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from commentdesk.core.models import Report
from commentdesk.public.strings import REPORT_REASONS
from tests.conftest import make_story

LOCALE = Path(settings.BASE_DIR) / "locale"
CATALOGS = sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))

HEADINGS = {
    "en": "Add your comment",
    "ko": "댓글 쓰기",
    "zh-hans": "发表评论",
    "zh-hant": "發表留言",
    "vi": "Viết bình luận",
    "km": "បញ្ចេញមតិរបស់អ្នក",
    "lo": "ສະແດງຄຳເຫັນ",
    "my": "မှတ်ချက် ရေးရန်",
    "bo": "ཁྱེད་ཀྱི་བསམ་ཚུལ་འགོད་པ།",
    "ug": "باھا يېزىڭ",
}


@pytest.mark.parametrize(("lang", "heading"), HEADINGS.items())
def test_each_language_has_its_own_words_and_direction(story_a, lang, heading):
    html = Client().get(f"/comments/{story_a.pk}/?lang={lang}").content.decode()
    assert heading in html
    direction = "rtl" if lang == "ug" else "ltr"
    assert f'<html lang="{lang}" dir="{direction}">' in html


def test_the_story_language_is_used_when_the_snippet_names_none(site_a):
    story = make_story(site_a, language="zh-hant")
    html = Client().get(f"/comments/{story.pk}/").content.decode()
    assert HEADINGS["zh-hant"] in html


@pytest.mark.parametrize(("asked", "spoken"), [("zh-TW", "zh-hant"), ("ko-KR", "ko"), ("xx", "en")])
def test_regional_and_unknown_codes_fall_back_sensibly(story_a, asked, spoken):
    html = Client().get(f"/comments/{story_a.pk}/?lang={asked}").content.decode()
    assert f'<html lang="{spoken}"' in html


def _po_entries(path: Path) -> dict[str, str]:
    """A small reader for our catalogs: single msgid/msgstr pairs, no plurals."""
    text = path.read_text(encoding="utf-8")
    entries = {}
    for msgid, msgstr in re.findall(r'^msgid "(.*)"\nmsgstr "(.*)"$', text, re.M):
        unescape = lambda s: s.encode().decode("unicode_escape").encode("latin-1").decode()  # noqa: E731
        entries[unescape(msgid)] = unescape(msgstr)
    entries.pop("", None)
    return entries


def test_there_is_a_catalog_for_every_language_but_english():
    languages = {path.parent.parent.name for path in CATALOGS}
    assert languages == {"ko", "zh_Hans", "zh_Hant", "vi", "km", "lo", "my", "bo", "ug"}


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: p.parent.parent.name)
def test_every_string_is_translated_and_the_compiled_catalog_is_up_to_date(po):
    entries = _po_entries(po)
    assert len(entries) > 80
    assert not [msgid for msgid, msgstr in entries.items() if not msgstr], "untranslated"
    with open(po.with_suffix(".mo"), "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = [msgid for msgid, msgstr in entries.items() if compiled.gettext(msgid) != msgstr]
    assert not stale, f"{po}: .mo is older than .po; run `make messages`"
    for msgid, msgstr in entries.items():  # placeholders survive translation
        assert sorted(re.findall(r"%\(\w+\)[sd]|\{\w+\}", msgid)) == sorted(
            re.findall(r"%\(\w+\)[sd]|\{\w+\}", msgstr)
        ), msgid


def test_the_report_reasons_are_the_models():
    assert [value for value, _label in REPORT_REASONS] == list(Report.Reason.values)
