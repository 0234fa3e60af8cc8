from commentdesk.core.models.audit import AuditEvent
from commentdesk.core.models.claims import Claim
from commentdesk.core.models.comments import Comment, Commenter, Report, Revision
from commentdesk.core.models.sites import ModeratorProfile, Role, Site, SiteMembership, TermsRule
from commentdesk.core.models.stories import ModerationMode, Story

__all__ = [
    "AuditEvent",
    "Claim",
    "Comment",
    "Commenter",
    "ModerationMode",
    "ModeratorProfile",
    "Report",
    "Revision",
    "Role",
    "Site",
    "SiteMembership",
    "Story",
    "TermsRule",
]
