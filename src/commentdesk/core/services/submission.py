"""A reader submits a comment: validate, identify the commenter, store, audit."""

import base64
import hashlib
import hmac
import secrets
from contextlib import nullcontext
from dataclasses import dataclass

import regex
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import BooleanField, Func, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from commentdesk.core import search
from commentdesk.core.models import Comment, Commenter, ModerationMode, Site, Story
from commentdesk.core.services.audit import audit_event
from commentdesk.core.services.errors import SubmissionRefused
from commentdesk.core.services.limits import check_submission_limits
from commentdesk.lib.prepared import Prepared, insert_together, inserts_together_atomically
from commentdesk.lib.text import grapheme_length, normalise_line, normalise_text
from commentdesk.screening import pipeline as screening

MAX_EMAIL_LENGTH = 254


@dataclass(frozen=True)
class CommentDraft:
    """What a reader typed, normalised. Built by ``clean_draft``."""

    display_name: str
    email: str
    body: str


@dataclass(frozen=True)
class SubmittedComment:
    comment: Comment
    secret: str  # given to the reader's browser; only its hash is stored
    replayed: bool = False  # an earlier submission with the same idempotency key


def clean_draft(
    site: Site, *, display_name: str, email: str, body: str, consent: bool
) -> CommentDraft:
    """Normalise and validate a reader's input; raise SubmissionRefused with every problem."""
    draft = CommentDraft(
        display_name=normalise_line(display_name or ""),
        email=normalise_line(email or ""),
        body=normalise_text(body or ""),
    )
    errors: dict[str, list[str]] = {}
    if not draft.display_name:
        errors["display_name"] = [_("Please give a display name.")]
    elif grapheme_length(draft.display_name) > site.max_name_length:
        errors["display_name"] = [
            _("Display names can be at most %(limit)d characters long (this one has %(length)d).")
            % {"limit": site.max_name_length, "length": grapheme_length(draft.display_name)}
        ]
    if draft.email:
        try:
            if len(draft.email) > MAX_EMAIL_LENGTH:
                raise ValidationError("too long")
            validate_email(draft.email)
        except ValidationError:
            errors["email"] = [
                _("This does not look like an e-mail address. Leave it empty or fix it.")
            ]
    if not draft.body:
        errors["body"] = [_("Please write a comment.")]
    elif grapheme_length(draft.body) > site.max_comment_length:
        errors["body"] = [
            _("Comments can be at most %(limit)d characters long (this one has %(length)d).")
            % {"limit": site.max_comment_length, "length": grapheme_length(draft.body)}
        ]
    if not consent:
        errors["consent"] = [_("Please accept the Terms of Use to post a comment.")]
    if errors:
        raise SubmissionRefused(errors)
    return draft


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _identity_key(site: Site, draft: CommentDraft, network_hash: str) -> str:
    if draft.email:
        material = f"email:{draft.email.casefold()}"
    else:
        material = f"guest:{draft.display_name.casefold()}:{network_hash}"
    key = f"{settings.SECRET_KEY}:commenter:{site.pk}".encode()
    return hmac.new(key, material.encode(), hashlib.sha256).hexdigest()


_COMMENTER = Prepared(
    lambda site_id, key: Commenter.objects.filter(site_id=site_id, identity_key=key),
    -1,
    "identity key",
)


def identify_commenter(site: Site, draft: CommentDraft, network_hash: str) -> Commenter:
    key = _identity_key(site, draft, network_hash)
    commenter = _COMMENTER(site.pk, key)
    if commenter is not None:
        return commenter
    try:
        with transaction.atomic():
            return Commenter.objects.create(
                site=site, identity_key=key, display_name=draft.display_name, email=draft.email
            )
    except IntegrityError:  # the same reader's other request created it first
        return Commenter.objects.get(site=site, identity_key=key)


def refusal_for(commenter: Commenter) -> str | None:
    """Why this commenter may not post now, or None."""
    if commenter.state == Commenter.State.BANNED:
        return _("You can no longer comment on this site.")
    if commenter.state == Commenter.State.SUSPENDED and (
        commenter.suspended_until is None or commenter.suspended_until > timezone.now()
    ):
        until = commenter.suspended_until
        if until:
            return _("Your commenting is suspended until %(time)s.") % {
                "time": f"{until:%Y-%m-%d %H:%M} UTC"
            }
        return _("Your commenting is suspended.")
    return None


def _initial_status(story: Story, commenter: Commenter) -> str:
    if story.moderation_mode == ModerationMode.POST and commenter.state == Commenter.State.ACTIVE:
        return Comment.Status.APPROVED
    return Comment.Status.PENDING


IDEMPOTENCY_KEY = regex.compile(r"[\x21-\x7e]{16,200}")


def _key_material(story_id: int) -> bytes:
    return f"{settings.SECRET_KEY}:idempotency:{story_id}".encode()


def _key_hash(story_id: int, key: str) -> str:
    """What is stored of a submitter's idempotency key, scoped to the story."""
    return hmac.new(_key_material(story_id), key.encode(), hashlib.sha256).hexdigest()


def _idempotency(story: Story, key: str) -> tuple[str, str]:
    """(stored hash, edit secret) for a submitter's key, both scoped to the story.

    The secret is derived from the key so that a retry, which may have lost the first
    response, gets the same secret back; only someone holding the key can ask for it.
    """
    if not IDEMPOTENCY_KEY.fullmatch(key):
        raise SubmissionRefused(
            {"idempotency_key": ["An idempotency key is 16 to 200 visible ASCII characters."]},
            code="invalid_idempotency_key",
        )
    secret = base64.urlsafe_b64encode(
        hmac.new(_key_material(story.pk), b"secret:" + key.encode(), hashlib.sha256).digest()
    )
    return _key_hash(story.pk, key), secret.decode().rstrip("=")


def _replay(existing: Comment, draft: CommentDraft, parent: Comment | None, secret: str):
    """The earlier submission with this key, if it was the same comment; else a refusal."""
    same = (
        existing.display_name == draft.display_name
        and existing.body == draft.body
        and existing.commenter.email == draft.email
        and existing.parent_id == (parent.pk if parent else None)
    )
    if not same:
        raise SubmissionRefused(
            {"idempotency_key": ["This idempotency key was already used for another comment."]},
            code="idempotency_key_reused",
        )
    return SubmittedComment(comment=existing, secret=secret, replayed=True)


class _HasKey(Func):
    """``NOT (idempotency_key = '')``, the partial unique index's condition, with the '' in
    the SQL: SQLite then uses the index from the statement it prepared once. With the ''
    a bound parameter (``.exclude(idempotency_key="")``), it must prepare the statement
    anew at every execution, which for the story query took most of its CPU."""

    template = "NOT (%(expressions)s = '')"
    output_field = BooleanField()


def _with_key(key_hash: str):
    """The comments stored with this key hash (none for no key)."""
    return Comment.objects.filter(_HasKey("idempotency_key"), idempotency_key=key_hash)


def _stored_with_key(story: Story, key_hash: str, *, read_with_story: bool) -> int | None:
    """The id of the comment stored with this key hash: as ``story_for_submission`` read it
    if it looked for this key and ``read_with_story``, else read now."""
    if not key_hash:
        return None
    if read_with_story and getattr(story, "earlier_key", None) == key_hash:
        return story.earlier_id
    return _with_key(key_hash).filter(story=story).values_list("pk", flat=True).first()


def _earlier(story: Story, key_hash: str, *, read_with_story: bool = True) -> Comment | None:
    found = _stored_with_key(story, key_hash, read_with_story=read_with_story)
    if found is None:  # the usual case: an index lookup, no row loaded
        return None
    earlier = Comment.objects.select_related("commenter").get(pk=found)
    earlier.story = story
    return earlier


_STORY = Prepared(
    lambda story_id, key_hash: screening.with_screening(Story.objects.filter(pk=story_id)).annotate(
        earlier_id=Subquery(_with_key(key_hash).filter(story=OuterRef("pk")).values("pk")[:1])
    ),
    -1,
    "idempotency key hash",
)


def story_for_submission(story_id: int, idempotency_key: str = "") -> Story | None:
    """The story, its site and what screening reads of the site, in one query; with the
    submitter's idempotency key, also the comment stored with it (``earlier_id``), if any."""
    if not 0 < story_id < 2**63:  # beyond the key's column, where the ORM finds nothing
        return None
    key_hash = _key_hash(story_id, idempotency_key) if idempotency_key else ""
    story = _STORY(story_id, key_hash)
    if story is not None:
        story.earlier_key = key_hash  # what earlier_id answers
    return story


def submit_comment(
    story: Story,
    *,
    display_name: str,
    body: str,
    consent: bool,
    email: str = "",
    parent: Comment | None = None,
    network_hash: str = "",
    idempotency_key: str = "",
) -> SubmittedComment:
    """Store a reader's comment, or raise SubmissionRefused (RateLimited: answer 429).

    With an ``idempotency_key`` (the form's hidden key, the API's Idempotency-Key header),
    submitting the same comment again returns the first one (``replayed``) instead of
    storing it twice, even when both requests arrive at once.

    The checks, the commenter and screening only read, so they run before the write
    transaction, which stays short: on SQLite it holds the database's one write lock.
    """
    site = story.site
    draft = clean_draft(site, display_name=display_name, email=email, body=body, consent=consent)
    key_hash, secret = _idempotency(story, idempotency_key) if idempotency_key else ("", "")
    earlier = _earlier(story, key_hash)
    if earlier is not None:
        return _replay(earlier, draft, parent, secret)
    if not story.accepts_comments:
        raise SubmissionRefused({"body": [_("Comments on this story are closed.")]}, code="closed")
    if parent is not None and (
        parent.story_id != story.pk or parent.status != Comment.Status.APPROVED
    ):
        raise SubmissionRefused({"parent": [_("You can only reply to a published comment.")]})
    commenter = identify_commenter(site, draft, network_hash)
    refusal = refusal_for(commenter)
    if refusal:
        raise SubmissionRefused({"body": [refusal]}, code="commenter_blocked")
    check_submission_limits(story, commenter, network_hash)
    screened = screening.screen(story, commenter, draft.body, network_hash)
    secret = secret or secrets.token_urlsafe(24)
    comment = Comment(
        story=story,
        parent=parent,
        commenter=commenter,
        display_name=draft.display_name,
        body=draft.body,
        status=screened.status_for(_initial_status(story, commenter)),
        terms_version=site.terms_version,
        secret_hash=hash_secret(secret),
        network_hash=network_hash,
        idempotency_key=key_hash,
        language=screened.language,
        screening=screened.evidence,
        reject_score=screened.score,
    )
    try:
        _store(comment, screened)
    except IntegrityError:  # the same key's other request committed first
        earlier = _earlier(story, key_hash, read_with_story=False)
        if earlier is None:
            raise
        return _replay(earlier, draft, parent, secret)
    return SubmittedComment(comment=comment, secret=secret)


def _store(comment: Comment, screened: screening.Screened) -> None:
    """The write: the comment, what screening remembers of it and its audit, together (one
    statement on PostgreSQL, atomic alone); in a transaction where more must be written."""
    now = timezone.now()
    status = comment.status
    comment.submitted_at = now
    comment.published_at = now if status == Comment.Status.APPROVED else None
    comment.decided_at = now if status == Comment.Status.REJECTED else None
    site = comment.story.site
    rows = [
        screening.record(comment, screened),
        audit_event("comment.submitted", site=site, comment=comment, status_after=status),
    ]
    if status == Comment.Status.REJECTED:
        rows.append(
            audit_event("comment.auto_rejected", site=site, comment=comment, note=screened.reason)
        )
    approved = status == Comment.Status.APPROVED
    alone = not approved and inserts_together_atomically(Comment)
    with nullcontext() if alone else transaction.atomic():
        insert_together(comment, *rows)
        search.comment_stored(comment.pk, comment._state.db)
        if approved:
            comment.story.bump_thread_version()
