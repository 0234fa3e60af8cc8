"""A listed term cannot slip through by spelling tricks, and matches inside unspaced text."""

import pytest

from commentdesk.screening.normalise import Folds
from commentdesk.screening.terms import TermMatcher

MATCHER = TermMatcher(
    [
        ("idiot", "hold", ""),
        ("ass", "flag", "en"),
        ("废物", "reject", "zh"),
        ("ཁྱི", "hold", "bo"),
        ("ခွေး", "hold", "my"),
        ("ឆ្កួត", "hold", "km"),
        ("ຄວາຍ", "hold", "lo"),
        ("cặc", "reject", "vi"),
        ("바보", "flag", "ko"),
        ("shit", "hold", ""),
    ]
)


def matched(text: str, language: str = "") -> list[tuple[str, str]]:
    return [(m.term.text, text[m.start : m.end]) for m in MATCHER.match(Folds(text), language)]


@pytest.mark.parametrize(
    "text, seen",
    [
        ("You ＩＤＩＯＴ", "ＩＤＩＯＴ"),  # full-width letters (NFKC)
        ("You i\u200bd\u200bi\u200co\u2060t", "i\u200bd\u200bi\u200co\u2060t"),  # zero-width
        ("You i\u0335d\u0335i\u0335o\u0335t", "i\u0335d\u0335i\u0335o\u0335t"),  # combining marks
        ("You 1d10t!", "1d10t"),  # leetspeak, and "!" after the word is punctuation
        ("You іdіоt", "іdіоt"),  # Cyrillic і and о
        ("You ÏDÏÖT", "ÏDÏÖT"),  # accents and case
        ("Straße: idiot", "idiot"),  # found in place after a letter folded to two (ß to ss)
    ],
)
def test_spelling_tricks_do_not_hide_a_listed_term(text, seen):
    assert matched(text, "en") == [("idiot", seen)]


def test_traditional_chinese_matches_a_simplified_term_and_the_other_way():
    assert matched("你這個廢物", "zh-Hant") == [("废物", "廢物")]
    assert matched("你这个废物啊", "zh-Hans") == [("废物", "废物")]
    assert matched("你呢個廢\u200b物", "yue") == [("废物", "廢\u200b物")]


@pytest.mark.parametrize(
    "text, term, language",
    [
        ("ཁྱོད་ཁྱི་རེད", "ཁྱི", "bo"),
        ("မင်းခွေးပဲ", "ခွေး", "my"),
        ("អ្នកឆ្កួតណាស់", "ឆ្កួត", "km"),
        ("ເຈົ້າຄວາຍແທ້", "ຄວາຍ", "lo"),
    ],
)
def test_terms_match_inside_text_written_without_spaces(text, term, language):
    assert matched(text, language) == [(term, term)]


def test_terms_in_spaced_scripts_match_whole_words_only():
    assert matched("a class act and a bass guitar", "en") == []
    assert matched("what an ass.", "en") == [("ass", "ass")]


def test_korean_terms_match_with_particles_attached():
    assert matched("바보야 진짜", "ko") == [("바보", "바보")]
    assert matched("털바보", "ko") == []


def test_vietnamese_accents_keep_words_apart():
    assert matched("các bạn", "vi") == []
    assert matched("đồ cặc", "vi") == [("cặc", "cặc")]


def test_signs_inside_a_word_are_read_as_letters():
    assert matched("sh!t happens", "en") == [("shit", "sh!t")]


def test_a_term_for_another_language_does_not_apply():
    assert matched("what an ass", "de") == []
    assert matched("what an idiot", "de") == [("idiot", "idiot")]


def test_thousands_of_terms_build_one_matcher():
    matcher = TermMatcher([(f"word{n}x", "flag", "") for n in range(5000)])
    assert len(matcher) == 5000
    assert [m.term.text for m in matcher.match(Folds("say word4321x now"))] == ["word4321x"]
