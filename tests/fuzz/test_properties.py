"""Properties of normalisation and validation, over text Hypothesis makes up."""

import os
import unicodedata

from django.core.exceptions import ImproperlyConfigured
from hypothesis import example, given, settings
from hypothesis import strategies as st

from commentdesk.core.models import Site, Story
from commentdesk.core.services.errors import SubmissionRefused
from commentdesk.core.services.submission import _idempotency, clean_draft
from commentdesk.lib.env import envrate
from commentdesk.lib.text import grapheme_length, normalise_line, normalise_text

SITE = Site(max_comment_length=3000, max_name_length=60)
FIELDS = {"display_name", "email", "body", "consent"}
# Text that favours the troublesome parts of Unicode: controls, line ends, combining marks.
TRICKY = st.text(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(["\r", "\n", "\t", "\x00", "\x1b", "\u0301", "\u200d", " "]),
    )
)


@given(TRICKY)
@example("e\u0301\r\n\x00x ")
def test_normalised_text_is_nfc_trimmed_and_free_of_cr_and_controls(value):
    result = normalise_text(value)
    assert unicodedata.is_normalized("NFC", result)
    assert result == result.strip()
    assert "\r" not in result
    assert not any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in result)


@given(TRICKY)
def test_normalisation_removes_nothing_but_controls_and_surrounding_space(value):
    kept = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    kept = "".join(ch for ch in kept if unicodedata.category(ch) != "Cc" or ch in "\n\t")
    assert normalise_text(value) == kept.strip()


@given(TRICKY)
def test_a_display_name_is_one_line_without_runs_of_space(value):
    result = normalise_line(value)
    assert "\n" not in result and "\t" not in result and "  " not in result
    assert normalise_line(result) == result


@given(TRICKY)
def test_what_readers_see_is_never_longer_than_the_code_points(value):
    length = grapheme_length(value)
    assert length <= len(value)
    assert (length == 0) == (value == "")


@settings(max_examples=300)
@given(name=TRICKY, email=TRICKY, body=TRICKY, consent=st.booleans())
def test_validation_accepts_the_normalised_text_or_names_each_problem(name, email, body, consent):
    try:
        draft = clean_draft(SITE, display_name=name, email=email, body=body, consent=consent)
    except SubmissionRefused as refusal:
        assert refusal.errors and set(refusal.errors) <= FIELDS
        assert all(messages and all(messages) for messages in refusal.errors.values())
        return
    assert consent
    assert draft.body == normalise_text(body) and draft.body
    assert draft.display_name == normalise_line(name) and draft.display_name
    assert grapheme_length(draft.body) <= SITE.max_comment_length
    assert grapheme_length(draft.display_name) <= SITE.max_name_length


@given(st.text())
def test_an_idempotency_key_is_accepted_or_refused_with_its_own_code(key):
    story = Story(pk=1, site=SITE)
    try:
        stored, secret = _idempotency(story, key)
    except SubmissionRefused as refusal:
        assert refusal.code == "invalid_idempotency_key"
        return
    assert 16 <= len(key) <= 200 and key.isascii()
    assert len(stored) == 64 and secret


@given(st.text(st.characters(codec="utf-8", exclude_characters="\x00")))
@example("10/10m")
@example("0")
@example("5/0")
def test_a_rate_setting_is_a_rate_off_or_a_clear_configuration_error(raw):
    os.environ["COMMENTDESK_TEST_RATE"] = raw
    try:
        rate = envrate("COMMENTDESK_TEST_RATE", "1/1m")
    except ImproperlyConfigured as error:
        assert "COMMENTDESK_TEST_RATE" in str(error)
        return
    finally:
        del os.environ["COMMENTDESK_TEST_RATE"]
    assert rate is None or (rate.count >= 1 and rate.seconds >= 1)
