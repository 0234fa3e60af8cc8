from functools import partial

from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_save


def _refresh_story(sender, instance, **kwargs):
    from commentdesk.core.services.threads import refresh_story_snapshot

    transaction.on_commit(partial(refresh_story_snapshot, instance.pk))


def _forget_site(sender, instance, **kwargs):
    from commentdesk.core.services.threads import forget_site_snapshots

    transaction.on_commit(partial(forget_site_snapshots, instance.pk))


class CoreConfig(AppConfig):
    name = "commentdesk.core"
    label = "core"
    verbose_name = "Commentdesk"

    def ready(self):
        from commentdesk.core.models import Site, Story

        # The cached story snapshot (see services.threads) follows edits made anywhere.
        post_save.connect(_refresh_story, sender=Story, dispatch_uid="cd_story_snapshot")
        post_save.connect(_forget_site, sender=Site, dispatch_uid="cd_site_snapshot")
