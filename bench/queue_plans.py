"""Query plans and first-page timings of the queue's orders (screening.ranking) on SQLite
and, with BENCH_DATABASE_URL (a throwaway database: it is migrated and filled), PostgreSQL.

    .venv/bin/python -m bench.queue_plans [--comments 100000]

Fills one scratch database with comments on two sites (a fifth pending, scores spread,
ten languages), then for a moderator of one site prints EXPLAIN of the first page for each
order, with and without the language filter and "my languages first", and its time.
"""

import argparse
import random
import tempfile
import time

from bench.django_env import migrated_django

LANGUAGES = ["en", "ko", "zh-Hans", "zh-Hant", "yue", "bo", "ug", "my", "km", "lo", "vi"]


def fill(count: int):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from commentdesk.core.models import Comment, Commenter, Site, SiteMembership, Story

    rng = random.Random(3)
    sites = [Site.objects.create(name=f"S{n}", slug=f"s{n}-{time.time_ns()}") for n in (1, 2)]
    stories = [Story.objects.create(site=s, url=f"https://s/{s.pk}/{i}", title=f"T{i}")
               for s in sites for i in range(20)]  # fmt: skip
    commenters = [Commenter.objects.create(site=s, identity_key=f"k{s.pk}-{i}",
                                           display_name=f"R{i}")
                  for s in sites for i in range(50)]  # fmt: skip
    start = timezone.now()
    batch = []
    for n in range(count):
        story = rng.choice(stories)
        pending = rng.random() < 0.2
        batch.append(Comment(
            story=story, commenter=commenters[(story.site_id == sites[1].pk) * 50 + n % 50],
            display_name="R", body=f"Comment {n}", terms_version="1",
            status="pending" if pending else rng.choice(["approved", "rejected"]),
            submitted_at=start - timezone.timedelta(seconds=count - n),
            language=rng.choice(LANGUAGES),
            reject_score=None if rng.random() < 0.02 else rng.random(),
        ))  # fmt: skip
        if len(batch) == 5000:
            Comment.objects.bulk_create(batch)
            batch = []
    Comment.objects.bulk_create(batch)
    user = get_user_model().objects.create_user(f"mod-{time.time_ns()}")
    SiteMembership.objects.create(user=user, site=sites[0], role="moderator")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return user


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="commentdesk-bench-plans-") as folder:
        vendor = migrated_django(folder)
        started = time.perf_counter()
        user = fill(args.comments)
        print(f"{vendor}: {args.comments} comments in {time.perf_counter() - started:.0f} s")
        show(user)


def show(user) -> None:
    from commentdesk.core import access
    from commentdesk.screening import ranking

    pending = access.comments_for_moderator(user).filter(status="pending")
    cases = [(order, "", ()) for order in ranking.ORDERS]
    cases += [("likely", "zh", ()), ("oldest", "", ("bo", "my")), ("likely", "", ("bo",))]
    for order, language, mine in cases:
        query = ranking.order_queue(ranking.filter_language(pending, language), order, mine)
        list(query[:50])  # warm the caches
        started = time.perf_counter()
        rows = list(query[:50])
        ms = (time.perf_counter() - started) * 1000
        page = query[:50]
        label = f"order={order} language={language or '-'} mine={','.join(mine) or '-'}"
        print(f"\n== {label}: first page {len(rows)} rows in {ms:.1f} ms")
        print(page.explain())


if __name__ == "__main__":
    main()
