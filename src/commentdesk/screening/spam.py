"""Spam signals: the same or nearly the same text posted again (on any story of the site),
many comments from one commenter or one network address in a short time, and link density.

Exact duplicates share a hash of the folded text with spaces and punctuation removed.
Near duplicates have 64-bit SimHashes of their character trigrams within 12 bits (one
word changed in a short comment moves about 10 bits, unrelated texts about 32); they are
looked for among the site's ``NEAR_RECENT`` most recent comments in the window, which
bounds the cost of a submission on a busy site.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from commentdesk.screening.models import ScreeningRecord

NEAR_BITS = 12
NEAR_RECENT = 300
_MASK64 = (1 << 64) - 1


def content_key(folded: str) -> str:
    """The text with everything but letters and digits removed."""
    return "".join(c for c in folded if c.isalnum())


def content_hash(key: str) -> str:
    return hashlib.blake2b(key.encode(), digest_size=8).hexdigest()


def simhash(key: str) -> int:
    """Signed 64-bit SimHash (fits a BigIntegerField) of the key's character trigrams."""
    grams = {key[i : i + 3] for i in range(max(1, len(key) - 2))}
    digests = b"".join(hashlib.blake2b(g.encode(), digest_size=8).digest() for g in grams)
    bits = np.unpackbits(np.frombuffer(digests, dtype=np.uint8).reshape(len(grams), 8), axis=1)
    majority = bits.sum(axis=0) * 2 > len(grams)
    unsigned = int.from_bytes(np.packbits(majority).tobytes(), "big")
    return unsigned - (1 << 64) if unsigned >= 1 << 63 else unsigned


@dataclass(frozen=True)
class Fingerprint:
    content_hash: str
    simhash: int
    length: int


def fingerprint(folded: str) -> Fingerprint:
    key = content_key(folded)
    value = simhash(key)
    return Fingerprint(content_hash(key), value, len(key))


def counts(
    *, site_id: int, commenter_id: int, network_hash: str, print_: Fingerprint, since: datetime
) -> dict[str, int]:
    """How many earlier comments in the window were the same text, nearly the same text,
    by the same commenter, from the same network address."""
    recent = ScreeningRecord.objects.filter(site_id=site_id, created_at__gte=since)
    result = {
        "same_text": recent.filter(content_hash=print_.content_hash).count(),
        "same_commenter": ScreeningRecord.objects.filter(
            commenter_id=commenter_id, created_at__gte=since
        ).count(),
        "same_network": recent.filter(network_hash=network_hash).count() if network_hash else 0,
        "similar_text": 0,
    }
    if print_.length >= 12:  # short texts ("Thanks!") are nearly the same by nature
        latest = recent.order_by("-created_at").values_list("simhash", "content_hash")
        result["similar_text"] = sum(
            1
            for value, other in latest[:NEAR_RECENT]
            if other != print_.content_hash
            and ((value ^ print_.simhash) & _MASK64).bit_count() <= NEAR_BITS
        )
    return result


def window_start(now: datetime, minutes: int) -> datetime:
    return now - timedelta(minutes=minutes)
