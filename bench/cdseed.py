"""Run in a subprocess with Commentdesk's settings (one process cannot hold two databases).

``python -m bench.cdseed seed`` migrates, collects static files, seeds, and prints a JSON
object mapping each thread size, and "submit", to a story id. Approved comments go in with
bulk inserts, then each story's thread version moves on, as an approval would move it.
``python -m bench.cdseed count STORY_ID`` prints how many comments that story has stored.
"""

import json
import os
import sys
from datetime import timedelta

import django


def prepare() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def seed() -> dict[str, int]:
    from django.utils import timezone

    from bench.corpus import THREAD_SIZES, thread
    from commentdesk.core.models import Comment, Commenter, Site, Story

    site = Site.objects.create(
        name="Bench News",
        slug="bench",
        domains=["news.example"],
        allowed_origins=["https://news.example"],
    )
    start = timezone.now() - timedelta(days=1)
    stories = {"submit": Story.objects.create(site=site, url="https://news.example/submit")}
    commenters: dict[str, Commenter] = {}
    for size in THREAD_SIZES:
        story = Story.objects.create(
            site=site, url=f"https://news.example/{size}", title=f"A story with {size} comments"
        )
        stories[str(size)] = story
        comments = thread(size)
        for c in comments:
            if c.author not in commenters:
                commenters[c.author] = Commenter.objects.create(
                    site=site, identity_key=f"bench:{c.author}", display_name=c.author
                )
        rows: dict[int, Comment] = {}
        for replies in (False, True):  # top-level first: replies need their parents' ids
            picked = [c for c in comments if (c.parent is not None) == replies]
            created = Comment.objects.bulk_create(
                Comment(
                    story=story,
                    parent=rows[c.parent] if replies else None,
                    commenter=commenters[c.author],
                    display_name=c.author,
                    body=c.text,
                    status=Comment.Status.APPROVED,
                    submitted_at=start + timedelta(seconds=c.index),
                    decided_at=start + timedelta(seconds=c.index),
                    published_at=start + timedelta(seconds=c.index),
                    terms_version=site.terms_version,
                )
                for c in picked
            )
            rows.update(zip((c.index for c in picked), created, strict=True))
        story.bump_thread_version()
    return {name: story.pk for name, story in stories.items()}


def count(story_id: int) -> int:
    from commentdesk.core.models import Comment

    return Comment.objects.filter(story_id=story_id).count()


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.cd_settings")
    django.setup()
    if sys.argv[1] == "seed":
        prepare()
        print(json.dumps(seed()))
    else:
        print(count(int(sys.argv[2])))
