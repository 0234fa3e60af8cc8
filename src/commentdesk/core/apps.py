from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_save


class CoreConfig(AppConfig):
    name = "commentdesk.core"
    label = "core"
    verbose_name = "Commentdesk"

    def ready(self):
        from commentdesk.core.models import Site, Story
        from commentdesk.core.services import threads

        # The cached story snapshot (see services.threads) follows edits made anywhere.
        def story_saved(sender, instance, **kwargs):
            transaction.on_commit(lambda: threads.refresh_story_snapshot(instance.pk))

        def site_saved(sender, instance, **kwargs):
            transaction.on_commit(lambda: threads.forget_site_snapshots(instance.pk))

        post_save.connect(story_saved, sender=Story, dispatch_uid="cd_story_snapshot")
        post_save.connect(site_saved, sender=Site, dispatch_uid="cd_site_snapshot")
