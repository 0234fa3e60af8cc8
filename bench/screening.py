"""Screening latency: p50/p99 of each stage, the assistant and the whole pipeline with
thousands of terms configured, and submit_comment with and without screening.

    .venv/bin/python -m bench.screening [--terms 5000] [--comments 2000]

Runs on a scratch SQLite database in a temporary folder (or the PostgreSQL database named
by BENCH_DATABASE_URL, which it migrates and fills: use a throwaway one). Comments come from
the labelled sets in ../shared/data/moderation-dev/ when present (several languages), else
from built-in samples in the ten newsroom languages. One process, one core.
"""

import argparse
import csv
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.django_env import migrated_django

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "shared" / "data" / "moderation-dev"  # beside the clone, as in CI
SAMPLES = [
    "The council should publish the budget before the vote, and you are an idiot.",
    "이 기사는 정말 좋은 정보를 담고 있네요. 기자님 감사합니다.",
    "这篇报道写得很好，我们应该关注这个问题。",
    "呢篇報道寫得好好，我哋應該關注呢個問題。",
    "བོད་ཀྱི་གསར་འགྱུར་འདི་ཡག་པོ་འདུག",
    "بۇ خەۋەر ناھايىتى ياخشى يېزىلىپتۇ",
    "ဒီသတင်းက အရမ်းကောင်းပါတယ်",
    "អត្ថបទនេះល្អណាស់ https://example.org/x",
    "ຂ່າວນີ້ດີຫຼາຍ",
    "Bài báo này rất hay, cảm ơn tác giả.",
]


def corpus(count: int, data: Path) -> list[str]:
    texts: list[str] = []
    for path in sorted(data.glob("*/test.csv")):
        with path.open(encoding="utf-8") as handle:
            texts += [row["text"] for row in csv.DictReader(handle) if row["text"].strip()]
    texts = texts or SAMPLES * (count // len(SAMPLES) + 1)
    random.Random(4).shuffle(texts)
    return (texts + SAMPLES)[:count] if len(texts) >= count else texts


def terms(count: int) -> dict[str, list[str]]:
    """``count`` made-up terms spread over languages and scripts, plus a few real-looking."""
    rng = random.Random(7)
    alphabets = {
        "en": "abcdefghijklmnopqrstuvwxyz",
        "zh": "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年",
        "ko": "가나다라마바사아자차카타파하거너더러머버서어저처",
        "bo": "ཀཁགངཅཆཇཉཏཐདནཔཕབམཙཚཛཝཞཟའཡརལཤསཧཨ",
        "my": "ကခဂဃငစဆဇဈညဋဌဍဎဏတထဒဓနပဖဗဘမယရလဝသဟဠအ",
        "km": "កខគឃងចឆជឈញដឋឌឍណតថទធនបផពភមយរលវសហឡអ",
    }
    lists: dict[str, list[str]] = {lang: [] for lang in alphabets}
    langs = list(alphabets)
    for n in range(count):
        lang = langs[n % len(langs)]
        size = rng.randint(3, 8) if lang == "en" else rng.randint(2, 4)
        lists[lang].append("".join(rng.choice(alphabets[lang]) for _ in range(size)))
    lists["en"] += ["idiot", "moron", "scum"]
    return lists


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p50 = statistics.median(ordered)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"p50 {p50:7.3f} ms   p99 {p99:7.3f} ms"


def timed(fn, items) -> list[float]:
    times = []
    for item in items:
        start = time.perf_counter()
        fn(item)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=5000)
    parser.add_argument("--comments", type=int, default=2000)
    parser.add_argument("--data", type=Path, default=DATA, help="folder of labelled sets")
    parser.add_argument("--profile", action="store_true", help="profile the whole pipeline")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="commentdesk-bench-screening-") as folder:
        migrated_django(folder)
        run(args)


def run(args) -> None:
    from django.utils import timezone

    from commentdesk.core.models import Commenter, Site, Story
    from commentdesk.core.services import submission
    from commentdesk.screening import pipeline
    from commentdesk.screening.models import ScreeningSettings, TermList
    from commentdesk.screening.stages import STAGES, Context

    site = Site.objects.create(name="Bench", slug=f"bench-{time.time_ns()}",
                               domains=["bench.example"], max_comment_length=100_000)  # fmt: skip
    story = Story.objects.create(site=site, url="https://bench.example/1", title="Bench")
    settings = ScreeningSettings.objects.create(site=site, link_policy="hold")
    lists = terms(args.terms)
    for language, words in lists.items():
        TermList.objects.create(settings=settings, language=language, action="hold",
                                terms="\n".join(words))  # fmt: skip
    settings.refresh_from_db()
    texts = corpus(args.comments, args.data)
    commenter = Commenter.objects.create(site=site, identity_key="bench", display_name="Bench")
    print(f"{sum(len(w) for w in lists.values())} terms in {len(lists)} languages; "
          f"{len(texts)} comments, mean {statistics.mean(len(t) for t in texts):.0f} characters; "
          f"database {submission.Comment.objects.db}: "
          f"{os.environ.get('DATABASE_URL', 'SQLite').split('@')[-1]}")  # fmt: skip
    for text in texts[:50]:  # warm up: build the matcher, load language models
        pipeline.screen(story, commenter, text, "warm")

    def context(text: str) -> Context:
        return Context(settings=settings, body=text, commenter_id=commenter.pk,
                       network_hash="bench", now=timezone.now(),
                       own_domains=["bench.example"])  # fmt: skip

    contexts = [context(t) for t in texts]
    for ctx in contexts:  # what the stages before each one leave in the context
        STAGES["language"](ctx)
        ctx.folds.loose  # noqa: B018 (made once, read by terms, spam and the assistant)
    print(f"{'fold (normalise)':22} {percentiles(timed(lambda t: context(t).folds.loose, texts))}")
    for name, stage in STAGES.items():
        print(f"{name:22} {percentiles(timed(stage, contexts))}")
    from commentdesk.screening import assistant
    from commentdesk.screening.normalise import fold

    evidence = {"stages": {}}

    def estimate(text: str) -> None:  # with the fold it reads, which the stages share
        assistant.estimate(site.pk, fold(text, loose=True).text, evidence)

    def screen(text: str) -> None:
        pipeline.screen(story, commenter, text, "b")

    print(f"{'assistant':22} {percentiles(timed(estimate, texts))}")
    if args.profile:
        import cProfile

        cProfile.runctx("for t in texts: screen(t)", globals(), locals(), sort="tottime")
    print(f"{'whole pipeline':22} {percentiles(timed(screen, texts))}")

    def submit(text: str) -> None:
        submission.submit_comment(story, display_name="Bench reader", body=text, consent=True,
                                  network_hash="bench-net")  # fmt: skip

    with_screening = timed(submit, texts)
    real_screen, real_remember = pipeline.screen, pipeline.remember
    passing = pipeline.Screened(evidence={}, verdict="pass", language="", score=0.0,
                                automatic_actions=False, auto_reject_threshold=1.0)  # fmt: skip
    pipeline.screen, pipeline.remember = (lambda *a: passing), (lambda *a: None)
    try:
        without = timed(submit, texts)
    finally:
        pipeline.screen, pipeline.remember = real_screen, real_remember
    print(f"{'submit, screened':22} {percentiles(with_screening)}")
    print(f"{'submit, no screening':22} {percentiles(without)}")


if __name__ == "__main__":
    sys.exit(main())
