"""Run in a server's environment: create a site, a story and two moderators.

``python -m tests.prod.seed`` prints the ids as JSON; ``--migrate-only`` only migrates (the
tests migrate a template database once and copy it for each test).
"""

import json
import sys

import django


def main() -> None:
    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from commentdesk.core.models import Role, Site, SiteMembership, Story, TermsRule

    call_command("migrate", interactive=False, verbosity=0)
    if "--migrate-only" in sys.argv:
        return
    site = Site.objects.create(
        name="Load",
        slug="load",
        domains=["load.example"],
        allowed_origins=["https://load.example"],
    )
    rule = TermsRule.objects.create(site=site, code="R1", title="No spam", position=1)
    story = Story.objects.create(site=site, url="https://load.example/1", title="Load story")
    users = get_user_model().objects
    for name in ("mod1", "mod2"):
        user = users.create_user(username=name, password=f"pw-{name}-long-enough")
        SiteMembership.objects.create(user=user, site=site, role=Role.MODERATOR)
    print(json.dumps({"site": site.pk, "story": story.pk, "rule": rule.pk}))  # noqa: T201


if __name__ == "__main__":
    main()
