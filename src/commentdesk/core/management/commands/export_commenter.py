"""Print everything stored about one commenter as JSON (a reader's access request)."""

import json

from django.core.management.base import BaseCommand

from commentdesk.core.management.commands._commenter import (
    add_commenter_arguments,
    find_actor,
    find_commenter,
)
from commentdesk.core.services.privacy import export_commenter


class Command(BaseCommand):
    help = "Export a commenter's data as JSON on their request (audited)."

    def add_arguments(self, parser):
        add_commenter_arguments(parser)

    def handle(self, *args, id, email, site, actor, **options):  # noqa: A002
        commenter = find_commenter(id=id, email=email, site=site)
        data = export_commenter(commenter, actor=find_actor(actor))
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
