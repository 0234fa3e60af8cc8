"""The ``commentdesk`` console command: Django's management commands, with our settings.

``commentdesk demo`` loads the demo newsroom and serves it; ``commentdesk serve`` runs the
production server; every other Django command (migrate, createsuperuser, ...) works too.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] == "demo":
        # The demo runs on plain HTTP on this machine and shows the demo newsroom.
        os.environ.setdefault("COMMENTDESK_DEMO", "1")
        os.environ.setdefault("COMMENTDESK_HTTPS", "0")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commentdesk.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
