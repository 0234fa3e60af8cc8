"""Set up and start the demo newsroom: migrate, load demo data, serve on 127.0.0.1:8000."""

import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from commentdesk.core.models import Story
from commentdesk.demo import loader
from commentdesk.demo.publisher import write_pages


class Command(BaseCommand):
    help = "Create the database, load the demo newsroom and serve it."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--publisher-port",
            type=int,
            default=8001,
            help="Port of the second publisher's page that embeds the widget cross-origin.",
        )
        parser.add_argument("--no-serve", action="store_true", help="Set up only.")

    def handle(self, *args, port, publisher_port, no_serve, **options):
        base = f"http://127.0.0.1:{port}"
        publisher = f"http://127.0.0.1:{publisher_port}"
        call_command("migrate", interactive=False, verbosity=0)
        site = loader.load_demo(base_url=base, publisher_port=publisher_port)
        pages = write_pages(settings.DATA_DIR / "publisher", base_url=base)
        first = Story.objects.filter(site=site).order_by("published_at").first()
        self.stdout.write(
            "\nCommentdesk demo newsroom\n"
            f"  Data directory:  {settings.DATA_DIR}\n"
            f"  Newsroom:        {base}/\n"
            f"  Story page:      {base}/news/ngo-letter/\n"
            f"  Other publisher: {publisher}/ngo-letter.html  (embeds the widget cross-origin)\n"
            f"  Comments page:   {base}/comments/{first.pk}/\n"
            f"  Moderator desk:  {base}/desk/  (user {loader.MODERATOR[0]!r}, "
            f"password {loader.MODERATOR[1]!r})\n"
            f"  Admin:           {base}/admin/  (user {loader.ADMIN[0]!r}, "
            f"password {loader.ADMIN[1]!r})\n"
        )
        if not no_serve:
            # A tiny static server for the second publisher; it stops when the demo stops.
            subprocess.Popen(  # noqa: S603 (fixed argv, no shell)
                [
                    sys.executable,
                    "-m",
                    "commentdesk.demo.publisher",
                    "--directory",
                    str(pages),
                    "--port",
                    str(publisher_port),
                ]
            )
            call_command("serve", bind=f"127.0.0.1:{port}", workers=2)
