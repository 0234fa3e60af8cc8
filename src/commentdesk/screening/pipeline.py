"""Screen a comment as it is submitted: run every stage, ask the assistant, decide whether
the comment must be held or (only with automatic actions on) rejected, and remember what
the spam signals need. ``core.services.submission.submit_comment`` calls ``screen`` before
its write and stores ``record``'s row with the comment.

Each process keeps a site's settings and assistant model and reads only their versions,
joined to the story (``with_screening``): a submission asks for them with no query of its
own, and a change made on any app server applies from the next comment on every one."""

from dataclasses import dataclass

from django.db.models import F, QuerySet
from django.utils import timezone

from commentdesk.core.models import Comment, Commenter, Story
from commentdesk.screening import assistant
from commentdesk.screening.models import ScreeningRecord, ScreeningSettings
from commentdesk.screening.stages import SEVERITY, STAGES, Context

FORMAT = 1  # of the JSON stored in Comment.screening


@dataclass(frozen=True)
class Screened:
    evidence: dict  # stored as Comment.screening
    verdict: str
    language: str
    score: float
    automatic_actions: bool
    auto_reject_threshold: float

    def status_for(self, status: str) -> str:
        """The status a new comment takes, given the one the story's mode would give it."""
        rejects = self.verdict == "reject" or self.score >= self.auto_reject_threshold
        if self.automatic_actions and rejects:
            return Comment.Status.REJECTED
        if self.verdict in ("hold", "reject") and status == Comment.Status.APPROVED:
            return Comment.Status.PENDING
        return status

    @property
    def reason(self) -> str:
        stages = self.evidence["stages"]
        return " ".join(s["reason"] for s in stages.values() if s["verdict"] != "pass")


def with_screening(stories: QuerySet[Story]) -> QuerySet[Story]:
    """The stories with their site and the versions of what screening keeps per process:
    the site's settings (``screening_revision``) and its assistant (``assistant_version``,
    ``assistant_decisions``); None where the site has none yet."""
    return stories.select_related("site").annotate(
        screening_revision=F("site__screening_settings__revision"),
        assistant_version=F("site__assistant_model__version"),
        assistant_decisions=F("site__assistant_model__decisions"),
    )


_settings: dict[int, ScreeningSettings] = {}  # per site, for as long as its revision holds


def settings_for(story: Story) -> ScreeningSettings:
    """The site's settings, from this process's cache while the revision read with the
    story (``with_screening``) is the cached one's; else read (and made on first use)."""
    cached = _settings.get(story.site_id)
    revision = getattr(story, "screening_revision", None)
    if cached is not None and revision is not None and cached.revision == revision:
        return cached
    settings = ScreeningSettings.objects.get_or_create(site_id=story.site_id)[0]
    _settings[story.site_id] = settings
    return settings


def screen(story: Story, commenter: Commenter, body: str, network_hash: str) -> Screened:
    settings = settings_for(story)
    ctx = Context(
        settings=settings,
        body=body,
        commenter_id=commenter.pk,
        network_hash=network_hash,
        now=timezone.now(),
        own_domains=[d.lower() for d in story.site.domains],
    )
    stages = {name: stage(ctx).as_json() for name, stage in STAGES.items()}
    verdict = max((s["verdict"] for s in stages.values()), key=SEVERITY.get)
    evidence = {"format": FORMAT, "verdict": verdict, "stages": stages}
    folded = ctx.folds.loose.text
    found = assistant.estimate(story.site_id, folded, evidence, stored=_assistant_version(story))
    evidence["assistant"] = found.as_json()
    return Screened(
        evidence=evidence,
        verdict=verdict,
        language=ctx.detection.language if ctx.detection else "",
        score=found.score,
        automatic_actions=settings.automatic_actions,
        auto_reject_threshold=settings.auto_reject_threshold,
    )


def _assistant_version(story: Story) -> tuple[str | None, int] | None:
    if not hasattr(story, "assistant_version"):  # not read with the story: the assistant asks
        return None
    return story.assistant_version, story.assistant_decisions


def record(comment: Comment, screened: Screened) -> ScreeningRecord:
    """What later comments' spam signals compare against, to store with the comment."""
    content_hash, simhash = screened.evidence["stages"]["spam"]["data"]["fingerprint"]
    return ScreeningRecord(
        comment=comment,
        site_id=comment.story.site_id,
        commenter_id=comment.commenter_id,
        network_hash=comment.network_hash,
        content_hash=content_hash,
        simhash=simhash,
        created_at=comment.submitted_at,
    )
