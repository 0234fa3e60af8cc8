"""Near duplicates are counted by the bits their SimHashes differ in, the same on SQLite
(counted by NumPy) and PostgreSQL (counted in the statement). The fingerprints are stored:
a text must keep the one it had when it was first stored."""

import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone

from commentdesk.screening import spam
from commentdesk.screening.models import ScreeningRecord
from commentdesk.screening.normalise import fold
from tests.conftest import post_comment
from tests.screening.test_model import folded_sample

TARGET = -(1 << 63) | 0b1011  # the sign bit set: all 64 bits count


def signed(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value


def flipped(bits: int) -> int:
    """TARGET with its ``bits`` highest bits flipped."""
    return signed((TARGET & ((1 << 64) - 1)) ^ (((1 << bits) - 1) << (64 - bits)))


def similar_text(story, records: list[tuple[str, int]]) -> int:
    for n, (content_hash, simhash) in enumerate(records):
        comment = post_comment(story, body=f"Record {n}")
        ScreeningRecord.objects.filter(comment=comment).update(
            content_hash=content_hash, simhash=simhash
        )
    found = spam.counts(
        site_id=story.site_id,
        commenter_id=0,
        network_hash="",
        print_=spam.Fingerprint("target", TARGET, 40),
        since=timezone.now() - timedelta(minutes=5),
        caps=spam.Caps(same_text=5, velocity=10),
    )
    return found["similar_text"]


def test_near_duplicates_differ_in_at_most_twelve_bits_of_sixty_four(story_a):
    records = [(f"h{bits}", flipped(bits)) for bits in (0, 1, 11, 12, 13, 32, 63, 64)]
    assert similar_text(story_a, records) == 4  # 0, 1, 11 and 12 bits


def test_the_same_text_is_no_near_duplicate_of_itself(story_a):
    assert similar_text(story_a, [("target", TARGET), ("other", flipped(3))]) == 1


def test_no_candidates_count_none(story_a):
    assert similar_text(story_a, []) == 0


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        ("", ("e4a6a0577479b2b4", -1970711489451281740, 0)),
        ("ab", ("0e52b5f187de1088", 1032087313592488072, 2)),
        ("Well said, thank you.", ("3969ec53981ffa82", 2744011715873907370, 16)),
        ("정부의 발표는 늦었고 농민들은", ("e2d2ff43884fa613", -1928117471959909762, 35)),
        ("议会关于供水的报告又迟到了", ("79d790096c3b4db7", 3377196801529290883, 13)),
        ("😀 fire 🔥 sale 50% off", ("abf8eb83f1522f2b", -288662301652469009, 13)),
    ],
)
def test_a_text_keeps_the_fingerprint_it_was_stored_with(text, stored):
    assert spam.fingerprint(fold(text, loose=True).text) == spam.Fingerprint(*stored)


def simhash_by_the_definition(key: str) -> int:
    """A bit is set when more than half the key's distinct trigrams have it set in their
    64-bit BLAKE2b digest; one trigram (the key itself) when the key is shorter."""
    grams = {key[i : i + 3] for i in range(max(1, len(key) - 2))}
    digests = [
        int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "big") for g in grams
    ]
    votes = [sum(digest >> bit & 1 for digest in digests) for bit in range(64)]
    return signed(sum(1 << bit for bit, n in enumerate(votes) if 2 * n > len(grams)))


def test_each_simhash_is_the_definitions_also_when_the_trigrams_were_hashed_before():
    keys = [spam.content_key(text) for text in folded_sample()]
    keys += ["a", "ab", "abc", "x" * 5000, "བོད་ཡིག", "ភាសាខ្មែរ", "မြန်မာဘာသာ", "😀🔥😀🔥"]
    expected = [simhash_by_the_definition(key) for key in keys]
    assert [spam.simhash(key) for key in keys] == expected
    assert [spam.simhash(key) for key in keys] == expected
