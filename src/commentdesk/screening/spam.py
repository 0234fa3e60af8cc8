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
from django.db import connections, router

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


# One statement, one round trip: the three counts (each on its own index) and the site's
# most recent fingerprints for the near-duplicate check (none asked for a short text).
_COUNTS = """
SELECT c.same_text, c.same_commenter, c.same_network, r.simhash, r.content_hash
FROM (
    SELECT
        (SELECT COUNT(*) FROM screening_screeningrecord
         WHERE site_id = %s AND content_hash = %s AND created_at >= %s) AS same_text,
        (SELECT COUNT(*) FROM screening_screeningrecord
         WHERE commenter_id = %s AND created_at >= %s) AS same_commenter,
        (SELECT COUNT(*) FROM screening_screeningrecord
         WHERE site_id = %s AND network_hash = %s AND created_at >= %s) AS same_network
) AS c
LEFT JOIN (
    SELECT simhash, content_hash FROM screening_screeningrecord
    WHERE site_id = %s AND created_at >= %s
    ORDER BY created_at DESC LIMIT %s
) AS r ON TRUE
"""


def counts(
    *, site_id: int, commenter_id: int, network_hash: str, print_: Fingerprint, since: datetime
) -> dict[str, int]:
    """How many earlier comments in the window were the same text, nearly the same text,
    by the same commenter, from the same network address."""
    connection = connections[router.db_for_read(ScreeningRecord)]
    since_value = connection.ops.adapt_datetimefield_value(since)
    near = NEAR_RECENT if print_.length >= 12 else 0  # short texts are nearly the same by nature
    params = (
        *(site_id, print_.content_hash, since_value),
        *(commenter_id, since_value),
        *(site_id, network_hash or None, since_value),  # no address: NULL matches nothing
        *(site_id, since_value, near),
    )
    with connection.cursor() as cursor:
        cursor.execute(_COUNTS, params)
        rows = cursor.fetchall()
    same_text, same_commenter, same_network = rows[0][:3]
    similar = sum(
        1
        for _, _, _, value, other in rows
        if value is not None
        and other != print_.content_hash
        and ((value ^ print_.simhash) & _MASK64).bit_count() <= NEAR_BITS
    )
    return {
        "same_text": same_text,
        "same_commenter": same_commenter,
        "same_network": same_network,
        "similar_text": similar,
    }


def window_start(now: datetime, minutes: int) -> datetime:
    return now - timedelta(minutes=minutes)
