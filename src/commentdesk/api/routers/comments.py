"""Readers' comments: submit, read one's own by its secret, edit or withdraw it, report."""

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Header, Router, Status

from commentdesk.api.errors import ApiProblem
from commentdesk.api.schemas import (
    CommentEditIn,
    CommentIn,
    OwnCommentOut,
    ProblemOut,
    ReportIn,
    ReportOut,
    SubmittedOut,
)
from commentdesk.core.models import Comment, Story
from commentdesk.core.services import reader, reports, stories
from commentdesk.core.services.errors import SubmissionRefused
from commentdesk.core.services.submission import story_for_submission, submit_comment
from commentdesk.lib.nethash import network_hash
from commentdesk.public.formguard import api_write_problem

router = Router(tags=["comments"])

PROBLEMS = dict.fromkeys((400, 403, 404, 409, 415, 422, 429), ProblemOut)
SECRET = Header(..., alias="X-Comment-Secret", description="The secret given at submission.")
IDEMPOTENCY_KEY = Header(
    "",
    alias="Idempotency-Key",
    description="16 to 200 visible ASCII characters; a repeat returns the first comment.",
)


def _guard(request: HttpRequest, story: Story) -> None:
    problem = api_write_problem(request, story.site.allowed_origins)
    if problem:
        raise ApiProblem(403, "cross_site", problem)


def _story_for(request: HttpRequest, payload: CommentIn, idempotency_key: str) -> Story:
    if payload.story_id is not None:
        story = story_for_submission(payload.story_id, idempotency_key)
        if story is None:
            raise ApiProblem(404, "not_found", _("No story with this id."))
        return story
    if payload.story_url:
        return stories.register_story(
            url=payload.story_url,
            origin=request.headers.get("Origin"),
            title=payload.story_title,
            language=payload.story_language,
        )
    raise SubmissionRefused({"story_id": [_("Give story_id or story_url.")]})


def own_json(own: reader.OwnComment) -> dict:
    comment = own.comment
    return {
        "id": comment.pk,
        "story_id": comment.story_id,
        "parent_id": comment.parent_id,
        "display_name": comment.display_name,
        "body": comment.body,
        "status": own.public_status,
        "submitted_at": comment.submitted_at,
        "editable_until": own.editable_until,
        "can_edit": own.can_edit,
        "rule": {"code": own.rule.code, "title": own.rule.title} if own.rule else None,
    }


def _language(request: HttpRequest) -> str:
    return translation.get_language_from_request(request)


@router.post(
    "",
    response={201: SubmittedOut, **PROBLEMS},
    summary="Submit a comment or reply",
    operation_id="submit_comment",
)
def submit(request: HttpRequest, payload: CommentIn, idempotency_key: str = IDEMPOTENCY_KEY):
    """Validated exactly like the comments form. Keep the `secret` in the answer: it reads,
    edits and withdraws the comment. Limits per network, commenter and story answer 429."""
    with translation.override(_language(request)):
        story = _story_for(request, payload, idempotency_key)
        _guard(request, story)
        submitted = submit_comment(
            story,
            display_name=payload.display_name,
            email=payload.email,
            body=payload.body,
            consent=payload.consent,
            parent=reader.reply_target(story.pk, payload.parent_id),
            network_hash=network_hash(request),
            idempotency_key=idempotency_key,
        )
        own = reader.as_own_comment(submitted.comment)
        return Status(201, {**own_json(own), "secret": submitted.secret})


@router.get(
    "/{comment_id}",
    response={200: OwnCommentOut, **PROBLEMS},
    summary="Read own comment",
    operation_id="get_own_comment",
)
def get_own(request: HttpRequest, comment_id: int, secret: str = SECRET):
    """Status of one's own comment; once decided, the rule a moderator cited."""
    with translation.override(_language(request)):
        return own_json(reader.own_comment(comment_id, secret))


def _comment_story(comment_id: int) -> Story:
    comment = Comment.objects.select_related("story__site").filter(pk=comment_id).first()
    if comment is None:
        raise ApiProblem(404, "not_found", _("No comment of yours was found with this link."))
    return comment.story


@router.patch(
    "/{comment_id}",
    response={200: OwnCommentOut, **PROBLEMS},
    summary="Edit own pending comment",
    operation_id="edit_own_comment",
)
def edit_own(request: HttpRequest, comment_id: int, payload: CommentEditIn, secret: str = SECRET):
    """Change one's own pending comment within the site's edit window."""
    with translation.override(_language(request)):
        _guard(request, _comment_story(comment_id))
        return own_json(reader.edit_own_comment(comment_id, secret, body=payload.body))


@router.delete(
    "/{comment_id}",
    response={200: OwnCommentOut, **PROBLEMS},
    summary="Delete own pending comment",
    operation_id="delete_own_comment",
)
def delete_own(request: HttpRequest, comment_id: int, secret: str = SECRET):
    """Withdraw one's own pending comment within the site's edit window."""
    with translation.override(_language(request)):
        _guard(request, _comment_story(comment_id))
        return own_json(reader.delete_own_comment(comment_id, secret))


@router.post(
    "/{comment_id}/reports",
    response={201: ReportOut, **PROBLEMS},
    summary="Report a comment",
    operation_id="report_comment",
)
def report(request: HttpRequest, comment_id: int, payload: ReportIn):
    """Flag a published comment for the moderators, with a reason and an optional note."""
    with translation.override(_language(request)):
        _guard(request, _comment_story(comment_id))
        stored = reports.report_comment(
            comment_id, reason=payload.reason, note=payload.note, network_hash=network_hash(request)
        )
        return Status(201, {"comment_id": stored.comment_id, "reason": stored.reason})
