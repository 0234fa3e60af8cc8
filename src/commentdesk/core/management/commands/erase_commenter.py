"""Erase one commenter's data on their request (audited)."""

from django.core.management.base import BaseCommand

from commentdesk.core.management.commands._commenter import (
    add_commenter_arguments,
    find_actor,
    find_commenter,
)
from commentdesk.core.services.privacy import erase_commenter


class Command(BaseCommand):
    help = "Erase a commenter's names, e-mail and comment texts on their request (audited)."

    def add_arguments(self, parser):
        add_commenter_arguments(parser)
        parser.add_argument("--note", default="", help="Why: the request's reference.")

    def handle(self, *args, id, email, site, actor, note, **options):  # noqa: A002
        commenter = find_commenter(id=id, email=email, site=site)
        erasure = erase_commenter(commenter, actor=find_actor(actor), note=note)
        self.stdout.write(
            f"Erased commenter #{erasure.commenter_id} and {erasure.comments} comment(s)."
        )
