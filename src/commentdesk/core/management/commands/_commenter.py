"""Shared by export_commenter and erase_commenter: find the commenter and the acting admin."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from commentdesk.core.models import Commenter


def add_commenter_arguments(parser) -> None:
    parser.add_argument("--id", type=int, help="The commenter's id (shown in the admin).")
    parser.add_argument("--email", help="The e-mail address the reader gave.")
    parser.add_argument("--site", help="The site's slug (with --email).")
    parser.add_argument("--actor", required=True, help="User name of the admin acting.")


def find_commenter(*, id=None, email=None, site=None) -> Commenter:  # noqa: A002
    found = Commenter.objects.select_related("site")
    if id is not None:
        found = found.filter(pk=id)
    elif email and site:
        found = found.filter(email__iexact=email.strip(), site__slug=site)
    else:
        raise CommandError("Name the commenter with --id, or with --email and --site.")
    commenter = found.first()
    if commenter is None:
        raise CommandError("No such commenter.")
    return commenter


def find_actor(username: str):
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None or not (user.is_superuser or user.is_staff):
        raise CommandError(f"{username!r} is not an active admin.")
    return user
