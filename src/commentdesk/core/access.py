"""The only way a view, the API or a service gets sites and comments for a staff user.

Comments of sites a user does not moderate answer 404, not 403: their existence must not leak.
"""

from django.db.models import QuerySet
from django.http import Http404

from commentdesk.core.models import Comment, Role, Site, SiteMembership

MODERATING_ROLES = (Role.ADMIN, Role.DESK_EDITOR, Role.MODERATOR)


def moderated_sites(user) -> QuerySet[Site]:
    if not user.is_authenticated or not user.is_active:
        return Site.objects.none()
    if user.is_superuser:
        return Site.objects.all()
    return Site.objects.filter(
        memberships__user=user, memberships__role__in=MODERATING_ROLES
    ).distinct()


def can_moderate(user, site: Site) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return SiteMembership.objects.filter(user=user, site=site, role__in=MODERATING_ROLES).exists()


def comments_for_moderator(user) -> QuerySet[Comment]:
    return Comment.objects.filter(story__site__in=moderated_sites(user)).select_related(
        "story__site", "commenter", "parent"
    )


def get_comment_for_moderator(user, comment_id: int) -> Comment:
    try:
        return comments_for_moderator(user).get(pk=comment_id)
    except (Comment.DoesNotExist, ValueError, TypeError):
        raise Http404("No such comment.") from None
