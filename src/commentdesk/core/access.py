"""The only way a view, the API or a service gets sites and comments for a staff user.

Comments of sites a user does not moderate answer 404, not 403: their existence must not leak.

Roles, per site: a *moderator* decides comments, acts on commenters and reports, features
comments; a *desk editor* also sets story policy, reads the statistics and may undo anyone's
decision; an *admin* may do all of that (and manage the site in the admin). A superuser is an
admin of every site.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from commentdesk.core.models import Comment, Commenter, Role, Site, SiteMembership, Story

MODERATING_ROLES = (Role.ADMIN, Role.DESK_EDITOR, Role.MODERATOR)
EDITING_ROLES = (Role.ADMIN, Role.DESK_EDITOR)


def _sites_with_roles(user, roles) -> QuerySet[Site]:
    if not user.is_authenticated or not user.is_active:
        return Site.objects.none()
    if user.is_superuser:
        return Site.objects.all()
    return Site.objects.filter(memberships__user=user, memberships__role__in=roles).distinct()


def _has_role(user, site: Site, roles) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return SiteMembership.objects.filter(user=user, site=site, role__in=roles).exists()


def moderated_sites(user) -> QuerySet[Site]:
    return _sites_with_roles(user, MODERATING_ROLES)


def edited_sites(user) -> QuerySet[Site]:
    """Sites where the user is a desk editor or an admin."""
    return _sites_with_roles(user, EDITING_ROLES)


def can_moderate(user, site: Site) -> bool:
    return _has_role(user, site, MODERATING_ROLES)


def can_edit_desk(user, site: Site) -> bool:
    """Desk editors and admins set story policy, read statistics and undo others' decisions."""
    return _has_role(user, site, EDITING_ROLES)


def comments_for_moderator(user) -> QuerySet[Comment]:
    return Comment.objects.filter(story__site__in=moderated_sites(user)).select_related(
        "story__site", "commenter", "parent"
    )


def get_comment_for_moderator(user, comment_id: int) -> Comment:
    try:
        return comments_for_moderator(user).get(pk=comment_id)
    except (Comment.DoesNotExist, ValueError, TypeError):
        raise Http404("No such comment.") from None


def get_commenter_for_moderator(user, commenter_id: int) -> Commenter:
    try:
        return Commenter.objects.select_related("site", "state_rule").get(
            pk=commenter_id, site__in=moderated_sites(user)
        )
    except (Commenter.DoesNotExist, ValueError, TypeError):
        raise Http404("No such commenter.") from None


def get_story_for_editor(user, story_id: int) -> Story:
    """404 for a story of a site the user does not moderate; 403 for a moderator of its site."""
    try:
        story = Story.objects.select_related("site").get(
            pk=story_id, site__in=moderated_sites(user)
        )
    except (Story.DoesNotExist, ValueError, TypeError):
        raise Http404("No such story.") from None
    if not can_edit_desk(user, story.site):
        raise PermissionDenied("Only desk editors and admins change a story's settings.")
    return story
