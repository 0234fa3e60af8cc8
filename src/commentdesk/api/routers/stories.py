"""Stories and their published threads: the cacheable read path."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router

from commentdesk.api.errors import ApiProblem
from commentdesk.api.schemas import ProblemOut, Sort, StoryOut, ThreadOut
from commentdesk.core.services import stories, threads
from commentdesk.core.services.threads import StorySnapshot, ThreadNode
from commentdesk.lib.httpcache import is_fresh, make_etag, mark_public, not_modified

router = Router(tags=["stories"])


def _story(snapshot: StorySnapshot) -> dict:
    return {
        "id": snapshot.id,
        "url": snapshot.url,
        "title": snapshot.title,
        "language": snapshot.language,
        "accepts_comments": snapshot.accepts_comments,
        "thread_version": snapshot.thread_version,
    }


def _node(node: ThreadNode) -> dict:
    comment = node.comment
    return {
        "id": comment.pk,
        "parent_id": comment.parent_id,
        "display_name": comment.display_name,
        "body": comment.body,
        "published_at": comment.published_at,
        "edited_by_moderator": comment.edited_by_moderator,
        "featured": comment.featured,
        "replies": [_node(reply) for reply in node.replies],
    }


def thread_json(snapshot: StorySnapshot, *, sort: str, cursor: str, limit: int) -> bytes:
    page = threads.thread_page(snapshot, sort=sort, cursor=cursor, limit=limit)
    document = {
        "story": _story(snapshot),
        "sort": sort,
        "count": page.count,
        "items": [_node(node) for node in page.nodes],
        "next_cursor": page.next_cursor,
    }
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False).encode()


def _snapshot_or_404(story_id: int) -> StorySnapshot:
    snapshot = threads.story_snapshot(story_id)
    if snapshot is None:
        raise ApiProblem(404, "not_found", _("No story with this id."))
    return snapshot


@router.get(
    "/{story_id}/thread",
    response={200: ThreadOut, 304: None, 400: ProblemOut, 404: ProblemOut, 422: ProblemOut},
    summary="A story's published thread",
    operation_id="get_thread",
    url_name="thread",
)
def get_thread(
    request: HttpRequest,
    story_id: int,
    sort: Sort = "oldest",
    cursor: str = "",
    limit: int = Query(threads.PAGE_SIZE, ge=1, le=threads.MAX_PAGE_SIZE),
):
    """Top-level comments (with all their replies), a page at a time, oldest or newest first.

    A page holds up to 1000 top-level comments, so most threads come whole in one answer.
    Cached by story and thread version: answers `If-None-Match` with 304, and carries
    `Cache-Control: public` with a short max-age and stale-while-revalidate.
    """
    return _thread(request, _snapshot_or_404(story_id), sort, cursor, limit)


def _thread(request, snapshot: StorySnapshot, sort, cursor, limit, *, render=True):
    etag = make_etag("json", snapshot.id, snapshot.thread_version, sort, cursor, limit)
    if is_fresh(request, etag):
        return not_modified(etag)
    body = threads.cached_rendering(
        snapshot,
        f"json:{sort}:{cursor}:{limit}",
        (lambda: thread_json(snapshot, sort=sort, cursor=cursor, limit=limit)) if render else None,
    )
    if body is None:
        return None
    return mark_public(HttpResponse(body, content_type="application/json"), etag)


def cached_thread(request: HttpRequest, story_id: str) -> HttpResponse | None:
    """What get_thread answers, from the cache alone (ops.readcache).

    None on a miss, and for any query the endpoint would have to validate (it then answers).
    """
    query = request.GET
    sort, cursor = query.get("sort", "oldest"), query.get("cursor", "")
    limit = query.get("limit", str(threads.PAGE_SIZE))
    if (
        any(len(values) > 1 for _name, values in query.lists())
        or sort not in threads.SORTS
        or not _plain_number(story_id)
        or not _plain_number(limit)
        or not 1 <= int(limit) <= threads.MAX_PAGE_SIZE
    ):
        return None
    snapshot = threads.cached_snapshot(int(story_id))
    if snapshot is None:
        return None
    return _thread(request, snapshot, sort, cursor, int(limit), render=False)


def _plain_number(text: str) -> bool:
    return text.isascii() and text.isdigit() and text == str(int(text))


@router.get(
    "",
    response={200: StoryOut, 404: ProblemOut},
    summary="Find a story by its URL",
    operation_id="find_story",
)
def find_story(request: HttpRequest, url: str):
    """The registered story for an article URL (stories register on first comment or embed)."""
    story = stories.find_story(url)
    if story is None:
        raise ApiProblem(404, "not_found", _("No story is registered for this URL yet."))
    return _story(_snapshot_or_404(story.pk))
