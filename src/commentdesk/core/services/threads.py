"""Reading a story's public thread: approved comments with their replies, and its cache.

The read path is built so that a cache hit costs no database query: a small snapshot of the
story (title, site policy, allowed origins, ``thread_version``) is cached under the story id
and refreshed after every commit that bumps the version; rendered threads (HTML and JSON)
are cached under the story id *and* version, so a new version simply misses. Each process
also keeps the renderings it last served (``LOCAL_RENDERINGS``), under the name of the snapshot
copy they were read for: a refreshed snapshot, or an emptied cache, makes a new name.
"""

import base64
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from commentdesk.core.models import Comment, Site, Story
from commentdesk.lib.memo import BoundedMemo

MAX_DEPTH = 2  # replies deeper than this are shown at this depth, under their thread
PAGE_SIZE = 20  # top-level comments per page; their replies come with them
MAX_PAGE_SIZE = 1000  # the largest page the API gives: a 1000-comment thread in one answer
SORTS = ("oldest", "newest")
SNAPSHOT_TTL = 300  # seconds; bounds staleness if a refresh ever races a reader's fill
RENDERED_TTL = 24 * 3600  # rendered threads are keyed by version, so they never go stale
LOCAL_RENDERINGS = BoundedMemo(8 * 1024 * 1024)  # bytes of renderings one process keeps


class BadCursor(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class PublishedComment:
    """What readers see of a comment: plain values, not a model (a thread read makes hundreds)."""

    id: int
    parent_id: int | None
    display_name: str
    body: str
    published_at: datetime
    edited_by_moderator: bool
    featured: bool

    @property
    def pk(self) -> int:
        return self.id


@dataclass
class ThreadNode:
    comment: PublishedComment
    depth: int
    replies: list["ThreadNode"] = field(default_factory=list)


@dataclass(frozen=True)
class StorySnapshot:
    """What the read path needs of a story and its site, cached without model instances."""

    id: int
    url: str
    title: str
    language: str
    thread_version: int
    comments_open: bool
    closes_at: datetime | None
    site_id: int
    site_name: str
    terms_url: str
    allowed_origins: tuple[str, ...]
    max_comment_length: int
    max_name_length: int
    edit_window_minutes: int
    pre_moderated: bool
    # New on each read from the database: names this copy in the cache (see LOCAL_RENDERINGS).
    copy: str = ""

    @property
    def pk(self) -> int:
        return self.id

    @property
    def accepts_comments(self) -> bool:
        return self.comments_open and (self.closes_at is None or timezone.now() < self.closes_at)


@dataclass(frozen=True)
class ThreadPage:
    nodes: list[ThreadNode]
    count: int  # published comments in the whole thread
    next_cursor: str | None


def approved_comments(story_id: int) -> list[PublishedComment]:
    rows = (
        Comment.objects.filter(story_id=story_id, status=Comment.Status.APPROVED)
        .order_by("published_at", "pk")
        .values_list(*(field.name for field in fields(PublishedComment)))
    )
    return [PublishedComment(*row) for row in rows]


def build_thread(story: Story | StorySnapshot) -> list[ThreadNode]:
    """Top-level comments oldest first (featured ones first of all), each with its replies
    oldest first.

    Replies to replies beyond MAX_DEPTH hang under the deepest shown ancestor; replies to
    a comment that is not published are not shown.
    """
    nodes: dict[int, ThreadNode] = {}
    roots: list[ThreadNode] = []
    for comment in approved_comments(story.pk):
        parent = nodes.get(comment.parent_id) if comment.parent_id else None
        if comment.parent_id and parent is None:
            continue
        depth = min(parent.depth + 1, MAX_DEPTH) if parent else 0
        node = ThreadNode(comment=comment, depth=depth)
        nodes[comment.pk] = node
        if parent is None:
            roots.append(node)
        elif parent.depth < MAX_DEPTH:
            parent.replies.append(node)
        else:
            _attach_at_max_depth(nodes, parent, node)
    roots.sort(key=lambda root: not root.comment.featured)  # stable: editor's picks first
    return roots


def _attach_at_max_depth(nodes: dict[int, ThreadNode], parent: ThreadNode, node: ThreadNode):
    ancestor = parent
    while ancestor.depth >= MAX_DEPTH and ancestor.comment.parent_id in nodes:
        candidate = nodes[ancestor.comment.parent_id]
        if candidate.depth < MAX_DEPTH:
            candidate.replies.append(node)
            return
        ancestor = candidate
    parent.replies.append(node)


def _count(nodes: list[ThreadNode]) -> int:
    return sum(1 + _count(node.replies) for node in nodes)


def _rank(node: ThreadNode, newest: bool) -> tuple[int, int, int]:
    """Where a top-level comment stands: featured first, then by publication in the order."""
    sign = -1 if newest else 1
    micros = int(node.comment.published_at.timestamp() * 1_000_000)
    return (0 if node.comment.featured else 1, sign * micros, sign * node.comment.pk)


def encode_cursor(rank: tuple[int, int, int]) -> str:
    raw = ".".join(str(part) for part in rank)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[int, int, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        featured, micros, pk = (int(part) for part in raw.split("."))
        return (featured, micros, pk)
    except (ValueError, UnicodeDecodeError) as error:
        raise BadCursor(_("This page link is not valid: start from the first page.")) from error


def thread_page(
    story: Story | StorySnapshot, *, sort: str = "oldest", cursor: str = "", limit: int = PAGE_SIZE
) -> ThreadPage:
    """One page of top-level comments in the given order, each with all its replies.

    Featured comments come first in either order. The cursor is the rank of the last
    comment shown, so a page never repeats or skips one when comments are added.
    """
    if sort not in SORTS:
        raise BadCursor("Sort must be oldest or newest.")
    roots = build_thread(story)
    count = _count(roots)
    newest = sort == "newest"
    roots.sort(key=lambda node: _rank(node, newest))
    if cursor:
        after = decode_cursor(cursor)
        roots = [node for node in roots if _rank(node, newest) > after]
    page = roots[:limit]
    more = len(roots) > limit
    return ThreadPage(
        nodes=page,
        count=count,
        next_cursor=encode_cursor(_rank(page[-1], newest)) if more and page else None,
    )


# --- The story snapshot and the rendered-thread cache --------------------------------------


def _snapshot_key(story_id: int) -> str:
    return f"cd:story:{story_id}"


def _snapshot_from_db(story_id: int) -> StorySnapshot | None:
    story = Story.objects.select_related("site").filter(pk=story_id).first()
    if story is None:
        return None
    site: Site = story.site
    closes_at = (
        story.published_at + timedelta(days=story.close_after_days)
        if story.close_after_days is not None
        else None
    )
    return StorySnapshot(
        id=story.pk,
        url=story.url,
        title=story.title,
        language=story.effective_language,
        thread_version=story.thread_version,
        comments_open=story.comments_open,
        closes_at=closes_at,
        site_id=site.pk,
        site_name=site.name,
        terms_url=site.terms_url,
        allowed_origins=tuple(site.allowed_origins),
        max_comment_length=site.max_comment_length,
        max_name_length=site.max_name_length,
        edit_window_minutes=site.edit_window_minutes,
        pre_moderated=story.moderation_mode == "pre",
        copy=uuid.uuid4().hex,
    )


def cached_snapshot(story_id: int) -> StorySnapshot | None:
    """The story's snapshot if the cache holds it (no query), else None."""
    return cache.get(_snapshot_key(story_id))


def story_snapshot(story_id: int) -> StorySnapshot | None:
    """The story's snapshot: from the cache (no query), else from the database."""
    snapshot = cached_snapshot(story_id)
    if snapshot is None:
        snapshot = _snapshot_from_db(story_id)
        if snapshot is not None:
            cache.add(_snapshot_key(story_id), snapshot, SNAPSHOT_TTL)
    return snapshot


def refresh_story_snapshot(story_id: int) -> None:
    """Re-read the snapshot after a commit changed the story, its site or its thread."""
    snapshot = _snapshot_from_db(story_id)
    if snapshot is None:
        cache.delete(_snapshot_key(story_id))
    else:
        cache.set(_snapshot_key(story_id), snapshot, SNAPSHOT_TTL)


def forget_site_snapshots(site_id: int) -> None:
    story_ids = Story.objects.filter(site_id=site_id).values_list("pk", flat=True)
    cache.delete_many([_snapshot_key(pk) for pk in story_ids])


def cached_rendering(
    snapshot: StorySnapshot, variant: str, render: Callable[[], object] | None = None
):
    """A rendering of the thread (HTML or JSON) for this story version, built at most once.

    Without ``render``, only what the cache holds: None when it holds nothing.
    """
    key = f"cd:thread:{snapshot.id}:{snapshot.thread_version}:{variant}"
    local_key = (key, snapshot.copy)
    value = LOCAL_RENDERINGS.get(local_key)
    if value is not None:
        return value
    value = cache.get(key)
    if value is None and render is not None:
        value = render()
        cache.set(key, value, RENDERED_TTL)
    if value is not None and snapshot.copy:
        LOCAL_RENDERINGS.put(local_key, value)
    return value
