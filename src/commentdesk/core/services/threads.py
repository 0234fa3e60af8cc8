"""Reading a story's public thread: approved comments with their replies."""

from dataclasses import dataclass, field

from commentdesk.core.models import Comment, Story

MAX_DEPTH = 2  # replies deeper than this are shown at this depth, under their thread


@dataclass
class ThreadNode:
    comment: Comment
    depth: int
    replies: list["ThreadNode"] = field(default_factory=list)


def approved_comments(story: Story):
    return (
        Comment.objects.filter(story=story, status=Comment.Status.APPROVED)
        .only(
            "id",
            "parent_id",
            "display_name",
            "body",
            "published_at",
            "edited_by_moderator",
            "featured",
            "story_id",
        )
        .order_by("published_at", "pk")
    )


def build_thread(story: Story) -> list[ThreadNode]:
    """Top-level comments oldest first (featured ones first of all), each with its replies
    oldest first.

    Replies to replies beyond MAX_DEPTH hang under the deepest shown ancestor; replies to
    a comment that is not published are not shown.
    """
    nodes: dict[int, ThreadNode] = {}
    roots: list[ThreadNode] = []
    for comment in approved_comments(story):
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
