"""Spam signals: the same or nearly the same text posted again (on any story of the site),
many comments from one commenter or one network address in a short time, and link density.

Exact duplicates share a hash of the folded text with spaces and punctuation removed.
Near duplicates have 64-bit SimHashes of their character trigrams within 12 bits (one
word changed in a short comment moves about 10 bits, unrelated texts about 32); they are
looked for among the site's ``NEAR_RECENT`` most recent comments in the window, which
bounds the cost of a submission on a busy site. The other counts stop at a cap the caller
gives (as many as its decisions need): a flood from one address costs each later check no
more than the first.

Each trigram's hash depends on the trigram alone, and the trigrams of a language's words
recur from comment to comment: each process keeps the ``TRIGRAMS_CACHED`` it hashed most
recently (under a megabyte), so a submission hashes only the trigrams it brings new.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

import numpy as np
from django.db import connections, router

from commentdesk.screening.models import ScreeningRecord

NEAR_BITS = 12
NEAR_RECENT = 300
TRIGRAMS_CACHED = 4096


def content_key(folded: str) -> str:
    """The text with everything but letters and digits removed."""
    return "".join(filter(str.isalnum, folded))


def content_hash(key: str) -> str:
    return hashlib.blake2b(key.encode(), digest_size=8).hexdigest()


@lru_cache(maxsize=TRIGRAMS_CACHED)
def _trigram_digest(gram: str) -> bytes:
    return hashlib.blake2b(gram.encode(), digest_size=8).digest()


def simhash(key: str) -> int:
    """Signed 64-bit SimHash (fits a BigIntegerField) of the key's character trigrams."""
    grams = {key[i : i + 3] for i in range(max(1, len(key) - 2))}
    digests = b"".join(map(_trigram_digest, grams))
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


# Near duplicates: PostgreSQL counts the differing bits itself, in the statement; SQLite
# cannot without calling back into Python once a row, so it sends the candidates' SimHashes
# in one value (comma-separated) and NumPy counts them (``count_near``).
_NEAR = {
    "postgresql": ("COUNT(*)", "AND bit_count((simhash # CAST(%s AS bigint))::bit(64)) <= %s"),
    "sqlite": ("group_concat(simhash)", ""),
}

# One statement, one round trip, one row: the three counts (each on its own index, each
# stopping at its cap) and the near duplicates among the site's most recent comments in the
# window (none asked for a short text), with no row sent back to be compared here.
_COUNTS = """
SELECT
    (SELECT COUNT(*) FROM (
        SELECT 1 FROM screening_screeningrecord
        WHERE site_id = %s AND content_hash = %s AND created_at >= %s LIMIT %s
     ) AS same_text),
    (SELECT COUNT(*) FROM (
        SELECT 1 FROM screening_screeningrecord
        WHERE commenter_id = %s AND created_at >= %s LIMIT %s
     ) AS same_commenter),
    (SELECT COUNT(*) FROM (
        SELECT 1 FROM screening_screeningrecord
        WHERE site_id = %s AND network_hash = %s AND created_at >= %s LIMIT %s
     ) AS same_network),
    (SELECT {near} FROM (
        SELECT simhash, content_hash FROM screening_screeningrecord
        WHERE site_id = %s AND created_at >= %s
        ORDER BY created_at DESC LIMIT %s
     ) AS recent
     WHERE content_hash <> %s {near_condition})
"""


def count_near(simhashes: str | None, simhash: int) -> int:
    """How many of the comma-separated SimHashes are within ``NEAR_BITS`` of ``simhash``."""
    if not simhashes:
        return 0
    others = np.fromstring(simhashes, dtype=np.int64, sep=",")
    differing = np.bitwise_count((others ^ np.int64(simhash)).view(np.uint64))
    return int(np.count_nonzero(differing <= NEAR_BITS))


@dataclass(frozen=True)
class Caps:
    """Where counting stops: a count that reached its cap means "at least this many"."""

    same_text: int
    velocity: int  # same commenter, same network


def counts(
    *,
    site_id: int,
    commenter_id: int,
    network_hash: str,
    print_: Fingerprint,
    since: datetime,
    caps: Caps,
) -> dict[str, int]:
    """How many earlier comments in the window were the same text, nearly the same text,
    by the same commenter, from the same network address; each at most its cap."""
    connection = connections[router.db_for_read(ScreeningRecord)]
    since_value = connection.ops.adapt_datetimefield_value(since)
    near = NEAR_RECENT if print_.length >= 12 else 0  # short texts are nearly the same by nature
    params = (
        *(site_id, print_.content_hash, since_value, caps.same_text),
        *(commenter_id, since_value, caps.velocity),
        *(site_id, network_hash or None, since_value, caps.velocity),  # no address: no match
        *(site_id, since_value, near, print_.content_hash),
    )
    counted_here = connection.vendor == "sqlite"
    aggregate, condition = _NEAR[connection.vendor]
    if not counted_here:
        params += (print_.simhash, NEAR_BITS)
    sql = _COUNTS.format(near=aggregate, near_condition=condition)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        same_text, same_commenter, same_network, similar = cursor.fetchone()
    if counted_here:
        similar = count_near(similar, print_.simhash)
    return {
        "same_text": same_text,
        "same_commenter": same_commenter,
        "same_network": same_network,
        "similar_text": similar,
    }


def window_start(now: datetime, minutes: int) -> datetime:
    return now - timedelta(minutes=minutes)
