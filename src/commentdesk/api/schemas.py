"""Request and response shapes of the public JSON API (version 1)."""

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

Sort = Literal["oldest", "newest"]
ReportReason = Literal["abuse", "spam", "off_topic", "false", "privacy", "other"]


class ProblemOut(Schema):
    """An RFC 9457 problem: ``code`` is stable for programs, ``errors`` is per field."""

    type: str = "about:blank"
    title: str
    status: int
    code: str = Field(..., examples=["invalid"])
    detail: str
    errors: dict[str, list[str]] = Field(default_factory=dict)


class StoryOut(Schema):
    id: int
    url: str
    title: str
    language: str
    accepts_comments: bool
    thread_version: int


class CommentNode(Schema):
    id: int
    parent_id: int | None
    display_name: str
    body: str = Field(..., description="Plain text; render it escaped, keep line breaks.")
    published_at: datetime
    edited_by_moderator: bool
    featured: bool
    replies: list["CommentNode"] = Field(default_factory=list)


class ThreadOut(Schema):
    story: StoryOut
    sort: Sort
    count: int = Field(..., description="Published comments in the whole thread.")
    items: list[CommentNode] = Field(..., description="One page of top-level comments.")
    next_cursor: str | None = Field(..., description="Pass as `cursor` for the next page.")


class CommentIn(Schema):
    story_id: int | None = Field(None, description="An existing story; or give story_url.")
    story_url: str = Field("", description="Registers the story on first use (allowed origins).")
    story_title: str = ""
    story_language: str = ""
    parent_id: int | None = Field(None, description="Reply to this published comment.")
    display_name: str = ""
    email: str = Field("", description="Optional, never shown.")
    body: str = ""
    consent: bool = Field(False, description="The reader accepts the site's Terms of Use.")


class RuleOut(Schema):
    code: str
    title: str


class OwnCommentOut(Schema):
    id: int
    story_id: int
    parent_id: int | None
    display_name: str
    body: str
    status: Literal["pending", "approved", "rejected", "deleted"]
    submitted_at: datetime
    editable_until: datetime
    can_edit: bool
    rule: RuleOut | None = Field(None, description="The Terms-of-Use rule a moderator cited.")


class SubmittedOut(OwnCommentOut):
    secret: str = Field(..., description="Keep it: it is shown once and reads/edits this comment.")


class CommentEditIn(Schema):
    body: str = ""


class ReportIn(Schema):
    reason: ReportReason
    note: str = ""


class ReportOut(Schema):
    comment_id: int
    reason: ReportReason
