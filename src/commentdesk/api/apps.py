from django.apps import AppConfig
from django.db.models.signals import post_save


class ApiConfig(AppConfig):
    name = "commentdesk.api"
    label = "api"
    verbose_name = "Public JSON API"

    def ready(self):
        from commentdesk.api.cors import forget_allowed_origins
        from commentdesk.core.models import Site

        post_save.connect(
            lambda **kwargs: forget_allowed_origins(),
            sender=Site,
            weak=False,
            dispatch_uid="cd_cors_origins",
        )
