import regex
from hypothesis import given
from hypothesis import strategies as st

from commentdesk.lib.text import grapheme_length, normalise_line, normalise_text


def test_it_applies_nfc():
    assert normalise_text("Cafe\u0301") == "Café"


def test_it_turns_crlf_and_cr_into_lf():
    assert normalise_text("one\r\ntwo\rthree") == "one\ntwo\nthree"


def test_it_removes_control_characters_but_keeps_newline_and_tab():
    assert normalise_text("a\x00b\x07c\td\ne\x1b") == "abc\td\ne"


def test_it_trims_surrounding_whitespace_only():
    assert normalise_text("  \n hello  world \n ") == "hello  world"


def test_it_keeps_html_as_typed():
    assert normalise_text("<b>hi</b>") == "<b>hi</b>"


def test_display_names_become_one_line():
    assert normalise_line(" Ann\nLee\t ") == "Ann Lee"


def test_length_counts_what_readers_see():
    # Khmer: consonant + subscript + vowel sign is one grapheme cluster.
    assert grapheme_length("ក្រ") == 1
    assert grapheme_length("👩‍👩‍👧") == 1
    assert grapheme_length("abc") == 3


@given(st.text() | st.text(st.characters(max_codepoint=0x310)))
def test_length_is_the_number_of_extended_grapheme_clusters(value):
    assert grapheme_length(value) == len(regex.findall(r"\X", value))


def test_crlf_is_one_character_and_a_combining_mark_joins_its_letter():
    assert grapheme_length("a\r\nb") == 3
    assert grapheme_length("e\u0301") == 1


@given(st.text())
def test_normalisation_is_idempotent(value):
    once = normalise_text(value)
    assert normalise_text(once) == once


@given(st.text())
def test_normalised_text_has_no_cr_and_no_controls_but_newline_and_tab(value):
    result = normalise_text(value)
    assert "\r" not in result
    assert all(ch in "\n\t" or not (ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0) for ch in result)
