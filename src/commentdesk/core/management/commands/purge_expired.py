"""Apply the retention settings now (the worker also does this on schedule)."""

from django.core.management.base import BaseCommand

from commentdesk.core.services.privacy import purge_expired


class Command(BaseCommand):
    help = "Purge network hashes and deleted (and, if configured, rejected) comment texts."

    def handle(self, *args, **options):
        purge = purge_expired()
        self.stdout.write(
            f"Purged {purge.network_hashes} network hash(es), "
            f"{purge.deleted_comments} deleted and {purge.rejected_comments} rejected "
            "comment text(s)."
        )
