"""The screening stages. Each takes the comment's ``Context`` and returns a ``Verdict``:
pass, flag (show the moderator), hold (keep for review even where comments publish at
once) or reject (rejected automatically only when the site turned automatic actions on),
with a reason a moderator can read and the data behind it."""

from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from commentdesk.lib.text import grapheme_length
from commentdesk.screening import assistant, language, links, spam, toxicity
from commentdesk.screening.models import LinkPolicy, ScreeningSettings
from commentdesk.screening.normalise import Folds
from commentdesk.screening.terms import TermMatcher

SEVERITY = {"pass": 0, "flag": 1, "hold": 2, "reject": 3}


@dataclass(frozen=True)
class Verdict:
    verdict: str
    reason: str
    data: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        return {"verdict": self.verdict, "reason": self.reason, "data": self.data}


@dataclass
class Context:
    settings: ScreeningSettings
    body: str
    commenter_id: int
    network_hash: str
    now: datetime
    own_domains: list[str]
    folds: Folds = field(init=False)  # made once, read by the stages and the assistant
    detection: language.Detection | None = None

    def __post_init__(self):
        self.folds = Folds(self.body)


def screen_length(ctx: Context) -> Verdict:
    limit = ctx.settings.hold_longer_than
    length = grapheme_length(ctx.body)
    if limit and length > limit:
        return Verdict("hold", f"{length} characters, more than the {limit} this site reviews "
                       "automatically.", {"length": length})  # fmt: skip
    return Verdict("pass", f"{length} characters.", {"length": length})


def screen_language(ctx: Context) -> Verdict:
    ctx.detection = found = language.detect(ctx.body)
    data = {"language": found.language, "script": found.script, "scripts": found.scripts}
    name = found.language or "unknown language"
    return Verdict("pass", f"{name} in {found.script or 'no'} script.", data)


@lru_cache(maxsize=64)
def matcher_for(settings_id: int, revision: str) -> TermMatcher:
    """The site's matcher; a new revision (a term list saved) builds a new one."""
    settings = ScreeningSettings.objects.get(pk=settings_id)
    entries = [
        (term, term_list.action, term_list.language)
        for term_list in settings.lists.all()
        for term in term_list.term_lines()
    ]
    return TermMatcher(entries)


def screen_terms(ctx: Context) -> Verdict:
    matcher = matcher_for(ctx.settings.pk, ctx.settings.revision)
    detected = ctx.detection.language if ctx.detection else ""
    found = matcher.match(ctx.folds, detected) if len(matcher) else []
    if not found:
        return Verdict("pass", "No listed term.", {"matches": []})
    worst = max(found, key=lambda m: SEVERITY[m.term.action])
    matches = [
        {"term": m.term.text, "action": m.term.action, "start": m.start, "end": m.end}
        for m in found
    ]
    kinds = {"flag": "suspect", "hold": "banned", "reject": "banned"}
    listed = ", ".join(sorted({f"“{m.term.text}”" for m in found}))
    reason = f"{kinds[worst.term.action].capitalize()} term {listed}."
    return Verdict(worst.term.action, reason, {"matches": matches})


def screen_links(ctx: Context) -> Verdict:
    found = links.find_links(ctx.body)
    settings = ctx.settings
    allowed = ctx.own_domains + ScreeningSettings.domains(settings.allowed_domains)
    blocked = ScreeningSettings.domains(settings.blocked_domains)
    items, verdict = [], "pass"
    for link in found:
        if links.domain_in(link.domain, blocked):
            decision = "reject"
        elif links.domain_in(link.domain, allowed) or settings.link_policy == LinkPolicy.ALLOW:
            decision = "pass"
        else:
            decision = settings.link_policy
        verdict = max(verdict, decision, key=SEVERITY.get)
        items.append({"url": link.url, "domain": link.domain, "verdict": decision,
                      "start": link.start, "end": link.end})  # fmt: skip
    link_chars = sum(link.end - link.start for link in found)
    density = round(link_chars / max(1, len(ctx.body)), 3)
    data = {"links": items, "density": density}
    if not found:
        return Verdict("pass", "No links.", data)
    domains = ", ".join(sorted({link.domain for link in found}))
    reason = f"{len(found)} link{'s' if len(found) > 1 else ''} to {domains}"
    if verdict == "reject":
        reason += " (blocked or not allowed on this site)"
    elif verdict == "hold":
        reason += " (held for review by the site's link policy)"
    return Verdict(verdict, reason + f"; links are {density:.0%} of the text.", data)


def screen_toxicity(ctx: Context) -> Verdict:
    if not ctx.detection or ctx.detection.language != "en":
        return Verdict("pass", "Toxicity model is English only.", {"score": None})
    score = round(toxicity.score(ctx.body), 4)
    verdict = "flag" if score >= 0.8 else "pass"
    return Verdict(verdict, f"English toxicity {score:.0%}.", {"score": score})


def spam_caps(settings: ScreeningSettings) -> spam.Caps:
    """Count as far as the flag thresholds and the assistant's signals need, no further."""
    return spam.Caps(
        same_text=max(settings.duplicate_flag_count - 1, assistant.DUPLICATES_FULL),
        velocity=max(settings.velocity_flag_count - 1, assistant.VELOCITY_FULL),
    )


def _times(count: int, cap: int) -> str:
    """How many comments an earlier ``count`` and this one make; "or more" at the cap."""
    return f"{count + 1} or more" if count >= cap else f"{count + 1}"


def screen_spam(ctx: Context) -> Verdict:
    settings = ctx.settings
    print_ = spam.fingerprint(ctx.folds.loose.text)
    caps = spam_caps(settings)
    counts = spam.counts(
        site_id=settings.site_id,
        commenter_id=ctx.commenter_id,
        network_hash=ctx.network_hash,
        print_=print_,
        since=spam.window_start(ctx.now, settings.spam_window_minutes),
        caps=caps,
    )
    data = {**counts, "window_minutes": settings.spam_window_minutes,
            "fingerprint": [print_.content_hash, print_.simhash]}  # fmt: skip
    window = f"in {settings.spam_window_minutes} minutes"
    reasons = []
    if counts["same_text"] + 1 >= settings.duplicate_flag_count:
        reasons.append(f"same text posted {_times(counts['same_text'], caps.same_text)} times "
                       f"{window}")  # fmt: skip
    if counts["similar_text"] + 1 >= settings.duplicate_flag_count:
        reasons.append(f"nearly the same text posted {counts['similar_text'] + 1} times {window}")
    for key, who in (("same_commenter", "this commenter"), ("same_network", "this network")):
        if counts[key] + 1 >= settings.velocity_flag_count:
            reasons.append(f"{_times(counts[key], caps.velocity)} comments from {who} {window}")
    if not reasons:
        return Verdict("pass", "No spam signal.", data)
    return Verdict("flag", "; ".join(reasons).capitalize() + ".", data)


# The pipeline, in order: language first (terms and toxicity read its result).
STAGES = {
    "length": screen_length,
    "language": screen_language,
    "terms": screen_terms,
    "links": screen_links,
    "toxicity": screen_toxicity,
    "spam": screen_spam,
}
