"""Near duplicates are counted by the bits their SimHashes differ in, the same on SQLite
(counted by NumPy) and PostgreSQL (counted in the statement)."""

from datetime import timedelta

from django.utils import timezone

from commentdesk.screening import spam
from commentdesk.screening.models import ScreeningRecord
from tests.conftest import post_comment

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
